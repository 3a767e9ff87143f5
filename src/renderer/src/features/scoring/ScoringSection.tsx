import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { EvidenceItem, MySheet, SheetEntry } from '../../../../shared/api';
import type { Score } from '../../../../shared/scoring';
import { allCriteria, type Standard } from '../../../../shared/standard/schema';
import { ApiCallError, errorDetails, useCall, useConnectedClient } from '../../app/client-context';
import { Button } from '../../ui/Button';
import { ErrorNotice, ProgressBar, StatusNotice } from '../../ui/feedback';
import { CheckboxField, ChoiceGroup, TextField } from '../../ui/fields';
import { Page } from '../../ui/Page';
import {
  caseKeys,
  useCaseProgress,
  useCaseStandard,
  useEvidence,
  useOpenCase,
  usePanel,
} from '../case/useCase';
import { AutosaveQueue, type SaveState } from './autosave';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ActionButton } from '../../ui/ActionButton';
import { rationaleRequired, scoreChoices, scoreName, scoreToValue, valueToScore } from './scores';
import './scoring.css';

/** How long typing must pause before a draft is saved. */
const AUTOSAVE_DELAY_MS = 600;

interface Draft {
  score: Score | null;
  rationale: string;
  evidenceIds: string[];
}

const EMPTY_DRAFT: Draft = { score: null, rationale: '', evidenceIds: [] };

/** Scoring: the signed-in member scores every criterion on their own, then submits their sheet. */
export function ScoringSection({ caseId }: { caseId: string }) {
  const openCase = useOpenCase(caseId);
  const signedIn = openCase.data?.signedIn ?? null;

  if (openCase.isPending) return <p role="status">Loading…</p>;
  if (!signedIn) {
    return (
      <Page title="Scoring">
        <p>Sign in with your name and PIN to score.</p>
      </Page>
    );
  }
  if (signedIn.role === 'observer') {
    return (
      <Page title="Scoring">
        <StatusNotice>
          You are an observer on this panel, so you do not score. You can follow the panel’s work in
          moderation.
        </StatusNotice>
      </Page>
    );
  }
  return (
    <MemberScoring
      key={signedIn.memberId}
      caseId={caseId}
      memberId={signedIn.memberId}
      isLead={signedIn.role === 'lead'}
    />
  );
}

function MemberScoring({ caseId, memberId, isLead }: { caseId: string; memberId: string; isLead: boolean }) {
  const call = useCall();
  const progress = useCaseProgress(caseId);
  const standard = useCaseStandard(caseId);
  const evidence = useEvidence(caseId);
  const panel = usePanel(caseId);
  const scoringOpen = progress.data !== undefined && progress.data.phase !== 'preparing';
  const sheet = useQuery({
    queryKey: caseKeys.mySheet(caseId, memberId),
    queryFn: () => call('scoring.mySheet', { caseId }),
    enabled: scoringOpen,
  });

  if (progress.isError) return <SectionError message={progress.error.message} />;
  if (progress.isPending) return <Loading />;
  if (!scoringOpen) {
    const stage = progress.data.stages.find((s) => s.name === 'scoring');
    return (
      <ScoringNotOpen
        caseId={caseId}
        isLead={isLead}
        explanation={stage?.explanation ?? 'Scoring has not opened yet.'}
      />
    );
  }
  if (sheet.isError) return <SectionError message={sheet.error.message} />;
  if (standard.isError) return <SectionError message={standard.error.message} />;
  if (sheet.isPending || standard.isPending) return <Loading />;

  if (sheet.data.status === 'submitted') {
    return (
      <SubmittedSheet
        standard={standard.data}
        sheet={sheet.data}
        moderationOpen={progress.data.phase !== 'scoring'}
      />
    );
  }
  if (sheet.data.status === 'excluded') {
    const me = panel.data?.find((m) => m.id === memberId);
    return (
      <Page title="Scoring">
        <StatusNotice>The lead assessor has left your score sheet out of moderation.</StatusNotice>
        {me?.sheet.exclusionReason && (
          <p>
            <strong>Their reason:</strong> {me.sheet.exclusionReason}
          </p>
        )}
      </Page>
    );
  }
  if (progress.data.phase !== 'scoring') {
    return (
      <Page title="Scoring">
        <StatusNotice>
          Scoring has finished for this case. Your score sheet was not submitted, so it is not part of
          moderation.
        </StatusNotice>
      </Page>
    );
  }
  return (
    <ScoreSheetEditor
      caseId={caseId}
      memberId={memberId}
      standard={standard.data}
      sheet={sheet.data}
      evidence={evidence.data ?? []}
      evidenceError={evidence.isError ? evidence.error.message : null}
    />
  );
}

function Loading() {
  return (
    <Page title="Scoring">
      <p role="status">Loading your score sheet…</p>
    </Page>
  );
}

function SectionError({ message }: { message: string }) {
  return (
    <Page title="Scoring">
      <ErrorNotice title="Your score sheet could not be shown" message={message} />
    </Page>
  );
}

/** Before scoring opens: why not, and for the lead, the button that opens it. */
function ScoringNotOpen({
  caseId,
  isLead,
  explanation,
}: {
  caseId: string;
  isLead: boolean;
  explanation: string;
}) {
  const call = useCall();
  const queryClient = useQueryClient();
  const open = useMutation({
    mutationFn: () => call('scoring.open', { caseId }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: caseKeys.all(caseId) }),
  });
  return (
    <Page title="Scoring">
      <StatusNotice>Scoring has not opened yet.</StatusNotice>
      <p>{explanation}</p>
      {isLead && (
        <>
          <p>When the panel is ready, open scoring so that each member can score on their own.</p>
          <ActionButton
            label="Open scoring"
            pendingLabel="Opening scoring…"
            failedTitle="Scoring did not open"
            isPending={open.isPending}
            error={open.error}
            onPress={() => open.mutate()}
          />
        </>
      )}
    </Page>
  );
}

function entryDraft(entry: SheetEntry | undefined): Draft {
  return entry
    ? { score: entry.score, rationale: entry.rationale, evidenceIds: entry.evidenceIds }
    : EMPTY_DRAFT;
}

function ScoreSheetEditor({
  caseId,
  memberId,
  standard,
  sheet,
  evidence,
  evidenceError,
}: {
  caseId: string;
  memberId: string;
  standard: Standard;
  sheet: MySheet;
  evidence: EvidenceItem[];
  evidenceError: string | null;
}) {
  const queryClient = useQueryClient();
  const sheetKey = caseKeys.mySheet(caseId, memberId);
  const criteria = useMemo(() => allCriteria(standard), [standard]);
  const total = criteria.length;

  const [drafts, setDrafts] = useState<Record<string, Draft>>(() =>
    Object.fromEntries(
      criteria.map((c) => [c.id, entryDraft(sheet.entries.find((e) => e.criterionId === c.id))]),
    ),
  );
  const [saveStates, setSaveStates] = useState<Record<string, SaveState>>(() =>
    Object.fromEntries(
      sheet.entries.filter((e) => e.updatedAt).map((e) => [e.criterionId, { kind: 'saved' } as SaveState]),
    ),
  );
  const [index, setIndex] = useState(() => {
    const firstUnscored = criteria.findIndex(
      (c) => !sheet.entries.some((e) => e.criterionId === c.id && e.score !== null),
    );
    return firstUnscored === -1 ? 0 : firstUnscored;
  });

  // The autosave queue lives as long as the editor; the connected client lives as long as the app.
  const { client } = useConnectedClient();
  const [queue] = useState(
    () =>
      new AutosaveQueue<Draft>({
        delayMs: AUTOSAVE_DELAY_MS,
        save: async (criterionId, draft) => {
          const result = await client.call('scoring.saveScore', { caseId, criterionId, ...draft });
          if (!result.ok) throw new ApiCallError(result.error);
          void queryClient.invalidateQueries({ queryKey: sheetKey });
        },
        onState: (criterionId, state) => setSaveStates((states) => ({ ...states, [criterionId]: state })),
      }),
  );
  // Leaving the section saves whatever is still waiting.
  useEffect(() => () => void queue.flush(), [queue]);

  const headingRef = useRef<HTMLHeadingElement>(null);
  const submitHeadingRef = useRef<HTMLHeadingElement>(null);
  const focusCriterion = useRef(false);
  useEffect(() => {
    if (focusCriterion.current) {
      focusCriterion.current = false;
      headingRef.current?.focus();
    }
  }, [index]);

  const criterion = criteria[index];
  if (!criterion) return null;
  const statement = standard.statements.find((s) => s.number === criterion.statementNumber);
  const draft = drafts[criterion.id] ?? EMPTY_DRAFT;
  const scoredCount = criteria.filter((c) => (drafts[c.id] ?? EMPTY_DRAFT).score !== null).length;

  const update = (patch: Partial<Draft>) => {
    const next = { ...draft, ...patch };
    setDrafts((all) => ({ ...all, [criterion.id]: next }));
    queue.change(criterion.id, next);
  };
  const goTo = (target: number) => {
    if (target < 0 || target >= total) return;
    void queue.flush(criterion.id);
    if (target === index) {
      headingRef.current?.focus();
      return;
    }
    focusCriterion.current = true;
    setIndex(target);
  };

  const evidenceInOrder = [...evidence].sort(
    (a, b) => Number(b.criteria.includes(criterion.id)) - Number(a.criteria.includes(criterion.id)),
  );
  const required = rationaleRequired(draft.score);

  return (
    <Page
      title="Scoring"
      intro={
        <p>
          Score each criterion on your own. Your answers are saved as you go. Nobody else can see your scores
          until the lead assessor opens moderation.
        </p>
      }
    >
      <div className="scoring-progress">
        <ProgressBar label={`${scoredCount} of ${total} scored`} value={scoredCount} total={total} />
      </div>

      <section className="criterion-card" aria-labelledby="criterion-heading">
        <h2 id="criterion-heading" ref={headingRef} tabIndex={-1} className="criterion-heading">
          <span className="criterion-position">
            Criterion {index + 1} of {total}
            <span className="visually-hidden">:</span>
          </span>{' '}
          <span className="criterion-title">
            {criterion.id} {criterion.title}
          </span>
        </h2>
        {statement && (
          <div className="statement-context">
            <p className="statement-label">I Statement {statement.number}</p>
            <blockquote className="scoring-statement-text">
              <p>“{statement.text}”</p>
            </blockquote>
          </div>
        )}
        {criterion.mustHave && (
          <p className="must-have">
            <strong>Must-have criterion.</strong> The level awarded depends on this one.
          </p>
        )}
        <h3>What good looks like</h3>
        <p>{criterion.whatGoodLooksLike}</p>
        <h3>Questions to ask of the evidence</h3>
        <ul className="evidence-prompts">
          {criterion.evidencePrompts.map((prompt) => (
            <li key={prompt}>{prompt}</li>
          ))}
        </ul>

        <div className="score-fields">
          <ChoiceGroup
            key={`score-${criterion.id}`}
            label={`Your score for ${criterion.id}`}
            description="Choose the level the evidence shows. Each level builds on the one before."
            choices={scoreChoices(standard, criterion)}
            value={scoreToValue(draft.score)}
            onChange={(value) => update({ score: valueToScore(value) })}
          />
          <TextField
            key={`rationale-${criterion.id}`}
            label="Rationale"
            description={
              required
                ? `Required for a score of ${draft.score === 0 ? '0' : '3'}: say what in the evidence led you to it.`
                : 'Why you chose this score. Required for a score of 0 or 3.'
            }
            isRequired={required}
            validationBehavior="aria"
            multiline
            rows={4}
            value={draft.rationale}
            onChange={(rationale) => update({ rationale })}
            // Leaving the box (for example to hand over) saves at once rather than after the pause.
            onBlur={() => void queue.flush(criterion.id)}
          />
          <fieldset className="evidence-links">
            <legend className="field-label">Evidence you relied on</legend>
            {evidenceError && (
              <ErrorNotice title="The evidence register could not be shown" message={evidenceError} />
            )}
            {!evidenceError && evidence.length === 0 && <p>The evidence register is empty.</p>}
            <div className="evidence-choices">
              {evidenceInOrder.map((item) => (
                <CheckboxField
                  key={item.id}
                  label={item.title}
                  description={
                    item.criteria.includes(criterion.id)
                      ? `Listed in the register for ${criterion.id}`
                      : undefined
                  }
                  isSelected={draft.evidenceIds.includes(item.id)}
                  onChange={(selected) =>
                    update({
                      evidenceIds: selected
                        ? [...draft.evidenceIds, item.id]
                        : draft.evidenceIds.filter((id) => id !== item.id),
                    })
                  }
                />
              ))}
            </div>
          </fieldset>
          <SaveStatus
            key={`save-${criterion.id}`}
            state={saveStates[criterion.id] ?? { kind: 'idle' }}
            onRetry={() => void queue.retry(criterion.id)}
          />
        </div>
      </section>

      <div className="criterion-nav">
        <Button onPress={() => goTo(index - 1)} isDisabled={index === 0}>
          Previous criterion
        </Button>
        {index < total - 1 ? (
          <Button variant="primary" onPress={() => goTo(index + 1)}>
            Next criterion
          </Button>
        ) : (
          <Button
            variant="primary"
            onPress={() => {
              void queue.flush(criterion.id);
              submitHeadingRef.current?.focus();
            }}
          >
            Go to submit
          </Button>
        )}
      </div>

      <CriteriaJumpList
        standard={standard}
        drafts={drafts}
        saveStates={saveStates}
        currentId={criterion.id}
        onJump={(id) => goTo(criteria.findIndex((c) => c.id === id))}
      />

      <SubmitSheet
        caseId={caseId}
        sheet={sheet}
        standard={standard}
        scoredCount={scoredCount}
        total={total}
        headingRef={submitHeadingRef}
        beforeSubmit={async () => {
          await queue.flush();
          if (queue.failedKeys().length > 0 || queue.hasUnsaved()) {
            throw new Error(
              `Some of your answers are not saved yet (${queue.failedKeys().join(', ')}). Try saving them again, then submit.`,
            );
          }
        }}
        onRefused={() => queryClient.invalidateQueries({ queryKey: sheetKey })}
        onGoTo={(id) => goTo(criteria.findIndex((c) => c.id === id))}
      />
    </Page>
  );
}

/** "Saved" / "Saving…" / "Not saved — why", read out politely as it changes. */
function SaveStatus({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  return (
    <div className={`save-status save-status-${state.kind}`}>
      <p role="status" className="save-status-text">
        {state.kind === 'idle' && 'Your answers are saved as you go.'}
        {state.kind === 'saving' && 'Saving…'}
        {state.kind === 'saved' && (
          <>
            <span aria-hidden="true">✓ </span>Saved
          </>
        )}
        {state.kind === 'failed' && (
          <>
            <span aria-hidden="true">⚠ </span>Not saved — {state.reason}
          </>
        )}
      </p>
      {state.kind === 'failed' && <Button onPress={onRetry}>Try saving again</Button>}
    </div>
  );
}

function CriteriaJumpList({
  standard,
  drafts,
  saveStates,
  currentId,
  onJump,
}: {
  standard: Standard;
  drafts: Record<string, Draft>;
  saveStates: Record<string, SaveState>;
  currentId: string;
  onJump: (criterionId: string) => void;
}) {
  return (
    <nav className="criteria-jump" aria-labelledby="criteria-jump-heading">
      <h2 id="criteria-jump-heading">All criteria</h2>
      {standard.statements.map((statement) => (
        <div key={statement.number} className="jump-group">
          <h3 className="jump-statement">I Statement {statement.number}</h3>
          <ol className="jump-list">
            {statement.criteria.map((c) => {
              const scored = (drafts[c.id] ?? EMPTY_DRAFT).score !== null;
              const failed = saveStates[c.id]?.kind === 'failed';
              return (
                <li key={c.id}>
                  <button
                    type="button"
                    className={`jump-link${scored ? ' jump-link-scored' : ''}`}
                    aria-current={c.id === currentId ? 'step' : undefined}
                    onClick={() => onJump(c.id)}
                  >
                    <span className="jump-mark" aria-hidden="true">
                      {scored ? '✓' : '○'}
                    </span>
                    <span className="jump-text">
                      <span className="jump-title">
                        {c.id} {c.title}
                      </span>
                      <span className="jump-state">
                        {scored ? 'Scored' : 'Not scored'}
                        {failed ? ', not saved' : ''}
                        {c.id === currentId ? ' (showing now)' : ''}
                      </span>
                    </span>
                  </button>
                </li>
              );
            })}
          </ol>
        </div>
      ))}
    </nav>
  );
}

function SubmitSheet({
  caseId,
  sheet,
  standard,
  scoredCount,
  total,
  headingRef,
  beforeSubmit,
  onRefused,
  onGoTo,
}: {
  caseId: string;
  sheet: MySheet;
  standard: Standard;
  scoredCount: number;
  total: number;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  beforeSubmit: () => Promise<void>;
  onRefused: () => void;
  onGoTo: (criterionId: string) => void;
}) {
  const call = useCall();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const submit = useMutation({
    mutationFn: async () => {
      await beforeSubmit();
      return call('scoring.submitSheet', { caseId });
    },
    onSuccess: () => {
      setConfirming(false);
      return queryClient.invalidateQueries({ queryKey: caseKeys.all(caseId) });
    },
    onError: () => {
      setConfirming(false);
      onRefused();
    },
  });
  const titles = new Map(allCriteria(standard).map((c) => [c.id, c.title]));
  const remaining = total - scoredCount;
  const problems = submit.isError ? sheet.problems : [];

  return (
    <section className="submit-sheet" aria-labelledby="submit-heading">
      <h2 id="submit-heading" ref={headingRef} tabIndex={-1}>
        Submit your score sheet
      </h2>
      <p>
        You have scored {scoredCount} of {total} criteria.
        {remaining > 0 ? ` ${remaining} still to score.` : ' Every criterion has a score.'}
      </p>
      <p>
        When you are happy with every score, submit your sheet. You cannot change your scores after you
        submit.
      </p>
      {submit.isError && (
        <ErrorNotice
          title="Your score sheet was not submitted"
          message={submit.error.message}
          details={problems.length === 0 ? errorDetails(submit.error) : undefined}
        />
      )}
      {problems.length > 0 && (
        <div className="sheet-problems">
          <h3>What needs attention</h3>
          <ul className="plain-list">
            {problems.map((p) => (
              <li key={p.criterionId} className="list-row">
                <span>
                  <strong>
                    {p.criterionId} {titles.get(p.criterionId) ?? ''}
                  </strong>
                  : {p.problem}
                </span>
                <Button variant="link" onPress={() => onGoTo(p.criterionId)}>
                  Go to {p.criterionId}
                </Button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <Button variant="primary" onPress={() => setConfirming(true)}>
        Submit my score sheet
      </Button>
      <ConfirmDialog
        isOpen={confirming}
        onOpenChange={(open) => {
          if (!submit.isPending) setConfirming(open);
        }}
        title="Submit your score sheet?"
        confirmLabel="Yes, submit my score sheet"
        onConfirm={() => submit.mutate()}
        isPending={submit.isPending}
        pendingLabel="Submitting…"
      >
        <p>
          <strong>You cannot change your scores after you submit.</strong>
        </p>
        <p>
          You have scored {scoredCount} of {total} criteria.
          {remaining > 0
            ? ` ${remaining} ${remaining === 1 ? 'criterion has' : 'criteria have'} no score yet.`
            : ''}
        </p>
      </ConfirmDialog>
    </section>
  );
}

/** After submitting: a calm confirmation, and the member's own scores to read back. */
function SubmittedSheet({
  standard,
  sheet,
  moderationOpen,
}: {
  standard: Standard;
  sheet: MySheet;
  moderationOpen: boolean;
}) {
  const criteria = allCriteria(standard);
  return (
    <Page title="Your score sheet is submitted">
      <StatusNotice tone="success">
        {moderationOpen
          ? 'Thank you. Moderation has opened, so the panel now sees everyone’s scores side by side.'
          : 'Thank you. Your scores are sealed: nobody else sees them until the lead assessor opens moderation.'}
      </StatusNotice>
      <p>
        You scored {sheet.scoredCount} of {sheet.criteriaCount} criteria. You cannot change your scores now.
        If something needs correcting, tell the lead assessor.
      </p>
      <h2>Your scores</h2>
      <div className="table-scroll" role="region" aria-label="Your scores" tabIndex={0}>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Criterion</th>
              <th scope="col">Your score</th>
              <th scope="col">Your rationale</th>
            </tr>
          </thead>
          <tbody>
            {criteria.map((c) => {
              const entry = sheet.entries.find((e) => e.criterionId === c.id);
              return (
                <tr key={c.id}>
                  <th scope="row">
                    {c.id} {c.title}
                  </th>
                  <td>
                    {entry?.score === null || entry === undefined
                      ? 'Not scored'
                      : scoreName(standard, entry.score)}
                  </td>
                  <td>{entry?.rationale || 'None given'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Page>
  );
}

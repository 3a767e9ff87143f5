import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { ROLE_NAMES, SCORING_ROLES, type ModerationView, type PanelMember } from '../../../../shared/api';
import { describeAlpha } from '../../../../shared/scoring/agreement';
import type { Standard } from '../../../../shared/standard/schema';
import { errorDetails, useCall } from '../../app/client-context';
import { Button } from '../../ui/Button';
import { ErrorNotice, StatusNotice } from '../../ui/feedback';
import { TextField } from '../../ui/fields';
import { formatDateTime } from '../../ui/format';
import { Page } from '../../ui/Page';
import { caseKeys, useCaseProgress, useCaseStandard, useOpenCase, usePanel } from '../case/useCase';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { CriterionDiscussion } from './CriterionDiscussion';
import { ScoresTable } from './ScoresTable';
import { PaperSheets } from './PaperSheets';
import { ActionButton } from '../../ui/ActionButton';
import './moderation.css';

const MODERATION_PHASES = new Set(['moderation', 'moderation_closed', 'decided']);

/** Moderation: the panel sees every score side by side, talks, and the lead records the agreed scores. */
export function ModerationSection({ caseId }: { caseId: string }) {
  const call = useCall();
  const openCase = useOpenCase(caseId);
  const progress = useCaseProgress(caseId);
  const panel = usePanel(caseId);
  const standard = useCaseStandard(caseId);
  const started = progress.data !== undefined && MODERATION_PHASES.has(progress.data.phase);
  const view = useQuery({
    queryKey: caseKeys.moderation(caseId),
    queryFn: () => call('moderation.view', { caseId }),
    enabled: started,
  });
  const isLead = openCase.data?.signedIn?.role === 'lead';

  if (progress.isError) return <SectionError message={progress.error.message} />;
  if (progress.isPending || openCase.isPending) return <Loading />;
  if (!started)
    return (
      <BeforeModeration
        caseId={caseId}
        isLead={isLead}
        members={panel.data}
        panelError={panel.isError ? panel.error.message : null}
      />
    );
  if (view.isError) return <SectionError message={view.error.message} />;
  if (standard.isError) return <SectionError message={standard.error.message} />;
  if (view.isPending || standard.isPending) return <Loading />;
  return (
    <ModerationInProgress
      caseId={caseId}
      isLead={isLead}
      view={view.data}
      standard={standard.data}
      members={panel.data ?? []}
      canDissent={openCase.data?.signedIn !== null && openCase.data?.signedIn !== undefined}
    />
  );
}

function Loading() {
  return (
    <Page title="Moderation">
      <p role="status">Loading moderation…</p>
    </Page>
  );
}

function SectionError({ message }: { message: string }) {
  return (
    <Page title="Moderation">
      <ErrorNotice title="Moderation could not be shown" message={message} />
    </Page>
  );
}

function sheetWords(member: PanelMember): string {
  if (!(SCORING_ROLES as readonly string[]).includes(member.role)) return 'Does not score';
  const { status, scoredCount, criteriaCount, exclusionReason, enteredFromPaper } = member.sheet;
  switch (status) {
    case 'submitted':
      return enteredFromPaper ? 'Submitted (entered from a paper sheet)' : 'Submitted';
    case 'in_progress':
      return `Not submitted yet: ${scoredCount} of ${criteriaCount} scored`;
    case 'not_started':
      return 'Not started';
    case 'excluded':
      return `Left out of moderation${exclusionReason ? `: ${exclusionReason}` : ''}`;
  }
}

/** Before moderation opens: who has submitted, and for the lead, the button that opens it. */
function BeforeModeration({
  caseId,
  isLead,
  members,
  panelError,
}: {
  caseId: string;
  isLead: boolean;
  members: PanelMember[] | undefined;
  panelError: string | null;
}) {
  const call = useCall();
  const queryClient = useQueryClient();
  const open = useMutation({
    mutationFn: () => call('moderation.open', { caseId }),
    onSuccess: (view) => {
      queryClient.setQueryData(caseKeys.moderation(caseId), view);
      return queryClient.invalidateQueries({ queryKey: caseKeys.all(caseId) });
    },
  });
  const scorers = (members ?? []).filter((m) => (SCORING_ROLES as readonly string[]).includes(m.role));
  const ready = scorers.filter((m) => m.sheet.status === 'submitted' || m.sheet.status === 'excluded').length;
  const standard = useCaseStandard(caseId);
  const scoringOpen = useCaseProgress(caseId).data?.phase === 'scoring';
  const waiting = scorers.filter((m) => m.sheet.status === 'not_started' || m.sheet.status === 'in_progress');

  return (
    <Page title="Moderation">
      <StatusNotice>Moderation has not opened yet.</StatusNotice>
      {isLead ? (
        <p>
          When every scoring member has submitted their score sheet, open moderation. The panel will then see
          everyone’s scores side by side, and the scores can no longer be changed.
        </p>
      ) : (
        <p>
          The lead assessor opens moderation when everyone has submitted their score sheet. Until then, nobody
          sees anyone else’s scores.
        </p>
      )}
      <h2 id="sheets-heading">Score sheets</h2>
      {panelError && <ErrorNotice title="The panel could not be shown" message={panelError} />}
      {members && (
        <>
          <p>
            {ready} of {scorers.length} scoring {scorers.length === 1 ? 'member has' : 'members have'}{' '}
            submitted
            {scorers.some((m) => m.sheet.status === 'excluded') ? ' or been left out' : ''}.
          </p>
          <div className="table-scroll" role="region" aria-labelledby="sheets-heading" tabIndex={0}>
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Role</th>
                  <th scope="col">Score sheet</th>
                </tr>
              </thead>
              <tbody>
                {members.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">{m.name}</th>
                    <td>{ROLE_NAMES[m.role]}</td>
                    <td>
                      {m.sheet.status === 'submitted' && <span aria-hidden="true">✓ </span>}
                      {sheetWords(m)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {isLead && scoringOpen && standard.data && (
        <PaperSheets caseId={caseId} standard={standard.data} waiting={waiting} />
      )}
      {isLead && (
        <div className="moderation-actions">
          <ActionButton
            label="Open moderation"
            pendingLabel="Opening moderation…"
            failedTitle="Moderation did not open"
            isPending={open.isPending}
            error={open.error}
            onPress={() => open.mutate()}
          />
        </div>
      )}
    </Page>
  );
}

function ModerationInProgress({
  caseId,
  isLead,
  view,
  standard,
  members,
  canDissent,
}: {
  caseId: string;
  isLead: boolean;
  view: ModerationView;
  standard: Standard;
  members: PanelMember[];
  canDissent: boolean;
}) {
  const criteria = view.summary.criteria;
  const [selectedId, setSelectedId] = useState<string | null>(
    () =>
      criteria.find((c) => !view.agreed.some((a) => a.criterionId === c.criterionId))?.criterionId ??
      criteria[0]?.criterionId ??
      null,
  );
  const discussionRef = useRef<HTMLHeadingElement>(null);
  const focusDiscussion = useRef(false);
  useEffect(() => {
    if (focusDiscussion.current) {
      focusDiscussion.current = false;
      discussionRef.current?.focus();
    }
  }, [selectedId]);
  const select = (criterionId: string) => {
    focusDiscussion.current = true;
    setSelectedId(criterionId);
    if (criterionId === selectedId) discussionRef.current?.focus();
  };
  const nameOf = (idOrName: string) => members.find((m) => m.id === idOrName)?.name ?? idOrName;
  const open = view.state === 'open';
  const agreedCount = criteria.filter((c) => view.agreed.some((a) => a.criterionId === c.criterionId)).length;
  const selectedIndex = criteria.findIndex((c) => c.criterionId === selectedId);
  const selected = criteria[selectedIndex];

  return (
    <Page
      title={open ? 'Moderation is open' : 'Moderation is closed'}
      intro={
        open ? (
          <p>
            Everyone’s scores are shown side by side. Talk through the criteria where the panel differs (they
            come first), then the lead assessor records the agreed score and why. Everyone’s original scores
            are kept.
          </p>
        ) : (
          <p>
            The agreed scores are locked. The lead assessor can reopen moderation, with a reason, if something
            needs to change.
          </p>
        )
      }
    >
      <Agreement view={view} agreedCount={agreedCount} />

      <h2 id="scores-heading">Scores side by side</h2>
      <p>
        Each column is one member’s score. The dots show the spread on the 0 to 3 scale, with a dashed line at
        the median. Divergent criteria are marked and listed first.
      </p>
      <ScoresTable
        view={view}
        standard={standard}
        selectedId={selectedId}
        onDiscuss={select}
        nameOf={nameOf}
      />

      {selected && (
        <CriterionDiscussion
          key={selected.criterionId}
          caseId={caseId}
          row={selected}
          position={selectedIndex + 1}
          total={criteria.length}
          standard={standard}
          view={view}
          isLead={isLead}
          canDissent={canDissent}
          headingRef={discussionRef}
          nameOf={nameOf}
          onPrevious={
            selectedIndex > 0 ? () => select(criteria[selectedIndex - 1]?.criterionId ?? '') : undefined
          }
          onNext={
            selectedIndex < criteria.length - 1
              ? () => select(criteria[selectedIndex + 1]?.criterionId ?? '')
              : undefined
          }
        />
      )}

      {isLead && (
        <CloseOrReopen caseId={caseId} open={open} agreedCount={agreedCount} total={criteria.length} />
      )}

      <History view={view} nameOf={nameOf} />
    </Page>
  );
}

/** Krippendorff's alpha for the panel, in numbers and in words. */
function Agreement({ view, agreedCount }: { view: ModerationView; agreedCount: number }) {
  const { ordinal } = view.summary.agreement;
  const total = view.summary.criteria.length;
  return (
    <section className="agreement" aria-labelledby="agreement-heading">
      <h2 id="agreement-heading">How much the panel agreed</h2>
      {ordinal.alpha === null ? (
        <p>{ordinal.explanation}</p>
      ) : (
        <>
          <p className="agreement-figure">
            Krippendorff’s alpha (ordinal): <strong>{ordinal.alpha.toFixed(2)}</strong>
          </p>
          <p className="agreement-words">{describeAlpha(ordinal.alpha)}</p>
        </>
      )}
      <details className="agreement-more">
        <summary>What this number means</summary>
        <p>
          Alpha measures how alike the panel’s scores are, beyond what chance alone would give. 1 means
          everyone gave the same scores; 0 means no more agreement than chance. 0.80 or more is high
          agreement; between 0.67 and 0.80 is moderate; below 0.67 the panel should talk through where it
          differs. “Not enough evidence” and missing scores are left out of the number.
        </p>
        <p>
          It is worked out over {ordinal.pairableUnits}{' '}
          {ordinal.pairableUnits === 1 ? 'criterion' : 'criteria'} that two or more members scored.
        </p>
      </details>
      <ul className="agreement-facts">
        <li>
          {view.summary.divergentCount === 0
            ? 'No criterion is divergent.'
            : `${view.summary.divergentCount} of ${total} ${total === 1 ? 'criterion is' : 'criteria are'} divergent: the scores are 2 or more points apart.`}
        </li>
        <li>
          {agreedCount} of {total} criteria have an agreed score.
        </li>
      </ul>
    </section>
  );
}

function CloseOrReopen({
  caseId,
  open,
  agreedCount,
  total,
}: {
  caseId: string;
  open: boolean;
  agreedCount: number;
  total: number;
}) {
  const call = useCall();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<'close' | 'reopen' | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  const [done, setDone] = useState<string | null>(null);
  const refresh = (view: ModerationView) => {
    queryClient.setQueryData(caseKeys.moderation(caseId), view);
    return queryClient.invalidateQueries({ queryKey: caseKeys.all(caseId) });
  };
  const close = useMutation({
    mutationFn: () => call('moderation.close', { caseId }),
    onSuccess: async (view) => {
      setDialog(null);
      setDone('Moderation is closed. The agreed scores are locked, and the panel can go on to the decision.');
      await refresh(view);
    },
  });
  const reopen = useMutation({
    mutationFn: () => call('moderation.reopen', { caseId, reason }),
    onSuccess: async (view) => {
      setDialog(null);
      setReason('');
      setDone('Moderation is open again. The reason is kept in the history.');
      await refresh(view);
    },
  });
  const remaining = total - agreedCount;

  return (
    <section className="moderation-finish" aria-labelledby="finish-heading">
      <h2 id="finish-heading">{open ? 'Close moderation' : 'Reopen moderation'}</h2>
      {done && <StatusNotice tone="success">{done}</StatusNotice>}
      {open ? (
        <>
          <p>
            When the panel has agreed a score for every criterion, close moderation. This locks the agreed
            scores so the panel can decide the level.{' '}
            {remaining > 0
              ? `${remaining} ${remaining === 1 ? 'criterion has' : 'criteria have'} no agreed score yet.`
              : ''}
          </p>
          <Button
            variant="primary"
            onPress={() => {
              close.reset();
              setDialog('close');
            }}
          >
            Close moderation
          </Button>
        </>
      ) : (
        <>
          <p>
            If something needs to change, reopen moderation and say why. The reason is kept in the history.
          </p>
          <Button
            onPress={() => {
              reopen.reset();
              setReasonError(undefined);
              setDialog('reopen');
            }}
          >
            Reopen moderation
          </Button>
        </>
      )}
      <ConfirmDialog
        isOpen={dialog === 'close'}
        onOpenChange={(isOpen) => {
          if (!isOpen && !close.isPending) setDialog(null);
        }}
        title="Close moderation?"
        confirmLabel="Yes, close moderation"
        onConfirm={() => close.mutate()}
        isPending={close.isPending}
        pendingLabel="Closing moderation…"
        error={
          close.isError
            ? {
                title: 'Moderation was not closed',
                message: close.error.message,
                details: errorDetails(close.error),
              }
            : null
        }
      >
        <p>
          The agreed scores will be locked and the panel can go on to the decision. You can reopen moderation
          later, with a reason.
        </p>
        {remaining > 0 && (
          <p>
            <strong>
              {remaining} {remaining === 1 ? 'criterion has' : 'criteria have'} no agreed score yet.
            </strong>
          </p>
        )}
      </ConfirmDialog>
      <ConfirmDialog
        role="dialog"
        isOpen={dialog === 'reopen'}
        onOpenChange={(isOpen) => {
          if (!isOpen && !reopen.isPending) setDialog(null);
        }}
        title="Reopen moderation"
        confirmLabel="Reopen moderation"
        onConfirm={() => {
          if (reason.trim() === '') {
            setReasonError('Give a reason for reopening moderation.');
            return;
          }
          reopen.mutate();
        }}
        isPending={reopen.isPending}
        pendingLabel="Reopening…"
        error={
          reopen.isError
            ? {
                title: 'Moderation was not reopened',
                message: reopen.error.message,
                details: errorDetails(reopen.error),
              }
            : null
        }
      >
        <p>The agreed scores can then be changed again. Everyone’s original scores stay as they are.</p>
        <TextField
          label="Reason for reopening"
          description="For example: the panel found evidence it had missed for S2.3."
          isRequired
          autoFocus
          multiline
          rows={3}
          value={reason}
          onChange={(value) => {
            setReason(value);
            setReasonError(undefined);
          }}
          errorMessage={reasonError}
        />
      </ConfirmDialog>
    </section>
  );
}

const HISTORY_WORDS = { opened: 'Opened', closed: 'Closed', reopened: 'Reopened' } as const;

function History({ view, nameOf }: { view: ModerationView; nameOf: (id: string) => string }) {
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      {view.history.length === 0 ? (
        <p>Nothing recorded yet.</p>
      ) : (
        <ol className="plain-list moderation-history">
          {view.history.map((h, i) => (
            <li key={`${h.at}-${i}`} className="list-row">
              <span>
                <strong>{HISTORY_WORDS[h.action]}</strong> by {nameOf(h.by)} on {formatDateTime(h.at)}
                {h.reason ? `. Reason: ${h.reason}` : ''}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

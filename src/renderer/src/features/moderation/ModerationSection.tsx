import { useState } from 'react';
import { ROLE_NAMES, SCORING_ROLES, type ModerationView, type PanelMember } from '../../../../shared/api';
import type { Standard } from '../../../../shared/standard';
import { useChange, useRead } from '../../app/operations';
import { ActionButton } from '../../ui/ActionButton';
import { StatusNotice } from '../../ui/feedback';
import { formatDateTime } from '../../ui/format';
import { Page } from '../../ui/Page';
import { useHeadingFocus } from '../../ui/useHeadingFocus';
import { ReadGate } from '../../ui/ReadGate';
import { useCaseProgress, useCaseStandard, useOpenCase, usePanel } from '../case/useCase';
import { CloseOrReopen } from './CloseOrReopen';
import { CriterionDiscussion } from './CriterionDiscussion';
import { ScoresTable } from './ScoresTable';
import { PaperSheets } from './PaperSheets';
import { showModerationView } from './moderationView';
import './moderation.css';

export const MODERATION_PHASES: ReadonlySet<string> = new Set(['moderation', 'moderation_closed', 'decided']);
const LOADING = 'Loading moderation…';
const FAILED = 'Moderation could not be shown';

/** Moderation: the panel sees every score side by side, talks, and the lead records the agreed scores. */
export function ModerationSection({ caseId }: { caseId: string }) {
  const openCase = useOpenCase(caseId);
  const progress = useCaseProgress(caseId);
  const panel = usePanel(caseId);
  const standard = useCaseStandard(caseId);
  const started = progress.data !== undefined && MODERATION_PHASES.has(progress.data.phase);
  const view = useRead('moderation.view', { caseId }, { enabled: started });
  return (
    <ReadGate reads={[progress, openCase]} loading={LOADING} failedTitle={FAILED} page="Moderation">
      {(_progress, { signedIn }) =>
        !started ? (
          <BeforeModeration caseId={caseId} isLead={signedIn?.role === 'lead'} />
        ) : (
          <ReadGate reads={[view, standard]} loading={LOADING} failedTitle={FAILED} page="Moderation">
            {(moderation, pinned) => (
              <ModerationInProgress
                caseId={caseId}
                isLead={signedIn?.role === 'lead'}
                view={moderation}
                standard={pinned}
                members={panel.data ?? []}
                canDissent={tookPart(moderation, signedIn?.memberId)}
              />
            )}
          </ReadGate>
        )
      }
    </ReadGate>
  );
}

/** Dissent comes from the members whose sheets moderation uses, while it is open (the rule is main's). */
export function tookPart(view: ModerationView, memberId: string | undefined): boolean {
  return view.state === 'open' && view.reasoning.some((entry) => entry.memberId === memberId);
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
function BeforeModeration({ caseId, isLead }: { caseId: string; isLead: boolean }) {
  const panel = usePanel(caseId);
  const standard = useCaseStandard(caseId);
  const scoringOpen = useCaseProgress(caseId).data?.phase === 'scoring';
  const open = useChange('moderation.open', { writeReads: showModerationView(caseId) });
  const scorers = (panel.data ?? []).filter((m) => (SCORING_ROLES as readonly string[]).includes(m.role));
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
      <ReadGate reads={[panel]} failedTitle="The panel could not be shown">
        {(members) => <SheetsTable members={members} scorers={scorers} />}
      </ReadGate>
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
            onPress={() => open.mutate({ caseId })}
          />
        </div>
      )}
    </Page>
  );
}

/** How many scoring members have submitted, and every member's sheet in words. */
function SheetsTable({ members, scorers }: { members: PanelMember[]; scorers: PanelMember[] }) {
  const ready = scorers.filter((m) => m.sheet.status === 'submitted' || m.sheet.status === 'excluded').length;
  return (
    <>
      <p>
        {ready} of {scorers.length} scoring {scorers.length === 1 ? 'member has' : 'members have'} submitted
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
  );
}

/**
 * Which criterion is being discussed (the first without an agreed score, to begin with), and moving
 * between them with focus on the discussion's heading.
 */
function useDiscussion(view: ModerationView) {
  const criteria = view.summary.criteria;
  const [selectedId, setSelectedId] = useState<string | null>(
    () =>
      criteria.find((c) => !view.agreed.some((a) => a.criterionId === c.criterionId))?.criterionId ??
      criteria[0]?.criterionId ??
      null,
  );
  const heading = useHeadingFocus(selectedId);
  const select = (criterionId: string) => {
    heading.focusAfterChange();
    setSelectedId(criterionId);
    if (criterionId === selectedId) heading.focusNow();
  };
  const index = criteria.findIndex((c) => c.criterionId === selectedId);
  const neighbour = (step: number) => {
    const next = criteria[index + step];
    return next ? () => select(next.criterionId) : undefined;
  };
  return { selectedId, selected: criteria[index], index, headingRef: heading.ref, select, neighbour };
}

export function ModerationInProgress({
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
  const discussion = useDiscussion(view);
  const { selected } = discussion;
  const nameOf = (idOrName: string) => members.find((m) => m.id === idOrName)?.name ?? idOrName;
  const open = view.state === 'open';
  const agreedCount = criteria.filter((c) => view.agreed.some((a) => a.criterionId === c.criterionId)).length;

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
        Each column is one member’s score. The dots show how far apart the scores are on the 0 to 3 scale,
        with a dashed line at the middle score. Criteria where the scores are far apart are marked and listed
        first.
      </p>
      <ScoresTable
        view={view}
        standard={standard}
        selectedId={discussion.selectedId}
        onDiscuss={discussion.select}
        nameOf={nameOf}
      />

      {selected && (
        <CriterionDiscussion
          key={selected.criterionId}
          caseId={caseId}
          row={selected}
          position={discussion.index + 1}
          total={criteria.length}
          standard={standard}
          view={view}
          isLead={isLead}
          canDissent={canDissent}
          headingRef={discussion.headingRef}
          nameOf={nameOf}
          onPrevious={discussion.neighbour(-1)}
          onNext={discussion.neighbour(1)}
        />
      )}

      {isLead && (
        <CloseOrReopen caseId={caseId} open={open} agreedCount={agreedCount} total={criteria.length} />
      )}

      <PanelChanges view={view} />
      <History view={view} nameOf={nameOf} />
    </Page>
  );
}

/** Krippendorff's alpha for the panel, with the share of matching scores, in numbers and in words (worded by the main process). */
function Agreement({ view, agreedCount }: { view: ModerationView; agreedCount: number }) {
  const { ordinal, words } = view.summary.agreement;
  const total = view.summary.criteria.length;
  return (
    <section className="agreement" aria-labelledby="agreement-heading">
      <h2 id="agreement-heading">How much the panel agreed</h2>
      <p className="agreement-words">{words.verdict}</p>
      <details className="agreement-more">
        <summary>Details: the numbers behind this</summary>
        {words.alpha !== null && (
          <p className="agreement-figure">
            Krippendorff’s alpha (ordinal): <strong>{words.alpha}</strong>
          </p>
        )}
        {words.shares !== null && <p className="agreement-shares">{words.shares}</p>}
        <p>
          Alpha measures how alike the panel’s scores are, beyond what chance alone would give. 1 means
          everyone gave the same scores; 0 means no more agreement than chance. 0.800 or more is high
          agreement; from 0.667 up to 0.800 is moderate; below 0.667 the panel should talk through where it
          differs. “Not enough evidence” and missing scores are left out of the number.
        </p>
        <p>
          When nine in ten scores or more are the same, alpha says little: one different score can pull it to
          0. The shares of pairs of scores that match exactly, or within one point, say more then.
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

/** PIN resets and changes of members' details since scoring opened: the whole panel sees them. */
function PanelChanges({ view }: { view: ModerationView }) {
  return (
    <section aria-labelledby="panel-changes-heading">
      <h2 id="panel-changes-heading">Changes to the panel</h2>
      {view.panelChanges.length === 0 ? (
        <p>Since scoring opened, nobody’s PIN has been reset and nobody’s details have changed.</p>
      ) : (
        <ol className="plain-list moderation-history">
          {view.panelChanges.map((change) => (
            <li key={change.id} className="list-row">
              <span>
                {change.summary} Reason: {change.reason}
              </span>
            </li>
          ))}
        </ol>
      )}
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

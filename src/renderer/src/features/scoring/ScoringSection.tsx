import { useState } from 'react';
import type { CaseProgress, EvidenceItem, MySheet, PanelMember } from '../../../../shared/api';
import type { Standard } from '../../../../shared/standard';
import { useChange, useRead, type Read } from '../../app/operations';
import { Button } from '../../ui/Button';
import { StatusNotice } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { ReadGate } from '../../ui/ReadGate';
import { useCaseProgress, useCaseStandard, useEvidence, useOpenCase, usePanel } from '../case/useCase';
import { RoomScreen } from '../room/RoomScreen';
import { OpenScoringButton } from './OpenScoringButton';
import { ScoreSheetEditor } from './ScoreSheetEditor';
import { SubmittedSheet } from './SubmittedSheet';
import './scoring.css';

const LOADING = 'Loading your score sheet…';
const FAILED = 'Your score sheet could not be shown';

/** Scoring: the signed-in member scores every criterion on their own, then submits their sheet. */
export function ScoringSection({ caseId }: { caseId: string }) {
  const openCase = useOpenCase(caseId);
  return (
    <ReadGate reads={[openCase]} loading="Loading…">
      {({ signedIn }) => {
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
      }}
    </ReadGate>
  );
}

function MemberScoring({ caseId, memberId, isLead }: { caseId: string; memberId: string; isLead: boolean }) {
  const progress = useCaseProgress(caseId);
  const standard = useCaseStandard(caseId);
  // Asked at once, beside the sheet, so the evidence is there when the sheet is.
  const evidence = useEvidence(caseId);
  const panel = usePanel(caseId);
  const scoringOpen = progress.data !== undefined && progress.data.phase !== 'preparing';
  // Keyed by the member too: after a hand-over, the next member never sees the last one's sheet.
  const sheet = useRead('scoring.mySheet', { caseId }, { enabled: scoringOpen, asMember: memberId });
  // The panel room is the lead's, from when the panel is set up (members join, choose their own PIN
  // and declare conflicts on their own devices before scoring opens) until moderation closes.
  const phase = progress.data?.phase;
  const panelSetUp = panel.data?.some((member) => member.role !== 'lead') ?? false;
  const roomPossible =
    isLead && ((phase === 'preparing' && panelSetUp) || phase === 'scoring' || phase === 'moderation');
  const [inRoom, setInRoom] = useState(false);
  if (roomPossible && inRoom) return <RoomScreen caseId={caseId} onBack={() => setInRoom(false)} />;
  const roomButton = roomPossible ? <Button onPress={() => setInRoom(true)}>Panel room</Button> : undefined;
  return (
    <ReadGate reads={[progress]} loading={LOADING} failedTitle={FAILED} page="Scoring">
      {(stages) =>
        !scoringOpen ? (
          <ScoringNotOpen
            caseId={caseId}
            isLead={isLead}
            actions={roomButton}
            explanation={
              stages.stages.find((s) => s.name === 'scoring')?.explanation ?? 'Scoring has not opened yet.'
            }
          />
        ) : (
          <ReadGate reads={[sheet, standard]} loading={LOADING} failedTitle={FAILED} page="Scoring">
            {(mySheet, pinned) => (
              <SheetByStatus
                caseId={caseId}
                memberId={memberId}
                phase={stages.phase}
                sheet={mySheet}
                standard={pinned}
                evidence={evidence}
                panel={panel.data}
                refreshSheet={sheet}
                actions={roomButton}
              />
            )}
          </ReadGate>
        )
      }
    </ReadGate>
  );
}

/** The member's sheet as it stands: submitted, left out, too late, or still being filled in. */
export function SheetByStatus({
  caseId,
  memberId,
  phase,
  sheet,
  standard,
  evidence,
  panel,
  refreshSheet,
  actions,
}: {
  caseId: string;
  memberId: string;
  phase: CaseProgress['phase'];
  sheet: MySheet;
  standard: Standard;
  evidence: Read<EvidenceItem[]>;
  panel: PanelMember[] | undefined;
  refreshSheet: Pick<Read<MySheet>, 'refetch'>;
  /** Beside the heading: the lead's way into the panel room. */
  actions?: React.ReactNode;
}) {
  if (sheet.status === 'submitted') {
    return (
      <SubmittedSheet
        standard={standard}
        sheet={sheet}
        moderationOpen={phase !== 'scoring'}
        actions={actions}
      />
    );
  }
  if (sheet.status === 'excluded') {
    return <SheetLeftOut me={panel?.find((m) => m.id === memberId)} />;
  }
  if (phase !== 'scoring') {
    return (
      <Page title="Scoring" actions={actions}>
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
      standard={standard}
      sheet={sheet}
      evidence={evidence.data ?? []}
      evidenceError={evidence.isError ? evidence.error.message : null}
      onRefused={() => void refreshSheet.refetch()}
      actions={actions}
    />
  );
}

function SheetLeftOut({ me }: { me: PanelMember | undefined }) {
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

/** Before scoring opens: why not, and for the lead, the button that opens it. */
function ScoringNotOpen({
  caseId,
  isLead,
  explanation,
  actions,
}: {
  caseId: string;
  isLead: boolean;
  explanation: string;
  /** The lead's way into the panel room, where members join and declare on their own devices. */
  actions?: React.ReactNode;
}) {
  const opening = useChange('scoring.open');
  return (
    <Page title="Scoring" actions={actions}>
      <StatusNotice>Scoring has not opened yet.</StatusNotice>
      <p>{explanation}</p>
      {isLead && (
        <>
          <p>When the panel is ready, open scoring so that each member can score on their own.</p>
          {actions && (
            <p>
              Members can join the panel room now from their own phone, tablet or laptop, choose their own PIN
              and say whether they have a conflict of interest there.
            </p>
          )}
          <OpenScoringButton caseId={caseId} opening={opening} />
        </>
      )}
    </Page>
  );
}

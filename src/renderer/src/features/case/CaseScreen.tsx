import { useState } from 'react';
import { ROLE_NAMES, type CaseProgress, type OpenCase } from '../../../../shared/api';
import { useCompactLayout } from '../../app/display-settings';
import { FoldAway } from '../../app/FoldAway';
import { useChange, useReadOnDemand } from '../../app/operations';
import { CASE_SECTIONS, SECTION_NAMES, useNavigation, type CaseSection } from '../../app/navigation';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorNotice } from '../../ui/feedback';
import { ReadGate } from '../../ui/ReadGate';
import { useCaseProgress, useOpenCase } from './useCase';
import { SignInPanel } from './SignInPanel';
import { CaseFileCheckBanner } from './CaseFileCheckBanner';
import { OverviewSection } from './OverviewSection';
import { EvidenceSection } from '../evidence/EvidenceSection';
import { PanelSection } from '../panel/PanelSection';
import { ScoringSection } from '../scoring/ScoringSection';
import { ModerationSection } from '../moderation/ModerationSection';
import { DecisionSection } from '../decision/DecisionSection';
import { CertificateSection } from '../certificate/CertificateSection';
import { FeesSection } from '../fees/FeesSection';
import { AppealSection } from '../appeal/AppealSection';

const STATE_WORDS = {
  done: 'done',
  current: 'in progress',
  open: 'ready to start',
  not_yet_open: 'not yet open',
  attention: 'needs attention',
} as const;

function Section({ caseId, section }: { caseId: string; section: CaseSection }) {
  switch (section) {
    case 'overview':
      return <OverviewSection caseId={caseId} />;
    case 'evidence':
      return <EvidenceSection caseId={caseId} />;
    case 'panel':
      return <PanelSection caseId={caseId} />;
    case 'scoring':
      return <ScoringSection caseId={caseId} />;
    case 'moderation':
      return <ModerationSection caseId={caseId} />;
    case 'decision':
      return <DecisionSection caseId={caseId} />;
    case 'certificate':
      return <CertificateSection caseId={caseId} />;
    case 'appeal':
      return <AppealSection caseId={caseId} />;
    case 'fees':
      return <FeesSection caseId={caseId} />;
  }
}

/** An open case: who is using it, the assessment's stages as a path, and the chosen stage. */
export function CaseScreen({ caseId, section }: { caseId: string; section: CaseSection }) {
  const { go } = useNavigation();
  const openCase = useOpenCase(caseId);
  return (
    <ReadGate
      reads={[openCase]}
      loading="Opening the case…"
      afterFailure={<Button onPress={() => go({ name: 'start' })}>Back to the start</Button>}
    >
      {(opened) => <OpenCaseLayout caseId={caseId} section={section} opened={opened} />}
    </ReadGate>
  );
}

function OpenCaseLayout({
  caseId,
  section,
  opened,
}: {
  caseId: string;
  section: CaseSection;
  opened: OpenCase;
}) {
  const progress = useCaseProgress(caseId);
  const { forgetCase, go } = useNavigation();
  const close = useChange('case.close', {
    // The case file is closed: its answers are dropped rather than asked again, and the start
    // screen no longer offers to continue with it.
    affectedReads: 'forget',
    writeReads: (reads) =>
      reads.update('case.openHere', {}, (open) => open.filter((c) => c.caseId !== caseId)),
    onSuccess: () => {
      forgetCase();
      go({ name: 'start' });
    },
  });
  const { organisation, signedIn } = opened;
  const compact = useCompactLayout();
  return (
    <div className="case" data-case-id={caseId}>
      <CaseBar caseId={caseId} organisationName={organisation.name} signedIn={signedIn} close={close} />
      {close.isError && <ErrorNotice message={close.error.message} />}
      <CaseFileCheckBanner caseId={caseId} caseFilePath={opened.path} isLead={signedIn?.role === 'lead'} />
      {!signedIn ? (
        <SignInPanel caseId={caseId} organisationName={organisation.name} />
      ) : (
        <div className={compact ? 'case-layout case-layout-compact' : 'case-layout'}>
          <StageNav caseId={caseId} section={section} stages={progress.data?.stages} />
          <div className="case-section">
            <Section caseId={caseId} section={section} />
          </div>
        </div>
      )}
    </div>
  );
}

/** The case's name, who is signed in, and the buttons to hand over or close the file. */
function CaseBar({
  caseId,
  organisationName,
  signedIn,
  close,
}: {
  caseId: string;
  organisationName: string;
  signedIn: OpenCase['signedIn'];
  close: { mutate: (input: { caseId: string }) => void; isPending: boolean };
}) {
  const signOut = useChange('panel.signOut');
  const compact = useCompactLayout();
  const caseName = (
    <>
      <span className="visually-hidden">Case: </span>
      {organisationName}
    </>
  );
  return (
    <div className="case-bar">
      {!compact && <p className="case-name">{caseName}</p>}
      <FoldAway summary={caseName} className="case-menu">
        {signedIn && (
          <p className="signed-in" data-testid="signed-in">
            Signed in: <strong>{signedIn.name}</strong>, {ROLE_NAMES[signedIn.role]}
          </p>
        )}
        <div className="page-actions">
          {signedIn && (
            <Button onPress={() => signOut.mutate({ caseId })} isPending={signOut.isPending}>
              Sign out (hand over)
            </Button>
          )}
          <CloseCaseButton caseId={caseId} isLead={signedIn?.role === 'lead'} close={close} />
        </div>
      </FoldAway>
    </div>
  );
}

/**
 * "Close case file". With the panel room open (only the lead opens one), it asks first: closing the
 * case closes the room and signs its devices out.
 */
function CloseCaseButton({
  caseId,
  isLead,
  close,
}: {
  caseId: string;
  isLead: boolean;
  close: { mutate: (input: { caseId: string }) => void; isPending: boolean };
}) {
  // The open room's devices, while the question is asked.
  const [openRoom, setOpenRoom] = useState<{ devices: number } | null>(null);
  const lookAtRoom = useReadOnDemand('room.state', {
    onSuccess: (room) =>
      room.open ? setOpenRoom({ devices: room.devices.length }) : close.mutate({ caseId }),
    // The room could not be asked about: the case closes as asked (the server closes any room).
    onError: () => close.mutate({ caseId }),
  });
  const devices = openRoom?.devices ?? 0;
  const inTheRoom =
    devices === 0
      ? 'No devices are in it now'
      : `${devices === 1 ? '1 device is' : `${devices} devices are`} in it`;
  return (
    <>
      <Button
        onPress={() => (isLead ? lookAtRoom.mutate({ caseId }) : close.mutate({ caseId }))}
        isPending={close.isPending || lookAtRoom.isPending}
      >
        Close case file
      </Button>
      <ConfirmDialog
        isOpen={openRoom !== null}
        onOpenChange={(isOpen) => !isOpen && setOpenRoom(null)}
        title="Close the case file and the panel room?"
        confirmLabel="Close the case file"
        variant="danger"
        onConfirm={() => {
          setOpenRoom(null);
          close.mutate({ caseId });
        }}
      >
        <p>
          The panel room is open. {inTheRoom}. Closing the case file closes the room
          {devices > 0 ? ` and signs ${devices === 1 ? 'that device' : 'those devices'} out` : ''}.
        </p>
        <p>
          Answers already saved stay in the case file. To carry on in the room, open the case and the room
          again; members then scan the new QR code.
        </p>
      </ConfirmDialog>
    </>
  );
}

/** The assessment's stages in order, each with where it has got to; the current one marked. */
function StageNav({
  caseId,
  section,
  stages,
}: {
  caseId: string;
  section: CaseSection;
  stages: CaseProgress['stages'] | undefined;
}) {
  const { go } = useNavigation();
  const here = stages?.find((s) => s.name === section);
  return (
    <FoldAway
      key={section}
      className="stage-menu"
      summary={`Stage: ${SECTION_NAMES[section]}${here ? ` (${STATE_WORDS[here.state]})` : ''} — all stages`}
    >
      <nav aria-label="Assessment stages" className="stage-nav">
        <ol>
          {CASE_SECTIONS.map((name) => {
            const stage = stages?.find((s) => s.name === name);
            return (
              <li key={name}>
                <button
                  type="button"
                  className="stage-link"
                  aria-current={section === name ? 'page' : undefined}
                  onClick={() => go({ name: 'case', caseId, section: name })}
                >
                  <span className="stage-name">{SECTION_NAMES[name]}</span>
                  {stage && (
                    <span className={`stage-state stage-${stage.state}`}>{STATE_WORDS[stage.state]}</span>
                  )}
                </button>
              </li>
            );
          })}
        </ol>
      </nav>
    </FoldAway>
  );
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ROLE_NAMES } from '../../../../shared/api';
import { useCall } from '../../app/client-context';
import { CASE_SECTIONS, SECTION_NAMES, useNavigation, type CaseSection } from '../../app/navigation';
import { Button } from '../../ui/Button';
import { ErrorNotice } from '../../ui/feedback';
import { caseKeys, useCaseProgress, useOpenCase } from './useCase';
import { SignInPanel } from './SignInPanel';
import { OverviewSection } from './OverviewSection';
import { EvidenceSection } from '../evidence/EvidenceSection';
import { PanelSection } from '../panel/PanelSection';
import { ScoringSection } from '../scoring/ScoringSection';
import { ModerationSection } from '../moderation/ModerationSection';
import { DecisionSection } from '../decision/DecisionSection';
import { CertificateSection } from '../certificate/CertificateSection';

const STATE_WORDS = {
  done: 'done',
  current: 'in progress',
  open: 'open',
  not_yet_open: 'not yet open',
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
  }
}

/** An open case: who is using it, the assessment's stages as a path, and the chosen stage. */
export function CaseScreen({ caseId, section }: { caseId: string; section: CaseSection }) {
  const call = useCall();
  const queryClient = useQueryClient();
  const { go, forgetCase } = useNavigation();
  const openCase = useOpenCase(caseId);
  const progress = useCaseProgress(caseId);
  const signOut = useMutation({
    mutationFn: () => call('panel.signOut', { caseId }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: caseKeys.all(caseId) }),
  });
  const close = useMutation({
    mutationFn: () => call('case.close', { caseId }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: caseKeys.all(caseId) });
      forgetCase();
      go({ name: 'start' });
    },
  });

  if (openCase.isPending) return <p role="status">Opening the case…</p>;
  if (openCase.isError)
    return (
      <>
        <ErrorNotice message={openCase.error.message} />
        <Button onPress={() => go({ name: 'start' })}>Back to the start</Button>
      </>
    );
  const { organisation, signedIn } = openCase.data;

  return (
    <div className="case" data-case-id={caseId}>
      <div className="case-bar">
        <p className="case-name">
          <span className="visually-hidden">Case: </span>
          {organisation.name}
        </p>
        {signedIn && (
          <p className="signed-in" data-testid="signed-in">
            Signed in: <strong>{signedIn.name}</strong>, {ROLE_NAMES[signedIn.role]}
          </p>
        )}
        <div className="page-actions">
          {signedIn && (
            <Button onPress={() => signOut.mutate()} isPending={signOut.isPending}>
              Sign out (hand over)
            </Button>
          )}
          <Button onPress={() => close.mutate()} isPending={close.isPending}>
            Close case file
          </Button>
        </div>
      </div>
      {close.isError && <ErrorNotice message={close.error.message} />}
      {!signedIn ? (
        <SignInPanel caseId={caseId} organisationName={organisation.name} />
      ) : (
        <div className="case-layout">
          <nav aria-label="Assessment stages" className="stage-nav">
            <ol>
              {CASE_SECTIONS.map((name) => {
                const stage = progress.data?.stages.find((s) => s.name === name);
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
          <div className="case-section">
            <Section caseId={caseId} section={section} />
          </div>
        </div>
      )}
    </div>
  );
}

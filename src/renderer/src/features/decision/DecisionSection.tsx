import { useState } from 'react';
import type { CaseProgress, DecidedOutcome } from '../../../../shared/api';
import type { OutcomeDecision } from '../../../../shared/scoring';
import { useRead } from '../../app/operations';
import { useNavigation } from '../../app/navigation';
import { Button } from '../../ui/Button';
import { StatusNotice } from '../../ui/feedback';
import { formatDate, formatDateTime } from '../../ui/format';
import { useFocusAfterRender } from '../../ui/formSupport';
import { Page } from '../../ui/Page';
import { ReadGate } from '../../ui/ReadGate';
import { useCaseProgress, useCaseStandard, usePanel, useSignedIn } from '../case/useCase';
import { DecisionForm } from './DecisionForm';
import { LevelHeadline, OutcomeTrace } from './OutcomeTrace';
import './decision.css';

/** The decision: the level the agreed scores give and why; the lead records it with conditions and notes. */
export function DecisionSection({ caseId }: { caseId: string }) {
  const progress = useCaseProgress(caseId);
  const decided = useRead('outcome.get', { caseId });
  // Asked at once, beside the decision: the form and the recorded decision both quote the standard.
  useCaseStandard(caseId);
  const [done, setDone] = useState<string | null>(null);
  const focusAfterRender = useFocusAfterRender();
  return (
    <Page
      title="Decision"
      intro={
        <p>
          The level comes from the panel’s agreed scores and the standard’s rules. The reasons are written out
          so the panel can read them aloud.
        </p>
      }
    >
      {done && <StatusNotice tone="success">{done}</StatusNotice>}
      <ReadGate
        reads={[decided, progress]}
        loading="Loading the decision…"
        failedTitle="The decision could not be shown"
      >
        {(outcome, { phase }) =>
          outcome ? (
            <RecordedDecision caseId={caseId} outcome={outcome} />
          ) : (
            <NoDecisionYet
              caseId={caseId}
              phase={phase}
              onDecided={() => {
                setDone('The decision is recorded. The certificate can now be prepared.');
                focusAfterRender('recorded-heading');
              }}
            />
          )
        }
      </ReadGate>
    </Page>
  );
}

/** Before the decision: why the level is not known yet, or the level so far, and for the lead the form. */
function NoDecisionYet({
  caseId,
  phase,
  onDecided,
}: {
  caseId: string;
  phase: CaseProgress['phase'];
  onDecided: () => void;
}) {
  const canPreview = phase === 'moderation' || phase === 'moderation_closed';
  const preview = useRead('outcome.preview', { caseId }, { enabled: canPreview });
  return (
    <>
      {(phase === 'preparing' || phase === 'scoring') && (
        <WaitingNotice caseId={caseId} title="The level is not known yet">
          The panel scores first, then agrees its scores in moderation. The level is worked out from the
          agreed scores once moderation has started.
        </WaitingNotice>
      )}
      {phase === 'moderation' && (
        <WaitingNotice caseId={caseId} title="Moderation is not closed yet">
          The level below is a preview from the scores agreed so far, and it can still change. The decision
          can be recorded once the lead assessor closes moderation.
        </WaitingNotice>
      )}
      {canPreview && (
        <ReadGate
          reads={[preview]}
          loading="Working out the level…"
          failedTitle="The level could not be worked out"
        >
          {(level) => <LevelPreview caseId={caseId} phase={phase} preview={level} onDecided={onDecided} />}
        </ReadGate>
      )}
    </>
  );
}

function WaitingNotice({
  caseId,
  title,
  children,
}: {
  caseId: string;
  title: string;
  children: React.ReactNode;
}) {
  const { go } = useNavigation();
  return (
    <div className="notice decision-waiting">
      <p className="notice-title">{title}</p>
      <p>{children}</p>
      <Button variant="link" onPress={() => go({ name: 'case', caseId, section: 'moderation' })}>
        Go to moderation
      </Button>
    </div>
  );
}

/** The level the agreed scores give, with its reasons; once moderation is closed, the lead's form. */
function LevelPreview({
  caseId,
  phase,
  preview,
  onDecided,
}: {
  caseId: string;
  phase: CaseProgress['phase'];
  preview: OutcomeDecision;
  onDecided: () => void;
}) {
  const isLead = useSignedIn(caseId)?.role === 'lead';
  const standard = useCaseStandard(caseId);
  const closed = phase === 'moderation_closed';
  return (
    <>
      <LevelHeadline
        decision={preview}
        label={phase === 'moderation' ? 'The level so far (a preview)' : 'The level the agreed scores give'}
      />
      {isLead && closed && standard.data && (
        <p>
          <Button variant="link" onPress={() => document.getElementById('decide-heading')?.focus()}>
            Skip the reasons and go to the decision form
          </Button>
        </p>
      )}
      <OutcomeTrace decision={preview} headingId="preview-trace-heading" />
      {closed && isLead && (
        <ReadGate reads={[standard]} failedTitle="The standard could not be shown">
          {(pinned) => (
            <DecisionForm caseId={caseId} standard={pinned} preview={preview} onDecided={onDecided} />
          )}
        </ReadGate>
      )}
      {closed && !isLead && (
        <p className="notice">
          The lead assessor records the decision, with any conditions, strengths and recommendations.
        </p>
      )}
    </>
  );
}

function RecordedDecision({ caseId, outcome }: { caseId: string; outcome: DecidedOutcome }) {
  const { go } = useNavigation();
  const panel = usePanel(caseId);
  const standard = useCaseStandard(caseId).data;
  const decidedBy = panel.data?.find((m) => m.id === outcome.decidedBy)?.name ?? outcome.decidedBy;
  const statementText = (n: number) => standard?.statements.find((s) => s.number === n)?.text;
  const statementsWithNotes = [
    ...new Set([...outcome.strengths, ...outcome.recommendations].map((note) => note.statementNumber)),
  ].sort((a, b) => a - b);

  return (
    <>
      <section aria-labelledby="recorded-heading">
        <h2 id="recorded-heading" tabIndex={-1} data-focus-key="recorded-heading">
          The recorded decision
        </h2>
        <LevelHeadline decision={outcome.decision} label="The panel’s decision" />
        <dl className="facts decision-facts">
          <dt>Decision date</dt>
          <dd>{formatDate(outcome.decisionDate)}</dd>
          <dt>Valid until</dt>
          <dd>
            {outcome.validUntil ? formatDate(outcome.validUntil) : 'Not applicable: no level was awarded'}
          </dd>
          <dt>Interim review due</dt>
          <dd>
            {outcome.interimReviewDue
              ? formatDate(outcome.interimReviewDue)
              : 'Not applicable: no level was awarded'}
          </dd>
          <dt>Recorded by</dt>
          <dd>
            {decidedBy}, {formatDateTime(outcome.decidedAt)}
          </dd>
        </dl>
        <Button variant="link" onPress={() => go({ name: 'case', caseId, section: 'certificate' })}>
          Go to the certificate
        </Button>
      </section>

      <section aria-labelledby="conditions-heading">
        <h2 id="conditions-heading">Conditions</h2>
        {outcome.conditions.length === 0 ? (
          <p>No conditions.</p>
        ) : (
          <ol className="recorded-conditions">
            {outcome.conditions.map((condition, index) => (
              <li key={index}>
                <p className="recorded-condition-text">{condition.text}</p>
                <p className="recorded-condition-due">Due by {formatDate(condition.dueDate)}</p>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="notes-heading">
        <h2 id="notes-heading">Strengths and recommendations</h2>
        {statementsWithNotes.length === 0 && <p>None were recorded.</p>}
        {statementsWithNotes.map((n) => {
          const strength = outcome.strengths.filter((s) => s.statementNumber === n);
          const recommendation = outcome.recommendations.filter((s) => s.statementNumber === n);
          return (
            <div key={n} className="recorded-statement">
              <h3>
                I Statement {n}
                {statementText(n) && <span className="decision-statement-text">“{statementText(n)}”</span>}
              </h3>
              <dl className="facts">
                <dt>Strengths</dt>
                <dd className="recorded-note">{strength.map((s) => s.text).join('\n') || 'None recorded'}</dd>
                <dt>Recommendations</dt>
                <dd className="recorded-note">
                  {recommendation.map((s) => s.text).join('\n') || 'None recorded'}
                </dd>
              </dl>
            </div>
          );
        })}
      </section>

      <OutcomeTrace decision={outcome.decision} headingId="recorded-trace-heading" />
    </>
  );
}

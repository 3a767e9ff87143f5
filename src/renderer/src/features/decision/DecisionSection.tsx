import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { DecidedOutcome } from '../../../../shared/api';
import type { Standard } from '../../../../shared/standard/schema';
import { useCall } from '../../app/client-context';
import { useNavigation } from '../../app/navigation';
import { Button } from '../../ui/Button';
import { ErrorNotice, StatusNotice } from '../../ui/feedback';
import { formatDate, formatDateTime } from '../../ui/format';
import { Page } from '../../ui/Page';
import { caseKeys, useCaseProgress, useCaseStandard, useOpenCase, usePanel } from '../case/useCase';
import { useFocusAfterRender } from '../../ui/formSupport';
import { DecisionForm } from './DecisionForm';
import { LevelHeadline, OutcomeTrace } from './OutcomeTrace';
import './decision.css';

/** The decision: the level the agreed scores give and why; the lead records it with conditions and notes. */
export function DecisionSection({ caseId }: { caseId: string }) {
  const call = useCall();
  const queryClient = useQueryClient();
  const { go } = useNavigation();
  const openCase = useOpenCase(caseId);
  const progress = useCaseProgress(caseId);
  const standard = useCaseStandard(caseId);
  const isLead = openCase.data?.signedIn?.role === 'lead';
  const phase = progress.data?.phase;
  const [done, setDone] = useState<string | null>(null);
  const focusAfterRender = useFocusAfterRender();

  const decided = useQuery({
    queryKey: caseKeys.outcome(caseId),
    queryFn: () => call('outcome.get', { caseId }),
  });
  const canPreview = !decided.data && (phase === 'moderation' || phase === 'moderation_closed');
  const preview = useQuery({
    queryKey: caseKeys.outcomePreview(caseId),
    queryFn: () => call('outcome.preview', { caseId }),
    enabled: canPreview,
  });

  const goToModeration = (
    <Button variant="link" onPress={() => go({ name: 'case', caseId, section: 'moderation' })}>
      Go to moderation
    </Button>
  );

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
      {(decided.isPending || progress.isPending) && <p role="status">Loading the decision…</p>}
      {decided.isError && (
        <ErrorNotice title="The decision could not be shown" message={decided.error.message} />
      )}

      {decided.data ? (
        <RecordedDecision caseId={caseId} outcome={decided.data} standard={standard.data} />
      ) : (
        decided.data === null &&
        progress.data && (
          <>
            {(phase === 'preparing' || phase === 'scoring') && (
              <div className="notice decision-waiting">
                <p className="notice-title">The level is not known yet</p>
                <p>
                  The panel scores first, then agrees its scores in moderation. The level is worked out from
                  the agreed scores once moderation has started.
                </p>
                {goToModeration}
              </div>
            )}
            {phase === 'moderation' && (
              <div className="notice decision-waiting">
                <p className="notice-title">Moderation is not closed yet</p>
                <p>
                  The level below is a preview from the scores agreed so far, and it can still change. The
                  decision can be recorded once the lead assessor closes moderation.
                </p>
                {goToModeration}
              </div>
            )}
            {canPreview && preview.isPending && <p role="status">Working out the level…</p>}
            {preview.isError && (
              <ErrorNotice title="The level could not be worked out" message={preview.error.message} />
            )}
            {preview.data && (
              <>
                <LevelHeadline
                  decision={preview.data}
                  label={
                    phase === 'moderation'
                      ? 'The level so far (a preview)'
                      : 'The level the agreed scores give'
                  }
                />
                {isLead && phase === 'moderation_closed' && standard.data && (
                  <p>
                    <Button variant="link" onPress={() => document.getElementById('decide-heading')?.focus()}>
                      Skip the reasons and go to the decision form
                    </Button>
                  </p>
                )}
                <OutcomeTrace decision={preview.data} headingId="preview-trace-heading" />
                {phase === 'moderation_closed' &&
                  (isLead ? (
                    standard.data ? (
                      <DecisionForm
                        caseId={caseId}
                        standard={standard.data}
                        preview={preview.data}
                        onDecided={async () => {
                          await queryClient.invalidateQueries({ queryKey: caseKeys.all(caseId) });
                          setDone('The decision is recorded. The certificate can now be prepared.');
                          focusAfterRender('recorded-heading');
                        }}
                      />
                    ) : (
                      standard.isError && (
                        <ErrorNotice
                          title="The standard could not be shown"
                          message={standard.error.message}
                        />
                      )
                    )
                  ) : (
                    <p className="notice">
                      The lead assessor records the decision, with any conditions, strengths and
                      recommendations.
                    </p>
                  ))}
              </>
            )}
          </>
        )
      )}
    </Page>
  );
}

function RecordedDecision({
  caseId,
  outcome,
  standard,
}: {
  caseId: string;
  outcome: DecidedOutcome;
  standard: Standard | undefined;
}) {
  const { go } = useNavigation();
  const panel = usePanel(caseId);
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

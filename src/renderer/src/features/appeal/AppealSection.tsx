import { useState } from 'react';
import {
  APPEAL_OUTCOME_WORDS,
  APPEAL_OUTCOMES,
  type AppealOutcome,
  type AppealRecord,
  type AppealsView,
} from '../../../../shared/api';
import { londonDate } from '../../../../shared/dates';
import { describeScore } from '../../../../shared/scale';
import { useChange, useRead } from '../../app/operations';
import { Button } from '../../ui/Button';
import { ErrorNotice, StatusNotice } from '../../ui/feedback';
import { CheckboxField, ChoiceGroup, TextField } from '../../ui/fields';
import { formatDate } from '../../ui/format';
import { useUnsavedWords } from '../../ui/leaveWarning';
import { Page } from '../../ui/Page';
import { ReadGate } from '../../ui/ReadGate';
import { useSignedIn } from '../case/useCase';

/**
 * Appeals (issue 15, item 3): the lead records an organisation's appeal and forms a review panel of
 * members who did not sit on the original panel; the reviewers read the moderation record; the
 * review panel's lead records the outcome. Every rule is checked in src/main/appeals; this screen
 * only explains them.
 */

const PERIOD_WORDS: Record<AppealsView['appealDaysFrom'], string> = {
  scheme: 'the scheme’s setting',
  default: 'the usual period: this case is not linked to a scheme file',
  default_scheme_not_open: 'the usual period: the linked scheme file is not open here',
};

export function AppealSection({ caseId }: { caseId: string }) {
  const signedIn = useSignedIn(caseId);
  const view = useRead('appeal.view', { caseId }, { enabled: signedIn !== null });
  const [registerNote, setRegisterNote] = useState<string | null>(null);
  return (
    <Page
      title="Appeal"
      intro={
        <p>
          An organisation may appeal the panel’s decision. A review panel of people who did not sit on the
          original panel looks at the moderation record and decides.
        </p>
      }
    >
      {!signedIn && <p>Sign in to the case to see or record an appeal.</p>}
      {registerNote && <StatusNotice tone="info">{registerNote}</StatusNotice>}
      {signedIn && (
        <ReadGate reads={[view]} loading="Reading the appeals…">
          {(appeals) => (
            <AppealScreen
              caseId={caseId}
              appeals={appeals}
              me={signedIn.memberId}
              isLead={signedIn.role === 'lead'}
              onRegister={setRegisterNote}
            />
          )}
        </ReadGate>
      )}
    </Page>
  );
}

function AppealScreen({
  caseId,
  appeals,
  me,
  isLead,
  onRegister,
}: {
  caseId: string;
  appeals: AppealsView;
  me: string;
  isLead: boolean;
  onRegister: (note: string) => void;
}) {
  const open = appeals.appeals.find((appeal) => appeal.outcome === null);
  const decided = appeals.appeals.filter((appeal) => appeal.outcome !== null);
  const isReviewer = open?.reviewers.some((reviewer) => reviewer.memberId === me) ?? false;
  return (
    <>
      <section aria-labelledby="appeal-deadline-heading">
        <h2 id="appeal-deadline-heading">The decision and the deadline</h2>
        {appeals.decision ? (
          <p>
            The decision of {formatDate(appeals.decision.decisionDate)} (
            {appeals.decision.level === null ? 'not yet awarded' : `Level ${appeals.decision.level}`}
            {appeals.decision.certificateNumber ? `, certificate ${appeals.decision.certificateNumber}` : ''})
            may be appealed until <strong>{formatDate(appeals.deadline)}</strong>: {appeals.appealDays} days,
            which is {PERIOD_WORDS[appeals.appealDaysFrom]}. A later appeal is accepted only with the reason
            written down.
          </p>
        ) : (
          <p>There is no decision yet, so there is nothing to appeal.</p>
        )}
      </section>
      {open && (
        <OpenAppeal
          caseId={caseId}
          appeal={open}
          appeals={appeals}
          isLead={isLead}
          me={me}
          onRegister={onRegister}
        />
      )}
      {!open && isLead && appeals.decision && <RecordAppealForm caseId={caseId} onRegister={onRegister} />}
      {(isReviewer || isLead) && open && open.reviewers.length > 0 && <ModerationRecord caseId={caseId} />}
      {decided.length > 0 && <DecidedAppeals appeals={decided} />}
    </>
  );
}

function RecordAppealForm({ caseId, onRegister }: { caseId: string; onRegister: (note: string) => void }) {
  const [receivedOn, setReceivedOn] = useState(londonDate(new Date()));
  const [grounds, setGrounds] = useState('');
  const [lateReason, setLateReason] = useState('');
  useUnsavedWords(grounds.trim() !== '' || lateReason.trim() !== '');
  const record = useChange('appeal.record', {
    onSuccess: (change) => onRegister(`Appeal recorded. ${change.register}`),
  });
  const late = record.error?.code === 'APPEAL_LATE' || lateReason !== '';
  return (
    <section aria-labelledby="record-appeal-heading" className="form">
      <h2 id="record-appeal-heading">Record an appeal</h2>
      <TextField
        label="Day the appeal arrived"
        description="Written as year, month, day, like 2026-03-14."
        value={receivedOn}
        onChange={setReceivedOn}
        isRequired
      />
      <TextField
        label="Grounds of appeal"
        description="In the organisation’s words: what they think went wrong."
        multiline
        value={grounds}
        onChange={setGrounds}
        isRequired
      />
      {late && (
        <TextField
          label="Why it is accepted after the deadline"
          description="Needed only for a late appeal."
          multiline
          rows={2}
          value={lateReason}
          onChange={setLateReason}
        />
      )}
      {record.isError && <ErrorNotice title="The appeal was not recorded" message={record.error.message} />}
      <Button
        variant="primary"
        isPending={record.isPending}
        pendingLabel="Recording…"
        onPress={() =>
          record.mutate({
            caseId,
            receivedOn,
            grounds,
            ...(lateReason.trim() !== '' ? { lateReason } : {}),
          })
        }
      >
        Record the appeal
      </Button>
    </section>
  );
}

function AppealFacts({ appeal }: { appeal: AppealRecord }) {
  return (
    <dl className="appeal-facts">
      <dt>Received</dt>
      <dd>
        {formatDate(appeal.receivedOn)} {appeal.late ? '(after the deadline)' : '(in time)'}
      </dd>
      <dt>Deadline</dt>
      <dd>{formatDate(appeal.deadline)}</dd>
      {appeal.lateReason && (
        <>
          <dt>Accepted late because</dt>
          <dd>{appeal.lateReason}</dd>
        </>
      )}
      <dt>Grounds</dt>
      <dd className="appeal-grounds">{appeal.grounds}</dd>
      <dt>Recorded by</dt>
      <dd>{appeal.recordedBy}</dd>
      {appeal.reviewers.length > 0 && (
        <>
          <dt>Review panel</dt>
          <dd>
            {appeal.reviewers
              .map((reviewer) => `${reviewer.name}${reviewer.isLead ? ' (review panel lead)' : ''}`)
              .join(', ')}
          </dd>
        </>
      )}
    </dl>
  );
}

function OpenAppeal({
  caseId,
  appeal,
  appeals,
  isLead,
  me,
  onRegister,
}: {
  caseId: string;
  appeal: AppealRecord;
  appeals: AppealsView;
  isLead: boolean;
  me: string;
  onRegister: (note: string) => void;
}) {
  const reviewLead = appeal.reviewers.find((reviewer) => reviewer.isLead);
  return (
    <section aria-labelledby="open-appeal-heading">
      <h2 id="open-appeal-heading">The open appeal</h2>
      <AppealFacts appeal={appeal} />
      {appeal.reviewers.length === 0 &&
        (isLead ? (
          <FormReviewPanel
            caseId={caseId}
            appeal={appeal}
            eligible={appeals.eligibleReviewers}
            onRegister={onRegister}
          />
        ) : (
          <p>The lead assessor forms the review panel next.</p>
        ))}
      {reviewLead && reviewLead.memberId === me && (
        <DecideAppeal caseId={caseId} appeal={appeal} onRegister={onRegister} />
      )}
      {reviewLead && reviewLead.memberId !== me && (
        <p>{reviewLead.name}, the review panel’s lead, records its decision, signed in as themselves.</p>
      )}
    </section>
  );
}

function FormReviewPanel({
  caseId,
  appeal,
  eligible,
  onRegister,
}: {
  caseId: string;
  appeal: AppealRecord;
  eligible: AppealsView['eligibleReviewers'];
  onRegister: (note: string) => void;
}) {
  const [chosen, setChosen] = useState<string[]>([]);
  const [lead, setLead] = useState<string | null>(null);
  const form = useChange('appeal.formPanel', {
    onSuccess: (change) => onRegister(`Review panel formed. ${change.register}`),
  });
  return (
    <div className="form">
      <h3>Form the review panel</h3>
      <p>
        Choose at least two people who did not sit on the original panel. Add them on the Panel screen first
        (as observers); anyone who was on the panel when the decision was taken is refused.
      </p>
      {eligible.length === 0 ? (
        <p>Nobody has been added since the decision yet.</p>
      ) : (
        <fieldset className="appeal-reviewers">
          <legend>Review panel members</legend>
          {eligible.map((member) => (
            <CheckboxField
              key={member.memberId}
              label={member.name}
              isSelected={chosen.includes(member.memberId)}
              onChange={(selected) =>
                setChosen((before) =>
                  selected ? [...before, member.memberId] : before.filter((id) => id !== member.memberId),
                )
              }
            />
          ))}
        </fieldset>
      )}
      {chosen.length > 0 && (
        <ChoiceGroup
          label="The review panel’s lead"
          description="They record the review panel’s decision."
          choices={eligible
            .filter((member) => chosen.includes(member.memberId))
            .map((member) => ({ value: member.memberId, label: member.name }))}
          value={lead}
          onChange={setLead}
        />
      )}
      {form.isError && <ErrorNotice title="The review panel was not formed" message={form.error.message} />}
      <Button
        variant="primary"
        isPending={form.isPending}
        pendingLabel="Forming…"
        onPress={() =>
          form.mutate({ caseId, appealId: appeal.id, memberIds: chosen, leadMemberId: lead ?? '' })
        }
      >
        Form the review panel
      </Button>
    </div>
  );
}

function DecideAppeal({
  caseId,
  appeal,
  onRegister,
}: {
  caseId: string;
  appeal: AppealRecord;
  onRegister: (note: string) => void;
}) {
  const [outcome, setOutcome] = useState<AppealOutcome | null>(null);
  const [reasons, setReasons] = useState('');
  useUnsavedWords(reasons.trim() !== '');
  const decide = useChange('appeal.decide', {
    onSuccess: (change) => onRegister(`The review panel’s decision is recorded. ${change.register}`),
  });
  return (
    <div className="form">
      <h3>Record the review panel’s decision</h3>
      <ChoiceGroup
        label="Outcome"
        choices={APPEAL_OUTCOMES.map((value) => ({
          value,
          label: APPEAL_OUTCOME_WORDS[value].title,
          description: APPEAL_OUTCOME_WORDS[value].meaning,
        }))}
        value={outcome}
        onChange={setOutcome}
        isRequired
      />
      <TextField
        label="The review panel’s reasons"
        multiline
        value={reasons}
        onChange={setReasons}
        isRequired
      />
      {decide.isError && <ErrorNotice title="The decision was not recorded" message={decide.error.message} />}
      <Button
        variant="primary"
        isPending={decide.isPending}
        pendingLabel="Recording…"
        onPress={() => outcome && decide.mutate({ caseId, appealId: appeal.id, outcome, reasons })}
        isDisabled={outcome === null}
      >
        Record the decision
      </Button>
    </div>
  );
}

/** The original moderation and decision, read-only, for the review panel. */
function ModerationRecord({ caseId }: { caseId: string }) {
  const moderation = useRead('moderation.view', { caseId });
  const outcome = useRead('outcome.get', { caseId });
  return (
    <section aria-labelledby="moderation-record-heading">
      <h2 id="moderation-record-heading">The moderation record (read only)</h2>
      <ReadGate reads={[moderation, outcome]} loading="Reading the moderation record…">
        {(record, decision) => (
          <>
            <p>
              {decision
                ? `Decision of ${formatDate(decision.decisionDate)}, recorded by ${decision.decidedBy}: ${
                    decision.level === 'not_yet_awarded' ? 'not yet awarded' : `Level ${decision.level}`
                  }.`
                : 'Moderation has reopened, so there is no decision at the moment.'}
            </p>
            <table className="appeal-record">
              <caption>The panel’s agreed scores and reasons</caption>
              <thead>
                <tr>
                  <th scope="col">Criterion</th>
                  <th scope="col">Agreed score</th>
                  <th scope="col">Reasons</th>
                </tr>
              </thead>
              <tbody>
                {record.agreed.map((agreed) => (
                  <tr key={agreed.criterionId}>
                    <th scope="row">{agreed.criterionId}</th>
                    <td>{describeScore(agreed.score)}</td>
                    <td>{agreed.rationale || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h3>What happened in moderation</h3>
            <ul>
              {record.history.map((entry, index) => (
                <li key={index}>
                  {`${entry.action === 'opened' ? 'Opened' : entry.action === 'closed' ? 'Closed' : 'Reopened'} by ${entry.by} on ${formatDate(entry.at)}${entry.reason ? `: ${entry.reason}` : ''}`}
                </li>
              ))}
            </ul>
          </>
        )}
      </ReadGate>
    </section>
  );
}

function DecidedAppeals({ appeals }: { appeals: AppealRecord[] }) {
  return (
    <section aria-labelledby="decided-appeals-heading">
      <h2 id="decided-appeals-heading">Decided appeals</h2>
      {appeals.map((appeal) => (
        <article
          key={appeal.id}
          className="appeal-decided"
          aria-label={`Appeal received ${formatDate(appeal.receivedOn)}`}
        >
          <h3>
            {appeal.outcome ? APPEAL_OUTCOME_WORDS[appeal.outcome].title : ''}: appeal received{' '}
            {formatDate(appeal.receivedOn)}
          </h3>
          <AppealFacts appeal={appeal} />
          <p>
            {appeal.decidedBy} recorded the review panel’s decision on {formatDate(appeal.decidedAt)}.
            Reasons: {appeal.outcomeReasons}
          </p>
          {appeal.outcome && <p>{APPEAL_OUTCOME_WORDS[appeal.outcome].meaning}</p>}
          {appeal.outcome === 'varied' && (
            <p>
              {appeal.replacedBy
                ? `Certificate ${appeal.replacedBy} replaced certificate ${appeal.certificateNumber ?? ''}.`
                : 'Next: the lead assessor moderates again (Moderation), records the new decision, and signs the new certificate.'}
            </p>
          )}
        </article>
      ))}
    </section>
  );
}

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
import { isIsoDate } from '../../../../shared/scoring';
import { useChange, useRead } from '../../app/operations';
import { Button } from '../../ui/Button';
import { ErrorNotice, StatusNotice } from '../../ui/feedback';
import { CheckedForm } from '../../ui/CheckedForm';
import { CheckedTextField, useCheckedFields } from '../../ui/CheckedTextField';
import { ChoiceGroup, ChoiceSet } from '../../ui/fields';
import { formatDate } from '../../ui/format';
import {
  describeFieldErrors,
  refusalInWords,
  useFocusAfterRender,
  type FieldErrors,
} from '../../ui/formSupport';
import { Page } from '../../ui/Page';
import { ReadGate } from '../../ui/ReadGate';
import { useFieldChecks, type FieldChecks } from '../../ui/useFieldChecks';
import { useSignedIn } from '../case/useCase';

/**
 * Appeals (issue 15, item 3): the lead records an organisation's appeal and forms a review panel of
 * members who did not sit on the original panel; the reviewers read the moderation record; the
 * review panel's lead records the outcome. Every rule is checked in src/main/appeals; this screen
 * only explains them.
 */

/** What a form of this screen does once its change is recorded: says what the register did, and moves focus to `focusKey`. */
type OnRegister = (note: string, focusKey: string) => void;

const PERIOD_WORDS: Record<AppealsView['appealDaysFrom'], string> = {
  scheme: 'the scheme’s setting',
  default: 'the usual period: this case is not linked to a scheme file',
  default_scheme_not_open: 'the usual period: the linked scheme file is not open here',
};

export function AppealSection({ caseId }: { caseId: string }) {
  const signedIn = useSignedIn(caseId);
  const view = useRead('appeal.view', { caseId }, { enabled: signedIn !== null });
  const [registerNote, setRegisterNote] = useState<string | null>(null);
  const focusAfterRender = useFocusAfterRender();
  const onRegister: OnRegister = (note, focusKey) => {
    setRegisterNote(note);
    focusAfterRender(focusKey);
  };
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
              onRegister={onRegister}
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
  onRegister: OnRegister;
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

const RECORD_LABELS: Record<string, string> = {
  receivedOn: 'Day the appeal arrived',
  grounds: 'Grounds of appeal',
  lateReason: 'Why it is accepted after the deadline',
};

function RecordAppealForm({ caseId, onRegister }: { caseId: string; onRegister: OnRegister }) {
  const checks = useFieldChecks();
  const fields = useCheckedFields(
    { receivedOn: londonDate(new Date()), grounds: '', lateReason: '' },
    checks,
  );
  const { receivedOn, grounds, lateReason } = fields.values;
  const record = useChange('appeal.record', {
    onSuccess: (change) => onRegister(`Appeal recorded. ${change.register}`, 'open-appeal-heading'),
  });
  const lateRefusal = record.error?.code === 'APPEAL_LATE' && lateReason.trim() === '';
  const late = record.error?.code === 'APPEAL_LATE' || lateReason !== '';
  const errors: FieldErrors = {
    ...checks.errors(record.error),
    ...(lateRefusal ? { lateReason: record.error?.message ?? '' } : {}),
  };
  return (
    <AppealForm
      headingId="record-appeal-heading"
      heading="Record an appeal"
      headingLevel={2}
      labels={RECORD_LABELS}
      checks={checks}
      errors={errors}
      change={record}
      refusedTitle="The appeal was not recorded"
      submitLabel="Record the appeal"
      check={() => ({
        ...(isIsoDate(receivedOn.trim())
          ? {}
          : { receivedOn: `Write the day as year, month, day, like 2026-03-14 (a day on the calendar).` }),
        ...(grounds.trim() ? {} : { grounds: 'Write the grounds of the appeal.' }),
      })}
      send={() =>
        record.mutate({
          caseId,
          receivedOn: receivedOn.trim(),
          grounds,
          ...(lateReason.trim() !== '' ? { lateReason } : {}),
        })
      }
    >
      <CheckedTextField
        fields={fields}
        errors={errors}
        name="receivedOn"
        label={RECORD_LABELS.receivedOn!}
        description="Written as year, month, day, like 2026-03-14."
        isRequired
      />
      <CheckedTextField
        fields={fields}
        errors={errors}
        name="grounds"
        label={RECORD_LABELS.grounds!}
        description="In the organisation’s words: what they think went wrong."
        multiline
        isRequired
      />
      {late && (
        <CheckedTextField
          fields={fields}
          errors={errors}
          name="lateReason"
          label={RECORD_LABELS.lateReason!}
          description="Needed only for a late appeal."
          multiline
          rows={2}
        />
      )}
    </AppealForm>
  );
}

/**
 * A form of this screen (CheckedForm): its heading, its fields, what needs fixing (the form's own
 * checks, or the refusal in words) and its button. Enter submits; focus goes to the first field
 * that needs fixing.
 */
function AppealForm({
  headingId,
  heading,
  headingLevel = 3,
  labels,
  checks,
  errors,
  change,
  refusedTitle,
  submitLabel,
  check,
  send,
  children,
}: {
  headingId: string;
  heading: string;
  headingLevel?: 2 | 3;
  labels: Record<string, string>;
  checks: FieldChecks;
  errors: FieldErrors;
  change: { reset: () => void; error: Error | null; isPending: boolean; isSuccess: boolean };
  refusedTitle: string;
  submitLabel: string;
  check: () => FieldErrors;
  send: () => void;
  children: React.ReactNode;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const ownChecks = describeFieldErrors(checks.checked, labels);
  const refusal = change.error ? refusalInWords(change.error, errors, labels) : '';
  return (
    <section aria-labelledby={headingId}>
      <Heading id={headingId}>{heading}</Heading>
      <CheckedForm checks={checks} check={check} send={send} change={change} aria-labelledby={headingId}>
        {children}
        {ownChecks ? (
          <ErrorNotice title={refusedTitle} message={ownChecks} />
        ) : (
          refusal && <ErrorNotice title={refusedTitle} message={refusal} />
        )}
        <Button type="submit" variant="primary" isPending={change.isPending} pendingLabel="Recording…">
          {submitLabel}
        </Button>
      </CheckedForm>
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
  onRegister: OnRegister;
}) {
  const reviewLead = appeal.reviewers.find((reviewer) => reviewer.isLead);
  return (
    <section aria-labelledby="open-appeal-heading">
      <h2 id="open-appeal-heading" tabIndex={-1} data-focus-key="open-appeal-heading">
        The open appeal
      </h2>
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

const REVIEW_PANEL_LABELS: Record<string, string> = {
  memberIds: 'Review panel members',
  leadMemberId: 'The review panel’s lead',
};

function FormReviewPanel({
  caseId,
  appeal,
  eligible,
  onRegister,
}: {
  caseId: string;
  appeal: AppealRecord;
  eligible: AppealsView['eligibleReviewers'];
  onRegister: OnRegister;
}) {
  const checks = useFieldChecks();
  const [chosen, setChosen] = useState<string[]>([]);
  const [lead, setLead] = useState<string | null>(null);
  const form = useChange('appeal.formPanel', {
    onSuccess: (change) => onRegister(`Review panel formed. ${change.register}`, 'open-appeal-heading'),
  });
  // Refused because someone chosen sat on the original panel: the choice of members is what to fix.
  const satOnPanel = form.error?.code === 'REVIEWER_SAT_ON_PANEL' ? form.error.message : undefined;
  const errors: FieldErrors = {
    ...checks.errors(form.error),
    ...(satOnPanel ? { memberIds: satOnPanel } : {}),
  };
  const choose = (memberIds: string[]) => {
    setChosen(memberIds);
    if (lead !== null && !memberIds.includes(lead)) setLead(null);
    checks.clear('memberIds');
    if (satOnPanel) form.reset();
  };
  return (
    <AppealForm
      headingId="form-review-panel-heading"
      heading="Form the review panel"
      labels={REVIEW_PANEL_LABELS}
      checks={checks}
      errors={errors}
      change={form}
      refusedTitle="The review panel was not formed"
      submitLabel="Form the review panel"
      check={() => ({
        ...(chosen.length >= 2 ? {} : { memberIds: 'Choose at least two people.' }),
        ...(lead !== null || chosen.length === 0
          ? {}
          : { leadMemberId: 'Choose who leads the review panel.' }),
      })}
      send={() => form.mutate({ caseId, appealId: appeal.id, memberIds: chosen, leadMemberId: lead ?? '' })}
    >
      <p>
        Choose at least two people who did not sit on the original panel. Add them first on the Panel screen
        with “Add a member” (they join as observers); anyone who was on the panel when the decision was taken
        is refused.
      </p>
      {eligible.length === 0 ? (
        <p>Nobody has been added since the decision yet.</p>
      ) : (
        <ChoiceSet
          label={REVIEW_PANEL_LABELS.memberIds!}
          choices={eligible.map((member) => ({ value: member.memberId, label: member.name }))}
          value={chosen}
          onChange={choose}
          errorMessage={errors.memberIds}
        />
      )}
      {chosen.length > 0 && (
        <ChoiceGroup
          label={REVIEW_PANEL_LABELS.leadMemberId!}
          description="They record the review panel’s decision."
          choices={eligible
            .filter((member) => chosen.includes(member.memberId))
            .map((member) => ({ value: member.memberId, label: member.name }))}
          value={lead}
          onChange={(memberId) => {
            setLead(memberId);
            checks.clear('leadMemberId');
          }}
          errorMessage={errors.leadMemberId}
        />
      )}
    </AppealForm>
  );
}

const DECIDE_LABELS: Record<string, string> = {
  outcome: 'Outcome',
  reasons: 'The review panel’s reasons',
};

function DecideAppeal({
  caseId,
  appeal,
  onRegister,
}: {
  caseId: string;
  appeal: AppealRecord;
  onRegister: OnRegister;
}) {
  const checks = useFieldChecks();
  const fields = useCheckedFields({ reasons: '' }, checks);
  const [outcome, setOutcome] = useState<AppealOutcome | null>(null);
  const decide = useChange('appeal.decide', {
    onSuccess: (change) =>
      onRegister(`The review panel’s decision is recorded. ${change.register}`, 'decided-appeals-heading'),
  });
  const errors = checks.errors(decide.error);
  return (
    <AppealForm
      headingId="decide-appeal-heading"
      heading="Record the review panel’s decision"
      labels={DECIDE_LABELS}
      checks={checks}
      errors={errors}
      change={decide}
      refusedTitle="The decision was not recorded"
      submitLabel="Record the decision"
      check={() => ({
        ...(outcome ? {} : { outcome: 'Choose the outcome.' }),
        ...(fields.values.reasons.trim() ? {} : { reasons: 'Give the review panel’s reasons.' }),
      })}
      send={() =>
        outcome && decide.mutate({ caseId, appealId: appeal.id, outcome, reasons: fields.values.reasons })
      }
    >
      <ChoiceGroup
        label={DECIDE_LABELS.outcome!}
        choices={APPEAL_OUTCOMES.map((value) => ({
          value,
          label: APPEAL_OUTCOME_WORDS[value].title,
          description: APPEAL_OUTCOME_WORDS[value].meaning,
        }))}
        value={outcome}
        onChange={(value) => {
          setOutcome(value);
          checks.clear('outcome');
        }}
        isRequired
        errorMessage={errors.outcome}
      />
      <CheckedTextField
        fields={fields}
        errors={errors}
        name="reasons"
        label={DECIDE_LABELS.reasons!}
        multiline
        isRequired
      />
    </AppealForm>
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
      <h2 id="decided-appeals-heading" tabIndex={-1} data-focus-key="decided-appeals-heading">
        Decided appeals
      </h2>
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

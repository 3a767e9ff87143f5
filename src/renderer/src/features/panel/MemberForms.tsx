import { useState } from 'react';
import {
  MEMBER_ROLES,
  personName,
  reason as reasonField,
  ROLE_NAMES,
  textLimit,
  type MemberRole,
  type PanelMember,
} from '../../../../shared/api';
import { useChange } from '../../app/operations';
import { Button } from '../../ui/Button';
import { CheckedForm } from '../../ui/CheckedForm';
import { ErrorNotice } from '../../ui/feedback';
import { CheckboxField, ChoiceGroup, SecretField, TextField } from '../../ui/fields';
import { describeFieldErrors, type FieldErrors } from '../../ui/formSupport';
import { useDraftOf } from '../../ui/useDraftOf';
import { OutOfDateChoice } from '../../ui/OutOfDateChoice';
import type { ShownRecord } from '../../ui/useShownRecord';
import { useFieldChecks, type FieldChecks } from '../../ui/useFieldChecks';
import { checkedFieldProps, useCheckedFields } from '../../ui/CheckedTextField';

const ROLE_DESCRIPTIONS: Record<MemberRole, string> = {
  lead: 'Leads the panel, moderates and signs the certificate.',
  assessor: 'Someone with lived experience who scores every criterion.',
  co_assessor: 'A professional who scores every criterion.',
  observer: 'Watches and listens; does not score.',
};
const ROLE_CHOICES = MEMBER_ROLES.map((role) => ({
  value: role,
  label: ROLE_NAMES[role],
  description: ROLE_DESCRIPTIONS[role],
}));
const PIN_PATTERN = /^\d{4,8}$/;
const PIN_HINT = '4 to 8 digits. The member types it to sign in on this computer.';
const PIN_PROBLEM = 'A PIN is 4 to 8 digits.';

interface MemberFormProps {
  caseId: string;
  member: PanelMember;
  onDone: (message: string) => void;
  onCancel: () => void;
}

/** A member form's frame: its heading, the form's checks and refusal, and Save / Cancel. */
function FormShell({
  heading,
  headingLevel = 3,
  checks,
  labels,
  change,
  shown,
  check,
  send,
  submitLabel,
  pendingLabel,
  onCancel,
  children,
}: {
  heading: string;
  headingLevel?: 2 | 3;
  checks: FieldChecks;
  labels: Record<string, string>;
  change: { reset: () => void; error: Error | null; isPending: boolean; isSuccess: boolean };
  /** For a form that saves a whole record: the choice after it was changed elsewhere. */
  shown?: ShownRecord<unknown>;
  check: () => FieldErrors;
  send: () => void;
  submitLabel: string;
  pendingLabel: string;
  onCancel: () => void;
  children: React.ReactNode;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className={headingLevel === 2 ? 'member-form member-form-new' : 'member-form'}>
      <Heading className="member-form-heading">{heading}</Heading>
      <CheckedForm key={shown?.key} checks={checks} check={check} send={send} change={change}>
        {children}
        {Object.keys(checks.checked).length > 0 && (
          <ErrorNotice title="Not saved yet" message={describeFieldErrors(checks.checked, labels)} />
        )}
        {change.error && <ErrorNotice title="That was not saved" message={change.error.message} />}
        {shown && <OutOfDateChoice shown={shown} />}
        <div className="form-actions">
          <Button type="submit" variant="primary" isPending={change.isPending} pendingLabel={pendingLabel}>
            {submitLabel}
          </Button>
          <Button onPress={onCancel} isDisabled={change.isPending}>
            Cancel
          </Button>
        </div>
      </CheckedForm>
    </div>
  );
}

/**
 * The roles a member may be given: never "Lead assessor", which the main process refuses (a panel
 * has exactly one lead, set when the case file is created); and for the lead, only their own role.
 */
function roleChoices(current: MemberRole) {
  return ROLE_CHOICES.filter((choice) => (current === 'lead') === (choice.value === 'lead'));
}

/** Who a member is: the fields the add and edit forms share. */
function MemberFields(props: {
  name: string;
  onNameChange: (name: string) => void;
  role: MemberRole;
  onRoleChange: (role: MemberRole) => void;
  consent: boolean;
  onConsentChange: (consent: boolean) => void;
  errors: FieldErrors;
  consentHint: string;
  nameHint?: string;
  /** Why the role cannot be chosen now (once scoring has opened, roles are fixed). */
  roleFixedBecause?: string | undefined;
}) {
  return (
    <>
      <TextField
        label="Name"
        isRequired
        maxLength={textLimit(personName)}
        autoFocus
        {...(props.nameHint ? { description: props.nameHint } : {})}
        value={props.name}
        onChange={props.onNameChange}
        errorMessage={props.errors.name}
      />
      <ChoiceGroup
        label="Role"
        {...(props.role === 'lead'
          ? {
              isDisabled: true,
              description:
                'A panel has exactly one lead assessor, set when the case file was created, so this role cannot change.',
            }
          : props.roleFixedBecause
            ? { isDisabled: true, description: props.roleFixedBecause }
            : {})}
        choices={roleChoices(props.role)}
        value={props.role}
        onChange={props.onRoleChange}
        errorMessage={props.errors.role}
      />
      <CheckboxField
        label="Agrees to be named"
        description={props.consentHint}
        isSelected={props.consent}
        onChange={props.onConsentChange}
      />
    </>
  );
}

/** Why only observers can be added once scoring has opened (the main process refuses any other role then). */
const OBSERVERS_ONLY =
  'Scoring has opened, so the people who score are fixed: you can add someone only as an observer, who watches and does not score. This is how you add the reviewers of an appeal.';

/** Lead: add a member to the panel (once scoring has opened, only as an observer). */
export function AddMemberForm({
  caseId,
  onDone,
  onCancel,
  observersOnly = false,
}: {
  caseId: string;
  onDone: (message: string, member: PanelMember) => void;
  onCancel: () => void;
  observersOnly?: boolean;
}) {
  const [role, setRole] = useState<MemberRole>(observersOnly ? 'observer' : 'assessor');
  const [consent, setConsent] = useState(false);
  const checks = useFieldChecks();
  const fields = useCheckedFields({ name: '', pin: '' }, checks);
  const { name, pin } = fields.values;
  const add = useChange('panel.addMember', {
    onSuccess: (member) => onDone(`${member.name} is added to the panel.`, member),
  });
  const errors = checks.errors(add.error);
  return (
    <FormShell
      heading="Add a member"
      headingLevel={2}
      checks={checks}
      labels={{ name: 'Name', pin: 'PIN' }}
      submitLabel="Add to the panel"
      pendingLabel="Adding…"
      change={add}
      onCancel={onCancel}
      check={() => ({
        ...(name.trim() ? {} : { name: 'Enter their name.' }),
        ...(pin && !PIN_PATTERN.test(pin) ? { pin: PIN_PROBLEM } : {}),
      })}
      send={() => add.mutate({ caseId, name, role, consentToBeNamed: consent, ...(pin ? { pin } : {}) })}
    >
      <MemberFields
        name={name}
        onNameChange={(v) => fields.change('name', v)}
        role={role}
        onRoleChange={setRole}
        consent={consent}
        onConsentChange={setConsent}
        errors={errors}
        consentHint={
          observersOnly
            ? 'An observer is never named on the certificate; their name appears in papers such as an appeal’s outcome only if they agree. Leave this unticked if they would rather not be named.'
            : 'Their name will appear on the certificate. Leave this unticked if they would rather not be named.'
        }
        nameHint="As they would like to be called."
        roleFixedBecause={observersOnly ? OBSERVERS_ONLY : undefined}
      />
      <SecretField
        label="PIN"
        description={`${PIN_HINT} It works once: at their first sign-in they choose their own. You can also set it later.`}
        inputMode="numeric"
        {...checkedFieldProps(fields, errors, 'pin')}
      />
    </FormShell>
  );
}

/** What the panel is told about a reason the lead gives once scoring has opened. */
const REASON_SEEN = 'Everyone on the panel sees it on the moderation screen, and the report prints it.';

/** The lead's reason for a change once scoring has opened. */
function ReasonField({
  label,
  value,
  onChange,
  errorMessage,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  errorMessage: string | undefined;
}) {
  return (
    <TextField
      label={label}
      isRequired
      multiline
      rows={2}
      description={REASON_SEEN}
      value={value}
      onChange={onChange}
      errorMessage={errorMessage}
    />
  );
}

/** The details the edit form saves whole. */
function memberDetailsOf({ name, role, consentToBeNamed }: PanelMember) {
  return { name, role, consentToBeNamed };
}

/**
 * Lead: change a member's name, role or consent to be named. Once scoring has opened (`reasonNeeded`),
 * only the name and consent, with the reason.
 */
export function EditMemberForm({
  caseId,
  member,
  reasonNeeded,
  onDone,
  onCancel,
}: MemberFormProps & { reasonNeeded: boolean }) {
  const checks = useFieldChecks();
  const typed = useCheckedFields({ reason: '' }, checks);
  const { reason } = typed.values;
  const update = useChange('panel.updateMember', {
    onSuccess: (saved) => onDone(`The changes to ${saved.name} are saved.`),
  });
  // `member` is as the panel shows it now: after a refusal (changed in another tab), what is saved.
  const { draft, setDraft, shown } = useDraftOf(memberDetailsOf(member), (details) => details, update);
  const { name, role, consentToBeNamed: consent } = draft;
  const errors = checks.errors(update.error);
  return (
    <FormShell
      heading={`Edit ${member.name}`}
      checks={checks}
      labels={{ name: 'Name', reason: 'Reason for the change' }}
      submitLabel="Save the changes"
      pendingLabel="Saving…"
      change={update}
      shown={shown}
      onCancel={onCancel}
      check={(): FieldErrors => ({
        ...(name.trim() ? {} : { name: 'Enter their name.' }),
        ...(reasonNeeded && !reason.trim() ? { reason: 'Give the reason for the change.' } : {}),
      })}
      send={() =>
        update.mutate({
          caseId,
          memberId: member.id,
          ...draft,
          ...(reasonNeeded ? { reason } : {}),
          savedBefore: shown.record,
        })
      }
    >
      <MemberFields
        name={name}
        onNameChange={(v) => {
          setDraft((d) => ({ ...d, name: v }));
          checks.clear('name');
        }}
        role={role}
        onRoleChange={(v) => setDraft((d) => ({ ...d, role: v }))}
        consent={consent}
        onConsentChange={(v) => setDraft((d) => ({ ...d, consentToBeNamed: v }))}
        errors={errors}
        consentHint="Their name will appear on the certificate."
        roleFixedBecause={reasonNeeded ? 'Roles are fixed once scoring has opened.' : undefined}
      />
      {reasonNeeded && (
        <ReasonField label="Reason for the change" {...checkedFieldProps(typed, errors, 'reason')} />
      )}
    </FormShell>
  );
}

/**
 * Set a member's PIN (the lead for anyone, a member for themselves). A PIN the lead sets works once:
 * the member chooses their own at their next sign-in. Once scoring has opened, the lead resetting
 * someone's PIN gives the reason (`reasonNeeded`).
 */
export function PinForm({
  caseId,
  member,
  isSelf,
  reasonNeeded,
  onDone,
  onCancel,
}: MemberFormProps & { isSelf: boolean; reasonNeeded: boolean }) {
  const checks = useFieldChecks();
  const fields = useCheckedFields({ pin: '', reason: '' }, checks);
  const { pin, reason } = fields.values;
  const setMemberPin = useChange('panel.setPin', {
    onSuccess: () =>
      onDone(
        isSelf
          ? 'Your new PIN is set.'
          : reasonNeeded
            ? `${member.name}’s PIN is reset. Give them the new PIN: when they next sign in, they choose one of their own.`
            : `${member.name}’s PIN is set. Give it to them: it works once, when they sign in and choose one of their own.`,
      ),
  });
  const errors = checks.errors(setMemberPin.error);
  return (
    <FormShell
      heading={isSelf ? 'Change your PIN' : `Set a PIN for ${member.name}`}
      checks={checks}
      labels={{ pin: 'New PIN', reason: 'Reason for the reset' }}
      submitLabel="Set the PIN"
      pendingLabel="Setting the PIN…"
      change={setMemberPin}
      onCancel={onCancel}
      check={(): FieldErrors => ({
        ...(PIN_PATTERN.test(pin) ? {} : { pin: PIN_PROBLEM }),
        ...(reasonNeeded && !reason.trim()
          ? { reason: `Give the reason for resetting ${member.name}’s PIN.` }
          : {}),
      })}
      send={() =>
        setMemberPin.mutate({ caseId, memberId: member.id, pin, ...(reasonNeeded ? { reason } : {}) })
      }
    >
      <SecretField
        label="New PIN"
        isRequired
        autoFocus
        description={PIN_HINT}
        inputMode="numeric"
        {...checkedFieldProps(fields, errors, 'pin')}
      />
      {reasonNeeded && (
        <ReasonField label="Reason for the reset" {...checkedFieldProps(fields, errors, 'reason')} />
      )}
    </FormShell>
  );
}

const CONFLICT_DECISIONS = [
  {
    value: 'allowed',
    label: 'Allow them to take part',
    description: 'They score as normal. The reason is recorded.',
  },
  {
    value: 'excluded',
    label: 'Exclude them from scoring',
    description: 'They do not score this organisation. The reason is recorded.',
  },
] as const;

/** Lead: decide whether a member with a declared conflict of interest may score. */
export function DecideConflictForm({ caseId, member, onDone, onCancel }: MemberFormProps) {
  const current = member.conflict.status === 'declared' ? member.conflict.decision : null;
  const [outcome, setOutcome] = useState<'allowed' | 'excluded' | null>(current?.outcome ?? null);
  const checks = useFieldChecks();
  const fields = useCheckedFields({ reason: current?.reason ?? '' }, checks);
  const { reason } = fields.values;
  const decide = useChange('panel.decideConflict', {
    onSuccess: (saved, { outcome: chosen }) =>
      onDone(
        chosen === 'allowed'
          ? `${saved.name} may take part. Your decision is recorded.`
          : `${saved.name} is excluded from scoring. Your decision is recorded.`,
      ),
  });
  const errors = checks.errors(decide.error);
  return (
    <FormShell
      heading={`Your decision on ${member.name}’s conflict of interest`}
      checks={checks}
      labels={{ outcome: 'Your decision', reason: 'Reason' }}
      submitLabel="Save the decision"
      pendingLabel="Saving…"
      change={decide}
      onCancel={onCancel}
      check={() => ({
        ...(outcome ? {} : { outcome: 'Choose whether they may take part.' }),
        ...(reason.trim() ? {} : { reason: 'Give a reason.' }),
      })}
      send={() => outcome && decide.mutate({ caseId, memberId: member.id, outcome, reason })}
    >
      {member.conflict.status === 'declared' && (
        <p className="member-form-context">
          {member.name} declared: “{member.conflict.text}”
        </p>
      )}
      <ChoiceGroup
        label="Your decision"
        isRequired
        choices={CONFLICT_DECISIONS}
        value={outcome}
        onChange={(v) => {
          setOutcome(v);
          checks.clear('outcome');
        }}
        errorMessage={errors.outcome}
      />
      <TextField
        label="Reason"
        isRequired
        maxLength={textLimit(reasonField)}
        multiline
        rows={3}
        {...checkedFieldProps(fields, errors, 'reason')}
      />
    </FormShell>
  );
}

/** Any member: declare your own conflict of interest, or that you have none. */
export function DeclarationForm({
  caseId,
  member,
  onDone,
}: {
  caseId: string;
  member: PanelMember;
  onDone: (message: string) => void;
}) {
  const [kind, setKind] = useState<'none' | 'declared' | null>(
    member.conflict.status === 'not_declared' ? null : member.conflict.status,
  );
  const checks = useFieldChecks();
  const fields = useCheckedFields(
    { text: member.conflict.status === 'declared' ? member.conflict.text : '' },
    checks,
  );
  const { text } = fields.values;
  const declare = useChange('panel.declareConflict', {
    onSuccess: (_saved, { declaration }) =>
      onDone(
        declaration.kind === 'none'
          ? 'Thank you. You have declared no conflict of interest.'
          : 'Thank you. Your declaration is recorded; the lead assessor will decide on it.',
      ),
  });
  const errors = checks.errors(declare.error, 'declaration.');
  return (
    <CheckedForm
      checks={checks}
      change={declare}
      check={() => ({
        ...(kind ? {} : { kind: 'Choose one.' }),
        ...(kind === 'declared' && !text.trim() ? { text: 'Describe the conflict of interest.' } : {}),
      })}
      send={() =>
        kind &&
        declare.mutate({
          caseId,
          memberId: member.id,
          declaration: kind === 'none' ? { kind: 'none' } : { kind: 'declared', text },
        })
      }
    >
      <ChoiceGroup
        label="Do you have a conflict of interest?"
        description="For example, you have worked for this organisation, use its services, or are close to someone who works there."
        isRequired
        choices={[
          { value: 'none', label: 'No, I have no conflict of interest' },
          { value: 'declared', label: 'Yes, I have something to declare' },
        ]}
        value={kind}
        onChange={(v) => {
          setKind(v);
          checks.clear('kind');
        }}
        errorMessage={errors.kind}
      />
      {kind === 'declared' && (
        <TextField
          label="Describe the conflict of interest"
          isRequired
          multiline
          rows={3}
          {...checkedFieldProps(fields, errors, 'text')}
        />
      )}
      {Object.keys(checks.checked).length > 0 && (
        <ErrorNotice
          title="Not saved yet"
          message={describeFieldErrors(checks.checked, { kind: 'Conflict of interest', text: 'Description' })}
        />
      )}
      {declare.error && (
        <ErrorNotice title="Your declaration was not saved" message={declare.error.message} />
      )}
      <Button type="submit" variant="primary" isPending={declare.isPending} pendingLabel="Saving…">
        Save my declaration
      </Button>
    </CheckedForm>
  );
}

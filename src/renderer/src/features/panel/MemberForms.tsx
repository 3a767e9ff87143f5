import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Form } from 'react-aria-components';
import { MEMBER_ROLES, type MemberRole, ROLE_NAMES, type PanelMember } from '../../../../shared/api';
import { useCall } from '../../app/client-context';
import { Button } from '../../ui/Button';
import { ErrorNotice } from '../../ui/feedback';
import { CheckboxField, ChoiceGroup, SecretField, TextField } from '../../ui/fields';
import {
  describeFieldErrors,
  focusFirstInvalid,
  serverFieldErrors,
  type FieldErrors,
} from '../../ui/formSupport';

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

interface FormProps {
  caseId: string;
  onDone: (message: string, member?: PanelMember) => Promise<void> | void;
  onCancel: () => void;
}

function FormShell({
  heading,
  headingLevel = 3,
  error,
  checked,
  labels,
  submitLabel,
  pendingLabel,
  isPending,
  onSubmit,
  onCancel,
  children,
}: {
  heading: string;
  headingLevel?: 2 | 3;
  error: Error | null;
  checked: FieldErrors;
  labels: Record<string, string>;
  submitLabel: string;
  pendingLabel: string;
  isPending: boolean;
  onSubmit: (form: HTMLFormElement | null) => void;
  onCancel: () => void;
  children: React.ReactNode;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className={headingLevel === 2 ? 'member-form member-form-new' : 'member-form'}>
      <Heading className="member-form-heading">{heading}</Heading>
      <Form
        ref={formRef}
        className="form"
        validationBehavior="aria"
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit(formRef.current);
        }}
      >
        {children}
        {Object.keys(checked).length > 0 && (
          <ErrorNotice title="Not saved yet" message={describeFieldErrors(checked, labels)} />
        )}
        {error && <ErrorNotice title="That was not saved" message={error.message} />}
        <div className="form-actions">
          <Button type="submit" variant="primary" isPending={isPending} pendingLabel={pendingLabel}>
            {submitLabel}
          </Button>
          <Button onPress={onCancel} isDisabled={isPending}>
            Cancel
          </Button>
        </div>
      </Form>
    </div>
  );
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
}) {
  return (
    <>
      <TextField
        label="Name"
        isRequired
        autoFocus
        {...(props.nameHint ? { description: props.nameHint } : {})}
        value={props.name}
        onChange={props.onNameChange}
        errorMessage={props.errors.name}
      />
      <ChoiceGroup
        label="Role"
        choices={ROLE_CHOICES}
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

function useChecks() {
  const [checked, setChecked] = useState<FieldErrors>({});
  const clear = (key: string) => {
    if (checked[key]) setChecked(({ [key]: _fixed, ...rest }) => rest);
  };
  return { checked, setChecked, clear };
}

/** Lead: add a member to the panel. */
export function AddMemberForm({ caseId, onDone, onCancel }: FormProps) {
  const call = useCall();
  const [name, setName] = useState('');
  const [role, setRole] = useState<MemberRole>('assessor');
  const [consent, setConsent] = useState(false);
  const [pin, setPin] = useState('');
  const { checked, setChecked, clear } = useChecks();
  const add = useMutation({
    mutationFn: () =>
      call('panel.addMember', { caseId, name, role, consentToBeNamed: consent, ...(pin ? { pin } : {}) }),
    onSuccess: (member) => onDone(`${member.name} is added to the panel.`, member),
  });
  const errors = { ...serverFieldErrors(add.error), ...checked };
  return (
    <FormShell
      heading="Add a member"
      headingLevel={2}
      error={add.error}
      checked={checked}
      labels={{ name: 'Name', pin: 'PIN' }}
      submitLabel="Add to the panel"
      pendingLabel="Adding…"
      isPending={add.isPending}
      onCancel={onCancel}
      onSubmit={(form) => {
        const found: FieldErrors = {};
        if (!name.trim()) found.name = 'Enter their name.';
        if (pin && !PIN_PATTERN.test(pin)) found.pin = 'A PIN is 4 to 8 digits.';
        setChecked(found);
        add.reset();
        if (Object.keys(found).length > 0) return focusFirstInvalid(form);
        add.mutate(undefined, { onError: () => focusFirstInvalid(form) });
      }}
    >
      <MemberFields
        name={name}
        onNameChange={(v) => {
          setName(v);
          clear('name');
        }}
        role={role}
        onRoleChange={setRole}
        consent={consent}
        onConsentChange={setConsent}
        errors={errors}
        consentHint="Their name will appear on the certificate. Leave this unticked if they would rather not be named."
        nameHint="As they would like to be called."
      />
      <SecretField
        label="PIN"
        description={`${PIN_HINT} You can also set it later.`}
        inputMode="numeric"
        value={pin}
        onChange={(v) => {
          setPin(v);
          clear('pin');
        }}
        errorMessage={errors.pin}
      />
    </FormShell>
  );
}

/** Lead: change a member's name, role or consent to be named. */
export function EditMemberForm({ caseId, member, onDone, onCancel }: FormProps & { member: PanelMember }) {
  const call = useCall();
  const [name, setName] = useState(member.name);
  const [role, setRole] = useState<MemberRole>(member.role);
  const [consent, setConsent] = useState(member.consentToBeNamed);
  const { checked, setChecked, clear } = useChecks();
  const update = useMutation({
    mutationFn: () =>
      call('panel.updateMember', { caseId, memberId: member.id, name, role, consentToBeNamed: consent }),
    onSuccess: (saved) => onDone(`The changes to ${saved.name} are saved.`, saved),
  });
  const errors = { ...serverFieldErrors(update.error), ...checked };
  return (
    <FormShell
      heading={`Edit ${member.name}`}
      error={update.error}
      checked={checked}
      labels={{ name: 'Name' }}
      submitLabel="Save the changes"
      pendingLabel="Saving…"
      isPending={update.isPending}
      onCancel={onCancel}
      onSubmit={(form) => {
        const found: FieldErrors = name.trim() ? {} : { name: 'Enter their name.' };
        setChecked(found);
        update.reset();
        if (Object.keys(found).length > 0) return focusFirstInvalid(form);
        update.mutate(undefined, { onError: () => focusFirstInvalid(form) });
      }}
    >
      <MemberFields
        name={name}
        onNameChange={(v) => {
          setName(v);
          clear('name');
        }}
        role={role}
        onRoleChange={setRole}
        consent={consent}
        onConsentChange={setConsent}
        errors={errors}
        consentHint="Their name will appear on the certificate."
      />
    </FormShell>
  );
}

/** Set a member's PIN (the lead for anyone, a member for themselves). */
export function PinForm({
  caseId,
  member,
  isSelf,
  onDone,
  onCancel,
}: FormProps & { member: PanelMember; isSelf: boolean }) {
  const call = useCall();
  const [pin, setPin] = useState('');
  const { checked, setChecked, clear } = useChecks();
  const setMemberPin = useMutation({
    mutationFn: () => call('panel.setPin', { caseId, memberId: member.id, pin }),
    onSuccess: () => onDone(isSelf ? 'Your new PIN is set.' : `${member.name}’s PIN is set.`),
  });
  const errors = { ...serverFieldErrors(setMemberPin.error), ...checked };
  return (
    <FormShell
      heading={isSelf ? 'Change your PIN' : `Set a PIN for ${member.name}`}
      error={setMemberPin.error}
      checked={checked}
      labels={{ pin: 'New PIN' }}
      submitLabel="Set the PIN"
      pendingLabel="Setting the PIN…"
      isPending={setMemberPin.isPending}
      onCancel={onCancel}
      onSubmit={(form) => {
        const found: FieldErrors = PIN_PATTERN.test(pin) ? {} : { pin: 'A PIN is 4 to 8 digits.' };
        setChecked(found);
        setMemberPin.reset();
        if (Object.keys(found).length > 0) return focusFirstInvalid(form);
        setMemberPin.mutate(undefined, { onError: () => focusFirstInvalid(form) });
      }}
    >
      <SecretField
        label="New PIN"
        isRequired
        autoFocus
        description={PIN_HINT}
        inputMode="numeric"
        value={pin}
        onChange={(v) => {
          setPin(v);
          clear('pin');
        }}
        errorMessage={errors.pin}
      />
    </FormShell>
  );
}

/** Lead: decide whether a member with a declared conflict of interest may score. */
export function DecideConflictForm({
  caseId,
  member,
  onDone,
  onCancel,
}: FormProps & { member: PanelMember }) {
  const call = useCall();
  const current = member.conflict.status === 'declared' ? member.conflict.decision : null;
  const [outcome, setOutcome] = useState<'allowed' | 'excluded' | null>(current?.outcome ?? null);
  const [reason, setReason] = useState(current?.reason ?? '');
  const { checked, setChecked, clear } = useChecks();
  const decide = useMutation({
    mutationFn: (chosen: 'allowed' | 'excluded') =>
      call('panel.decideConflict', { caseId, memberId: member.id, outcome: chosen, reason }),
    onSuccess: (saved, chosen) =>
      onDone(
        chosen === 'allowed'
          ? `${saved.name} may take part. Your decision is recorded.`
          : `${saved.name} is excluded from scoring. Your decision is recorded.`,
        saved,
      ),
  });
  const errors = { ...serverFieldErrors(decide.error), ...checked };
  return (
    <FormShell
      heading={`Your decision on ${member.name}’s conflict of interest`}
      error={decide.error}
      checked={checked}
      labels={{ outcome: 'Your decision', reason: 'Reason' }}
      submitLabel="Save the decision"
      pendingLabel="Saving…"
      isPending={decide.isPending}
      onCancel={onCancel}
      onSubmit={(form) => {
        const found: FieldErrors = {};
        if (!outcome) found.outcome = 'Choose whether they may take part.';
        if (!reason.trim()) found.reason = 'Give a reason.';
        setChecked(found);
        decide.reset();
        if (!outcome || Object.keys(found).length > 0) return focusFirstInvalid(form);
        decide.mutate(outcome, { onError: () => focusFirstInvalid(form) });
      }}
    >
      {member.conflict.status === 'declared' && (
        <p className="member-form-context">
          {member.name} declared: “{member.conflict.text}”
        </p>
      )}
      <ChoiceGroup
        label="Your decision"
        isRequired
        choices={[
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
        ]}
        value={outcome}
        onChange={(v) => {
          setOutcome(v);
          clear('outcome');
        }}
        errorMessage={errors.outcome}
      />
      <TextField
        label="Reason"
        isRequired
        multiline
        rows={3}
        value={reason}
        onChange={(v) => {
          setReason(v);
          clear('reason');
        }}
        errorMessage={errors.reason}
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
  onDone: FormProps['onDone'];
}) {
  const call = useCall();
  const formRef = useRef<HTMLFormElement>(null);
  const [kind, setKind] = useState<'none' | 'declared' | null>(
    member.conflict.status === 'not_declared' ? null : member.conflict.status,
  );
  const [text, setText] = useState(member.conflict.status === 'declared' ? member.conflict.text : '');
  const { checked, setChecked, clear } = useChecks();
  const declare = useMutation({
    mutationFn: (chosen: 'none' | 'declared') =>
      call('panel.declareConflict', {
        caseId,
        memberId: member.id,
        declaration: chosen === 'none' ? { kind: 'none' } : { kind: 'declared', text },
      }),
    onSuccess: (_saved, chosen) =>
      onDone(
        chosen === 'none'
          ? 'Thank you. You have declared no conflict of interest.'
          : 'Thank you. Your declaration is recorded; the lead assessor will decide on it.',
      ),
  });
  const errors = { ...serverFieldErrors(declare.error, 'declaration.'), ...checked };
  return (
    <Form
      ref={formRef}
      className="form"
      validationBehavior="aria"
      onSubmit={(event) => {
        event.preventDefault();
        const found: FieldErrors = {};
        if (!kind) found.kind = 'Choose one.';
        if (kind === 'declared' && !text.trim()) found.text = 'Describe the conflict of interest.';
        setChecked(found);
        declare.reset();
        if (!kind || Object.keys(found).length > 0) return focusFirstInvalid(formRef.current);
        declare.mutate(kind, { onError: () => focusFirstInvalid(formRef.current) });
      }}
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
          clear('kind');
        }}
        errorMessage={errors.kind}
      />
      {kind === 'declared' && (
        <TextField
          label="Describe the conflict of interest"
          isRequired
          multiline
          rows={3}
          value={text}
          onChange={(v) => {
            setText(v);
            clear('text');
          }}
          errorMessage={errors.text}
        />
      )}
      {Object.keys(checked).length > 0 && (
        <ErrorNotice
          title="Not saved yet"
          message={describeFieldErrors(checked, { kind: 'Conflict of interest', text: 'Description' })}
        />
      )}
      {declare.error && (
        <ErrorNotice title="Your declaration was not saved" message={declare.error.message} />
      )}
      <Button type="submit" variant="primary" isPending={declare.isPending} pendingLabel="Saving…">
        Save my declaration
      </Button>
    </Form>
  );
}

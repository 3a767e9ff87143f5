import { useState } from 'react';
import {
  ASSESSOR_ROLES,
  personName,
  textLimit,
  type AssessorFields,
  type AssessorRole,
} from '../../../../shared/api';
import type { Change } from '../../app/operations';
import { CheckedForm } from '../../ui/CheckedForm';
import { CheckedTextField, EmailAndPhoneFields, useCheckedFields } from '../../ui/CheckedTextField';
import { CheckboxField } from '../../ui/fields';
import { describeFieldErrors, refusalInWords } from '../../ui/formSupport';
import type { FieldErrors } from '../../ui/formSupport';
import { RecordFormEnd } from '../../ui/RecordFormEnd';
import { useFieldChecks } from '../../ui/useFieldChecks';
import type { ShownRecord } from '../../ui/useShownRecord';
import { ROLE_NAMES } from './trainingWords';

const LABELS: Record<string, string> = {
  name: 'Name',
  roles: 'Roles',
  email: 'Email',
  phone: 'Phone',
  signingKeyId: 'Signing key id',
};

/** What the form can tell is missing before sending: a name, and at least one role (both at once). */
function missingDetails(name: string, roles: AssessorRole[]): FieldErrors {
  const missing: FieldErrors = {};
  if (name.trim() === '') missing.name = 'Enter a name.';
  if (roles.length === 0) missing.roles = 'Choose at least one role this person may take on a panel.';
  return missing;
}

/** A person's details in the directory: used to add someone, and to change their details. */
export function AssessorForm({
  heading,
  submitLabel,
  initial,
  change,
  shown,
  send,
  savedMessage,
}: {
  heading: string;
  submitLabel: string;
  initial?: AssessorFields;
  change: Change<'scheme.addAssessor'> | Change<'scheme.editAssessor'>;
  /** Changing a saved person: what the form was shown, refused if it was changed meanwhile. */
  shown?: ShownRecord<AssessorFields>;
  send: (fields: AssessorFields) => void;
  savedMessage?: string | undefined;
}) {
  const checks = useFieldChecks();
  const [roles, setRoles] = useState<AssessorRole[]>(initial?.roles ?? []);
  const [consent, setConsent] = useState(initial?.consentToBeNamed ?? false);
  const errors = checks.errors(change.error, 'assessor.');
  const fields = useCheckedFields(
    {
      name: initial?.name ?? '',
      email: initial?.email ?? '',
      phone: initial?.phone ?? '',
      signingKeyId: initial?.signingKeyId ?? '',
    },
    checks,
  );
  const headingId = `${heading.replace(/\W+/g, '-').toLowerCase()}-heading`;
  const refusal =
    Object.keys(checks.checked).length > 0
      ? describeFieldErrors(checks.checked, LABELS)
      : change.error
        ? refusalInWords(change.error, errors, LABELS)
        : '';
  const rolesErrorId = `${headingId}-roles-error`;
  return (
    <CheckedForm
      checks={checks}
      check={() => missingDetails(fields.values.name, roles)}
      send={() => send({ ...fields.values, roles, consentToBeNamed: consent })}
      change={change}
      aria-labelledby={headingId}
    >
      <h3 id={headingId}>{heading}</h3>
      <CheckedTextField
        fields={fields}
        errors={errors}
        name="name"
        label="Name"
        isRequired
        maxLength={textLimit(personName)}
      />
      <fieldset
        className="fieldset"
        {...(errors.roles ? { 'data-invalid': '', 'aria-describedby': rolesErrorId } : {})}
      >
        <legend className="field-label">Roles this person may take on a panel</legend>
        {ASSESSOR_ROLES.map((role) => (
          <CheckboxField
            key={role}
            label={ROLE_NAMES[role]}
            isSelected={roles.includes(role)}
            onChange={(selected) => {
              checks.clear('roles');
              setRoles((current) =>
                selected ? [...current.filter((r) => r !== role), role] : current.filter((r) => r !== role),
              );
            }}
          />
        ))}
        {errors.roles && (
          <p className="field-error" id={rolesErrorId}>
            {errors.roles}
          </p>
        )}
      </fieldset>
      <EmailAndPhoneFields fields={fields} errors={errors} />
      <CheckboxField
        label="Agrees to be named on certificates"
        description="Only name a person on a certificate if they have said yes."
        isSelected={consent}
        onChange={setConsent}
      />
      <CheckedTextField
        fields={fields}
        errors={errors}
        name="signingKeyId"
        label="Signing key id"
        description="The key id of their signing identity, once the scheme has issued one. Leave empty if none."
        maxLength={200}
      />
      <RecordFormEnd
        refusal={refusal ? { title: 'The details were not saved', message: refusal } : null}
        shown={shown}
        savedMessage={savedMessage ?? null}
        isPending={change.isPending}
        submitLabel={submitLabel}
      />
    </CheckedForm>
  );
}

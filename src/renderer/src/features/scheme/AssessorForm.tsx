import { useState } from 'react';
import {
  ASSESSOR_ROLES,
  personName,
  textLimit,
  type Assessor,
  type AssessorFields,
  type AssessorRole,
} from '../../../../shared/api';
import type { Change } from '../../app/operations';
import { Button } from '../../ui/Button';
import { CheckedForm } from '../../ui/CheckedForm';
import { ErrorNotice, StatusNotice } from '../../ui/feedback';
import { CheckboxField, TextField } from '../../ui/fields';
import { refusalInWords } from '../../ui/formSupport';
import type { FieldErrors } from '../../ui/formSupport';
import { useFieldChecks } from '../../ui/useFieldChecks';
import { ROLE_NAMES } from './trainingWords';

const LABELS: Record<string, string> = {
  name: 'Name',
  roles: 'Roles',
  email: 'Email',
  phone: 'Phone',
  signingKeyId: 'Signing key id',
};

/** A person's details in the directory: used to add someone, and to change their details. */
export function AssessorForm({
  heading,
  submitLabel,
  initial,
  change,
  send,
  savedMessage,
}: {
  heading: string;
  submitLabel: string;
  initial?: Assessor;
  change: Change<'scheme.addAssessor'> | Change<'scheme.editAssessor'>;
  send: (fields: AssessorFields) => void;
  savedMessage?: string | undefined;
}) {
  const checks = useFieldChecks();
  const [name, setName] = useState(initial?.name ?? '');
  const [roles, setRoles] = useState<AssessorRole[]>(initial?.roles ?? []);
  const [email, setEmail] = useState(initial?.email ?? '');
  const [phone, setPhone] = useState(initial?.phone ?? '');
  const [consent, setConsent] = useState(initial?.consentToBeNamed ?? false);
  const [signingKeyId, setSigningKeyId] = useState(initial?.signingKeyId ?? '');
  const errors = checks.errors(change.error, 'assessor.');
  const headingId = `${heading.replace(/\W+/g, '-').toLowerCase()}-heading`;
  const refusal = change.error ? refusalInWords(change.error, errors, LABELS) : '';
  const changing = (key: string, set: (value: string) => void) => (value: string) => {
    checks.clear(key);
    set(value);
  };
  return (
    <CheckedForm
      checks={checks}
      check={(): FieldErrors =>
        roles.length === 0 ? { roles: 'Choose at least one role this person may take on a panel.' } : {}
      }
      send={() => send({ name, roles, email, phone, consentToBeNamed: consent, signingKeyId })}
      change={change}
      aria-labelledby={headingId}
    >
      <h3 id={headingId}>{heading}</h3>
      <TextField
        label="Name"
        isRequired
        maxLength={textLimit(personName)}
        value={name}
        onChange={changing('name', setName)}
        errorMessage={errors.name}
      />
      <fieldset className="fieldset">
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
          <p className="field-error" data-field-error="roles">
            {errors.roles}
          </p>
        )}
      </fieldset>
      <TextField
        label="Email"
        type="email"
        maxLength={254}
        value={email}
        onChange={changing('email', setEmail)}
        errorMessage={errors.email}
      />
      <TextField
        label="Phone"
        maxLength={40}
        value={phone}
        onChange={changing('phone', setPhone)}
        errorMessage={errors.phone}
      />
      <CheckboxField
        label="Agrees to be named on certificates"
        description="Only name a person on a certificate if they have said yes."
        isSelected={consent}
        onChange={setConsent}
      />
      <TextField
        label="Signing key id"
        description="The key id of their signing identity, once the scheme has issued one. Leave empty if none."
        maxLength={200}
        value={signingKeyId}
        onChange={changing('signingKeyId', setSigningKeyId)}
        errorMessage={errors.signingKeyId}
      />
      {refusal && <ErrorNotice title="The details were not saved" message={refusal} />}
      {savedMessage && !change.isPending && !change.error && (
        <StatusNotice tone="success">{savedMessage}</StatusNotice>
      )}
      <Button type="submit" variant="primary" isPending={change.isPending} pendingLabel="Saving…">
        {submitLabel}
      </Button>
    </CheckedForm>
  );
}

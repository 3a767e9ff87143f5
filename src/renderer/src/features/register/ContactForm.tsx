import { useState } from 'react';
import type { OrganisationContact } from '../../../../shared/api';
import { useChange } from '../../app/operations';
import { Button } from '../../ui/Button';
import { CheckedForm } from '../../ui/CheckedForm';
import { ErrorNotice, StatusNotice } from '../../ui/feedback';
import { TextField } from '../../ui/fields';
import { refusalInWords, type FieldErrors } from '../../ui/formSupport';
import { useFieldChecks } from '../../ui/useFieldChecks';

const LABELS: Record<string, string> = {
  contactName: 'Contact’s name',
  email: 'Email',
  phone: 'Phone',
  postalAddress: 'Postal address',
};

/** How to reach the organisation: kept by the scheme office, used by the reminders, never published. */
export function ContactForm({
  organisation,
  contact,
}: {
  organisation: string;
  contact: OrganisationContact | null;
}) {
  const checks = useFieldChecks();
  const [contactName, setContactName] = useState(contact?.contactName ?? '');
  const [email, setEmail] = useState(contact?.email ?? '');
  const [phone, setPhone] = useState(contact?.phone ?? '');
  const [postalAddress, setPostalAddress] = useState(contact?.postalAddress ?? '');
  const [saved, setSaved] = useState(false);
  const save = useChange('register.setContact', { onSuccess: () => setSaved(true) });
  const errors = checks.errors(save.error, 'contact.');
  const refusal = save.error ? refusalInWords(save.error, errors, LABELS) : '';
  const changing = (key: string, set: (value: string) => void) => (value: string) => {
    checks.clear(key);
    setSaved(false);
    set(value);
  };
  return (
    <section aria-labelledby="contact-heading">
      <h3 id="contact-heading">How to reach {organisation}</h3>
      <p>
        {contact
          ? `Last changed by ${contact.updatedBy}. Reminder letters are addressed to this contact.`
          : 'No contact is recorded yet. Reminder letters need at least one way to reach them.'}{' '}
        It stays in the scheme file and is never published in the register.
      </p>
      <CheckedForm
        checks={checks}
        check={(): FieldErrors =>
          email.trim() || phone.trim() || postalAddress.trim()
            ? {}
            : {
                email:
                  'Give at least one way to reach them: an email address, a phone number or a postal address.',
              }
        }
        send={() => save.mutate({ organisation, contact: { contactName, email, phone, postalAddress } })}
        change={save}
        aria-labelledby="contact-heading"
      >
        <TextField
          label="Contact’s name"
          maxLength={120}
          value={contactName}
          onChange={changing('contactName', setContactName)}
          errorMessage={errors.contactName}
        />
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
          type="tel"
          maxLength={40}
          value={phone}
          onChange={changing('phone', setPhone)}
          errorMessage={errors.phone}
        />
        <TextField
          label="Postal address"
          description="One line each: street, town, postcode."
          multiline
          rows={4}
          maxLength={500}
          value={postalAddress}
          onChange={changing('postalAddress', setPostalAddress)}
          errorMessage={errors.postalAddress}
        />
        {refusal && <ErrorNotice title="The contact was not saved" message={refusal} />}
        {saved && !save.isPending && !save.error && (
          <StatusNotice tone="success">The contact for {organisation} was saved.</StatusNotice>
        )}
        <Button type="submit" variant="primary" isPending={save.isPending} pendingLabel="Saving…">
          Save the contact
        </Button>
      </CheckedForm>
    </section>
  );
}

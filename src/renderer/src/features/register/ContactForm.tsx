import type { OrganisationContact, OrganisationContactFields } from '../../../../shared/api';
import type { Change } from '../../app/operations';
import { CheckedForm } from '../../ui/CheckedForm';
import { CheckedTextField, EmailAndPhoneFields, useCheckedFields } from '../../ui/CheckedTextField';
import { refusalInWords, type FieldErrors } from '../../ui/formSupport';
import { RecordFormEnd } from '../../ui/RecordFormEnd';
import { useFieldChecks } from '../../ui/useFieldChecks';
import { useRecordSave, type ShownRecord } from '../../ui/useShownRecord';

const LABELS: Record<string, string> = {
  contactName: 'Contact’s name',
  email: 'Email',
  phone: 'Phone',
  postalAddress: 'Postal address',
};

/** The contact as its form shows it (every field empty when none is recorded). */
function contactShown(contact: OrganisationContact | null): Required<OrganisationContactFields> {
  return {
    contactName: contact?.contactName ?? '',
    email: contact?.email ?? '',
    phone: contact?.phone ?? '',
    postalAddress: contact?.postalAddress ?? '',
  };
}

/**
 * How to reach the organisation: kept by the scheme office, used by the reminders, never published.
 * Refused if another tab (or person) changed the contact after this page showed it.
 */
export function ContactForm({
  organisation,
  contact,
}: {
  organisation: string;
  contact: OrganisationContact | null;
}) {
  const save = useRecordSave('register.setContact', contactShown(contact), contactShown);
  return (
    <section aria-labelledby="contact-heading">
      <h3 id="contact-heading">How to reach {organisation}</h3>
      <p>
        {contact
          ? `Last changed by ${contact.updatedBy}. Reminder letters are addressed to this contact.`
          : 'No contact is recorded yet. Reminder letters need at least one way to reach them.'}{' '}
        It stays in the scheme file and is never published in the register.
      </p>
      <ContactFields key={save.shown.key} organisation={organisation} {...save} />
    </section>
  );
}

function ContactFields({
  organisation,
  shown,
  change: save,
  saved,
  onEdit,
}: {
  organisation: string;
  shown: ShownRecord<Required<OrganisationContactFields>>;
  change: Change<'register.setContact'>;
  saved: boolean;
  onEdit: () => void;
}) {
  const checks = useFieldChecks();
  const fields = useCheckedFields(shown.record, checks, onEdit);
  const errors = checks.errors(save.error, 'contact.');
  const refusal = save.error ? refusalInWords(save.error, errors, LABELS) : '';
  const { email, phone, postalAddress } = fields.values;
  return (
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
      send={() => save.mutate({ organisation, contact: fields.values, savedBefore: shown.record })}
      change={save}
      aria-labelledby="contact-heading"
    >
      <CheckedTextField
        fields={fields}
        errors={errors}
        name="contactName"
        label="Contact’s name"
        maxLength={120}
      />
      <EmailAndPhoneFields fields={fields} errors={errors} />
      <CheckedTextField
        fields={fields}
        errors={errors}
        name="postalAddress"
        label="Postal address"
        description="One line each: street, town, postcode."
        multiline
        rows={4}
        maxLength={500}
      />
      <RecordFormEnd
        refusal={refusal ? { title: 'The contact was not saved', message: refusal } : null}
        shown={shown}
        savedMessage={saved ? `The contact for ${organisation} was saved.` : null}
        isPending={save.isPending}
        submitLabel="Save the contact"
      />
    </CheckedForm>
  );
}

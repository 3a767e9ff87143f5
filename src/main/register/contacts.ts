import {
  organisationContactFields,
  type OrganisationContact,
  type OrganisationContactFields,
} from '../../shared/api';
import { UserFacingError } from '../../shared/errors';
import { requireUnchangedSince, type FieldNames } from '../changed-elsewhere';
import { checkedInput } from '../checked-input';
import type { OrganisationContactRow, ReadableSchemeDb, SchemeFile } from '../scheme';

/**
 * How to reach each organisation in the register (scheme-file migration 6): kept by the scheme
 * office, audited in the scheme file's hash chain, used by "Due soon" and the reminder letters.
 * Never part of the signed register: these are people's contact details.
 */

const noSuchOrganisation = (organisation: string) =>
  new UserFacingError(
    'NOT_IN_REGISTER',
    `“${organisation}” has no certificate in the register, so no contact was recorded. Import its certificate first, then add the contact.`,
  );

/** An empty field is no answer: it is kept as null. */
const orNull = (value: string | undefined): string | null => (value?.trim() ? value.trim() : null);

/** Lines of a postal address as kept: separated by new lines only. */
const lineBreaksOf = (text: string | undefined): string | undefined => text?.replace(/\r\n?/g, '\n');

const CONTACT_FIELD_NAMES: FieldNames<Required<OrganisationContactFields>> = {
  contactName: 'contact name',
  email: 'email',
  phone: 'phone',
  postalAddress: 'postal address',
};

/** An organisation's contact as its form shows it (every field empty when there is none). */
async function contactShownIn(
  db: ReadableSchemeDb,
  organisation: string,
): Promise<Required<OrganisationContactFields>> {
  const row = await db
    .selectFrom('organisation_contact')
    .selectAll()
    .where('organisation', '=', organisation)
    .executeTakeFirst();
  return {
    contactName: row?.contact_name ?? '',
    email: row?.email ?? '',
    phone: row?.phone ?? '',
    postalAddress: row?.postal_address ?? '',
  };
}

/**
 * Records (or replaces) how to reach an organisation that has a certificate in the register.
 * Given the contact the form showed (`savedBefore`), saves nothing if it was changed meanwhile,
 * e.g. in another tab: the whole form is saved, so it would silently undo that change.
 */
export async function setOrganisationContact(
  scheme: SchemeFile,
  input: {
    organisation: string;
    contact: OrganisationContactFields;
    savedBefore?: OrganisationContactFields;
    actor: string;
    now: Date;
  },
): Promise<OrganisationContact> {
  const contact = checkedInput(organisationContactFields.safeParse(input.contact));
  const organisation = input.organisation.trim();
  const known = await scheme.db
    .selectFrom('register_entry')
    .select('certificate_number')
    .where('organisation', '=', organisation)
    .executeTakeFirst();
  if (!known) throw noSuchOrganisation(organisation);
  const row: OrganisationContactRow = {
    organisation,
    contact_name: orNull(contact.contactName),
    email: orNull(contact.email),
    phone: orNull(contact.phone),
    postal_address: orNull(lineBreaksOf(contact.postalAddress)),
    updated_by: input.actor,
    updated_at: input.now.toISOString(),
  };
  await scheme.mutate(
    input.actor,
    'register.contact_set',
    {
      organisation,
      contactName: row.contact_name,
      email: row.email,
      phone: row.phone,
      postalAddress: row.postal_address,
    },
    async (trx) => {
      requireUnchangedSince(
        await contactShownIn(trx, organisation),
        input.savedBefore && {
          ...input.savedBefore,
          postalAddress: lineBreaksOf(input.savedBefore.postalAddress),
        },
        CONTACT_FIELD_NAMES,
        `The contact details for ${organisation}`,
      );
      await trx
        .insertInto('organisation_contact')
        .values(row)
        .onConflict((conflict) =>
          conflict.column('organisation').doUpdateSet({
            contact_name: row.contact_name,
            email: row.email,
            phone: row.phone,
            postal_address: row.postal_address,
            updated_by: row.updated_by,
            updated_at: row.updated_at,
          }),
        )
        .execute();
    },
  );
  return contactOf(row);
}

/** The contacts of these organisations, by organisation name (those without one are left out). */
export async function organisationContacts(
  scheme: SchemeFile,
  organisations: readonly string[],
): Promise<Map<string, OrganisationContact>> {
  const wanted = [...new Set(organisations)];
  if (wanted.length === 0) return new Map();
  // A whole register asks for every contact: one read of the table, never thousands of parameters.
  const query = scheme.db.selectFrom('organisation_contact').selectAll();
  const rows = await (wanted.length > 200 ? query : query.where('organisation', 'in', wanted)).execute();
  const wantedSet = new Set(wanted);
  return new Map(
    rows.filter((row) => wantedSet.has(row.organisation)).map((row) => [row.organisation, contactOf(row)]),
  );
}

function contactOf(row: OrganisationContactRow): OrganisationContact {
  return {
    organisation: row.organisation,
    contactName: row.contact_name,
    email: row.email,
    phone: row.phone,
    postalAddress: row.postal_address,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

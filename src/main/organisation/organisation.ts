import type { Organisation } from '../../shared/api';
import { requireUnchangedSince, type CaseScope, type FieldNames, type OpenCaseScope } from '../case';
import { requirePrintableName } from '../documents';

/** The organisation being assessed: who they are, which services are in scope, whom to contact. */
export async function readOrganisation(scope: OpenCaseScope): Promise<Organisation> {
  return organisationFromRow(
    await scope.caseFile.db.selectFrom('organisation').selectAll().executeTakeFirstOrThrow(),
  );
}

type OrganisationRow = {
  name: string;
  address: string | null;
  registration_number: string | null;
  services_in_scope_json: string;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
};

function organisationFromRow(row: OrganisationRow): Organisation {
  return {
    name: row.name,
    address: row.address ?? '',
    registrationNumber: row.registration_number ?? '',
    servicesInScope: (JSON.parse(row.services_in_scope_json) as string[]).join('\n'),
    contactName: row.contact_name ?? '',
    contactEmail: row.contact_email ?? '',
    contactPhone: row.contact_phone ?? '',
  };
}

/**
 * Replaces the organisation's details (checked by the contract); empty text is kept as nothing.
 * Given the details the form started from (`savedBefore`), saves nothing if they were changed
 * meanwhile, e.g. in another tab: the whole form is saved, so it would silently undo that change.
 */
export async function updateOrganisation(
  scope: CaseScope,
  organisation: Organisation,
  savedBefore?: Organisation,
): Promise<Organisation> {
  await requirePrintableName(organisation.name, {
    field: 'organisation.name',
    what: 'the organisation’s name',
  });
  const value = {
    name: organisation.name,
    address: organisation.address || null,
    registrationNumber: organisation.registrationNumber || null,
    servicesInScope: servicesListed(organisation.servicesInScope),
    contact: {
      name: organisation.contactName || null,
      email: organisation.contactEmail || null,
      phone: organisation.contactPhone || null,
    },
  };
  await scope.caseFile.mutate(scope.actor.label, 'organisation.updated', value, async (trx) => {
    const now = await trx.selectFrom('organisation').selectAll().executeTakeFirstOrThrow();
    requireUnchangedSince(
      asCompared(organisationFromRow(now)),
      savedBefore && asCompared(savedBefore),
      FIELD_NAMES,
      'The organisation’s details',
    );
    await trx
      .updateTable('organisation')
      .set({
        name: value.name,
        address: value.address,
        registration_number: value.registrationNumber,
        services_in_scope_json: JSON.stringify(value.servicesInScope),
        contact_name: value.contact.name,
        contact_email: value.contact.email,
        contact_phone: value.contact.phone,
        updated_at: new Date().toISOString(),
      })
      .execute();
  });
  return readOrganisation(scope);
}

const FIELD_NAMES: FieldNames<Organisation> = {
  name: 'name',
  address: 'address',
  registrationNumber: 'registration number',
  servicesInScope: 'services in scope',
  contactName: 'contact name',
  contactEmail: 'contact email',
  contactPhone: 'contact phone',
};

/** The services in scope, one a line, as kept: each line trimmed, blank lines left out. */
function servicesListed(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** The details as compared: the services as the list kept, so blank lines and spaces do not count. */
function asCompared(organisation: Organisation): Organisation {
  return { ...organisation, servicesInScope: servicesListed(organisation.servicesInScope).join('\n') };
}

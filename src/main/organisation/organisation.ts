import type { Organisation } from '../../shared/api';
import type { CaseScope, OpenCaseScope } from '../case';
import { requirePrintableName } from '../documents';

/** The organisation being assessed: who they are, which services are in scope, whom to contact. */
export async function readOrganisation(scope: OpenCaseScope): Promise<Organisation> {
  const row = await scope.caseFile.db.selectFrom('organisation').selectAll().executeTakeFirstOrThrow();
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

/** Replaces the organisation's details (checked by the contract); empty text is kept as nothing. */
export async function updateOrganisation(
  scope: CaseScope,
  organisation: Organisation,
): Promise<Organisation> {
  await requirePrintableName(organisation.name, {
    field: 'organisation.name',
    what: 'the organisation’s name',
  });
  const value = {
    name: organisation.name,
    address: organisation.address || null,
    registrationNumber: organisation.registrationNumber || null,
    servicesInScope: organisation.servicesInScope
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
    contact: {
      name: organisation.contactName || null,
      email: organisation.contactEmail || null,
      phone: organisation.contactPhone || null,
    },
  };
  await scope.caseFile.mutate(scope.actor.label, 'organisation.updated', value, async (trx) => {
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

import { z } from 'zod';
import { detailInWords, UserFacingError } from '../../shared/errors';
import { requirePrintableName } from '../documents/printable';
import type { CaseFile } from './case-file';

/** The organisation being assessed: who they are, which services are in scope, whom to contact. */
export interface OrganisationDetails {
  name: string;
  address: string | null;
  registrationNumber: string | null;
  servicesInScope: string[];
  contact: { name: string | null; email: string | null; phone: string | null };
}

const optionalText = z
  .string()
  .trim()
  .max(500)
  .nullish()
  .transform((value) => (value ? value : null));

export const organisationChangesSchema = z
  .object({
    name: z.string().trim().min(1, { error: 'Enter the organisation’s name.' }).max(300),
    address: optionalText,
    registrationNumber: optionalText,
    servicesInScope: z.array(z.string().trim().min(1).max(300)).max(100),
    contact: z.object({ name: optionalText, email: optionalText, phone: optionalText }).partial().strict(),
  })
  .partial()
  .strict();

export type OrganisationChanges = z.input<typeof organisationChangesSchema>;

export async function readOrganisation(caseFile: CaseFile): Promise<OrganisationDetails> {
  const row = await caseFile.db.selectFrom('organisation').selectAll().executeTakeFirstOrThrow();
  return {
    name: row.name,
    address: row.address,
    registrationNumber: row.registration_number,
    servicesInScope: JSON.parse(row.services_in_scope_json) as string[],
    contact: { name: row.contact_name, email: row.contact_email, phone: row.contact_phone },
  };
}

export async function updateOrganisation(
  caseFile: CaseFile,
  actor: string,
  changes: OrganisationChanges,
): Promise<OrganisationDetails> {
  const parsed = organisationChangesSchema.safeParse(changes);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => ({
      field: issue.path.map(String),
      message: issue.message,
    }));
    throw new UserFacingError(
      'INVALID_INPUT',
      `The organisation’s details could not be saved: ${details[0] ? detailInWords(details[0]) : ''}`,
      details,
    );
  }
  const value = parsed.data;
  if (value.name !== undefined)
    await requirePrintableName(value.name, { field: 'organisation.name', what: 'the organisation’s name' });
  await caseFile.mutate(actor, 'organisation.updated', value, async (trx) => {
    await trx
      .updateTable('organisation')
      .set({
        ...(value.name !== undefined ? { name: value.name } : {}),
        ...('address' in changes ? { address: value.address ?? null } : {}),
        ...('registrationNumber' in changes ? { registration_number: value.registrationNumber ?? null } : {}),
        ...(value.servicesInScope !== undefined
          ? { services_in_scope_json: JSON.stringify(value.servicesInScope) }
          : {}),
        ...(value.contact && 'name' in value.contact ? { contact_name: value.contact.name ?? null } : {}),
        ...(value.contact && 'email' in value.contact ? { contact_email: value.contact.email ?? null } : {}),
        ...(value.contact && 'phone' in value.contact ? { contact_phone: value.contact.phone ?? null } : {}),
        updated_at: new Date().toISOString(),
      })
      .execute();
  });
  return readOrganisation(caseFile);
}

import type { MemberRole } from '../../shared/api';
import { currentCycle, type CaseScope, type OpenCaseScope } from '../case';
import { UserFacingError } from '../../shared/errors';
import { requireLead } from './actor';

/**
 * The case file's side of the case ↔ scheme link (case-file migration 6): which scheme file the
 * case belongs to, and which directory entry each panel member was picked from.
 */

export interface PanelMemberLink {
  id: string;
  name: string;
  role: MemberRole;
  directoryId: string | null;
}

/** The scheme id this case is linked to, or null. */
export async function linkedSchemeId(scope: OpenCaseScope): Promise<string | null> {
  const row = await scope.caseFile.db.selectFrom('case_metadata').select('scheme_id').executeTakeFirst();
  return row?.scheme_id ?? null;
}

/** The panel's members, in the order they were added, with the directory entry each was picked from. */
export async function panelDirectoryLinks(scope: OpenCaseScope): Promise<PanelMemberLink[]> {
  const cycle = await currentCycle(scope.caseFile.db);
  const rows = await scope.caseFile.db
    .selectFrom('panel_member')
    .select(['id', 'name', 'role', 'directory_id'])
    .where('cycle_id', '=', cycle.id)
    .orderBy('created_at')
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.name, role: row.role, directoryId: row.directory_id }));
}

/** Links the case to a scheme file (or, with null, removes the link); the lead alone, audited. */
export async function linkCaseToScheme(
  scope: CaseScope,
  scheme: { schemeId: string; schemeName: string } | null,
): Promise<void> {
  requireLead(scope.actor);
  await scope.caseFile.mutate(
    scope.actor.label,
    scheme ? 'case.scheme_linked' : 'case.scheme_unlinked',
    scheme ? { ...scheme } : {},
    async (trx) => {
      await trx
        .updateTable('case_metadata')
        .set({ scheme_id: scheme?.schemeId ?? null })
        .execute();
    },
  );
}

/**
 * Links the signed-in lead's own member record to their entry in the linked scheme's directory
 * (`case.create` makes the lead, so the lead is never picked from it). The lead alone, for
 * themself only, audited; an entry another member of this panel already has is refused.
 */
export async function linkLeadToDirectory(
  scope: CaseScope,
  entry: { directoryId: string; name: string },
): Promise<void> {
  requireLead(scope.actor);
  const taken = (await panelDirectoryLinks(scope)).find(
    (member) => member.directoryId === entry.directoryId && member.id !== scope.actor.memberId,
  );
  if (taken)
    throw new UserFacingError(
      'INVALID_INPUT',
      `${taken.name} on this panel is already linked to that directory entry. Choose your own entry.`,
    );
  await scope.caseFile.mutate(
    scope.actor.label,
    'panel.lead_linked_to_directory',
    { memberId: scope.actor.memberId, directoryId: entry.directoryId, directoryName: entry.name },
    async (trx) => {
      await trx
        .updateTable('panel_member')
        .set({ directory_id: entry.directoryId })
        .where('id', '=', scope.actor.memberId)
        .execute();
    },
  );
}

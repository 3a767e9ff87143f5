import type { Standard } from '../../shared/standard';
import type { MemberRole } from '../../shared/vocabulary';
import type { CaseFile, ReadableCaseDb } from '../casefile';
import { currentCycle } from './cycle';
import { caseStandard } from './standard';

/** The panel member making a request, as the case file knows them now (not as a session remembers them). */
export interface CaseActor {
  readonly memberId: string;
  readonly name: string;
  readonly role: MemberRole;
  /** How the audit log names them: "Sam Lee (lead, member 3f2…)". */
  readonly label: string;
}

/**
 * What every operation on a case works with, decided once per call (by the dispatcher, from the
 * caller's own session and the case file): the open case file, the exact standard it is assessed
 * against, and who is asking. Domain functions take a scope, never a loose case file and actor.
 */
export interface CaseScope<Actor extends CaseActor | null = CaseActor> {
  readonly caseFile: CaseFile;
  readonly standard: Standard;
  readonly actor: Actor;
}

/** A scope in which nobody need be signed in: what operations open to anyone with the case take. */
export type OpenCaseScope = CaseScope<CaseActor | null>;

export function auditLabel(member: { id: string; name: string; role: MemberRole }): string {
  return `${member.name} (${member.role}, member ${member.id})`;
}

/**
 * The scope of one call. `memberId` is whoever the caller's own session says is signed in (or
 * null); the member is read again from the case file, so a removed member (actor null) or a changed
 * role counts at once. If this copy of the app lacks the case's standard, only reading `standard`
 * fails (INVALID_STANDARD), so the case can still be shown and closed.
 */
export async function caseScope(
  caseFile: CaseFile,
  resourcesDir: string,
  memberId: string | null,
): Promise<OpenCaseScope> {
  const standard = await caseStandard(caseFile, resourcesDir).then(
    (found) => () => found,
    (error: unknown) => () => {
      throw error;
    },
  );
  const actor = memberId === null ? null : await currentMember(caseFile.db, memberId);
  return {
    caseFile,
    actor,
    get standard() {
      return standard();
    },
  };
}

/** The scope of the lead assessor: for the one who has just created the case file. */
export async function leadScope(caseFile: CaseFile, resourcesDir: string): Promise<CaseScope> {
  const cycle = await currentCycle(caseFile.db);
  const lead = await caseFile.db
    .selectFrom('panel_member')
    .select('id')
    .where('cycle_id', '=', cycle.id)
    .where('role', '=', 'lead')
    .executeTakeFirstOrThrow();
  const scope = await caseScope(caseFile, resourcesDir, lead.id);
  if (!hasActor(scope)) throw new Error('The case file has no lead assessor.');
  return scope;
}

/** Whether someone on the panel is asking (rather than nobody, or someone no longer on it). */
function hasActor(scope: OpenCaseScope): scope is CaseScope {
  return scope.actor !== null;
}

async function currentMember(db: ReadableCaseDb, memberId: string): Promise<CaseActor | null> {
  const cycle = await currentCycle(db);
  const member = await db
    .selectFrom('panel_member')
    .select(['id', 'name', 'role'])
    .where('cycle_id', '=', cycle.id)
    .where('id', '=', memberId)
    .executeTakeFirst();
  return member
    ? { memberId: member.id, name: member.name, role: member.role, label: auditLabel(member) }
    : null;
}

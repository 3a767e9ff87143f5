import type { Standard, StandardFingerprint } from '../../shared/standard';
import type { MemberRole } from '../../shared/vocabulary';
import { compiledOnce, type CaseFile, type ReadableCaseDb } from '../casefile';
import { currentCycle, noAssessmentUnderWay } from './cycle';
import { standardFor } from './standard';

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
  const asking = await whoIsAsking(caseFile.db, memberId);
  let standard: Standard | undefined;
  return {
    caseFile,
    actor: asking.actor,
    get standard() {
      standard ??= standardFor(asking.fingerprint, resourcesDir);
      return standard;
    },
  };
}

/**
 * What deciding a call's scope needs from the case file, in one statement (every autosave in the
 * panel room makes one): the case's standard, and the member the session names as the current
 * assessment knows them (null when they are not on its panel).
 */
const askingRow = compiledOnce((db: ReadableCaseDb, asking: { memberId: string }) =>
  db
    .selectFrom('case_metadata')
    .leftJoin('assessment_cycle as cycle', (join) =>
      join.on((eb) =>
        eb(
          'cycle.id',
          '=',
          eb
            .selectFrom('assessment_cycle as newest')
            .select('newest.id')
            .where('newest.status', '!=', 'withdrawn')
            .orderBy('newest.created_at', 'desc')
            .limit(1),
        ),
      ),
    )
    .leftJoin('panel_member as member', (join) =>
      join.onRef('member.cycle_id', '=', 'cycle.id').on('member.id', '=', asking.memberId),
    )
    .select([
      'case_metadata.standard_id',
      'case_metadata.standard_version',
      'case_metadata.standard_sha256',
      'cycle.id as cycleId',
      'member.id as memberId',
      'member.name as memberName',
      'member.role as memberRole',
    ]),
);

async function whoIsAsking(
  db: ReadableCaseDb,
  memberId: string | null,
): Promise<{ fingerprint: StandardFingerprint; actor: CaseActor | null }> {
  const [row] = await askingRow(db, { memberId: memberId ?? '' });
  if (!row) throw new Error('The case file has no case details.');
  const fingerprint = { id: row.standard_id, version: row.standard_version, sha256: row.standard_sha256 };
  if (memberId === null) return { fingerprint, actor: null };
  if (row.cycleId === null) throw noAssessmentUnderWay();
  const { memberId: id, memberName: name, memberRole: role } = row;
  const actor =
    id === null || name === null || role === null
      ? null
      : { memberId: id, name, role, label: auditLabel({ id, name, role }) };
  return { fingerprint, actor };
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

import type { MemberRole } from '../../shared/api';
import type { Standard } from '../../shared/standard/schema';
import { UserFacingError } from '../../shared/errors';
import type { CaseFile } from '../casefile/case-file';
import { type CaseDb, findMember } from './records';

/** An open case together with the exact standard it is assessed against. */
export interface PanelCase {
  readonly caseFile: CaseFile;
  readonly standard: Standard;
}

/**
 * The panel member making a request, as the case file knows them now (not as the session remembers
 * them): a member whose role changed or who was removed since signing in gets the current answer.
 */
export interface PanelActor {
  memberId: string;
  name: string;
  role: MemberRole;
  /** How the audit log names them. */
  label: string;
}

export function auditLabel(member: { id: string; name: string; role: MemberRole }): string {
  return `${member.name} (${member.role}, member ${member.id})`;
}

export async function currentActor(db: CaseDb, cycleId: string, memberId: string): Promise<PanelActor> {
  const member = await findMember(db, cycleId, memberId);
  if (!member) {
    throw new UserFacingError(
      'NOT_SIGNED_IN',
      'You are no longer on this panel, so you have been signed out of this case. Ask the lead assessor if this is a mistake.',
    );
  }
  return { memberId: member.id, name: member.name, role: member.role, label: auditLabel(member) };
}

export function requireLead(actor: PanelActor): void {
  if (actor.role !== 'lead') {
    throw new UserFacingError(
      'FORBIDDEN',
      `${actor.name}, only the lead assessor can do this. Ask the lead assessor.`,
    );
  }
}

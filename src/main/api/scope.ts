import type { Access, SignedInMember } from '../../shared/api';
import { UserFacingError } from '../../shared/errors';
import { caseScope, type CaseActor, type OpenCaseScope } from '../case';
import type { ApiContext } from './context';
import type { Session } from './session';

/**
 * Who is asking, decided once per call: the case named by the input, read with the caller's own
 * session. The member is read again from the case file, so a removed member is signed out and a
 * changed role counts at once; then the operation's access is checked against that member.
 */
export async function scopeFor(ctx: ApiContext, caseId: string, access: Access): Promise<OpenCaseScope> {
  const caseFile = ctx.cases.get(caseId);
  const signedIn = ctx.session.memberFor(caseId);
  const scope = await caseScope(caseFile, ctx.runtime.resourcesDir, signedIn?.memberId ?? null);
  keepSessionCurrent(ctx.session, caseId, signedIn, scope.actor);
  if (access !== 'anyone') requireAccess(access, signedIn, scope.actor);
  return scope;
}

/** The session follows the case file: a member no longer on the panel is signed out; a new name or role is taken up. */
function keepSessionCurrent(
  session: Session,
  caseId: string,
  signedIn: SignedInMember | undefined,
  actor: CaseActor | null,
): void {
  if (!signedIn) return;
  if (!actor) session.signOut(caseId);
  else if (actor.name !== signedIn.name || actor.role !== signedIn.role)
    session.signIn(caseId, signedInAs(actor));
}

function requireAccess(
  access: Exclude<Access, 'anyone'>,
  signedIn: SignedInMember | undefined,
  actor: CaseActor | null,
): void {
  if (!signedIn) {
    throw new UserFacingError(
      'NOT_SIGNED_IN',
      'Nobody is signed in to this case. Choose your name and enter your PIN first.',
    );
  }
  if (!actor) {
    throw new UserFacingError(
      'NOT_SIGNED_IN',
      'You are no longer on this panel, so you have been signed out of this case. Ask the lead assessor if this is a mistake.',
    );
  }
  if (access !== 'case' && !access.includes(actor.role)) {
    throw new UserFacingError(
      'FORBIDDEN',
      `${actor.name}, your role on this panel does not allow this. Ask the lead assessor.`,
    );
  }
}

/** How a session remembers a member. */
export function signedInAs(actor: CaseActor): SignedInMember {
  return { memberId: actor.memberId, name: actor.name, role: actor.role };
}

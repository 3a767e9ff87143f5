import type { Access, Effect, SignedInMember } from '../../shared/api';
import { UserFacingError } from '../../shared/errors';
import { caseScope, type CaseActor, type OpenCaseScope } from '../case';
import type { CaseFile } from '../casefile';
import type { ApiContext } from './context';
import type { Session } from './session';

/** What the dispatcher knows of a call when it decides who is asking. */
export interface CallOnCase {
  readonly caseId: string;
  readonly access: Access;
  readonly effect: Effect;
  /** The member the page shows as signed in (`SIGNED_IN_AS_FIELD`), when it names one. */
  readonly signedInAs?: string | undefined;
}

/**
 * Who is asking, decided once per call: the case named by the input, read with the caller's own
 * session. The member is read again from the case file, so a removed member is signed out and a
 * changed role counts at once. A page that names the member it shows is refused when the session
 * has someone else (or nobody) signed in now: nobody, the lead included, acts as another member.
 * Then the operation's access is checked against that member.
 */
export async function scopeFor(ctx: ApiContext, call: CallOnCase): Promise<OpenCaseScope> {
  const { caseId, access } = call;
  const caseFile = ctx.cases.get(caseId);
  const signedIn = ctx.session.memberFor(caseId);
  const scope = await caseScope(caseFile, ctx.runtime.resourcesDir, signedIn?.memberId ?? null);
  keepSessionCurrent(ctx.session, caseId, signedIn, scope.actor);
  if (call.signedInAs !== undefined && call.signedInAs !== signedIn?.memberId) {
    throw await signedInElsewhere(caseFile, ctx.runtime.resourcesDir, call, scope.actor);
  }
  if (access !== 'anyone') requireAccess(access, signedIn, scope.actor);
  return scope;
}

/**
 * The refusal of a call from a page showing one member while the session has another signed in
 * (or nobody): said with both names, so the person at the page knows what happened.
 */
async function signedInElsewhere(
  caseFile: CaseFile,
  resourcesDir: string,
  call: CallOnCase,
  now: CaseActor | null,
): Promise<UserFacingError> {
  const shown = call.signedInAs ? (await caseScope(caseFile, resourcesDir, call.signedInAs)).actor : null;
  const whose = shown ? `${shown.name}’s` : 'your';
  const nothingDone = call.effect === 'change' ? 'Nothing was saved.' : 'Nothing more is shown here.';
  const since = now
    ? `Someone else has signed in on this computer since this page showed ${whose} work: ${now.name} is signed in now (in another tab or window).`
    : `Someone signed out of this case on this computer (in another tab or window) since this page showed ${whose} work.`;
  return new UserFacingError(
    'SIGNED_IN_ELSEWHERE',
    `${since} ${nothingDone} This page now shows who is signed in; to carry on${shown ? ` as ${shown.name}` : ''}, sign in again.`,
  );
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

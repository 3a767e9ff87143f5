import { UserFacingError } from '../../shared/errors';
import type { OpenCaseScope } from '../case';
import {
  addMember,
  choosePin,
  choosePinOnDevice,
  decidePinReset,
  givePinResetNonce,
  issueDeviceSecret,
  pinResetRequests,
  pinResetStatus,
  requestPinReset,
  decideConflict,
  declareConflict,
  panelMembers,
  removeMember,
  setMemberPin,
  signInChoices,
  signInMember,
  updateMember,
} from '../panel';
import type { ApiContext } from './context';
import type { Handlers } from './handler';

type PanelOperation =
  | 'panel.list'
  | 'panel.signInChoices'
  | 'panel.signIn'
  | 'panel.signOut'
  | 'panel.addMember'
  | 'panel.updateMember'
  | 'panel.removeMember'
  | 'panel.setPin'
  | 'panel.choosePin'
  | 'panel.declareConflict'
  | 'panel.decideConflict'
  | 'panel.pinResetChallenge'
  | 'panel.requestPinReset'
  | 'panel.pinResetStatus'
  | 'panel.choosePinOnDevice'
  | 'panel.pinResetRequests'
  | 'panel.decidePinReset';

type Member = Awaited<ReturnType<typeof signInMember>>;

/**
 * Signs the member in on this client. On a device in the panel room, the room also gives the device
 * a new secret (the case file keeps its hash): with it, and only from this device, the member can
 * later ask for a new PIN.
 */
async function signInHere(scope: OpenCaseScope, ctx: ApiContext, caseId: string, member: Member) {
  const signedIn = { memberId: member.id, name: member.name, role: member.role };
  const inRoom = ctx.capabilities.roomDevice;
  const device = inRoom ? await issueDeviceSecret(scope, member, inRoom.kind) : undefined;
  ctx.session.signIn(caseId, signedIn);
  return device ? { ...signedIn, device } : signedIn;
}

/** The steps of a PIN reset are asked only from a member's device in the panel room. */
function roomDeviceOf(ctx: ApiContext): { kind: 'phone' | 'tablet' | 'laptop' } {
  const device = ctx.capabilities.roomDevice;
  if (!device) {
    throw new UserFacingError(
      'FORBIDDEN',
      'A new PIN can be asked for only from your own device in the panel room. Otherwise ask the lead assessor.',
    );
  }
  return device;
}

/**
 * A device in the panel room holds only the room link until a member signs in on it: it gets the
 * name picker (`panel.signInChoices`), not the panel's declarations and progress.
 */
function requireMemberOnRoomDevice(ctx: ApiContext, scope: OpenCaseScope): void {
  if (ctx.capabilities.roomDevice && !scope.actor) {
    throw new UserFacingError(
      'NOT_SIGNED_IN',
      'Nobody is signed in on this device. Choose your name and enter your PIN first.',
    );
  }
}

export const panelHandlers: Pick<Handlers, PanelOperation> = {
  'panel.list': (_input, ctx, scope) => {
    requireMemberOnRoomDevice(ctx, scope);
    return panelMembers(scope);
  },
  'panel.signInChoices': (_input, _ctx, scope) => signInChoices(scope),
  'panel.signIn': async ({ caseId, memberId, pin }, ctx, scope) =>
    signInHere(scope, ctx, caseId, await signInMember(scope, memberId, pin)),
  'panel.choosePin': async ({ caseId, memberId, pin, newPin }, ctx, scope) =>
    signInHere(scope, ctx, caseId, await choosePin(scope, memberId, pin, newPin)),
  'panel.pinResetChallenge': async ({ memberId }, ctx, scope) => {
    roomDeviceOf(ctx);
    return { nonce: await givePinResetNonce(scope, memberId) };
  },
  'panel.requestPinReset': (ask, ctx, scope) => requestPinReset(scope, ask, roomDeviceOf(ctx).kind),
  'panel.pinResetStatus': (ask, ctx, scope) => {
    roomDeviceOf(ctx);
    return pinResetStatus(scope, ask);
  },
  'panel.choosePinOnDevice': async ({ newPin, ...ask }, ctx, scope) => {
    roomDeviceOf(ctx);
    return signInHere(scope, ctx, ask.caseId, await choosePinOnDevice(scope, ask, newPin));
  },
  'panel.pinResetRequests': (_input, _ctx, scope) => pinResetRequests(scope),
  'panel.decidePinReset': ({ requestId, decision, reason }, _ctx, scope) =>
    decidePinReset(scope, requestId, decision, reason),
  'panel.signOut': ({ caseId }, ctx) => {
    ctx.session.signOut(caseId);
    return { signedOut: true as const };
  },
  'panel.addMember': ({ name, role, consentToBeNamed, pin }, _ctx, scope) =>
    addMember(scope, { name, role, consentToBeNamed, ...(pin === undefined ? {} : { pin }) }),
  'panel.updateMember': ({ memberId, name, role, consentToBeNamed, reason, savedBefore }, _ctx, scope) =>
    updateMember(scope, memberId, { name, role, consentToBeNamed }, reason, savedBefore),
  'panel.removeMember': async ({ memberId }, _ctx, scope) => {
    await removeMember(scope, memberId);
    return { removed: true as const };
  },
  'panel.setPin': async ({ memberId, pin, reason }, _ctx, scope) => {
    await setMemberPin(scope, memberId, pin, reason);
    return { changed: true as const };
  },
  'panel.declareConflict': ({ memberId, declaration }, _ctx, scope) =>
    declareConflict(scope, memberId, declaration),
  'panel.decideConflict': ({ memberId, outcome, reason }, _ctx, scope) =>
    decideConflict(scope, memberId, outcome, reason),
};

import {
  addMember,
  choosePin,
  decideConflict,
  declareConflict,
  panelMembers,
  removeMember,
  setMemberPin,
  signInMember,
  updateMember,
} from '../panel';
import type { Handlers } from './handler';

type PanelOperation =
  | 'panel.list'
  | 'panel.signIn'
  | 'panel.signOut'
  | 'panel.addMember'
  | 'panel.updateMember'
  | 'panel.removeMember'
  | 'panel.setPin'
  | 'panel.choosePin'
  | 'panel.declareConflict'
  | 'panel.decideConflict';

export const panelHandlers: Pick<Handlers, PanelOperation> = {
  'panel.list': (_input, _ctx, scope) => panelMembers(scope),
  'panel.signIn': async ({ caseId, memberId, pin }, ctx, scope) => {
    const member = await signInMember(scope, memberId, pin);
    const signedIn = { memberId: member.id, name: member.name, role: member.role };
    ctx.session.signIn(caseId, signedIn);
    return signedIn;
  },
  'panel.choosePin': async ({ caseId, memberId, pin, newPin }, ctx, scope) => {
    const member = await choosePin(scope, memberId, pin, newPin);
    const signedIn = { memberId: member.id, name: member.name, role: member.role };
    ctx.session.signIn(caseId, signedIn);
    return signedIn;
  },
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

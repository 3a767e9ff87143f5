import { UserFacingError } from '../../shared/errors';
import { loadStandardFromText } from '../standards';
import {
  addMember,
  agreeScore,
  bundledStandardSummaries,
  caseProgress,
  checkMemberPin,
  closeModeration,
  currentActor,
  currentCycle,
  decideConflict,
  declareConflict,
  enterPaperSheet,
  excludeSheet,
  moderationView,
  mySheet,
  openModeration,
  openScoring,
  panelMembers,
  type PanelActor,
  type PanelCase,
  caseStandard,
  previewOutcome,
  recordDecision,
  recordDissent,
  recordedOutcome,
  removeMember,
  reopenModeration,
  saveScore,
  setMemberPin,
  submitSheet,
  summarise,
  updateMember,
} from '../panel';
import { caseFileFor, signedInMember } from './actor';
import type { ApiContext } from './context';
import type { Handlers } from './dispatch';

type PanelOperation =
  | 'standard.list'
  | 'standard.forCase'
  | 'standard.check'
  | 'case.progress'
  | 'panel.list'
  | 'panel.signIn'
  | 'panel.signOut'
  | 'panel.addMember'
  | 'panel.updateMember'
  | 'panel.removeMember'
  | 'panel.setPin'
  | 'panel.declareConflict'
  | 'panel.decideConflict'
  | 'scoring.open'
  | 'scoring.mySheet'
  | 'scoring.saveScore'
  | 'scoring.submitSheet'
  | 'scoring.enterPaperSheet'
  | 'scoring.excludeSheet'
  | 'moderation.open'
  | 'moderation.view'
  | 'moderation.agree'
  | 'moderation.dissent'
  | 'moderation.close'
  | 'moderation.reopen'
  | 'outcome.preview'
  | 'outcome.decide'
  | 'outcome.get';

/** The open case and its pinned standard. */
async function panelCase(ctx: ApiContext, caseId: string): Promise<PanelCase> {
  const caseFile = caseFileFor(ctx, caseId);
  return { caseFile, standard: await caseStandard(caseFile, ctx.runtime.resourcesDir) };
}

/**
 * The open case and who is asking, as the case file knows them now. The dispatcher has checked the
 * session; this re-reads the member so that a removed member, or a changed role, counts at once.
 */
async function panelCaseAndActor(
  ctx: ApiContext,
  caseId: string,
): Promise<{ panel: PanelCase; actor: PanelActor }> {
  const panel = await panelCase(ctx, caseId);
  const signedIn = signedInMember(ctx, caseId);
  const cycle = await currentCycle(panel.caseFile.db);
  try {
    const actor = await currentActor(panel.caseFile.db, cycle.id, signedIn.memberId);
    if (actor.role !== signedIn.role || actor.name !== signedIn.name) {
      ctx.session.signIn(caseId, { memberId: actor.memberId, name: actor.name, role: actor.role });
    }
    return { panel, actor };
  } catch (error) {
    if (error instanceof UserFacingError && error.code === 'NOT_SIGNED_IN') ctx.session.signOut(caseId);
    throw error;
  }
}

export const panelHandlers: Pick<Handlers, PanelOperation> = {
  'standard.list': (_input, ctx) => bundledStandardSummaries(ctx.runtime.resourcesDir),
  'standard.forCase': async ({ caseId }, ctx) => (await panelCase(ctx, caseId)).standard,
  'standard.check': ({ content }) => summarise(loadStandardFromText(content, 'the standard you chose')),
  'case.progress': async ({ caseId }, ctx) => caseProgress(await panelCase(ctx, caseId)),

  'panel.list': async ({ caseId }, ctx) => panelMembers(await panelCase(ctx, caseId)),
  'panel.signIn': async ({ caseId, memberId, pin }, ctx) => {
    const member = await checkMemberPin(await panelCase(ctx, caseId), memberId, pin);
    const signedIn = { memberId: member.id, name: member.name, role: member.role };
    ctx.session.signIn(caseId, signedIn);
    return signedIn;
  },
  'panel.signOut': ({ caseId }, ctx) => {
    ctx.session.signOut(caseId);
    return { signedOut: true as const };
  },
  'panel.addMember': async ({ caseId, name, role, consentToBeNamed, pin }, ctx) => {
    const { panel, actor } = await panelCaseAndActor(ctx, caseId);
    return addMember(panel, actor, { name, role, consentToBeNamed, ...(pin === undefined ? {} : { pin }) });
  },
  'panel.updateMember': async ({ caseId, memberId, name, role, consentToBeNamed }, ctx) => {
    const { panel, actor } = await panelCaseAndActor(ctx, caseId);
    return updateMember(panel, actor, memberId, { name, role, consentToBeNamed });
  },
  'panel.removeMember': async ({ caseId, memberId }, ctx) => {
    const { panel, actor } = await panelCaseAndActor(ctx, caseId);
    await removeMember(panel, actor, memberId);
    return { removed: true as const };
  },
  'panel.setPin': async ({ caseId, memberId, pin }, ctx) => {
    const { panel, actor } = await panelCaseAndActor(ctx, caseId);
    await setMemberPin(panel, actor, memberId, pin);
    return { changed: true as const };
  },
  'panel.declareConflict': async ({ caseId, memberId, declaration }, ctx) => {
    const { panel, actor } = await panelCaseAndActor(ctx, caseId);
    return declareConflict(panel, actor, memberId, declaration);
  },
  'panel.decideConflict': async ({ caseId, memberId, outcome, reason }, ctx) => {
    const { panel, actor } = await panelCaseAndActor(ctx, caseId);
    return decideConflict(panel, actor, memberId, outcome, reason);
  },

  'scoring.open': async ({ caseId }, ctx) => {
    const { panel, actor } = await panelCaseAndActor(ctx, caseId);
    await openScoring(panel, actor);
    return caseProgress(panel);
  },
  'scoring.mySheet': async ({ caseId }, ctx) => {
    const { panel, actor } = await panelCaseAndActor(ctx, caseId);
    return mySheet(panel, actor);
  },
  'scoring.saveScore': async ({ caseId, ...score }, ctx) => {
    const { panel, actor } = await panelCaseAndActor(ctx, caseId);
    return saveScore(panel, actor, score);
  },
  'scoring.submitSheet': async ({ caseId }, ctx) => {
    const { panel, actor } = await panelCaseAndActor(ctx, caseId);
    return submitSheet(panel, actor);
  },
  'scoring.enterPaperSheet': async ({ caseId, memberId, entries }, ctx) => {
    const { panel, actor } = await panelCaseAndActor(ctx, caseId);
    return enterPaperSheet(panel, actor, memberId, entries);
  },
  'scoring.excludeSheet': async ({ caseId, memberId, reason }, ctx) => {
    const { panel, actor } = await panelCaseAndActor(ctx, caseId);
    return excludeSheet(panel, actor, memberId, reason);
  },

  'moderation.open': async ({ caseId }, ctx) => {
    const { panel, actor } = await panelCaseAndActor(ctx, caseId);
    return openModeration(panel, actor);
  },
  'moderation.view': async ({ caseId }, ctx) => {
    const { panel } = await panelCaseAndActor(ctx, caseId);
    return moderationView(panel);
  },
  'moderation.agree': async ({ caseId, ...agreement }, ctx) => {
    const { panel, actor } = await panelCaseAndActor(ctx, caseId);
    return agreeScore(panel, actor, agreement);
  },
  'moderation.dissent': async ({ caseId, criterionId, text }, ctx) => {
    const { panel, actor } = await panelCaseAndActor(ctx, caseId);
    return recordDissent(panel, actor, criterionId, text);
  },
  'moderation.close': async ({ caseId }, ctx) => {
    const { panel, actor } = await panelCaseAndActor(ctx, caseId);
    return closeModeration(panel, actor);
  },
  'moderation.reopen': async ({ caseId, reason }, ctx) => {
    const { panel, actor } = await panelCaseAndActor(ctx, caseId);
    return reopenModeration(panel, actor, reason);
  },

  'outcome.preview': async ({ caseId }, ctx) => {
    const { panel } = await panelCaseAndActor(ctx, caseId);
    return previewOutcome(panel);
  },
  'outcome.decide': async ({ caseId, ...decision }, ctx) => {
    const { panel, actor } = await panelCaseAndActor(ctx, caseId);
    return recordDecision(panel, actor, decision);
  },
  'outcome.get': async ({ caseId }, ctx) => {
    const { panel } = await panelCaseAndActor(ctx, caseId);
    return recordedOutcome(panel);
  },
};

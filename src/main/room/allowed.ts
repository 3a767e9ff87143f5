import type { OperationName } from '../../shared/api';

/**
 * Everything a member's device may ask of the room, and nothing else, ever: where the assessment
 * has got to (its stages, no one's work), sign in (or choose
 * their own PIN), declare conflicts, read the standard and the evidence register, score, submit,
 * and once moderation opens see it and record dissent. Each call still goes through the
 * dispatcher with the device's own session, so the operation's own access rules apply on top.
 */
export const ROOM_MEMBER_OPERATIONS: ReadonlySet<OperationName> = new Set<OperationName>([
  'case.progress',
  'panel.list',
  'panel.signInChoices',
  'panel.signIn',
  'panel.choosePin',
  'panel.pinResetChallenge',
  'panel.requestPinReset',
  'panel.pinResetStatus',
  'panel.choosePinOnDevice',
  'panel.signOut',
  'panel.declareConflict',
  'standard.forCase',
  'evidence.list',
  'evidence.page',
  'evidence.attachmentInfo',
  'evidence.viewAttachment',
  'scoring.mySheet',
  'scoring.saveScore',
  'scoring.submitSheet',
  'moderation.view',
  'moderation.dissent',
]);

/** Calls after which the device's session has a member signed in (one device per member). */
export const SIGNS_IN: ReadonlySet<string> = new Set([
  'panel.signIn',
  'panel.choosePin',
  'panel.choosePinOnDevice',
]);

/** The panel workflow: members and conflicts, sealed scoring, moderation, the outcome and progress. */
export { requireLead } from './actor';
export {
  checkMemberPin,
  addMember,
  decideConflict,
  declareConflict,
  panelMember,
  panelMembers,
  removeMember,
  setMemberPin,
  updateMember,
  type MemberDetails,
} from './members';
export {
  enterPaperSheet,
  excludeSheet,
  mySheet,
  openScoring,
  saveScore,
  submitSheet,
  type ScoreInput,
} from './scoring';
export {
  agreeScore,
  closeModeration,
  moderationView,
  openModeration,
  recordDissent,
  reopenModeration,
  requireAgreementExplained,
  type AgreementInput,
} from './moderation';
export { previewOutcome, recordDecision, recordedOutcome, type DecisionInput } from './outcome';
export { caseProgress } from './progress';
export { LOCKOUT_MS, MAX_WRONG_PINS, PinAttempts } from './pin-attempts';

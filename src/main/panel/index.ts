/** The panel workflow: members and conflicts, sealed scoring, moderation, the outcome and progress. */
export { auditLabel, currentActor, requireLead, type PanelActor, type PanelCase } from './actor';
export {
  addMember,
  checkMemberPin,
  decideConflict,
  declareConflict,
  panelMember,
  panelMembers,
  removeMember,
  setMemberPin,
  updateMember,
  type ConflictDeclaration,
  type MemberDetails,
} from './members';
export {
  enterPaperSheet,
  excludeSheet,
  mySheet,
  openScoring,
  saveScore,
  sheetProblems,
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
  requireUnsealed,
  type AgreementInput,
} from './moderation';
export { previewOutcome, recordDecision, recordedOutcome, type DecisionInput } from './outcome';
export { caseProgress } from './progress';
export { bundledStandardSummaries, caseStandard, summarise, type StandardSummary } from './standard';
export { LOCKOUT_MS, MAX_WRONG_PINS, PinAttempts, pinAttempts } from './pin-attempts';
export { currentCycle } from './records';

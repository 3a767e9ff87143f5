/** The panel workflow: members and conflicts, sealed scoring, moderation, the outcome and progress. */
export { requireLead } from './actor';
export {
  addMember,
  choosePin,
  decideConflict,
  declareConflict,
  panelMembers,
  removeMember,
  setMemberPin,
  signInChoices,
  signInMember,
  updateMember,
} from './members';
export { enterPaperSheet, excludeSheet, mySheet, openScoring, saveScore, submitSheet } from './scoring';
export {
  agreeScore,
  closeModeration,
  moderationView,
  openModeration,
  recordDissent,
  reopenModeration,
  reopenModerationWithin,
  requireAgreementExplained,
} from './moderation';
export { previewOutcome, recordDecision, recordedOutcome } from './outcome';
export { caseProgress } from './progress';
export { roomRoster } from './room-roster';
export { panelChangeInWords } from './changes';
export { LOCKOUT_MS, MAX_WRONG_PINS, pauseAfter, pauseInWords } from './pin-attempts';
export {
  linkCaseToScheme,
  linkedSchemeId,
  linkLeadToDirectory,
  panelDirectoryLinks,
  type PanelMemberLink,
} from './scheme-link';
export {
  choosePinOnDevice,
  decidePinReset,
  givePinResetNonce,
  issueDeviceSecret,
  pinResetRequests,
  pinResetStatus,
  requestPinReset,
  type DeviceProof,
} from './pin-reset';

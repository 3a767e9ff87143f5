/** Appeals against a decision (issue 15, item 3): recording, the review panel, its outcome. */
export {
  APPEAL_REOPENING_REASON,
  appealDeadline,
  appealsView,
  decideAppeal,
  formReviewPanel,
  recordAppeal,
  recordReplacementCertificate,
  type AppealPeriod,
  type AppealReceived,
  type ReviewPanelChoice,
} from './appeals';
export { appealsForReport } from './report';

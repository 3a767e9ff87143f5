/**
 * Fixtures above the API, for the CLI's `copanel demo`, the benchmarks and the tests (never
 * imported by the app itself): the one panel builder and the fictional demo assessment.
 */
export {
  buildDemoAssessment,
  DEMO_CASE_FILE,
  DEMO_ORGANISATION,
  DEMO_PANEL,
  type DemoResult,
} from './assessment';
export {
  buildPanel,
  chooseOwnPin,
  oneTimePinFor,
  PanelClient,
  type BuiltPanel,
  type PanelMemberPlan,
  type PanelPlan,
} from './panel';
export { buildPracticeCase, PRACTICE_ORGANISATION, PRACTICE_TITLE } from './practice-case';
export { DEMO_FEE_RATES } from './scheme-office';

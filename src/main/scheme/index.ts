/** The scheme office's encrypted file (`.copanel-scheme`) and what it holds. */
export {
  createSchemeFile,
  openSchemeFile,
  SCHEME_FILE_FULL_CHECK,
  SCHEME_FILE_OPEN_CHECK,
  schemeFileCheckedWholeAtOpen,
  SchemeFile,
  writeNewSchemeFile,
  type CreateSchemeFileOptions,
  type OpenSchemeFileOptions,
  type ReadableSchemeDb,
  type SchemeFileDetails,
  type WritableSchemeDb,
} from './scheme-file';
export { LATEST_SCHEME_SCHEMA_VERSION, SCHEME_FILE_KIND } from './migrations';
export type * from './schema';
export {
  addAssessor,
  attendanceCertificate,
  changeSchemeSettings,
  findAssessor,
  listAssessors,
  listTrainingRecords,
  readSchemeSettings,
  recordTraining,
  updateAssessor,
  type AssessorSummary,
  type AttendanceCertificate,
} from './directory';
export { refresherDueDate, trainingStatus } from './training';
export {
  calibrationAttempts,
  calibrationStatuses,
  calibrationStatusFrom,
  changeCalibrationThresholds,
  listPracticeCases,
  markPracticeCase,
  practiceCaseForScoring,
  readCalibrationThresholds,
  submitPracticeScores,
  type CalibrationAttemptSummary,
  type PracticeCaseSummary,
} from './calibration';
export { compareWithReference } from './calibration-comparison';
export {
  BUNDLED_PRACTICE_CASE,
  practiceCaseFromCaseFile,
  readBundledPracticeCase,
} from './calibration-source';
export { readFeeSchedule, requireFeeSchedule, setFeeSchedule } from './fees-schedule';

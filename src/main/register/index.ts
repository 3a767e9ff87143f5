/** The register of certificates in the scheme file (issue 15): import, events, status, the signed register. */
export {
  addRegisterCondition,
  importCertificatePdf,
  importFromCaseFile,
  importIssuedCertificates,
  listRegister,
  meetRegisterCondition,
  recordRegisterEvent,
  registerEntry,
  type ImportCertificateInput,
  type RegisterEventInput,
} from './register';
export {
  addDays,
  APPEAL_LIFTS,
  DUE_SOON_DAYS,
  interimReviewDate,
  londonDate,
  registerStatus,
  UNDER_APPEAL,
  type RegisterStatusInput,
} from './status';
export {
  publishedRegister,
  REGISTER_FORMAT,
  registerJson,
  registerRevocationList,
  signRegister,
  verifySignedRegister,
  type PublishedEntry,
  type PublishedRegister,
  type SignedRegisterFiles,
} from './signed-register';
export { csvCell, registerCsv } from './csv';
export { searchRegister, type RegisterPage, type RegisterQuery } from './search';
export { registerStateSql } from './status-sql';
export { mergeRegister, type MergeConflict, type MergeRegisterInput, type MergeResult } from './merge';
export { checkAgainstRegister, STILL_GOOD } from './check';
export { publishRegisterSite, SITE_CSP, type RegisterSiteInput } from './site';
export { dueSoon, remindersIcs, type Reminder, type ReminderKind } from './reminders';
export { organisationContacts, setOrganisationContact } from './contacts';
export { reminderFor, reminderLetterView } from './letters';
export { exportRegister, type ExportedRegisterFile } from './export';
export {
  badgeCredential,
  issuerId,
  looksLikeBadge,
  OB3_CONTEXT,
  signBadge,
  verifyBadge,
  type CheckedBadge,
} from './badge';

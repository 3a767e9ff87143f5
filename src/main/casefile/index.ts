/** The encrypted case file: one SQLCipher 4 file per organisation assessment. */
export {
  APP_ACTOR,
  backupPathFor,
  CaseFile,
  createCaseFile,
  openCaseFile,
  passphraseOpens,
  type AuditPayload,
  type CaseFileDetails,
  type CreateCaseFileOptions,
  type IntegrityReport,
  type OpenCaseFileOptions,
} from './case-file';
export { CaseRegistry } from './registry';
export {
  readRecentCaseFiles,
  rememberRecentCaseFile,
  forgetRecentCaseFile,
  type RecentCaseFile,
} from './recent';
export {
  checkPassphraseStrength,
  generatePassphrase,
  requireStrongPassphrase,
  MINIMUM_PASSPHRASE_SCORE,
  type PassphraseStrength,
} from './passphrase';
export { hashPin, pinMatches } from './pin';
export {
  appendAuditEntry,
  auditTriggersPresent,
  readAuditLog,
  verifyAuditChain,
  type AuditEntryRequest,
  type AuditVerification,
  type JsonValue,
} from './audit';
export {
  addEvidence,
  editEvidence,
  removeEvidence,
  getEvidence,
  listEvidence,
  evidenceForCriterion,
  quoteForReport,
  evidenceInputSchema,
  evidenceChangesSchema,
  type AttachmentSummary,
  type EvidenceChanges,
  type EvidenceInput,
  type EvidenceItem,
} from './evidence';
export {
  attachToEvidence,
  exportAttachment,
  removeAttachment,
  guessMediaType,
  ATTACHMENT_CHUNK_BYTES,
  MAX_ATTACHMENT_BYTES,
  type AttachOptions,
  type ExportedAttachment,
  type TransferProgress,
} from './attachments';
export {
  readOrganisation,
  updateOrganisation,
  organisationChangesSchema,
  type OrganisationChanges,
  type OrganisationDetails,
} from './organisation';
export { lockPathFor } from './lock';
export { CASE_FILE_EXTENSION } from './files';
export { LATEST_SCHEMA_VERSION } from './migrations';
export { cipherIntegrityCheck, type CipherCheck } from './sqlcipher4-format';
export type * from './schema';
export {
  CYCLE_STATUSES,
  PANEL_ROLES,
  CONFLICT_DECISIONS,
  EVIDENCE_KINDS,
  QUOTE_CONSENTS,
  SHEET_STATES,
} from './schema';

/** The encrypted case file: one SQLCipher 4 file per organisation assessment. */
export {
  APP_ACTOR,
  CaseFile,
  checkedWholeAtOpen,
  CASE_FILE_OPEN_CHECK,
  createCaseFile,
  FULL_CHECK_AT_OPEN_MAX_BYTES,
  openCaseFile,
  openCheckedFile,
  openCheckWithin,
  writeNewCaseFile,
  identifyFile,
  requireUndamaged,
  type CaseFileDetails,
  type CreateCaseFileOptions,
  type CheckedOpening,
  type OpenCaseFileOptions,
  type OpenCheckRule,
} from './case-file';
export {
  changePassphraseOfOpenFile,
  checkWholeFile,
  connect,
  createWhole,
  runIntegrityCheck,
  writeAuditedChange,
  type AuditPayload,
  type IntegrityReport,
} from './stored-file';
export { CaseRegistry } from './registry';
export { compiledOnce } from './compiled-once';
export { ExpectedCompanions } from './group-commit';
export { BackgroundChecks, type BackgroundCheckKind, type FileUnderCheck } from './background-check';
export {
  readRecentCaseFiles,
  rememberRecentCaseFile,
  forgetRecentCaseFile,
  type RecentCaseFile,
} from './recent';
export { checkPassphraseStrength, generatePassphrase, type PassphraseStrength } from './passphrase';
export { hashPin, pinMatches } from './pin';
export type { ReadableCaseDb, WritableCaseDb } from './handles';
export { CASE_FILE_KIND, type StoredFileKind } from './file-kind';
export {
  AUDIT_LOG_SCHEMA,
  migrateFile,
  numberedMigration,
  keptWholeIntoChunks,
  type KeptWhole,
  type AfterMigrations,
  type MigrationList,
} from './migrations';
export { acquireCaseFileLock, type CaseFileLock } from './lock';
export { prepareToOpen } from './journal-check';
export { backUpBeforeUpdate } from './backups';
export { bringFileUpToDate, type FileToBringUpToDate } from './up-to-date';
export { changePassphraseByCopy } from './rekey';
export { requireStrongPassphrase } from './passphrase';
export {
  caseFileFailures,
  errorCode,
  schemeFileFailures,
  type StoredFileFailures,
  rethrowAsCaseFileError,
  storageFailure,
} from './failures';
export {
  checkCaseFileBeforePassphrase,
  inspectCaseFileOnDisk,
  isPlaintextSqlite,
  moveIntoPlace,
  removeQuietly,
  SCHEME_FILE_EXTENSION,
} from './files';
export { clearLeftovers } from './leftovers';
export { caseFileKysely } from './dialect';
export { cipherIntegrityCheck } from './sqlcipher4-format';
export {
  appendAuditEntry,
  auditEntryHash,
  GENESIS_HASH,
  auditPayloadHash,
  auditTriggersPresent,
  readAuditHead,
  readAuditLog,
  verifyAuditChain,
  type AlsoAudit,
  type AuditEntryRequest,
  type AuditVerification,
  type ReadableAuditedDb,
  type WritableAuditedDb,
  type JsonValue,
} from './audit';
export {
  attachToEvidence,
  CERTIFICATE_CHUNKS,
  EVIDENCE_ATTACHMENT_CHUNKS,
  exportAttachment,
  exportChunks,
  RECEIPT_CHUNKS,
  storeChunks,
  storeIncomingFile,
  type ChunkedFile,
  type ChunkSource,
  type ChunkTable,
  type IncomingFile,
  type StoredChunks,
  readAttachmentRange,
  removeAttachment,
  storedAttachment,
  MAX_ATTACHMENT_BYTES,
  type AttachOptions,
  type AttachmentSummary,
  type ExportedAttachment,
  type StoredAttachment,
  type TransferProgress,
} from './attachments';
export { lockPathFor } from './lock';
export { CASE_FILE_EXTENSION } from './files';
export { PASSPHRASE_WORDS } from './passphrase-words';
export { LATEST_SCHEMA_VERSION } from './migrations';
export {
  CERTIFICATES_OF_ATTENDANCE,
  checkCaseFileFully,
  checkFileFully,
  startFullCheck,
  type DamageFound,
  type FullCheckKind,
  type OpenFileToCheck,
  type FullCheckJob,
  type FullCheckOptions,
  type FullCheckProgress,
  type FullCheckReport,
  type FullCheckStage,
} from './full-check';
export { saveWhatCanBeRead, type SalvageOptions, type SalvageProgress, type SalvageReport } from './salvage';
export { leftoverTarget, TEMPORARY_PURPOSES, temporaryPathFor } from './leftovers';
export { journalChecksum, journalPathFor, RollbackJournalReader } from './rollback-journal';
export {
  deriveSqlcipher4Keys,
  pageHmacMatches,
  pageLayout,
  SQLCIPHER4,
  type CipherCheck,
} from './sqlcipher4-format';
export type * from './schema';
export { fileVault, type OsEncryption, type PassphraseVault } from './passphrase-vault';
export {
  applyCaseFileSettings,
  encryptionAvailable,
  openSqlite,
  unlockWithPassphrase,
  useNativeBinding,
  type SqliteDatabase,
} from './sqlcipher';
export { otherKindOfFile } from './other-file-kinds';

/**
 * Scheme identities, PDF signatures (PAdES B-B) and offline verification.
 * Everything the CLI, the API handlers and the documents need from signing is exported here.
 */
export { PkiCertificate, type KeyUsage } from './certificate';
export {
  ASSESSOR_ROLES,
  ASSESSOR_ROLE_OIDS,
  ASSESSOR_ROLE_TITLES,
  SCHEME_OID_ARC,
  assessorRoleFromWords,
  assessorRoleOf,
  roleDescription,
  type AssessorRole,
} from './assessor-role';
export { compact, sameName, samePrintedName } from './names';
export { PDF_LIMITS } from './pdf/limits';
export {
  createSchemeRoot,
  loadSchemeRoot,
  unlockSchemeRoot,
  type SchemeRoot,
  type CreateSchemeRootInput,
} from './scheme-root';
export {
  issueAssessorIdentity,
  loadIdentity,
  type AssessorIdentity,
  type IssuedIdentity,
  type IssueAssessorIdentityInput,
} from './assessor-identity';
export {
  revokeCertificates,
  parseRevocationList,
  kitemarkRevocationSerial,
  REVOCATION_REASONS,
  REVOCATION_REASON_TEXT,
  type RevocationEntry,
  type RevocationList,
  type RevocationReason,
  type RevokedEntry,
} from './revocation';
export { signPdf, signatureFieldNames, type SignPdfOptions, type SignerRole } from './sign-pdf';
export {
  verifyPdf,
  type CertifiedContent,
  type SignerRule,
  type PdfVerification,
  type SignatureVerification,
  type VerifyPdfOptions,
  type SignatureCheckId,
  type DocumentCheckId,
} from './verify-pdf';
export {
  signQrPayload,
  verifyQrPayload,
  decodeQrPayload,
  type KitemarkFacts,
  type QrPayload,
  type QrPayloadVerification,
  type VerifyQrPayloadOptions,
  type QrCheckId,
} from './qr-payload';
export type { CheckStatus, VerificationCheck } from './verification-result';
export { decodeStream, PdfDocument } from './pdf/document';
export { name as pdfName, PdfDict, pdfText, PdfRef, PdfStream, textOf } from './pdf/objects';
export { openPdf, pageRefs } from './pdf/structure';
export { appendIncrementalUpdate } from './pdf/writer';

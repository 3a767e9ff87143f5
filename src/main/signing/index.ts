/**
 * Scheme identities, PDF signatures (PAdES B-B) and offline verification.
 * Everything the CLI, the API handlers and the documents need from signing is exported here.
 */
export { PkiCertificate, type KeyUsage } from './certificate';
export {
  ASSESSOR_ROLE_TITLES,
  assessorRoleFromWords,
  assessorRoleOf,
  roleDescription,
  type AssessorRole,
} from './assessor-role';
export { compact, sameName, samePrintedName } from './names';
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
  kitemarkRevocationSerial,
  revokeCertificates,
  parseRevocationList,
  REVOCATION_REASONS,
  type RevocationEntry,
  type RevocationList,
  type RevocationReason,
  type RevokedEntry,
} from './revocation';
export { signPdf, type SignPdfOptions, type SignerRole } from './sign-pdf';
export {
  verifyPdf,
  type CertifiedContent,
  type SignedDocument,
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
  payloadOfCode,
  verificationLink,
  type AuditHead,
  type KitemarkFacts,
  type QrPayload,
  type QrPayloadVerification,
  type VerifyQrPayloadOptions,
  type QrCheckId,
} from './qr-payload';
export type { CheckStatus, VerificationCheck } from './verification-result';
/**
 * The PDF reader and writer and the signature's building blocks, for the certificates module
 * (reading what a certificate says) and for the tests that build hostile and forged files.
 */
export * as asn1js from './asn1';
export { buildCadesDetachedSignature, decodeCmsSignature, signedAttributesVerify } from './cms';
export { sha256, toArrayBuffer } from './crypto-engine';
export { contentOperations, contentTokens } from './pdf/content';
export { PdfDocument, type PdfRevision } from './pdf/document';
export { PDF_LIMITS, PdfLimitError, PdfSyntaxError } from './pdf/limits';
export {
  name as pdfName,
  PdfDict,
  PdfName,
  PdfRaw,
  PdfRef,
  PdfStream,
  PdfString,
  pdfText,
  sameObject,
  textOf,
  type PdfValue,
} from './pdf/objects';
export { indexOfText, PdfOperator } from './pdf/parser';
export { formatPdfDate } from './pdf/pdf-date';
export { openPdf, pageAttribute, pageRefs, readPdf, signatureFields } from './pdf/structure';
export { appendIncrementalUpdate, serialize, type UpdatedObject } from './pdf/writer';

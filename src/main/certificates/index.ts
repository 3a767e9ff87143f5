/**
 * Certificates: the assessor identities and trusted scheme roots on this computer, issuing
 * (preview, the lead's signature, the Expert by Experience's co-signature), the issued documents,
 * and offline verification. Wires src/main/signing and src/main/documents to the case file.
 */
export {
  findIdentity,
  importIdentity,
  listIdentities,
  removeIdentity,
  unlockIdentity,
} from './identity-store';
export { listTrustedRoots, readSchemeRootsFromInput, trustedRoots, trustRoot } from './trust-store';
export {
  awardedOutcome,
  coSignAsExpertByExperience,
  previewDocuments,
  requireOwnIdentity,
  sameName,
  signAsLead,
  type IssueOptions,
} from './issue';
export { certificateNumberFor, listCertificates, pdfFile, type SignerRecord } from './records';
export { certificateDocument, scoreSheetPdf } from './documents';
export { readRevocationLists, verifyCertificate, type VerifyCertificateOptions } from './verify';
export { readSignedContent, type SignedContent } from './signed-content';
export {
  certificateSigningFixture,
  renderCertificateUnsigned,
  renderSignAndCoSignCertificate,
  type CertificateSigningFixture,
} from './bench';
export { buildDemoAssessment, DEMO_CASE_FILE, DEMO_ORGANISATION, DEMO_PANEL, type DemoResult } from './demo';

/**
 * Certificates: the assessor identities and trusted scheme roots on this computer, issuing
 * (preview, the lead's signature, the Expert by Experience's co-signature), the issued documents,
 * and offline verification. Wires src/main/signing and src/main/documents to the case file.
 */
export { importIdentity, listIdentities, removeIdentity } from './identity-store';
export { listTrustedRoots, readSchemeRootsFromInput, trustedRoots, trustRoot } from './trust-store';
export {
  coSignAsExpertByExperience,
  previewDocuments,
  signAsLead,
  unlockOwnIdentity,
  type IssueOptions,
} from './issue';
export { listCertificates, pdfFile } from './records';
export { certificateDocument, scoreSheetPdf } from './documents';
export {
  readRevocationLists,
  verifyCertificate,
  verifyCertificateInDetail,
  type CertificateInDetail,
  type VerifyCertificateOptions,
} from './verify';
export { readSignedContent, type SignedContent } from './signed-content';
export { checkHistoryAgainstCertificate, type CaseFileHistory } from './case-file-history';
export { otherKindOfFile } from '../casefile';
export { requireCoSignerIdentity, requireLeadIdentity } from './signing-rules';

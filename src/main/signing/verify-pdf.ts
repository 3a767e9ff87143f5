import { createHash } from 'node:crypto';
import { ASSESSOR_ROLE_TITLES, assessorRoleOf, roleDescription, type AssessorRole } from './assessor-role';
import type { PkiCertificate } from './certificate';
import {
  buildTrustedChain,
  chainCheck,
  identityValidityCheck,
  keyUsageCheck,
  revocationCheck,
  type CertificateCheckId,
} from './certificate-checks';
import { decodeCmsSignature, signedAttributesVerify, type DecodedCmsSignature } from './cms';
import { sameName, samePrintedName } from './names';
import { PdfDocument } from './pdf/document';
import { PDF_LIMITS } from './pdf/limits';
import { PdfDict, PdfName, PdfRef, PdfString, textOf } from './pdf/objects';
import { indexOfText } from './pdf/parser';
import { pageDrawings } from './pdf/page-drawing';
import { parsePdfDate } from './pdf/pdf-date';
import { changesAfterCertification } from './pdf/revision-changes';
import { asUserFacing, openPdf, signatureFields, type SignatureField } from './pdf/structure';
import { verifyQrPayload, type KitemarkFacts, type QrCheckId } from './qr-payload';
import {
  findRevocation,
  isSuspension,
  kitemarkRevocationSerial,
  REVOCATION_REASON_TEXT,
  type RevocationList,
  type RevokedEntry,
} from './revocation';
import {
  allPassed,
  failed,
  notChecked,
  passed,
  plainDate,
  type VerificationCheck,
} from './verification-result';

export type SignatureCheckId =
  'byte-range' | 'document-digest' | 'cms-signature' | 'pades-attributes' | CertificateCheckId;
export type DocumentCheckId =
  | 'has-signatures'
  | 'certified-by-lead'
  | 'co-signed'
  | 'changes-after-signing'
  | 'same-page-drawn'
  | 'whole-document-signed'
  | 'kitemark-current'
  | 'kitemark-not-revoked'
  | 'kitemark-not-suspended'
  | QrCheckId;

export interface SignatureVerification {
  fieldName: string;
  /** The signer's name from their certificate (or the signature's /Name when unreadable). */
  signerName: string;
  /** The role the scheme issued the signer's identity for (its certificate policy), in words. */
  signerRole?: string;
  schemeRole?: AssessorRole;
  certificateNumber?: string;
  keyId?: string;
  /** The signing time the signature states (/M): only what the signer claims, never trusted. */
  claimedSigningTime?: Date;
  reason?: string;
  location?: string;
  subFilter?: string;
  /** Whether this is a certifying (DocMDP) signature, and the changes it allows after it (1, 2 or 3). */
  certifies: boolean;
  docMdpPermission?: number;
  byteRange: number[];
  coversWholeDocument: boolean;
  /** Index into the file's sections (newest first) of the revision this signature signs, when it ends at one. */
  sectionIndex?: number;
  /** Object number of the signature dictionary. */
  signatureObjectNum?: number;
  /** The signer's certificate (for QR verification, issue records, display). */
  certificate?: PkiCertificate;
  valid: boolean;
  checks: VerificationCheck<SignatureCheckId>[];
}

/** What the certifying signature covers, as the caller reads it (facts printed, QR payload, names). */
export interface CertifiedContent {
  /** Facts printed on the page, for the expiry, revocation and QR checks. */
  kitemark?: Partial<KitemarkFacts>;
  /** The QR payload the document carries, when it has one. */
  qrPayload?: string;
  /** Names printed on the page for the lead assessor and the co-signer (undefined when not printed). */
  printedLead?: string;
  printedCoSigner?: string;
  /** The standard and its version as the page prints them ("<title>, version 2"). */
  printedStandard?: string;
}

export interface PdfVerification {
  /** True when no check failed. */
  valid: boolean;
  signatures: SignatureVerification[];
  documentChecks: VerificationCheck<DocumentCheckId>[];
  /** The sentence of every failed check, signatures first: the reasons to print. */
  problems: string[];
  /** What the caller read from the revision the lead certified. */
  certified?: CertifiedContent;
}

/** What the signer rule may be picked by: the certifying signature, and what was read from the revision it covers. */
export interface SignedDocument {
  first: SignatureVerification;
  certified: CertifiedContent | undefined;
}

/** Who must have signed: a certificate is certified by the lead and co-signed by an Expert by Experience; a report (and a certificate awaiting its co-signature) by the lead alone. */
export type SignerRule = 'lead-and-co-signer' | 'lead-only';

export interface VerifyPdfOptions {
  trustedRoots: PkiCertificate[];
  /** Revocation lists already checked with parseRevocationList. */
  revocations?: RevocationList[];
  /** When the check is made: every identity must be valid then (now, or a date the person checking gives). */
  now: Date;
  /**
   * Who must have signed; or the rule picked from what the document shows — its first
   * (certifying) signature, whose reason says what the lead signed, and what readCertified read —
   * so each signature is checked once, whichever document it turns out to be.
   */
  signers: SignerRule | ((document: SignedDocument) => SignerRule);
  /** Reads what the lead certified from exactly the bytes their signature covers (a document of them). */
  readCertified?: (certified: PdfDocument) => CertifiedContent;
}

/**
 * Verifies a PDF offline and reports each check in plain English. Each signature: byte range,
 * digest, CMS signature, PAdES attributes, chain to a trusted root, key usage, the identity valid
 * at the time of checking, revocation. The document: exactly one certifying signature, first, by
 * a lead assessor identity; the co-signatures (by distinct Expert by Experience identities, one
 * of them the co-signer the page names), or none for a lead-only document; every object a later
 * revision adds or changes explained as an invisible co-signature; the last revision drawing the
 * same pages as the certified one; the last signature covering the whole file; and, with what
 * the caller reads from the certified revision, the kitemark's expiry, revocation and QR payload.
 * An unreadable or hostile file is a UserFacingError in plain words.
 */
export async function verifyPdf(pdf: Uint8Array, options: VerifyPdfOptions): Promise<PdfVerification> {
  const doc = openPdf(pdf);
  try {
    return await verifyDocument(doc, options);
  } catch (error) {
    throw asUserFacing(error);
  }
}

async function verifyDocument(doc: PdfDocument, options: VerifyPdfOptions): Promise<PdfVerification> {
  const fields = signatureFields(doc).filter((f) => f.signature);
  if (fields.length > PDF_LIMITS.signatures) return tooManySignatures(fields.length);
  const signatures: SignatureVerification[] = [];
  for (const field of fields) signatures.push(await verifySignature(doc, field, options));
  signatures.sort((a, b) => end(a.byteRange) - end(b.byteRange));

  const documentChecks: VerificationCheck<DocumentCheckId>[] = [];
  let certified: CertifiedContent | undefined;
  if (signatures.length === 0) {
    documentChecks.push(
      failed('has-signatures', 'This PDF has no signatures, so it cannot be shown to be genuine.'),
    );
  } else {
    const names = signatures.map((s) => s.signerName);
    documentChecks.push(
      passed(
        'has-signatures',
        `This PDF has ${signatures.length === 1 ? 'one signature' : `${signatures.length} signatures`}: ${names.join(', ')}.`,
      ),
    );
    const first = signatures[0]!;
    const certifiedDoc =
      first.sectionIndex === undefined
        ? undefined
        : new PdfDocument(doc.bytes.subarray(0, end(first.byteRange)), doc.budget);
    if (certifiedDoc && options.readCertified) certified = options.readCertified(certifiedDoc);
    documentChecks.push(certificationCheck(doc, signatures, certified));
    const rule =
      typeof options.signers === 'function' ? options.signers({ first, certified }) : options.signers;
    const incomplete = cutShort(doc);
    documentChecks.push(coSignatureCheck(signatures, rule, certified, incomplete));
    documentChecks.push(changesCheck(doc, first));
    documentChecks.push(samePageCheck(doc, first, certifiedDoc));
    documentChecks.push(wholeDocumentCheck(doc.bytes.length, signatures[signatures.length - 1]!, incomplete));
  }
  documentChecks.push(...kitemarkChecks(certified?.kitemark, options));
  if (certified?.qrPayload !== undefined)
    documentChecks.push(...(await qrChecks(certified.qrPayload, certified.kitemark, signatures, options)));

  const problems = [...signatures.flatMap((s) => s.checks), ...documentChecks]
    .filter((c) => c.status === 'failed')
    .map((c) => c.message);
  const result: PdfVerification = { valid: problems.length === 0, signatures, documentChecks, problems };
  if (certified) result.certified = certified;
  return result;
}

function tooManySignatures(count: number): PdfVerification {
  const message = `This PDF has ${count.toLocaleString('en-GB')} signatures; a certificate from the app has two (a report one), so it was not checked further.`;
  return {
    valid: false,
    signatures: [],
    documentChecks: [failed('has-signatures', message)],
    problems: [message],
  };
}

/**
 * Whether the file ends partway through a revision: after the last complete one (closed by
 * "%%EOF") come objects with no index and no "%%EOF" of their own, as when a download or copy
 * stops early. Bytes merely appended (no objects) are not this.
 */
function cutShort(doc: PdfDocument): boolean {
  const rest = doc.bytes.subarray(doc.newest.revisionEnd);
  if (rest.length === 0 || indexOfText(rest, '%%EOF') >= 0) return false;
  return /\d+\s+\d+\s+obj\b/.test(Buffer.from(rest.subarray(0, 4096)).toString('latin1'));
}

/** What the reader is told of a file cut short. */
const CUT_SHORT = 'This file is incomplete (cut short): it ends partway through what was added after';

function end(byteRange: number[]): number {
  return (byteRange[2] ?? 0) + (byteRange[3] ?? 0);
}

/** The most bytes a signature value may take: a CMS signature with its chain is a few kilobytes. */
const MAX_SIGNATURE_BYTES = 64 * 1024;

async function verifySignature(
  doc: PdfDocument,
  field: SignatureField,
  options: VerifyPdfOptions,
): Promise<SignatureVerification> {
  const dict = field.signature!;
  const byteRange = numbersOf(dict.get('ByteRange'));
  const claimedSigningTime = parsePdfDate(textOf(dict.get('M')) ?? '');
  const result: SignatureVerification = {
    fieldName: field.name,
    signerName: textOf(dict.get('Name'))?.slice(0, 200) ?? 'The signer',
    certifies: false,
    byteRange,
    coversWholeDocument: byteRange.length === 4 && end(byteRange) === doc.bytes.length,
    valid: false,
    checks: [],
  };
  const permission = docMdpPermission(doc, dict);
  if (permission !== undefined) {
    result.certifies = true;
    result.docMdpPermission = permission;
  }
  if (field.signatureObjectNum !== undefined) result.signatureObjectNum = field.signatureObjectNum;
  if (claimedSigningTime) result.claimedSigningTime = claimedSigningTime;
  const reason = textOf(dict.get('Reason'));
  if (reason) result.reason = reason;
  const location = textOf(dict.get('Location'));
  if (location) result.location = location;
  const subFilter = dict.nameOf('SubFilter');
  if (subFilter) result.subFilter = subFilter;
  const checks = result.checks;

  const contents = dict.get('Contents');
  const rangeProblem = byteRangeProblem(doc, field, byteRange, contents);
  if (!rangeProblem) {
    const sectionIndex = doc.sections.findIndex((section) => section.revisionEnd === end(byteRange));
    if (sectionIndex >= 0) result.sectionIndex = sectionIndex;
  }
  checks.push(
    rangeProblem
      ? failed('byte-range', rangeProblem)
      : result.sectionIndex === undefined
        ? failed(
            'byte-range',
            'The signature does not end where a revision of the file ends, so what it signed cannot be told apart from what was added.',
          )
        : passed(
            'byte-range',
            'The signature covers every byte of its revision except the signature value itself.',
          ),
  );
  if (!(contents instanceof PdfString)) return finish(result);
  if (contents.bytes.length > MAX_SIGNATURE_BYTES) {
    checks.push(
      failed('cms-signature', 'The signature value is far larger than a signature, so it was not read.'),
    );
    return finish(result);
  }

  let cms: DecodedCmsSignature;
  try {
    cms = decodeCmsSignature(contents.bytes);
  } catch {
    checks.push(failed('cms-signature', 'The signature value is not a readable CMS signature.'));
    return finish(result);
  }
  const signer = cms.signer;
  if (signer) {
    result.certificate = signer;
    result.signerName = signer.commonName || result.signerName;
    const role = assessorRoleOf(signer);
    if (role) {
      result.schemeRole = role;
      result.signerRole = ASSESSOR_ROLE_TITLES[role];
    }
    result.certificateNumber = signer.serialNumber;
    result.keyId = signer.keyId;
  }
  const who = result.signerName;

  checks.push(digestCheck(doc.bytes, byteRange, cms, who, rangeProblem !== undefined));
  checks.push(cmsSignatureCheck(cms, who, subFilter));
  checks.push(padesCheck(cms));
  if (!signer) {
    checks.push(
      failed(
        'trusted-chain',
        "The signature does not include the signer's certificate, so it cannot be traced to the scheme.",
      ),
    );
    return finish(result);
  }
  const chain = await buildTrustedChain(signer, cms.certificates, options.trustedRoots);
  checks.push(chainCheck(who, chain));
  checks.push(keyUsageCheck(who, signer));
  checks.push(identityValidityCheck(who, chain.chain, claimedSigningTime, options.now));
  checks.push(revocationCheck(who, chain.chain, options.revocations, options.now));
  return finish(result);
}

function finish(result: SignatureVerification): SignatureVerification {
  result.valid = allPassed(result.checks);
  return result;
}

function numbersOf(value: unknown): number[] {
  return Array.isArray(value)
    ? value.filter((v): v is number => typeof v === 'number' && Number.isInteger(v))
    : [];
}

/** The DocMDP permission (1, 2 or 3) when the signature certifies the document; undefined otherwise. */
function docMdpPermission(doc: PdfDocument, dict: PdfDict): number | undefined {
  const references = doc.resolve(dict.get('Reference'));
  if (!Array.isArray(references)) return undefined;
  for (const item of references) {
    const reference = doc.dict(item);
    if (
      !(reference?.get('TransformMethod') instanceof PdfName) ||
      reference.nameOf('TransformMethod') !== 'DocMDP'
    )
      continue;
    const params = doc.dict(reference.get('TransformParams'));
    return params?.numberOf('P') ?? 2;
  }
  return undefined;
}

/**
 * The byte range must be [0, a, b, c] with the gap [a, b) being exactly the /Contents hex string
 * of this signature dictionary, stored plainly in the file. Otherwise the signed bytes could be
 * shuffled around the signature (signature wrapping).
 */
function byteRangeProblem(
  doc: PdfDocument,
  field: SignatureField,
  byteRange: number[],
  contents: unknown,
): string | undefined {
  const [start, gapStart, gapEnd, tailLength] = byteRange;
  if (
    byteRange.length !== 4 ||
    start !== 0 ||
    gapStart === undefined ||
    gapEnd === undefined ||
    tailLength === undefined
  ) {
    return 'The signature does not say which bytes it covers in the expected form, so it cannot be checked.';
  }
  if (gapStart >= gapEnd || tailLength < 0 || gapEnd + tailLength > doc.bytes.length) {
    return 'The signature claims to cover bytes that are not in the file, so the file was cut short or altered.';
  }
  if (!(contents instanceof PdfString) || !contents.hex)
    return 'The signature value is missing or not stored as the standard requires.';
  const holder = field.signatureObjectNum;
  const entry = holder === undefined ? undefined : doc.entryAt(holder, 0);
  if (!entry || entry.kind !== 'in-use' || !contents.span) {
    return 'The signature dictionary is stored in a compressed object, where its byte range cannot be trusted.';
  }
  if (contents.span.start !== gapStart || contents.span.end !== gapEnd) {
    return 'The gap in the signed bytes is not where the signature value is, so other content could have been slipped in unsigned.';
  }
  return undefined;
}

function digestCheck(
  bytes: Uint8Array,
  byteRange: number[],
  cms: DecodedCmsSignature,
  who: string,
  rangeBroken: boolean,
): VerificationCheck<'document-digest'> {
  const id = 'document-digest';
  if (rangeBroken)
    return failed(
      id,
      `The document's signed bytes cannot be located, so it may have been changed since ${who} signed it.`,
    );
  if (!cms.digestAlgorithm || !cms.messageDigest)
    return failed(
      id,
      'The signature does not record a digest of the document in a form the app understands.',
    );
  const [, a, b, c] = byteRange as [number, number, number, number];
  const hash = createHash(cms.digestAlgorithm);
  hash.update(bytes.subarray(0, a));
  hash.update(bytes.subarray(b, b + c));
  const actual = hash.digest();
  if (!actual.equals(Buffer.from(cms.messageDigest))) {
    return failed(
      id,
      `The document has been changed since ${who} signed it: its ${digestLabel(cms.digestAlgorithm)} digest no longer matches the signature.`,
    );
  }
  return passed(
    id,
    `The document is unchanged since ${who} signed it: its ${digestLabel(cms.digestAlgorithm)} digest matches the signature.`,
  );
}

function cmsSignatureCheck(
  cms: DecodedCmsSignature,
  who: string,
  subFilter: string | undefined,
): VerificationCheck<'cms-signature'> {
  const id = 'cms-signature';
  if (subFilter !== 'ETSI.CAdES.detached' && subFilter !== 'adbe.pkcs7.detached') {
    return failed(id, `The signature uses a format (${subFilter ?? 'none given'}) the app does not check.`);
  }
  if (!cms.isDetached || !cms.contentTypeIsData)
    return failed(id, 'The signature is not a detached PDF signature, so it does not sign this document.');
  if (!cms.signer)
    return failed(id, "The signature does not include the signer's certificate, so it cannot be checked.");
  if (!signedAttributesVerify(cms))
    return failed(
      id,
      `The signature itself is not valid: it was not made by the key in ${who}'s certificate, or it was altered.`,
    );
  return passed(id, `The signature was made with the key in ${who}'s certificate.`);
}

function padesCheck(cms: DecodedCmsSignature): VerificationCheck<'pades-attributes'> {
  const id = 'pades-attributes';
  const certHash = cms.signingCertificateHash;
  if (!certHash || !cms.signer)
    return failed(
      id,
      'The signature does not name its signing certificate (signing-certificate-v2), as PAdES requires.',
    );
  const actual = createHash(certHash.algorithm).update(cms.signer.der).digest();
  if (!actual.equals(Buffer.from(certHash.hash)))
    return failed(
      id,
      'The signing certificate named inside the signature is not the certificate that made it.',
    );
  if (cms.hasSigningTime)
    return failed(
      id,
      'The signature carries a signing-time attribute, which PAdES does not allow (the time belongs in the PDF).',
    );
  return passed(
    id,
    'The signature follows PAdES baseline B-B: it names its signing certificate and keeps the signing time in the PDF.',
  );
}

/**
 * Exactly one certifying signature, the first one, allowing at most signatures after it, named
 * by the document's permissions, made with a lead assessor identity (in the name the page prints
 * for the lead, when it prints one).
 */
function certificationCheck(
  doc: PdfDocument,
  signatures: SignatureVerification[],
  certified: CertifiedContent | undefined,
): VerificationCheck<'certified-by-lead'> {
  const id = 'certified-by-lead';
  const certifying = signatures.filter((s) => s.certifies);
  if (certifying.length === 0)
    return failed(
      id,
      'No signature certifies this document, as the lead assessor’s signature does, so nothing limits what was changed after signing.',
    );
  if (certifying.length > 1)
    return failed(
      id,
      `This PDF has ${certifying.length} certifying signatures (${certifying.map((s) => s.signerName).join(', ')}); a certificate has one, the lead assessor’s.`,
    );
  const lead = certifying[0]!;
  if (lead !== signatures[0])
    return failed(
      id,
      `${signatures[0]!.signerName} signed before the document was certified; the lead assessor’s certifying signature must come first.`,
    );
  const permission = lead.docMdpPermission ?? 2;
  if (permission > 2)
    return failed(
      id,
      `${lead.signerName}’s signature allows annotations to be added after it (permission ${permission}); a certificate allows only the co-signature.`,
    );
  if (permission === 1 && signatures.length > 1)
    return failed(
      id,
      `${lead.signerName}’s signature allows no change at all after it, yet the document was signed again.`,
    );
  const perms = doc.dict(doc.dict(doc.trailer.get('Root'))?.get('Perms'));
  const docMdp = perms?.get('DocMDP');
  if (!(docMdp instanceof PdfRef) || docMdp.num !== lead.signatureObjectNum)
    return failed(id, 'The document’s permissions do not name the lead assessor’s certifying signature.');
  if (lead.schemeRole !== 'lead')
    return failed(
      id,
      `${lead.signerName} certified the document with ${roleDescription(lead.schemeRole)}, not a lead assessor identity.`,
    );
  if (certified?.printedLead !== undefined && !samePrintedName(certified.printedLead, lead.signerName))
    return failed(
      id,
      `The certificate names ${certified.printedLead} as its lead assessor, but ${lead.signerName} certified it.`,
    );
  return passed(
    id,
    `${lead.signerName} certified the document with a lead assessor identity; after it, only signatures may be added.`,
  );
}

/**
 * Every signature after the lead's is a co-signature by an Expert by Experience identity with
 * another key and another name than the lead's; at least one is by the co-signer the page names
 * (when it names one). A lead-only document has no other signature. A signature added after a
 * genuine co-signature is named as an extra signature that is not allowed.
 */
function coSignatureCheck(
  signatures: SignatureVerification[],
  rule: SignerRule,
  certified: CertifiedContent | undefined,
  incomplete: boolean,
): VerificationCheck<'co-signed'> {
  const id = 'co-signed';
  const lead = signatures.find((s) => s.certifies) ?? signatures[0]!;
  const others = signatures.filter((s) => s !== lead);
  if (rule === 'lead-only') {
    return others.length === 0
      ? passed(id, `Signed by the lead assessor (${lead.signerName}) alone, as expected.`)
      : failed(
          id,
          `Only the lead assessor signs this document, but ${others.map((s) => s.signerName).join(' and ')} also signed it.`,
        );
  }
  if (others.length === 0)
    return failed(
      id,
      incomplete
        ? `The co-signature cannot be checked. ${CUT_SHORT} the lead assessor ${lead.signerName}’s signature. Ask for the certificate again.`
        : `Only the lead assessor (${lead.signerName}) has signed. A certificate is issued once an Expert by Experience co-signs it.`,
    );
  const judged = others.map((other) => ({ other, problems: coSignerProblems(other, lead) }));
  const genuine = judged.filter((one) => one.problems.length === 0).map((one) => one.other);
  const names = (list: SignatureVerification[]) => list.map((s) => s.signerName).join(' and ');
  const extras = judged.filter((one) => one.problems.length > 0).map((one) => one.other);
  const problems =
    genuine.length > 0 && extras.length > 0
      ? [
          `${names(genuine)} co-signed; then ${extras.map((extra) => extraSignature(extra, lead)).join(', and ')}, which is not allowed: after the lead assessor’s signature, only the Expert by Experience co-signs.`,
        ]
      : judged.flatMap((one) => one.problems);
  const printed = certified?.printedCoSigner;
  if (printed !== undefined && !others.some((s) => samePrintedName(printed, s.signerName)))
    problems.push(
      `The certificate names ${printed} as its co-signer, but it was co-signed by ${names(others)}.`,
    );
  if (problems.length > 0) return failed(id, problems.join(' '));
  return passed(
    id,
    printed === undefined
      ? `Co-signed by ${names(others)}, an Expert by Experience identity distinct from the lead assessor’s (the certificate names no co-signer).`
      : `Co-signed by ${names(others)}, the co-signer the certificate names, with an Expert by Experience identity distinct from the lead assessor’s.`,
  );
}

function sameSignerAsLead(
  other: SignatureVerification,
  lead: SignatureVerification,
): 'key' | 'name' | undefined {
  if (
    other.certificate &&
    lead.certificate &&
    other.certificate.publicKeyInfo.equals(lead.certificate.publicKeyInfo)
  )
    return 'key';
  return sameName(other.signerName, lead.signerName) ? 'name' : undefined;
}

/** Why a signature after the lead's is not a co-signature by an Expert by Experience distinct from the lead. */
function coSignerProblems(other: SignatureVerification, lead: SignatureVerification): string[] {
  const problems: string[] = [];
  if (other.schemeRole !== 'expert-by-experience')
    problems.push(
      `${other.signerName} co-signed with ${roleDescription(other.schemeRole)}, not an Expert by Experience identity.`,
    );
  const same = sameSignerAsLead(other, lead);
  if (same === 'key')
    problems.push(
      `${other.signerName}’s co-signature was made with the same key as the lead assessor’s signature, so one person made both.`,
    );
  else if (same === 'name')
    problems.push(`The co-signature is in the lead assessor’s own name (${lead.signerName}).`);
  return problems;
}

/** A signature added after a genuine co-signature, in words: the lead signing again, or who else signed and how. */
function extraSignature(extra: SignatureVerification, lead: SignatureVerification): string {
  return sameSignerAsLead(extra, lead)
    ? `${extra.signerName}, the lead assessor, signed again`
    : `${extra.signerName} added another signature, with ${roleDescription(extra.schemeRole)}`;
}

function changesCheck(
  doc: PdfDocument,
  first: SignatureVerification,
): VerificationCheck<'changes-after-signing'> {
  const id = 'changes-after-signing';
  if (!first.certifies || first.sectionIndex === undefined)
    return failed(
      id,
      'What was changed after signing cannot be judged: the first signature does not certify a revision of the file.',
    );
  const problems = changesAfterCertification(doc, first.sectionIndex);
  if (problems.length > 0) {
    const byRevision = new Map<number, string[]>();
    for (const { revision, problem } of problems.slice(0, 4))
      byRevision.set(revision, [...(byRevision.get(revision) ?? []), problem]);
    const listed = [...byRevision].map(([revision, found]) => `revision ${revision}: ${found.join('; ')}`);
    const more = problems.length > 4 ? '; and more' : '';
    return failed(
      id,
      `Something other than an invisible co-signature was added after the lead assessor certified the document (${listed.join('. ')}${more}).`,
    );
  }
  return passed(
    id,
    first.sectionIndex === 0
      ? 'Nothing was changed after the lead assessor certified the document.'
      : 'Nothing but invisible co-signatures was added after the lead assessor certified the document.',
  );
}

function samePageCheck(
  doc: PdfDocument,
  first: SignatureVerification,
  certifiedDoc: PdfDocument | undefined,
): VerificationCheck<'same-page-drawn'> {
  const id = 'same-page-drawn';
  if (!certifiedDoc)
    return failed(
      id,
      'What the signer signed cannot be compared with what a reader sees: the first signature does not end at a revision.',
    );
  const signed = pageDrawings(certifiedDoc.revision(0));
  const shown = pageDrawings(doc.revision(0));
  if (signed.length !== shown.length)
    return failed(
      id,
      `What a reader sees is not what ${first.signerName} signed: the file now has ${shown.length} pages, where ${signed.length} were signed.`,
    );
  const differing = shown.map((drawing, i) => (drawing === signed[i] ? 0 : i + 1)).filter((page) => page > 0);
  if (differing.length > 0)
    return failed(
      id,
      `What a reader sees is not what ${first.signerName} signed: page ${differing.join(', ')} draws something different now.`,
    );
  return passed(
    id,
    `The file draws exactly the page${signed.length === 1 ? '' : 's'} ${first.signerName} signed.`,
  );
}

function wholeDocumentCheck(
  length: number,
  last: SignatureVerification,
  incomplete: boolean,
): VerificationCheck<'whole-document-signed'> {
  const id = 'whole-document-signed';
  const covered = end(last.byteRange);
  if (covered === length) return passed(id, `The last signature (${last.signerName}) covers the whole file.`);
  if (incomplete)
    return failed(id, `${CUT_SHORT} ${last.signerName}’s signature. Ask for the certificate again.`);
  if (covered < length)
    return failed(
      id,
      `${length - covered} bytes were added after the last signature (${last.signerName}); no signature covers them.`,
    );
  return failed(
    id,
    'The last signature claims to cover more bytes than the file has, so the file was cut short.',
  );
}

function kitemarkChecks(
  facts: Partial<KitemarkFacts> | undefined,
  options: VerifyPdfOptions,
): VerificationCheck<DocumentCheckId>[] {
  const checks: VerificationCheck<DocumentCheckId>[] = [];
  if (facts?.validUntil) {
    const validUntil = new Date(`${facts.validUntil.slice(0, 10)}T23:59:59Z`);
    if (Number.isNaN(validUntil.getTime()))
      checks.push(
        failed(
          'kitemark-current',
          `The certificate's "valid until" date (${facts.validUntil}) could not be read.`,
        ),
      );
    else if (validUntil.getTime() < options.now.getTime())
      checks.push(
        failed('kitemark-current', `The kitemark has expired: it was valid until ${plainDate(validUntil)}.`),
      );
    else
      checks.push(
        passed('kitemark-current', `The kitemark is current: it is valid until ${plainDate(validUntil)}.`),
      );
  }
  if (facts?.certificateNumber) {
    if (!options.revocations || options.revocations.length === 0) {
      checks.push(
        notChecked(
          'kitemark-not-revoked',
          'No revocation list was given, so whether the kitemark was withdrawn or suspended was not checked.',
        ),
      );
    } else {
      const entry = findRevocation(options.revocations, kitemarkRevocationSerial(facts.certificateNumber));
      checks.push(
        entry
          ? kitemarkListed(facts.certificateNumber, entry)
          : passed(
              'kitemark-not-revoked',
              `Certificate ${facts.certificateNumber} has not been withdrawn or suspended.`,
            ),
      );
    }
  }
  return checks;
}

/** A kitemark the scheme's list names: suspended (on hold, it may be reinstated) or withdrawn for good. */
function kitemarkListed(
  certificateNumber: string,
  entry: RevokedEntry,
): VerificationCheck<'kitemark-not-revoked' | 'kitemark-not-suspended'> {
  const since = plainDate(entry.date);
  return isSuspension(entry)
    ? failed(
        'kitemark-not-suspended',
        `Certificate ${certificateNumber} has been suspended by the scheme since ${since} (on hold while the scheme looks into it); it cannot be relied on unless the scheme reinstates it.`,
      )
    : failed(
        'kitemark-not-revoked',
        `Certificate ${certificateNumber} was withdrawn by the scheme on ${since} because ${REVOCATION_REASON_TEXT[entry.reason]}.`,
      );
}

async function qrChecks(
  text: string,
  expected: Partial<KitemarkFacts> | undefined,
  signatures: SignatureVerification[],
  options: VerifyPdfOptions,
): Promise<VerificationCheck<DocumentCheckId>[]> {
  const knownCertificates = signatures
    .filter((s) => s.certificate && s.checks.some((c) => c.id === 'trusted-chain' && c.status === 'passed'))
    .map((s) => s.certificate!);
  const qrOptions: Parameters<typeof verifyQrPayload>[1] = {
    trustedRoots: options.trustedRoots,
    knownCertificates,
  };
  if (expected) qrOptions.expected = expected;
  const result = await verifyQrPayload(text, qrOptions);
  const checks: VerificationCheck<DocumentCheckId>[] = [...result.checks];
  const lead = signatures.find((s) => s.certifies) ?? signatures[0];
  if (result.payload && lead?.keyId && result.payload.keyId !== lead.keyId) {
    checks.push(
      failed('qr-signer', `The QR code was not signed by the lead signer of this PDF (${lead.signerName}).`),
    );
  }
  return checks;
}

function digestLabel(algorithm: 'sha256' | 'sha384' | 'sha512'): string {
  return `SHA-${algorithm.slice(3)}`;
}

import { createHash } from 'node:crypto';
import { PkiCertificate } from './certificate';
import {
  buildTrustedChain,
  chainCheck,
  keyUsageCheck,
  revocationCheck,
  validityCheck,
  type CertificateCheckId,
} from './certificate-checks';
import { decodeCmsSignature, signedAttributesVerify, type DecodedCmsSignature } from './cms';
import type { PdfDocument } from './pdf/document';
import { PdfDict, PdfName, PdfString, textOf } from './pdf/objects';
import { parsePdfDate } from './pdf/pdf-date';
import { changesOtherThanSignatures } from './pdf/revision-changes';
import { openPdf, signatureFields, type SignatureField } from './pdf/structure';
import { verifyQrPayload, type KitemarkFacts, type QrCheckId } from './qr-payload';
import {
  findRevocation,
  kitemarkRevocationSerial,
  REVOCATION_REASON_TEXT,
  type RevocationList,
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
  | 'changes-after-signing'
  | 'whole-document-signed'
  | 'kitemark-current'
  | 'kitemark-not-revoked'
  | QrCheckId;

export interface SignatureVerification {
  fieldName: string;
  /** The signer's name from their certificate (or the signature's /Name when unreadable). */
  signerName: string;
  /** The role in the signer's certificate, e.g. "Lead assessor". */
  signerRole?: string;
  certificateNumber?: string;
  keyId?: string;
  signingTime?: Date;
  reason?: string;
  location?: string;
  subFilter?: string;
  /** Whether this is the certifying (DocMDP) signature. */
  certifies: boolean;
  byteRange: number[];
  coversWholeDocument: boolean;
  /** The signer's certificate (for QR verification, issue records, display). */
  certificate?: PkiCertificate;
  valid: boolean;
  checks: VerificationCheck<SignatureCheckId>[];
}

export interface PdfVerification {
  /** True when no check failed. */
  valid: boolean;
  signatures: SignatureVerification[];
  documentChecks: VerificationCheck<DocumentCheckId>[];
  /** The sentence of every failed check, signatures first: the reasons to print. */
  problems: string[];
}

export interface VerifyPdfOptions {
  trustedRoots: PkiCertificate[];
  /** Revocation lists already checked with parseRevocationList. */
  revocations?: RevocationList[];
  now: Date;
  /** Facts the caller read from the certificate (its text), for the expiry and QR checks. */
  kitemark?: Partial<KitemarkFacts>;
  /** The text decoded from the certificate's QR code, when the caller has it. */
  qrPayload?: string;
}

/**
 * Verifies every signature in a PDF offline and reports each check in plain English: byte range,
 * digest, CMS signature, PAdES attributes, chain to a trusted root, key usage, validity at the
 * signing time and revocation; then that only signatures were added after the first signature,
 * that the last signature covers the whole file, and (when facts are given) the kitemark's expiry,
 * revocation and QR payload.
 */
export async function verifyPdf(pdf: Uint8Array, options: VerifyPdfOptions): Promise<PdfVerification> {
  const doc = openPdf(pdf);
  const fields = signatureFields(doc).filter((f) => f.signature);
  const signatures: SignatureVerification[] = [];
  for (const field of fields) signatures.push(await verifySignature(doc, field, options));
  signatures.sort((a, b) => end(a.byteRange) - end(b.byteRange));

  const documentChecks: VerificationCheck<DocumentCheckId>[] = [];
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
    documentChecks.push(changesCheck(doc, signatures));
    documentChecks.push(wholeDocumentCheck(pdf.length, signatures[signatures.length - 1]!));
  }
  documentChecks.push(...kitemarkChecks(options));
  if (options.qrPayload !== undefined)
    documentChecks.push(...(await qrChecks(options.qrPayload, signatures, options)));

  const problems = [...signatures.flatMap((s) => s.checks), ...documentChecks]
    .filter((c) => c.status === 'failed')
    .map((c) => c.message);
  return { valid: problems.length === 0, signatures, documentChecks, problems };
}

function end(byteRange: number[]): number {
  return (byteRange[2] ?? 0) + (byteRange[3] ?? 0);
}

async function verifySignature(
  doc: PdfDocument,
  field: SignatureField,
  options: VerifyPdfOptions,
): Promise<SignatureVerification> {
  const dict = field.signature!;
  const byteRange = numbersOf(dict.get('ByteRange'));
  const signingTime = parsePdfDate(textOf(dict.get('M')) ?? '');
  const result: SignatureVerification = {
    fieldName: field.name,
    signerName: textOf(dict.get('Name')) ?? 'The signer',
    certifies: isCertifying(dict),
    byteRange,
    coversWholeDocument: byteRange.length === 4 && end(byteRange) === doc.bytes.length,
    valid: false,
    checks: [],
  };
  if (signingTime) result.signingTime = signingTime;
  const reason = textOf(dict.get('Reason'));
  if (reason) result.reason = reason;
  const location = textOf(dict.get('Location'));
  if (location) result.location = location;
  const subFilter = dict.nameOf('SubFilter');
  if (subFilter) result.subFilter = subFilter;
  const checks = result.checks;

  const contents = dict.get('Contents');
  const rangeProblem = byteRangeProblem(doc, field, byteRange, contents);
  checks.push(
    rangeProblem
      ? failed('byte-range', rangeProblem)
      : passed(
          'byte-range',
          'The signature covers every byte of its revision except the signature value itself.',
        ),
  );
  if (!(contents instanceof PdfString)) return finish(result);

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
    if (signer.title) result.signerRole = signer.title;
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
  checks.push(validityCheck(who, chain.chain, signingTime, options.now));
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

function isCertifying(dict: PdfDict): boolean {
  const references = dict.get('Reference');
  return (
    Array.isArray(references) &&
    references.some(
      (r) =>
        r instanceof PdfDict &&
        r.get('TransformMethod') instanceof PdfName &&
        r.nameOf('TransformMethod') === 'DocMDP',
    )
  );
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

function changesCheck(
  doc: PdfDocument,
  signatures: SignatureVerification[],
): VerificationCheck<'changes-after-signing'> {
  const id = 'changes-after-signing';
  const firstEnd = Math.min(...signatures.map((s) => end(s.byteRange)));
  const problems = changesOtherThanSignatures(doc, firstEnd);
  if (problems.length > 0) {
    const listed = problems.slice(0, 3).map((p) => `revision ${p.revision}: ${p.problem}`);
    const more = problems.length > 3 ? ` and ${problems.length - 3} more` : '';
    return failed(
      id,
      `Something other than a signature was changed after the first signature (${listed.join('; ')}${more}).`,
    );
  }
  return passed(
    id,
    signatures.length > 1
      ? 'Nothing but signatures was added after the first signature.'
      : 'Nothing was changed after the signature.',
  );
}

function wholeDocumentCheck(
  length: number,
  last: SignatureVerification,
): VerificationCheck<'whole-document-signed'> {
  const id = 'whole-document-signed';
  const covered = end(last.byteRange);
  if (covered === length) return passed(id, `The last signature (${last.signerName}) covers the whole file.`);
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

function kitemarkChecks(options: VerifyPdfOptions): VerificationCheck<DocumentCheckId>[] {
  const checks: VerificationCheck<DocumentCheckId>[] = [];
  const facts = options.kitemark;
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
          'No revocation list was given, so whether the kitemark was withdrawn was not checked.',
        ),
      );
    } else {
      const entry = findRevocation(options.revocations, kitemarkRevocationSerial(facts.certificateNumber));
      checks.push(
        entry
          ? failed(
              'kitemark-not-revoked',
              `Certificate ${facts.certificateNumber} was withdrawn by the scheme on ${plainDate(entry.date)} because ${REVOCATION_REASON_TEXT[entry.reason]}.`,
            )
          : passed('kitemark-not-revoked', `Certificate ${facts.certificateNumber} has not been withdrawn.`),
      );
    }
  }
  return checks;
}

async function qrChecks(
  text: string,
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
  if (options.kitemark) qrOptions.expected = options.kitemark;
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

import type { CertificateVerification, VerificationCheck } from '../../shared/api';
import { UserFacingError } from '../../shared/errors';
import {
  decodeQrPayload,
  parseRevocationList,
  verifyPdf,
  type CertifiedContent,
  type DocumentCheckId,
  type KitemarkFacts,
  type PdfDocument,
  type PdfVerification,
  type PkiCertificate,
  type QrPayload,
  type RevocationList,
  type SignatureCheckId,
  type SignedDocument,
  type SignerRule,
  type VerificationCheck as SigningCheck,
} from '../signing';
import { printedDate, printedFacts, printedPeople, printedStandard } from './printed-facts';
import { readSignedContent } from './signed-content';

/**
 * Checking a certificate PDF offline: every signature (digest, CMS, PAdES, chain to a trusted
 * root, key usage, the identity valid when checked, revocation); that the lead assessor certified
 * it with a lead identity and an Expert by Experience — the one the page names — co-signed with
 * another identity; that nothing but an invisible co-signature was added after the lead signed
 * and the page a reader sees is the page the lead signed; and the QR payload's own signature,
 * that its facts match the printed text, the expiry date and the scheme's revocation list. The
 * printed facts and the QR payload (the copy the renderer writes in /Keywords) are read from
 * exactly the revision the lead's signature covers, so nothing is rasterised and nothing added
 * before or after the lead signed can change what is read.
 */

export interface VerifyCertificateOptions {
  trustedRoots: PkiCertificate[];
  revocations?: RevocationList[];
  now: Date;
  /** Who reads the summary, for where to trust a scheme root: the app's Settings, or `copanel verify --trust` (default: the app). */
  reader?: 'app' | 'cli';
}

type CheckId = SignatureCheckId | DocumentCheckId;

/**
 * The failed checks by what they mean for a reader, most serious first: signed by someone outside
 * the scheme; changed after signing, cut short or damaged; withdrawn or suspended; not certified
 * and co-signed as a certificate is; out of date; the QR code; and last, format details. The
 * one-line reason is the most serious failure, not the first one checked.
 */
const SERIOUSNESS: readonly CheckId[] = [
  'trusted-chain',
  'byte-range',
  'changes-after-signing',
  'same-page-drawn',
  'document-digest',
  'whole-document-signed',
  'qr-matches-certificate',
  'cms-signature',
  'kitemark-not-suspended',
  'kitemark-not-revoked',
  'revocation',
  'qr-revocation',
  'has-signatures',
  'certified-by-lead',
  'co-signed',
  'kitemark-current',
  'identity-valid',
  'key-usage',
  'qr-readable',
  'qr-signer',
  'qr-signature',
  'pades-attributes',
];
/** The last of the failures that show the file itself is not what was signed, judged without any root. */
const CHANGED_OR_DAMAGED = SERIOUSNESS.indexOf('cms-signature');
/** The app's own checks (the facts printed on the page) rank with the QR code's. */
const OWN_CHECK = SERIOUSNESS.indexOf('qr-readable');
/** Failures that say the certificate is genuine but not in force: no advice to find the genuine one. */
const GENUINE_BUT_NOT_IN_FORCE = new Set<CheckId>([
  'kitemark-not-suspended',
  'kitemark-not-revoked',
  'revocation',
  'qr-revocation',
  'kitemark-current',
  'identity-valid',
]);

/** A check in the API's words, and how serious its failure is (its place in SERIOUSNESS). */
interface RankedCheck {
  check: VerificationCheck;
  id?: CheckId;
}

const SIGNATURE_CHECK_NAMES: Record<SignatureCheckId, string> = {
  'byte-range': 'signed bytes in place',
  'document-digest': 'content unchanged',
  'cms-signature': 'signature made by the signer’s key',
  'pades-attributes': 'standard signature format (PAdES)',
  'trusted-chain': 'issued by the trusted scheme',
  'key-usage': 'certificate allowed to sign',
  'identity-valid': 'identity in date when checked',
  revocation: 'signer’s certificate not revoked',
};

const DOCUMENT_CHECK_NAMES: Record<DocumentCheckId, string> = {
  'has-signatures': 'Signatures present',
  'certified-by-lead': 'Certified by the lead assessor',
  'co-signed': 'Co-signed by the Expert by Experience',
  'changes-after-signing': 'Nothing changed after signing',
  'same-page-drawn': 'The page shows what the lead signed',
  'whole-document-signed': 'Whole file signed',
  'kitemark-current': 'Certificate in date',
  'kitemark-not-revoked': 'Certificate not withdrawn',
  'kitemark-not-suspended': 'Certificate not suspended',
  'qr-readable': 'QR code readable',
  'qr-signer': 'QR code signed by the lead assessor',
  'qr-signature': 'QR code signature',
  'qr-revocation': 'QR code signer not revoked',
  'qr-matches-certificate': 'QR code matches the printed certificate',
};

function apiCheck(name: string, check: SigningCheck): VerificationCheck {
  return {
    name,
    passed: check.status !== 'failed',
    status: check.status === 'not-checked' ? 'not_checked' : check.status,
    message: check.message,
  };
}

function ownCheck(name: string, passed: boolean, message: string): VerificationCheck {
  return { name, passed, status: passed ? 'passed' : 'failed', message };
}

/** Reads revocation lists, each of which must be signed by one of the trusted roots. */
export async function readRevocationLists(
  lists: Uint8Array[],
  trustedRoots: PkiCertificate[],
): Promise<RevocationList[]> {
  if (lists.length > 0 && trustedRoots.length === 0) {
    throw new UserFacingError(
      'REVOCATION_LIST_INVALID',
      'A revocation list can only be used with the scheme root that signed it. Give the scheme root certificate too.',
    );
  }
  return Promise.all(lists.map((list) => parseRevocationList(list, trustedRoots)));
}

export async function verifyCertificate(
  pdf: Uint8Array,
  options: VerifyCertificateOptions,
): Promise<CertificateVerification> {
  return (await verifyCertificateInDetail(pdf, options)).result;
}

/** The verdict, and what the register keeps of a certificate that passed: its signed QR payload, the certificate of the key that signed it and the standard its signed page names. */
export interface CertificateInDetail {
  result: CertificateVerification;
  /**
   * Why it may not be relied on, without the verdict: the most serious failure and what to do.
   * Undefined when it is valid, and when no scheme root is trusted and nothing worse was found.
   */
  reason?: string;
  qrPayload?: QrPayload;
  /** The signed QR text exactly as the certificate carries it. */
  qrText?: string;
  qrSigner?: PkiCertificate;
  /** The standard and its version as the signed page prints them ("<title>, version 2"). */
  standard?: string;
}

/** verifyCertificate, keeping the signed QR payload and its signer's certificate (for the register: one reading of the PDF). */
export async function verifyCertificateInDetail(
  pdf: Uint8Array,
  options: VerifyCertificateOptions,
): Promise<CertificateInDetail> {
  // A signed report is checked as the lead alone signs one; the rule is picked from its first signature.
  const { verification, ranked } = await checkPdf(pdf, options, (document) =>
    reportNumber(document) === undefined ? 'lead-and-co-signer' : 'lead-only',
  );
  const reportOf =
    verification.signatures[0] &&
    reportNumber({ first: verification.signatures[0], certified: verification.certified });
  if (reportOf !== undefined) {
    const report = reportVerification(verification, ranked, reportOf, options);
    return { result: report.result, ...(report.reason ? { reason: report.reason } : {}) };
  }
  const certified = verification.certified;
  const payload = certified?.qrPayload ? decodeQrPayload(certified.qrPayload) : undefined;
  const kitemark = certified?.kitemark;
  ranked.push({
    check:
      payload && kitemark
        ? printedFactsCheck(kitemark)
        : ownCheck(
            'Certificate facts',
            false,
            'This PDF is not a Coproduction Panel certificate: it carries no signed kitemark facts (certificate number, organisation, level and dates) to check.',
          ),
  });
  const checks = ranked.map((one) => one.check);
  const valid = checks.every((check) => check.passed) && options.trustedRoots.length > 0;
  const notOurs = verification.signatures.length === 0 && !payload && !kitemark;
  const reason = valid ? undefined : reasonOf(ranked, options, 'certificate');
  const result: CertificateVerification = {
    document: notOurs ? 'other' : 'certificate',
    valid,
    summary: notOurs
      ? NOT_OURS
      : reason === undefined && !valid
        ? noTrustedRoot(options)
        : summaryOf(reason, payload, options, 'certificate'),
    checks,
    facts: {
      organisation: payload?.organisation ?? kitemark?.organisation ?? null,
      level: payload ? `Level ${payload.level}` : null,
      certificateNumber: payload?.certificateNumber ?? null,
      decisionDate: payload?.decisionDate ?? null,
      validUntil: payload?.validUntil ?? null,
      signers: signerNames(verification),
    },
  };
  const qrSigner = verification.signatures.find((s) => payload && s.keyId === payload.keyId)?.certificate;
  return {
    result,
    ...(reason ? { reason } : {}),
    ...(payload && certified?.qrPayload ? { qrPayload: payload, qrText: certified.qrPayload } : {}),
    ...(qrSigner ? { qrSigner } : {}),
    ...(certified?.printedStandard ? { standard: certified.printedStandard } : {}),
  };
}

/** What is said of a PDF with neither a signature nor a certificate's facts: nothing to trust in it. */
const NOT_OURS =
  'It has no signatures and carries no certificate facts, so nothing in it can be checked. Ask the organisation or the scheme for the certificate PDF itself.';

/** Every signature and document check, in the API's words, under the signer rule picked. */
async function checkPdf(
  pdf: Uint8Array,
  options: VerifyCertificateOptions,
  signers: (document: SignedDocument) => SignerRule,
): Promise<{ verification: PdfVerification; ranked: RankedCheck[] }> {
  const verification = await verifyPdf(pdf, {
    trustedRoots: options.trustedRoots,
    ...(options.revocations ? { revocations: options.revocations } : {}),
    now: options.now,
    signers,
    readCertified: certifiedCertificate,
  });
  const ranked: RankedCheck[] = [
    ...signatureChecks(verification),
    ...verification.documentChecks.map((check) => ({
      check: apiCheck(DOCUMENT_CHECK_NAMES[check.id], check),
      id: check.id,
    })),
  ];
  return { verification, ranked };
}

/** The reason the app's lead signature gives a report (src/main/certificates/issue.ts). */
const REPORT_REASON = { start: 'Assessment report for certificate ', end: ', signed by the lead assessor' };

/**
 * The certificate number a signed report names, when the PDF carries no kitemark facts and its
 * first (certifying) signature gives the report's reason. The reason is inside the signed bytes;
 * whether the signature is genuine is still for the checks to say.
 */
function reportNumber({ first, certified }: SignedDocument): string | undefined {
  if (certified?.qrPayload !== undefined) return undefined;
  const reason = first.reason;
  if (!reason || reason.length > 200) return undefined;
  if (!reason.startsWith(REPORT_REASON.start) || !reason.endsWith(REPORT_REASON.end)) return undefined;
  const number = reason.slice(REPORT_REASON.start.length, reason.length - REPORT_REASON.end.length);
  return number.length > 0 && number.length <= 40 ? number : undefined;
}

/** A signed assessment report (checked as the lead alone signs one): said to be a report. */
function reportVerification(
  verification: PdfVerification,
  ranked: RankedCheck[],
  certificateNumber: string,
  options: VerifyCertificateOptions,
): { result: CertificateVerification; reason?: string } {
  const checks = ranked.map((one) => one.check);
  const valid = checks.every((check) => check.passed) && options.trustedRoots.length > 0;
  const reason = valid ? undefined : reasonOf(ranked, options, 'report');
  const lead = verification.signatures[0]?.signerName ?? 'the lead assessor';
  const notTheCertificate = `This is the assessment report for certificate ${certificateNumber}, not the certificate itself; to check the award, check the certificate.`;
  const summary = valid
    ? `${notTheCertificate} The report is genuine: signed by ${lead} and unchanged since.`
    : reason === undefined
      ? noTrustedRoot(options)
      : `${summaryOf(reason, undefined, options, 'report')} ${notTheCertificate}`;
  const result: CertificateVerification = {
    document: 'report',
    valid,
    summary,
    checks,
    facts: {
      organisation: null,
      level: null,
      certificateNumber,
      decisionDate: null,
      validUntil: null,
      signers: signerNames(verification),
    },
  };
  return reason ? { result, reason } : { result };
}

function signerNames(verification: PdfVerification): string[] {
  return verification.signatures.map((signature) =>
    signature.signerRole ? `${signature.signerName} (${signature.signerRole})` : signature.signerName,
  );
}

/** What the lead certified: the printed facts, the QR payload and the printed names, from their revision. */
function certifiedCertificate(certifiedRevision: PdfDocument): CertifiedContent {
  const content = readSignedContent(certifiedRevision);
  const payload = content.keywords ? decodeQrPayload(content.keywords) : undefined;
  if (!payload || !content.keywords) return {};
  const kitemark = printedFacts(content.pageText, payload);
  const people = printedPeople(content.pageText, kitemark.certificateNumber);
  const standard = printedStandard(content.pageText);
  return {
    kitemark,
    qrPayload: content.keywords,
    ...(people.lead !== undefined ? { printedLead: people.lead } : {}),
    ...(people.coSigner !== undefined ? { printedCoSigner: people.coSigner } : {}),
    ...(standard !== undefined ? { printedStandard: standard } : {}),
  };
}

function signatureChecks(verification: PdfVerification): RankedCheck[] {
  return verification.signatures.flatMap((signature, index) =>
    signature.checks.map((check) => ({
      check: apiCheck(
        `Signature ${index + 1} (${signature.signerName}): ${SIGNATURE_CHECK_NAMES[check.id]}`,
        check,
      ),
      id: check.id,
    })),
  );
}

function printedFactsCheck(facts: Partial<KitemarkFacts>): VerificationCheck {
  const missing = (
    ['certificateNumber', 'organisation', 'level', 'decisionDate', 'validUntil'] as const
  ).filter((key) => facts[key] === undefined);
  if (missing.length > 0) {
    return ownCheck(
      'Printed facts readable',
      false,
      `The certificate’s page does not show its ${missing.map(factWords).join(', ')} where a certificate does.`,
    );
  }
  return ownCheck(
    'Printed facts readable',
    true,
    'The certificate’s number, organisation, level and dates were read from its signed page.',
  );
}

function factWords(key: keyof KitemarkFacts): string {
  return {
    certificateNumber: 'certificate number',
    organisation: 'organisation',
    level: 'level',
    decisionDate: 'decision date',
    validUntil: 'valid-until date',
  }[key];
}

/**
 * The most serious failure in words, with what to do (none for a genuine certificate that is not
 * in force). With no trusted scheme root, only a failure that shows the file is not what was
 * signed counts: anything else may be the missing root's doing (undefined then).
 */
function reasonOf(
  ranked: RankedCheck[],
  options: VerifyCertificateOptions,
  document: 'certificate' | 'report',
): string | undefined {
  const rank = (one: RankedCheck) => (one.id === undefined ? OWN_CHECK : SERIOUSNESS.indexOf(one.id));
  const failures = ranked
    .filter((one) => !one.check.passed)
    .filter(
      (one) =>
        options.trustedRoots.length > 0 || (one.id !== 'trusted-chain' && rank(one) <= CHANGED_OR_DAMAGED),
    );
  const worst = failures.reduce<RankedCheck | undefined>(
    (most, one) => (most === undefined || rank(one) < rank(most) ? one : most),
    undefined,
  );
  if (!worst) return undefined;
  const inForce = worst.id !== undefined && GENUINE_BUT_NOT_IN_FORCE.has(worst.id);
  // A reason that already says what to ask for (a file cut short: ask for it again) needs no more.
  return inForce || /Ask [^.]*\.$/.test(worst.check.message)
    ? worst.check.message
    : `${worst.check.message} Ask the organisation or the scheme for the genuine ${document}.`;
}

/** What is said when no scheme root is trusted: the signatures cannot be traced, and where to trust one. */
function noTrustedRoot(options: VerifyCertificateOptions): string {
  const where =
    options.reader === 'cli'
      ? 'Give the scheme’s root certificate with --trust ROOT.pem (or trust it in the app’s Settings) and check again.'
      : 'Trust the scheme’s root first: Settings → Trusted scheme roots (or choose it under “More options”), then check again.';
  return `No scheme root certificate is trusted on this computer, so the signatures cannot be traced to the scheme. ${where}`;
}

function summaryOf(
  reason: string | undefined,
  payload: QrPayload | undefined,
  options: VerifyCertificateOptions,
  document: 'certificate' | 'report',
): string {
  if (reason !== undefined) return `Do not rely on this ${document}. ${reason}`;
  const revocation =
    options.revocations && options.revocations.length > 0
      ? ''
      : ' Whether it was withdrawn or suspended was not checked: give the scheme’s latest revocation list to check that too.';
  if (!payload) return `The signatures are genuine and the file is unchanged.${revocation}`;
  return `Certificate ${payload.certificateNumber} is genuine: ${payload.organisation} was awarded Level ${payload.level} on ${printedDate(payload.decisionDate)}, valid until ${printedDate(payload.validUntil)}, and the file is unchanged since it was signed.${revocation}`;
}

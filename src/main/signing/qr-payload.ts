import { createPublicKey, verify as verifyBytes } from 'node:crypto';
import { UserFacingError } from '../../shared/errors';
import type { AssessorIdentity } from './assessor-identity';
import { subtle } from './crypto-engine';
import { PkiCertificate } from './certificate';
import { buildTrustedChain, revocationCheck } from './certificate-checks';
import type { RevocationList } from './revocation';
import { allPassed, failed, passed, plainDate, type VerificationCheck } from './verification-result';

/** The facts a kitemark certificate states, as carried in its QR code. Dates are YYYY-MM-DD. */
export interface KitemarkFacts {
  certificateNumber: string;
  organisation: string;
  /** 1, 2 or 3. */
  level: number;
  decisionDate: string;
  validUntil: string;
}

export interface QrPayload extends KitemarkFacts {
  /** Key id of the lead assessor's certificate that signed the payload (PkiCertificate.keyId). */
  keyId: string;
  /**
   * The case file's audit head when the lead signed: how many entries its record of changes held
   * and the newest entry's hash. Certificates signed before this was added have none.
   */
  auditHead?: AuditHead;
}

/** The newest entry of a case file's audit chain: its number (= the entry count) and its hash. */
export interface AuditHead {
  entries: number;
  hash: string;
}

const AUDIT_HEAD = /^(\d{1,12}):([0-9a-f]{64})$/;

/** Version prefix: "CPK1." + base64url(JSON) + "." + base64url(ECDSA P-256 signature, r‖s). */
const PREFIX = 'CPK1';

/**
 * Signs the kitemark facts with the lead's key into a compact text for the certificate's QR
 * code (about 250–300 characters). The signature covers the exact transmitted text before the
 * last dot, so nothing needs re-canonicalising to verify it.
 */
export async function signQrPayload(
  facts: KitemarkFacts & { keyId?: string; auditHead?: AuditHead },
  identity: AssessorIdentity,
): Promise<string> {
  if (facts.keyId && facts.keyId !== identity.keyId) {
    throw new UserFacingError('INVALID_INPUT', "The QR code's key id must be the signing assessor's key id.");
  }
  assertFacts(facts);
  assertAuditHead(facts.auditHead);
  const json = JSON.stringify({
    ...(facts.auditHead ? { a: `${facts.auditHead.entries}:${facts.auditHead.hash}` } : {}),
    d: facts.decisionDate,
    k: identity.keyId,
    l: facts.level,
    n: facts.certificateNumber,
    o: facts.organisation,
    u: facts.validUntil,
  });
  const signedPart = `${PREFIX}.${Buffer.from(json, 'utf8').toString('base64url')}`;
  const signature = await subtle().sign(
    { name: 'ECDSA', hash: 'SHA-256' },
    identity.privateKey,
    new TextEncoder().encode(signedPart),
  );
  return `${signedPart}.${Buffer.from(signature).toString('base64url')}`;
}

function assertFacts(facts: KitemarkFacts): void {
  const date = /^\d{4}-\d{2}-\d{2}$/;
  if (!date.test(facts.decisionDate) || !date.test(facts.validUntil))
    throw new UserFacingError('INVALID_INPUT', 'Kitemark dates must be written as YYYY-MM-DD.');
  if (![1, 2, 3].includes(facts.level))
    throw new UserFacingError('INVALID_INPUT', 'A kitemark level is 1, 2 or 3.');
}

function assertAuditHead(head: AuditHead | undefined): void {
  if (head && !AUDIT_HEAD.test(`${head.entries}:${head.hash}`))
    throw new TypeError('An audit head is a whole number of entries and a SHA-256 hash in hex.');
}

function decodeAuditHead(value: unknown): AuditHead | undefined | false {
  if (value === undefined) return undefined;
  const match = typeof value === 'string' ? AUDIT_HEAD.exec(value) : null;
  return match ? { entries: Number(match[1]), hash: match[2]! } : false;
}

/**
 * The link a certificate's QR code holds: the scheme's verification address with the signed payload
 * in the fragment (which a browser never sends to the server), so a phone opens the scheme's check.
 */
export function verificationLink(address: string, payload: string): string {
  return `${address}#${payload}`;
}

/** The signed payload in a scanned or pasted code: the code itself (older certificates), or a verification link's fragment. */
export function payloadOfCode(text: string): string {
  const code = text.trim();
  if (!code.toLowerCase().startsWith('https://')) return code;
  const hash = code.indexOf('#');
  return hash < 0 ? code : code.slice(hash + 1).trim();
}

/** Reads the facts from a QR text (the payload or a verification link) without checking its signature (use verifyQrPayload to trust them). */
export function decodeQrPayload(text: string): QrPayload | undefined {
  const parts = payloadOfCode(text).split('.');
  if (parts.length !== 3 || parts[0] !== PREFIX) return undefined;
  try {
    const raw = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    const { a, d, k, l, n, o, u } = raw;
    const auditHead = decodeAuditHead(a);
    if (
      auditHead === false ||
      typeof d !== 'string' ||
      typeof k !== 'string' ||
      typeof l !== 'number' ||
      typeof n !== 'string' ||
      typeof o !== 'string' ||
      typeof u !== 'string'
    )
      return undefined;
    const payload = {
      decisionDate: d,
      keyId: k,
      level: l,
      certificateNumber: n,
      organisation: o,
      validUntil: u,
    };
    return auditHead ? { ...payload, auditHead } : payload;
  } catch {
    return undefined;
  }
}

export type QrCheckId =
  'qr-readable' | 'qr-signer' | 'qr-signature' | 'qr-revocation' | 'qr-matches-certificate';

export interface QrPayloadVerification {
  valid: boolean;
  payload?: QrPayload;
  signer?: { name: string; certificateNumber: string };
  checks: VerificationCheck<QrCheckId>[];
}

export interface VerifyQrPayloadOptions {
  trustedRoots: PkiCertificate[];
  /** Assessor certificates that may have signed it (e.g. from the PDF's signatures or the scheme's register). */
  knownCertificates: PkiCertificate[];
  revocations?: RevocationList[];
  /** When given, the QR's facts must equal these (e.g. the facts printed on the certificate). */
  expected?: Partial<KitemarkFacts>;
}

/** Verifies a QR text offline: its format, who signed it, the signature, and (optionally) the facts. */
export async function verifyQrPayload(
  text: string,
  options: VerifyQrPayloadOptions,
): Promise<QrPayloadVerification> {
  const checks: VerificationCheck<QrCheckId>[] = [];
  const done = (extra: Partial<QrPayloadVerification> = {}): QrPayloadVerification => ({
    valid: allPassed(checks) && checks.length > 0,
    checks,
    ...extra,
  });
  const payload = decodeQrPayload(text);
  if (!payload) {
    checks.push(failed('qr-readable', 'The QR code does not hold a Coproduction Panel certificate payload.'));
    return done();
  }
  checks.push(
    passed(
      'qr-readable',
      `The QR code describes certificate ${payload.certificateNumber} for ${payload.organisation}, level ${payload.level}.`,
    ),
  );
  const signerCertificate = options.knownCertificates.find((c) => c.keyId === payload.keyId);
  if (!signerCertificate) {
    checks.push(
      failed(
        'qr-signer',
        `The QR code was signed by a key (${payload.keyId}) that is not one of the known assessor certificates.`,
      ),
    );
    return done({ payload });
  }
  const signer = { name: signerCertificate.commonName, certificateNumber: signerCertificate.serialNumber };
  const chain = await buildTrustedChain(signerCertificate, options.knownCertificates, options.trustedRoots);
  checks.push(
    chain.trusted
      ? passed(
          'qr-signer',
          `The QR code was signed by ${signer.name}, whose certificate was issued by the trusted scheme root.`,
        )
      : failed(
          'qr-signer',
          `The QR code was signed by ${signer.name}, whose certificate was not issued by a trusted scheme root.`,
        ),
  );
  const code = payloadOfCode(text);
  const lastDot = code.lastIndexOf('.');
  const signedPart = Buffer.from(code.slice(0, lastDot), 'utf8');
  const signature = Buffer.from(code.slice(lastDot + 1), 'base64url');
  let signatureValid = false;
  try {
    const publicKey = createPublicKey({ key: signerCertificate.publicKeyInfo, format: 'der', type: 'spki' });
    signatureValid = verifyBytes(
      'sha256',
      signedPart,
      { key: publicKey, dsaEncoding: 'ieee-p1363' },
      signature,
    );
  } catch {
    signatureValid = false;
  }
  checks.push(
    signatureValid
      ? passed(
          'qr-signature',
          "The QR code's signature is valid: its facts are exactly as the lead assessor signed them.",
        )
      : failed(
          'qr-signature',
          "The QR code's signature is not valid: its facts were changed or it was not signed by this key.",
        ),
  );
  if (options.revocations && options.revocations.length > 0) {
    const revoked = revocationCheck(signer.name, chain.chain, options.revocations);
    checks.push({ ...revoked, id: 'qr-revocation' });
  }
  if (options.expected) checks.push(matchCheck(payload, options.expected));
  return done({ payload, signer });
}

function matchCheck(
  payload: QrPayload,
  expected: Partial<KitemarkFacts>,
): VerificationCheck<'qr-matches-certificate'> {
  const labels: Record<keyof KitemarkFacts, string> = {
    certificateNumber: 'certificate number',
    organisation: 'organisation',
    level: 'level',
    decisionDate: 'decision date',
    validUntil: 'valid-until date',
  };
  const differences = (Object.keys(labels) as (keyof KitemarkFacts)[])
    .filter(
      (key) => expected[key] !== undefined && String(expected[key]).trim() !== String(payload[key]).trim(),
    )
    .map((key) => `${labels[key]} (QR: "${payload[key]}", certificate: "${expected[key]}")`);
  if (differences.length > 0)
    return failed(
      'qr-matches-certificate',
      `The QR code does not match the certificate's text: ${differences.join('; ')}.`,
    );
  return passed(
    'qr-matches-certificate',
    `The QR code matches the certificate's text (valid until ${plainDate(new Date(`${payload.validUntil}T00:00:00Z`))}).`,
  );
}

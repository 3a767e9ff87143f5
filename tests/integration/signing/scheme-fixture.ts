import {
  createSchemeRoot,
  issueAssessorIdentity,
  loadIdentity,
  signPdf,
  type AssessorIdentity,
  type IssuedIdentity,
  type SchemeRoot,
} from '../../../src/main/signing';

/** The fixed "now" of these tests: the day the panel issued the certificate. */
export const NOW = new Date('2025-03-02T09:00:00Z');
export const LEAD_SIGNS_AT = new Date('2025-03-02T10:00:00Z');
export const CO_SIGNER_SIGNS_AT = new Date('2025-03-02T10:05:00Z');
/** When a commissioner checks the certificate. */
export const CHECKED_AT = new Date('2025-04-01T12:00:00Z');
export const ROOT_PASSPHRASE = 'a long scheme passphrase for tests';
export const IDENTITY_PASSWORD = 'assessor password';

export interface TestScheme {
  root: SchemeRoot;
  lead: AssessorIdentity;
  coSigner: AssessorIdentity;
  leadIssued: IssuedIdentity;
  coSignerIssued: IssuedIdentity;
}

export async function identityFrom(
  root: SchemeRoot,
  name: string,
  role: string,
  options: { now?: Date; validDays?: number } = {},
): Promise<{ issued: IssuedIdentity; identity: AssessorIdentity }> {
  const issued = await issueAssessorIdentity({
    root,
    rootPassphrase: ROOT_PASSPHRASE,
    name,
    role,
    password: IDENTITY_PASSWORD,
    validDays: options.validDays ?? 4 * 365 + 1,
    now: options.now ?? NOW,
  });
  return { issued, identity: await loadIdentity(issued.pkcs12, IDENTITY_PASSWORD) };
}

/** A scheme root, a lead assessor and an Expert by Experience co-signer. */
export async function makeScheme(name = 'Coproduction Quality Standard'): Promise<TestScheme> {
  const root = await createSchemeRoot({
    name,
    passphrase: ROOT_PASSPHRASE,
    now: new Date('2025-01-01T00:00:00Z'),
  });
  const lead = await identityFrom(root, 'Amara Okafor', 'Lead assessor');
  const coSigner = await identityFrom(root, 'Dafydd Llywelyn', 'Expert by Experience assessor');
  return {
    root,
    lead: lead.identity,
    coSigner: coSigner.identity,
    leadIssued: lead.issued,
    coSignerIssued: coSigner.issued,
  };
}

export function signAsLead(pdf: Uint8Array, identity: AssessorIdentity): Promise<Uint8Array> {
  return signPdf(pdf, {
    identity,
    role: 'lead',
    signingTime: LEAD_SIGNS_AT,
    reason: 'Certificate issued by the lead assessor',
    location: 'Leeds',
  });
}

export function coSign(pdf: Uint8Array, identity: AssessorIdentity): Promise<Uint8Array> {
  return signPdf(pdf, {
    identity,
    role: 'co-signer',
    signingTime: CO_SIGNER_SIGNS_AT,
    reason: 'Co-signed by an Expert by Experience assessor',
  });
}

/** The byte ranges of every signature in file order, and each signature's CMS bytes. */
export function signaturesIn(
  pdf: Uint8Array,
): Array<{ byteRange: number[]; cms: Buffer; signedBytes: Buffer }> {
  const bytes = Buffer.from(pdf);
  const text = bytes.toString('latin1');
  return [...text.matchAll(/\/ByteRange \[([0-9 ]+)\]/g)].map((match) => {
    const byteRange = match[1]!.trim().split(/\s+/).map(Number);
    const [a, b, c, d] = byteRange as [number, number, number, number];
    const hex = bytes.subarray(b + 1, c - 1).toString('latin1');
    const cms = Buffer.from(hex, 'hex');
    let length = cms.length;
    while (length > 0 && cms[length - 1] === 0) length--;
    return {
      byteRange,
      cms: cms.subarray(0, length),
      signedBytes: Buffer.concat([bytes.subarray(a, b), bytes.subarray(c, c + d)]),
    };
  });
}

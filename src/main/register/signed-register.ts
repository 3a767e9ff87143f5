import { createHash, createSign, KeyObject } from 'node:crypto';
import { z } from 'zod';
import { UserFacingError } from '../../shared/errors';
import type { SchemeFile } from '../scheme';
import {
  buildCadesDetachedSignature,
  decodeCmsSignature,
  revokeCertificates,
  signedAttributesVerify,
  unlockSchemeRoot,
  type PkiCertificate,
  type RevocationEntry,
  type SchemeRoot,
} from '../signing';
import type { RegisterEntry } from '../../shared/api';
import { byOrganisationThenNumber, historiesOf, listRegister, statusOf } from './register';
import { registerStateSql } from './status-sql';
import { londonDate } from './status';

/**
 * The register as the scheme publishes it for commissioners: one JSON file (`register.json`)
 * signed by the scheme root twice over the same bytes — a detached CMS signature
 * (`register.json.p7s`, checked by `copanel register verify` and by `openssl cms -verify`) and a
 * detached JWS (ES256, `register.json.jws`) that a browser checks with WebCrypto on the published
 * page. The root's certificate carries keyCertSign and cRLSign only: checking the CMS with OpenSSL
 * needs `-purpose any`; our verifier requires the signer to be the trusted root itself.
 */

export const REGISTER_FORMAT = 'copanel-register/1';
/** A register of 50,000 certificates is about 60 MB of JSON; anything larger is refused unread. */
export const REGISTER_MAX_BYTES = 128 * 1024 * 1024;

export interface SignedRegisterFiles {
  json: Buffer;
  cms: Uint8Array;
  jws: string;
}

/** What the published register says about one certificate. */
const PUBLISHED_ENTRY = z.object({
  certificateNumber: z.string().max(40),
  organisation: z.string().max(500),
  level: z.number().int().min(1).max(3),
  decisionDate: z.string().max(10),
  interimReviewDue: z.string().max(10),
  validUntil: z.string().max(10),
  standardVersion: z.string().max(100).nullable(),
  signers: z.array(z.string().max(500)).max(10),
  auditHead: z.object({ entries: z.number().int().nonnegative(), hash: z.string().length(64) }).nullable(),
  qrSignerKeyId: z.string().max(64),
  qrSignerPublicKey: z.string().max(1000),
  pdfSha256: z.string().length(64),
  /** When the scheme checked the certificate and added it: its signers' identities were valid then. */
  importedAt: z.string().max(40),
  status: z.object({
    state: z.string().max(40),
    words: z.string().max(1000),
    date: z.string().max(10).optional(),
    reason: z.string().max(500).optional(),
    supersededBy: z.string().max(40).optional(),
  }),
  events: z
    .array(
      z.object({
        kind: z.string().max(40),
        onDate: z.string().max(10),
        reason: z.string().max(500).nullable(),
        supersededBy: z.string().max(40).nullable(),
      }),
    )
    .max(1000),
});

const PUBLISHED_REGISTER = z.object({
  format: z.literal(REGISTER_FORMAT),
  scheme: z.object({ name: z.string().max(500), rootSha256: z.string().length(64) }),
  issuedAt: z.string().max(40),
  asOf: z.string().max(10),
  entries: z.array(PUBLISHED_ENTRY),
});

export type PublishedRegister = z.infer<typeof PUBLISHED_REGISTER>;
export type PublishedEntry = z.infer<typeof PUBLISHED_ENTRY>;

/**
 * What publishedRegister reads of each certificate, in this order, with its state on the day from
 * registerStateSql; read as arrays of values (SchemeFile.rowValues), not an object per row.
 */
type PublishedRow = [
  certificateNumber: string,
  organisation: string,
  level: number,
  decisionDate: string,
  interimReviewDue: string,
  validUntil: string,
  standardVersion: string | null,
  signersJson: string,
  auditHeadEntries: number | null,
  auditHeadHash: string | null,
  qrSignerKeyId: string,
  qrSignerPublicKey: string,
  pdfSha256: string,
  importedAt: string,
  hasHistory: number,
  state: string,
];

async function publishedRows(scheme: SchemeFile, today: string): Promise<PublishedRow[]> {
  const query = scheme.db
    .selectFrom('register_entry as e')
    .select([
      'e.certificate_number',
      'e.organisation',
      'e.level',
      'e.decision_date',
      'e.interim_review_due',
      'e.valid_until',
      'e.standard_version',
      'e.signers_json',
      'e.audit_head_entries',
      'e.audit_head_hash',
      'e.qr_signer_key_id',
      'e.qr_signer_spki',
      'e.pdf_sha256',
      'e.imported_at',
      'e.has_history',
    ])
    .select(registerStateSql(today).as('state'))
    .compile();
  const rows = (await scheme.rowValues(query)) as PublishedRow[];
  return rows.sort((a, b) => byOrganisationThenNumber(a[1], a[0], b[1], b[0]));
}

/**
 * Every certificate as the register publishes it on `today`, in the register's order: the same facts
 * and status as listRegister gives the Register screen (statusOf over the same history), built
 * straight from the rows. Most certificates share their signers, so each list is parsed once.
 */
async function publishedEntries(scheme: SchemeFile, today: string): Promise<PublishedEntry[]> {
  const rows = await publishedRows(scheme, today);
  const histories = await historiesOf(
    scheme,
    rows.filter((row) => row[14] === 1).map((row) => row[0]),
  );
  const signersOf = new Map<string, string[]>();
  return rows.map((row) => {
    const [number, organisation, level, decisionDate, interimReviewDue, validUntil] = row;
    const [, , , , , , standardVersion, signersJson, headEntries, headHash, keyId, spki, pdfSha256] = row;
    const [, , , , , , , , , , , , , importedAt, hasHistory, state] = row;
    let signers = signersOf.get(signersJson);
    if (!signers) signersOf.set(signersJson, (signers = JSON.parse(signersJson) as string[]));
    const events = histories.events.get(number) ?? [];
    const dates = { decisionDate, interimReviewDue, validUntil };
    const history = { events, conditions: histories.conditions.get(number) ?? [] };
    return {
      certificateNumber: number,
      organisation,
      level,
      ...dates,
      standardVersion,
      signers,
      auditHead: headEntries !== null && headHash !== null ? { entries: headEntries, hash: headHash } : null,
      qrSignerKeyId: keyId,
      qrSignerPublicKey: spki,
      pdfSha256,
      importedAt,
      status: statusOf(hasHistory === 1, history, dates, today, state),
      events: events.map(({ kind, onDate, reason, supersededBy }) => ({
        kind,
        onDate,
        reason,
        supersededBy,
      })),
    };
  });
}

/** The register as published on `now` (statuses as of that day in Europe/London). */
export async function publishedRegister(
  scheme: SchemeFile,
  root: SchemeRoot,
  now: Date,
): Promise<PublishedRegister> {
  const asOf = londonDate(now);
  const details = await scheme.details();
  return {
    format: REGISTER_FORMAT,
    scheme: { name: details.schemeName, rootSha256: root.certificate.sha256.toString('hex') },
    issuedAt: now.toISOString(),
    asOf,
    entries: await publishedEntries(scheme, asOf),
  };
}

/** Signs the published register with the scheme root: a detached CMS and a detached JWS over the same JSON bytes. */
export async function signRegister(
  register: PublishedRegister,
  root: SchemeRoot,
  rootPassphrase: string,
): Promise<SignedRegisterFiles> {
  const privateKey = await unlockSchemeRoot(root, rootPassphrase);
  const json = registerJson(register);
  const cms = await buildCadesDetachedSignature(createHash('sha256').update(json).digest(), {
    privateKey,
    certificate: root.certificate,
    chain: [root.certificate],
    name: root.name,
    role: 'Scheme root',
    certificateNumber: root.certificate.serialNumber,
    keyId: root.certificate.keyId,
  });
  return { json, cms, jws: detachedJws(json, privateKey, root.certificate.keyId) };
}

/** How many entries are written to JSON at a time: small pieces, mostly plain ASCII, encode quickly. */
const ENTRIES_PER_PIECE = 1000;
/** An entries array as JSON.stringify(…, null, 1) writes it inside the register, before and after its entries. */
const ENTRIES_OPEN = '{\n "entries": [\n';
const ENTRIES_CLOSE = '\n ]\n}';

/**
 * The register's bytes: JSON with one space of indentation and a final newline, exactly
 * `JSON.stringify(register, null, 1) + "\n"`. Written a thousand entries at a time (each piece as
 * JSON.stringify writes them at the same depth) straight into one buffer, so the 45 MB is made once:
 * no 45 MB string (90 MB once a single curly quote makes it two bytes a character), and no copy.
 */
export function registerJson(register: PublishedRegister): Buffer {
  const { entries, ...head } = register;
  if (entries.length === 0) return Buffer.from(`${JSON.stringify(register, null, 1)}\n`, 'utf8');
  const headJson = JSON.stringify({ ...head, entries: [] }, null, 1);
  const out = new GrowingBuffer();
  out.write(`${headJson.slice(0, -'[]\n}'.length)}[\n`);
  for (let start = 0; start < entries.length; start += ENTRIES_PER_PIECE) {
    const json = JSON.stringify({ entries: entries.slice(start, start + ENTRIES_PER_PIECE) }, null, 1);
    const inner = json.slice(ENTRIES_OPEN.length, -ENTRIES_CLOSE.length);
    out.write(start === 0 ? inner : `,\n${inner}`, (entries.length - start) / ENTRIES_PER_PIECE);
  }
  out.write(`${ENTRIES_CLOSE}\n`);
  return out.bytes();
}

/** UTF-8 text written one piece after another into one buffer, grown (rarely) when a piece might not fit. */
class GrowingBuffer {
  private buffer = Buffer.allocUnsafe(0);
  private length = 0;

  /** Writes `text`, one of `piecesToCome` pieces of about its size still to write (this one included). */
  write(text: string, piecesToCome = 1): void {
    // At most three bytes of UTF-8 for each UTF-16 code unit.
    const needed = this.length + text.length * 3;
    if (needed > this.buffer.length) {
      const grown = Buffer.allocUnsafe(
        Math.ceil(Math.max(needed, this.length + text.length * 1.2 * piecesToCome)),
      );
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    this.length += this.buffer.write(text, this.length, 'utf8');
  }

  /** The bytes written (a view on the buffer: nothing is copied). */
  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

/** How much of the payload is base64url-encoded at a time: a multiple of 3 bytes, so the pieces join up. */
const JWS_PIECE_BYTES = 3 * 128 * 1024;

/**
 * A compact JWS with a detached payload (RFC 7515 appendix F): "header..signature", ES256. The
 * signing input (header, ".", the payload in base64url) is fed to the signer piece by piece, so a
 * 45 MB register is never held again as a 60 MB base64 string and a 60 MB copy of its bytes.
 */
function detachedJws(payload: Uint8Array, privateKey: CryptoKey, keyId: string): string {
  const header = Buffer.from(JSON.stringify({ alg: 'ES256', kid: keyId, typ: REGISTER_FORMAT })).toString(
    'base64url',
  );
  const signer = createSign('sha256').update(`${header}.`);
  const bytes = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  for (let start = 0; start < bytes.length; start += JWS_PIECE_BYTES)
    signer.update(bytes.subarray(start, start + JWS_PIECE_BYTES).toString('base64url'));
  // JWS ES256 wants the signature as r and s side by side (IEEE P1363), not DER.
  const signature = signer.sign({ key: KeyObject.from(privateKey), dsaEncoding: 'ieee-p1363' });
  return `${header}..${signature.toString('base64url')}`;
}

const refused = (why: string) =>
  new UserFacingError('REGISTER_NOT_GENUINE', `Do not rely on this register: ${why}`);

/**
 * `copanel register verify`: the CMS signature must be the trusted root's own, over exactly these
 * bytes; then the JSON is read against its schema. Refused in plain words otherwise.
 */
export function verifySignedRegister(
  json: Uint8Array,
  cms: Uint8Array,
  trustedRoots: PkiCertificate[],
): { register: PublishedRegister; root: PkiCertificate } {
  if (json.length > REGISTER_MAX_BYTES) throw refused('the file is larger than any register the app writes.');
  let decoded: ReturnType<typeof decodeCmsSignature>;
  try {
    decoded = decodeCmsSignature(cms);
  } catch {
    throw refused('its signature file is not a CMS signature (use the register.json.p7s published with it).');
  }
  const signer = decoded.signer;
  const root = signer && trustedRoots.find((candidate) => candidate.sha256.equals(signer.sha256));
  if (!root)
    throw refused('it was not signed by the scheme root you trust. Get the register from the scheme itself.');
  const digest = createHash(decoded.digestAlgorithm ?? 'sha256')
    .update(json)
    .digest();
  if (!decoded.messageDigest || !digest.equals(Buffer.from(decoded.messageDigest)))
    throw refused('it was changed after the scheme signed it.');
  if (!signedAttributesVerify(decoded)) throw refused('its signature does not match the scheme root’s key.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(json).toString('utf8'));
  } catch {
    throw refused('it is signed, but it is not a register the app can read.');
  }
  const register = PUBLISHED_REGISTER.safeParse(parsed);
  if (!register.success) throw refused('it is signed, but it is not a register the app can read.');
  if (register.data.scheme.rootSha256 !== root.sha256.toString('hex'))
    throw refused('it names a different scheme root from the one that signed it.');
  return { register: register.data, root };
}

/** The revocation reason each register event becomes in the scheme's list (X.509 CRL reason codes). */
const LISTED_AS: Partial<Record<RegisterEntry['status']['state'], RevocationEntry['reason']>> = {
  revoked: 'privilegeWithdrawn',
  superseded: 'superseded',
  suspended: 'certificateHold',
};

/**
 * The scheme's signed revocation list, in exactly the format `copanel scheme revoke` writes and
 * `copanel verify --revocations` reads (an X.509 CRL signed by the root, kitemark numbers listed
 * under kitemarkRevocationSerial): every certificate withdrawn, superseded or suspended today.
 */
export async function registerRevocationList(
  scheme: SchemeFile,
  root: SchemeRoot,
  rootPassphrase: string,
  now: Date,
): Promise<{ der: Uint8Array; pem: string; listed: number }> {
  const entries: RevocationEntry[] = [];
  for (const entry of await listRegister(scheme, londonDate(now))) {
    const reason = LISTED_AS[entry.status.state];
    if (!reason || !entry.status.date) continue;
    entries.push({
      kitemarkCertificateNumber: entry.certificateNumber,
      reason,
      date: new Date(`${entry.status.date}T12:00:00Z`),
    });
  }
  const list = await revokeCertificates({ root, rootPassphrase, entries, now });
  return { ...list, listed: entries.length };
}

import { verify as verifySignature, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSchemeRootsFromInput } from '../../../src/main/certificates';
import {
  addRegisterCondition,
  listRegister,
  londonDate,
  mergeRegister,
  publishedRegister,
  recordRegisterEvent,
  REGISTER_FORMAT,
  signRegister,
  type PublishedRegister,
} from '../../../src/main/register';
import { createSchemeFile, openSchemeFile, type SchemeFile } from '../../../src/main/scheme';
import { APP_VERSION, makeTempDir } from '../casefile/support';
import { copanel } from '../certificates/support';
import {
  certificatesOf,
  OFFICE_PASSPHRASE,
  schemeOffice,
  writeSignedRegister,
  type SchemeOffice,
} from './offices';

/**
 * The signed register a scheme exports for commissioners (issue 15 item 5), from a real encrypted
 * scheme file of a few thousand certificates (more than one piece of the JSON writer), some with
 * history recorded here: `copanel register verify --trust root.pem` accepts it, its JWS verifies
 * with Node's crypto, and its content is, byte for byte, every certificate as the Register screen
 * lists it (listRegister) in the format's layout: JSON with one space of indentation and a newline.
 */

const temp = makeTempDir('copanel-register-export-');
afterAll(() => temp.cleanup());

const PASSPHRASE = 'juniper-lattice-ember-salmon-quiver';
const OFFICE = 'Mo Reyes';
const TODAY = '2026-06-01';
const NOW = new Date(`${TODAY}T12:00:00Z`);
const CERTIFICATES = 2_345;

let northfield: SchemeOffice;
let schemePath: string;
let numbers: string[];

async function withScheme<T>(work: (scheme: SchemeFile) => Promise<T>): Promise<T> {
  const scheme = await openSchemeFile({ path: schemePath, passphrase: PASSPHRASE, appVersion: APP_VERSION });
  try {
    return await work(scheme);
  } finally {
    await scheme.close();
  }
}

/** The register as listRegister (the Register screen's list, an object per certificate) gives it. */
async function registerAsListed(scheme: SchemeFile): Promise<PublishedRegister> {
  const asOf = londonDate(NOW);
  const entries = await listRegister(scheme, asOf);
  return {
    format: REGISTER_FORMAT,
    scheme: {
      name: 'Northfield Kitemark Scheme (fictional)',
      rootSha256: northfield.root.certificate.sha256.toString('hex'),
    },
    issuedAt: NOW.toISOString(),
    asOf,
    entries: entries.map((entry) => ({
      certificateNumber: entry.certificateNumber,
      organisation: entry.organisation,
      level: entry.level,
      decisionDate: entry.decisionDate,
      interimReviewDue: entry.interimReviewDue,
      validUntil: entry.validUntil,
      standardVersion: entry.standardVersion,
      signers: entry.signers,
      auditHead: entry.auditHead,
      qrSignerKeyId: entry.qrSignerKeyId,
      qrSignerPublicKey: entry.qrSignerPublicKey,
      pdfSha256: entry.pdfSha256,
      importedAt: entry.importedAt,
      status: entry.status,
      events: entry.events.map(({ kind, onDate, reason, supersededBy }) => ({
        kind,
        onDate,
        reason,
        supersededBy,
      })),
    })),
  };
}

beforeAll(async () => {
  northfield = await schemeOffice('Northfield Kitemark Scheme (fictional)', NOW);
  const west = await schemeOffice('Western Kitemark Office (fictional)', NOW);
  const entries = certificatesOf(CERTIFICATES, {
    organisations: 700,
    prefix: 'WKO',
    lastDecision: '2026-05-01',
    signer: west.root,
  });
  numbers = entries.map((entry) => entry.certificateNumber);
  const files = await writeSignedRegister(west, entries, join(temp.dir, 'from-west'), NOW);
  schemePath = join(temp.dir, 'northfield.copanel-scheme');
  const created = await createSchemeFile({
    path: schemePath,
    schemeName: 'Northfield Kitemark Scheme (fictional)',
    passphrase: PASSPHRASE,
    appVersion: APP_VERSION,
    createdBy: OFFICE,
  });
  try {
    await mergeRegister(created, {
      json: readFileSync(files.json),
      signature: readFileSync(files.signature),
      trustedRoots: readSchemeRootsFromInput(readFileSync(files.rootPem)),
      actor: OFFICE,
      now: NOW,
    });
    // History recorded here, so statuses come from registerStatus as well as from the dates alone.
    const record = (
      certificateNumber: string,
      kind: 'suspended' | 'reinstated' | 'interim_review_done',
      onDate: string,
    ) =>
      recordRegisterEvent(created, {
        certificateNumber,
        kind,
        onDate,
        ...(kind === 'suspended' ? { reason: 'an investigation was opened' } : {}),
        actor: OFFICE,
        now: NOW,
      });
    await record(numbers[1]!, 'suspended', '2026-05-20');
    await record(numbers[2]!, 'suspended', '2026-04-01');
    await record(numbers[2]!, 'reinstated', '2026-05-01');
    await record(numbers[20]!, 'interim_review_done', '2026-05-15');
    await recordRegisterEvent(created, {
      certificateNumber: numbers[3]!,
      kind: 'superseded',
      onDate: '2026-05-02',
      supersededBy: numbers[4]!,
      actor: OFFICE,
      now: NOW,
    });
    await addRegisterCondition(created, {
      certificateNumber: numbers[0]!,
      condition: 'Publish the co-production charter on the website',
      dueOn: '2026-06-10',
      actor: OFFICE,
      now: NOW,
    });
  } finally {
    await created.close();
  }
}, 120_000);

describe('the signed register export', () => {
  it('is every certificate as the Register screen lists it, byte for byte, and `register verify` accepts it', async () => {
    const { signed, listed } = await withScheme(async (scheme) => ({
      signed: await signRegister(
        await publishedRegister(scheme, northfield.root, NOW),
        northfield.root,
        OFFICE_PASSPHRASE,
      ),
      listed: await registerAsListed(scheme),
    }));

    const parsed = JSON.parse(signed.json.toString('utf8')) as PublishedRegister;
    expect(parsed.entries).toHaveLength(CERTIFICATES);
    expect(parsed).toEqual(listed);
    expect(signed.json.equals(Buffer.from(`${JSON.stringify(listed, null, 1)}\n`, 'utf8'))).toBe(true);
    // Every kind of status the file holds is there: by dates alone and from recorded history.
    const states = new Set(parsed.entries.map((entry) => entry.status.state));
    for (const state of ['valid', 'expired', 'revoked', 'suspended', 'superseded', 'conditions_due'])
      expect(states).toContain(state);
    expect(parsed.entries.find((entry) => entry.certificateNumber === numbers[2])!.events).toEqual([
      { kind: 'suspended', onDate: '2026-04-01', reason: 'an investigation was opened', supersededBy: null },
      { kind: 'reinstated', onDate: '2026-05-01', reason: null, supersededBy: null },
    ]);

    const registerFile = join(temp.dir, 'register.json');
    const rootPem = join(temp.dir, 'northfield-root.pem');
    writeFileSync(registerFile, signed.json);
    writeFileSync(`${registerFile}.p7s`, signed.cms);
    writeFileSync(rootPem, northfield.root.certificatePem);
    const verified = await copanel(['register', 'verify', registerFile, '--trust', rootPem, '--json']);
    expect(verified.err).toBe('');
    expect(verified.code).toBe(0);
    const { valid, ...asVerified } = JSON.parse(verified.out) as PublishedRegister & { valid: boolean };
    expect(valid).toBe(true);
    expect(asVerified).toEqual(listed);
    const inWords = await copanel(['register', 'verify', registerFile, '--trust', rootPem]);
    expect(inWords.out).toMatch(
      new RegExp(
        `^VALID: the register of Northfield Kitemark Scheme \\(fictional\\) as of ${TODAY} \\(${CERTIFICATES} certificate\\(s\\)\\)`,
      ),
    );

    // The JWS (header..signature, ES256) over header.base64url(the same bytes), checked with Node's crypto.
    const [header, payload, signature] = signed.jws.split('.');
    expect(payload).toBe('');
    const verifies = (input: string) =>
      verifySignature(
        'sha256',
        Buffer.from(input),
        { key: new X509Certificate(northfield.root.certificatePem).publicKey, dsaEncoding: 'ieee-p1363' },
        Buffer.from(signature!, 'base64url'),
      );
    expect(verifies(`${header}.${signed.json.toString('base64url')}`)).toBe(true);
    expect(
      verifies(
        `${header}.${Buffer.from(signed.json.toString('utf8').replace('"level": 2', '"level": 3')).toString('base64url')}`,
      ),
    ).toBe(false);
  }, 120_000);
});

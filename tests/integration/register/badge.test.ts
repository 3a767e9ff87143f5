import { createPublicKey, verify as verifyBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchemeFile } from '../../../src/main/scheme';
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
 * A certificate in the register as an Open Badges 3.0 credential (VC-JWT, ES256, signed by the
 * scheme root) through the real `copanel register badge` and `copanel register verify` commands.
 */

const temp = makeTempDir('copanel-register-badge-');
afterAll(() => temp.cleanup());

const PASSPHRASE = 'juniper-lattice-ember-salmon-quiver';
const OFFICE = 'Mo Reyes';
let scheme: SchemeOffice;
let other: SchemeOffice;
let rootDir: string;
let schemeFile: string;
let env: Record<string, string>;
const number = 'NKS-2026-00000000';

beforeAll(async () => {
  scheme = await schemeOffice('Northfield Kitemark Scheme (fictional)');
  other = await schemeOffice('Eastern Kitemark Office (fictional)');
  rootDir = join(temp.dir, 'root');
  mkdirSync(rootDir);
  writeFileSync(join(rootDir, 'scheme-root.pem'), scheme.root.certificatePem);
  writeFileSync(join(rootDir, 'scheme-root-key.pem'), scheme.root.encryptedKeyPem);
  writeFileSync(join(temp.dir, 'other-root.pem'), other.root.certificatePem);
  schemeFile = join(temp.dir, 'badge.copanel-scheme');
  await (
    await createSchemeFile({
      path: schemeFile,
      schemeName: scheme.name,
      passphrase: PASSPHRASE,
      appVersion: APP_VERSION,
      createdBy: OFFICE,
    })
  ).close();
  // The scheme's own certificates, entered through the merge of its own signed register.
  const files = await writeSignedRegister(
    scheme,
    certificatesOf(3, { organisations: 3, prefix: 'NKS', lastDecision: '2026-01-10', signer: scheme.root }),
    join(temp.dir, 'own'),
  );
  env = { COPANEL_SCHEME_FILE_PASSPHRASE: PASSPHRASE, COPANEL_SCHEME_PASSPHRASE: OFFICE_PASSPHRASE };
  const merged = await copanel(
    ['register', 'merge', schemeFile, files.json, '--trust', files.rootPem, '--by', OFFICE],
    env,
  );
  expect(merged.code, merged.out + merged.err).toBe(0);
}, 60_000);

const badgeFile = () => join(temp.dir, 'badge.jwt');
const verify = (file: string, ...more: string[]) =>
  copanel([
    'register',
    'verify',
    file,
    '--trust',
    join(rootDir, 'scheme-root.pem'),
    '--at',
    '2026-06-01',
    ...more,
  ]);

function partsOf(jwt: string): { header: string; payload: Record<string, unknown>; signature: string } {
  const [header, payload, signature] = jwt.trim().split('.') as [string, string, string];
  return { header, payload: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')), signature };
}

describe('a certificate as an Open Badges 3.0 credential', () => {
  it('is written as a VC-JWT of an OpenBadgeCredential, signed ES256 by the scheme root, and verifies', async () => {
    const made = await copanel(
      [
        'register',
        'badge',
        schemeFile,
        number,
        '--root',
        rootDir,
        '--out',
        badgeFile(),
        '--at',
        '2026-06-01',
      ],
      env,
    );
    expect(made.code, made.err).toBe(0);
    const jwt = readFileSync(badgeFile(), 'utf8').trim();
    const { header, payload } = partsOf(jwt);
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toMatchObject({
      alg: 'ES256',
      typ: 'JWT',
    });
    expect(payload).toMatchObject({
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      id: `urn:copanel:certificate:${number}`,
      jti: `urn:copanel:certificate:${number}`,
      issuer: { type: ['Profile'], id: payload.iss },
      validFrom: '2026-01-10T00:00:00Z',
      validUntil: '2029-01-10T23:59:59Z',
      nbf: Date.parse('2026-01-10T00:00:00Z') / 1000,
      exp: Date.parse('2029-01-10T23:59:59Z') / 1000,
      credentialSubject: {
        type: ['AchievementSubject'],
        achievement: { type: ['Achievement'], name: 'Coproduction kitemark, Level 1' },
      },
    });
    // Checked independently of the app's verifier: ES256 over "header.payload" with the root's public key.
    const lastDot = jwt.lastIndexOf('.');
    expect(
      verifyBytes(
        'sha256',
        Buffer.from(jwt.slice(0, lastDot)),
        { key: createPublicKey(scheme.root.certificatePem), dsaEncoding: 'ieee-p1363' },
        Buffer.from(jwt.slice(lastDot + 1), 'base64url'),
      ),
    ).toBe(true);
    const checked = await verify(badgeFile());
    expect(checked.code).toBe(0);
    expect(checked.out).toContain(`VALID: an Open Badges 3.0 credential issued by ${scheme.name}`);
  });

  it('is refused when its payload was changed, when another root is trusted, and once it expired', async () => {
    const jwt = readFileSync(badgeFile(), 'utf8').trim();
    const { header, payload, signature } = partsOf(jwt);
    const forged = join(temp.dir, 'forged.jwt');
    const changed = { ...payload, name: String(payload.name).replace('Level 1', 'Level 3') };
    writeFileSync(
      forged,
      `${header}.${Buffer.from(JSON.stringify(changed)).toString('base64url')}.${signature}`,
    );
    const tampered = await verify(forged);
    expect(tampered.code).not.toBe(0);
    expect(tampered.err).toContain('its signature does not match the scheme root’s key');

    const wrongKey = await copanel([
      'register',
      'verify',
      badgeFile(),
      '--trust',
      join(temp.dir, 'other-root.pem'),
      '--at',
      '2026-06-01',
    ]);
    expect(wrongKey.code).not.toBe(0);
    expect(wrongKey.err).toContain('not issued by the scheme root you trust');

    const expired = await copanel([
      'register',
      'verify',
      badgeFile(),
      '--trust',
      join(rootDir, 'scheme-root.pem'),
      '--at',
      '2029-01-11',
    ]);
    expect(expired.code).not.toBe(0);
    expect(expired.err).toContain('it expired: it was valid until 2029-01-10');
  });

  it('is refused against the signed register once the certificate is withdrawn', async () => {
    const withdrawn = await copanel(
      [
        'register',
        'record',
        schemeFile,
        number,
        '--event',
        'revoked',
        '--reason',
        'complaint upheld.',
        '--on',
        '2026-03-01',
        '--by',
        OFFICE,
      ],
      env,
    );
    expect(withdrawn.code, withdrawn.err).toBe(0);
    const out = join(temp.dir, 'published');
    const exported = await copanel(
      ['register', 'export', schemeFile, '--root', rootDir, '--out', out, '--at', '2026-06-01'],
      env,
    );
    expect(exported.code, exported.err).toBe(0);
    const checked = await verify(badgeFile(), '--register', join(out, 'register.json'));
    expect(checked.code).not.toBe(0);
    expect(checked.err).toContain('the scheme’s register says: Withdrawn on 2026-03-01: complaint upheld');
    const refusedBadge = await copanel(
      [
        'register',
        'badge',
        schemeFile,
        number,
        '--root',
        rootDir,
        '--out',
        join(temp.dir, 'no.jwt'),
        '--at',
        '2026-06-01',
      ],
      env,
    );
    // A refusal on the register's data: exit 1 with the plain reason, not the usage text (exit 2).
    expect(refusedBadge.code).toBe(1);
    expect(refusedBadge.err).toContain(
      'is not in force: Withdrawn on 2026-03-01: complaint upheld. Do not rely on it.',
    );
    expect(refusedBadge.err).not.toContain('Usage:');
  });
});

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildDemoAssessment, DEMO_PANEL } from '../../../src/main/demo';
import { addDays, exportRegister, londonDate } from '../../../src/main/register';
import { nodeRuntime } from '../../../src/main/runtime';
import { createSchemeFile } from '../../../src/main/scheme';
import { loadSchemeRoot } from '../../../src/main/signing';
import { APP_VERSION, makeTempDir } from '../casefile/support';
import { DEMO_PASSPHRASE } from '../certificates/support';
import { nssDatabaseTrusting, pdfsig, workspace } from '../signing/tools';

/**
 * Today the app refuses to sign a certificate with an identity that expires before the certificate
 * does (src/main/certificates/signing-rules.ts). A certificate made before that rule, or by another
 * tool, can outlive its signers' identities; this builds one. Every other signing rule still runs:
 * only the expiry date the rules compare with is moved back, so short identities may sign.
 */
vi.mock('../../../src/main/certificates/signing-rules', async (importOriginal) => {
  const rules = await importOriginal<typeof import('../../../src/main/certificates/signing-rules')>();
  const noExpiryRule = '1970-01-01';
  return {
    ...rules,
    requireLeadIdentity: (identity: Parameters<typeof rules.requireLeadIdentity>[0]) =>
      rules.requireLeadIdentity(identity, noExpiryRule),
    requireCoSignerIdentity: (...args: Parameters<typeof rules.requireCoSignerIdentity>) =>
      rules.requireCoSignerIdentity(args[0], args[1], args[2], noExpiryRule),
  };
});

/**
 * A certificate that outlives its signers' identities (issue 15 item 5): the fictional demo
 * assessment, built with signing identities valid for 400 days only, signed while they were valid
 * and put in the scheme's signed register then. Checked through the built `copanel` at a date after
 * the identities expired (--at) but before the certificate does: on the register's word it is
 * genuine and in force; without the register its signing time cannot be vouched for; a register
 * that does not hold it says so. pdfsig checks the PDF's signatures as well.
 */

const IDENTITY_DAYS = 400;
const root = join(import.meta.dirname, '..', '..', '..');
const temp = makeTempDir('copanel-expired-identity-');
afterAll(() => temp.cleanup());

let demo: Awaited<ReturnType<typeof buildDemoAssessment>>;
let today: string;
/** After the identities expired (400 days), before the interim review (18 months) and expiry (3 years). */
let afterExpiry: string;

function copanel(...args: string[]): { code: number | null; out: string } {
  const run = spawnSync(process.execPath, [join(root, 'bin', 'copanel.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, COPANEL_USER_DATA: join(temp.dir, 'cli-user-data') },
    timeout: 120_000,
  });
  return { code: run.status, out: `${run.stdout}${run.stderr}` };
}

beforeAll(async () => {
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs'), '--quiet'], {
    cwd: root,
    encoding: 'utf8',
  });
  expect(build.status, build.stderr).toBe(0);
  const outDir = join(temp.dir, 'demo');
  mkdirSync(outDir, { recursive: true });
  demo = await buildDemoAssessment({
    outDir,
    passphrase: DEMO_PASSPHRASE,
    runtime: nodeRuntime('cli'),
    identityValidDays: IDENTITY_DAYS,
  });
  today = londonDate(new Date());
  afterExpiry = addDays(today, IDENTITY_DAYS + 30);
}, 300_000);

describe('a certificate after its signers’ identities expired', () => {
  it('was signed while the identities were valid: pdfsig finds both signatures valid and trusted', () => {
    const ws = workspace();
    try {
      const trusted = pdfsig(
        demo.certificate,
        nssDatabaseTrusting(ws, readFileSync(demo.schemeRoot, 'utf8')),
      );
      expect(trusted.map((s) => [s.signerName, s.signatureValid, s.certificate])).toEqual([
        [DEMO_PANEL.lead.name, true, 'Certificate is Trusted.'],
        [DEMO_PANEL.experts[0].name, true, 'Certificate is Trusted.'],
      ]);
    } finally {
      ws.dispose();
    }
    const now = copanel('verify', demo.certificate, '--trust', demo.schemeRoot);
    expect(now.code, now.out).toBe(0);
  });

  it('without the register: the identity has expired, and when it signed cannot be vouched for', () => {
    const checked = copanel('verify', demo.certificate, '--trust', demo.schemeRoot, '--at', afterExpiry);
    expect(checked.code).toBe(1);
    expect(checked.out).toContain('Do not rely on this certificate');
    expect(checked.out).toMatch(/identity expired on .*, before .*, the date checked/);
    expect(checked.out).toContain(
      'Without a trusted timestamp a signature can be trusted only while the identity that made it is valid',
    );
  });

  it('with the signed register: genuine and in force on the register’s word, saying the identity has since expired', () => {
    const checked = copanel(
      'verify',
      demo.certificate,
      '--trust',
      demo.schemeRoot,
      '--register',
      demo.register,
      '--at',
      afterExpiry,
    );
    expect(checked.code, checked.out).toBe(0);
    expect(checked.out).toContain(
      `Certificate ${demo.certificateNumber} is genuine (the scheme’s register vouches for when it was signed).`,
    );
    expect(checked.out).toContain(
      `The signer’s identity is out of date now, but the scheme’s signed register recorded this exact file on ${today}`,
    );
    expect(checked.out).toContain(`This exact file is in the register of`);
    expect(checked.out).not.toContain('Do not rely on this certificate');
    const json = JSON.parse(
      copanel(
        'verify',
        demo.certificate,
        '--trust',
        demo.schemeRoot,
        '--register',
        demo.register,
        '--at',
        afterExpiry,
        '--json',
      ).out,
    ) as { valid: boolean; checks: Array<{ name: string; passed: boolean }> };
    expect(json.valid).toBe(true);
    expect(json.checks.every((check) => check.passed)).toBe(true);

    // Once the certificate itself has expired, the register's word does not keep it in force.
    const long = copanel(
      'verify',
      demo.certificate,
      '--trust',
      demo.schemeRoot,
      '--register',
      demo.register,
      '--at',
      addDays(today, 3 * 366 + 1),
    );
    expect(long.code).toBe(1);
    expect(long.out).toContain('Do not rely on this certificate');
  });

  it('a register that does not hold the certificate says it is not in the register', async () => {
    const emptyRegister = join(temp.dir, 'empty-register');
    mkdirSync(emptyRegister, { recursive: true });
    const scheme = await createSchemeFile({
      path: join(temp.dir, 'empty.copanel-scheme'),
      schemeName: 'Northfield Kitemark Scheme (fictional)',
      passphrase: 'juniper-lattice-ember-salmon-quiver',
      appVersion: APP_VERSION,
      createdBy: 'Mo Reyes (fictional)',
    });
    try {
      const schemeRoot = loadSchemeRoot({
        certificatePem: readFileSync(demo.schemeRoot, 'utf8'),
        encryptedKeyPem: readFileSync(demo.schemeRootKey, 'utf8'),
      });
      const exported = await exportRegister(scheme, schemeRoot, DEMO_PASSPHRASE, new Date());
      for (const file of exported.files) writeFileSync(join(emptyRegister, file.fileName), file.bytes);
    } finally {
      await scheme.close();
    }
    const checked = copanel(
      'verify',
      demo.certificate,
      '--trust',
      demo.schemeRoot,
      '--register',
      join(emptyRegister, 'register.json'),
      '--at',
      afterExpiry,
    );
    expect(checked.code).toBe(1);
    expect(checked.out).toContain(`Certificate ${demo.certificateNumber} is not in the register of`);
  });

  it('refuses a date to judge at that is not on the calendar, in plain words', () => {
    for (const at of ['soon', '2027-02-30']) {
      const refused = copanel('verify', demo.certificate, '--trust', demo.schemeRoot, '--at', at);
      expect(refused.code).toBe(2);
      expect(refused.out).toContain('give --at as a date like 2026-03-14');
      expect(refused.out).not.toMatch(/\bat .*\.(ts|js):\d+/);
    }
  });
});

import { spawnSync } from 'node:child_process';
import { verify as verifySignature, X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke, localApiContext } from '../../../src/main/api';
import { DEMO_CASE_FILE } from '../../../src/main/demo';
import { nodeRuntime } from '../../../src/main/runtime';
import { createSchemeFile, openSchemeFile } from '../../../src/main/scheme';
import { APP_VERSION, expectUserError, makeTempDir } from '../casefile/support';
import { DEMO_PASSPHRASE, changeBytes, copanel } from '../certificates/support';

/**
 * The register of certificates end to end through the real `copanel` commands: the demo's signed
 * certificate imported into a real encrypted scheme file, its status, withdrawal, the revocation
 * list `copanel verify` reads, the signed register (checked by OpenSSL too) and verify --register.
 */

const temp = makeTempDir('copanel-register-');
afterAll(() => temp.cleanup());

const SCHEME_PASSPHRASE = 'juniper-lattice-ember-salmon-quiver';
const OFFICE = 'Mo Reyes';
let demo: string;
let certificate: string;
let root: string;
let env: Record<string, string>;

async function newSchemeFile(name: string): Promise<string> {
  const path = join(temp.dir, `${name}.copanel-scheme`);
  const scheme = await createSchemeFile({
    path,
    schemeName: 'Northfield Kitemark Scheme (fictional)',
    passphrase: SCHEME_PASSPHRASE,
    appVersion: APP_VERSION,
    createdBy: OFFICE,
  });
  await scheme.close();
  return path;
}

beforeAll(async () => {
  demo = join(temp.dir, 'demo');
  const made = await copanel(['demo', '--out', demo], { COPANEL_PASSPHRASE: DEMO_PASSPHRASE });
  expect(made.code, made.out + made.err).toBe(0);
  certificate = join(demo, 'certificate.pdf');
  root = join(demo, 'scheme-root.pem');
  env = {
    COPANEL_SCHEME_FILE_PASSPHRASE: SCHEME_PASSPHRASE,
    COPANEL_SCHEME_PASSPHRASE: DEMO_PASSPHRASE,
    COPANEL_PASSPHRASE: DEMO_PASSPHRASE,
  };
}, 240_000);

/** The standard the demo's certificate prints (and signs) above "This certificate is awarded to". */
const PRINTED_STANDARD = 'Coproduction Standard built on the I Statements, version 2';

const numberOf = (text: string) => /CPS-\d{4}-[0-9A-F]{8}/.exec(text)?.[0] ?? '';

describe('the register of certificates', () => {
  it('imports the certificate only after it verifies, keeps its facts and audit head, and audits the import', async () => {
    const scheme = await newSchemeFile('import-pdf');
    const tampered = join(temp.dir, 'tampered.pdf');
    writeFileSync(tampered, changeBytes(readFileSync(certificate), 'Level 2', 'Level 3'));
    const refused = await copanel(
      ['register', 'import', scheme, '--pdf', tampered, '--trust', root, '--by', OFFICE],
      env,
    );
    expect(refused.code).not.toBe(0);
    expect(refused.err).toContain('was not added to the register');
    const report = await copanel(
      ['register', 'import', scheme, '--pdf', join(demo, 'report.pdf'), '--trust', root, '--by', OFFICE],
      env,
    );
    expect(report.code).not.toBe(0);
    expect(report.err).toContain('not a kitemark certificate');

    const added = await copanel(
      ['register', 'import', scheme, '--pdf', certificate, '--trust', root, '--by', OFFICE],
      env,
    );
    expect(added.err).toBe('');
    expect(added.out).toMatch(
      /^Added: CPS-\d{4}-[0-9A-F]{8} {2}Harbour Minds Community Wellbeing Trust, Level 2 — Valid until/,
    );
    const again = await copanel(
      ['register', 'import', scheme, '--pdf', certificate, '--trust', root, '--by', OFFICE],
      env,
    );
    expect(again.out).toContain('Already in the register');

    const listed = await copanel(['register', 'list', scheme, '--json'], env);
    const [entry] = JSON.parse(listed.out) as Array<Record<string, unknown>>;
    expect(entry).toMatchObject({
      organisation: 'Harbour Minds Community Wellbeing Trust',
      level: 2,
      source: 'certificate_pdf',
      status: { state: 'valid' },
      // Walk finding F8: read from the certificate's signed page, not left empty.
      standardVersion: PRINTED_STANDARD,
    });
    const csv = (await copanel(['register', 'list', scheme, '--csv'], env)).out;
    expect(csv).toContain(`"${PRINTED_STANDARD}"`);
    expect(entry!.auditHead).toMatchObject({ hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((entry!.signers as string[]).length).toBe(2);

    const file = await openSchemeFile({
      path: scheme,
      passphrase: SCHEME_PASSPHRASE,
      readOnly: true,
      appVersion: APP_VERSION,
    });
    try {
      const actions = await file.db.selectFrom('audit_log').select('action').execute();
      expect(actions.map((a) => a.action)).toContain('register.certificate_imported');
      expect((await file.verifyAuditChain()).ok).toBe(true);
    } finally {
      await file.close();
    }
    expect(readFileSync(scheme).includes(Buffer.from('Harbour Minds'))).toBe(false);
  });

  it('imports every issued certificate from a case file, with the standard’s version', async () => {
    const scheme = await newSchemeFile('import-case');
    const added = await copanel(
      ['register', 'import', scheme, '--case', join(demo, DEMO_CASE_FILE), '--trust', root, '--by', OFFICE],
      env,
    );
    expect(added.err).toBe('');
    expect(added.out).toContain('Added: CPS-');
    const [entry] = JSON.parse((await copanel(['register', 'list', scheme, '--json'], env)).out) as Array<
      Record<string, unknown>
    >;
    expect(entry).toMatchObject({ source: 'case_file', standardVersion: PRINTED_STANDARD });
  });

  it('shows the interim review due and overdue as the days pass, then withdrawn everywhere once revoked', async () => {
    const scheme = await newSchemeFile('lifecycle');
    await copanel(['register', 'import', scheme, '--pdf', certificate, '--trust', root, '--by', OFFICE], env);
    const [entry] = JSON.parse((await copanel(['register', 'list', scheme, '--json'], env)).out) as Array<{
      certificateNumber: string;
      interimReviewDue: string;
    }>;
    const due = await copanel(['register', 'list', scheme, '--at', entry!.interimReviewDue], env);
    expect(due.out).toContain(`its interim review is due by ${entry!.interimReviewDue}`);
    const [y, m, d] = entry!.interimReviewDue.split('-').map(Number) as [number, number, number];
    const dayAfter = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
    const overdue = await copanel(['register', 'list', scheme, '--at', dayAfter, '--csv'], env);
    expect(overdue.out).toContain('"interim review overdue"');
    expect(overdue.out.startsWith('"Certificate number"')).toBe(true); // printed: no byte-order mark

    const noReason = await copanel(
      ['register', 'record', scheme, entry!.certificateNumber, '--event', 'revoked', '--by', OFFICE],
      env,
    );
    expect(noReason.code).not.toBe(0);
    expect(noReason.err).toContain('needs a reason');
    const revoked = await copanel(
      [
        'register',
        'record',
        scheme,
        entry!.certificateNumber,
        '--event',
        'revoked',
        '--reason',
        'The organisation no longer meets the standard',
        '--by',
        OFFICE,
      ],
      env,
    );
    expect(revoked.out).toContain('Withdrawn on');

    const listFile = join(temp.dir, 'revocations.crl.pem');
    const written = await copanel(
      ['register', 'revocations', scheme, '--root', demo, '--out', listFile],
      env,
    );
    expect(written.out).toContain('1 certificate(s) listed');
    const verified = await copanel(['verify', certificate, '--trust', root, '--revocations', listFile]);
    expect(verified.code).toBe(1);
    expect(verified.out).toContain('NOT VALID');
    expect(verified.out).toMatch(/withdrawn/i);
    // OpenSSL reads the same list as a CRL signed by the root
    const crl = spawnSync('openssl', ['crl', '-in', listFile, '-CAfile', root, '-noout'], {
      encoding: 'utf8',
    });
    expect(crl.stderr).toContain('verify OK');
  });

  it('exports the register signed by the scheme root: OpenSSL and `copanel register verify` accept it; a changed byte or another root is refused', async () => {
    const scheme = await newSchemeFile('export');
    await copanel(['register', 'import', scheme, '--pdf', certificate, '--trust', root, '--by', OFFICE], env);
    const out = join(temp.dir, 'export');
    const exported = await copanel(['register', 'export', scheme, '--root', demo, '--out', out], env);
    expect(exported.err).toBe('');
    const registerFile = join(out, 'register.json');

    const openssl = spawnSync(
      'openssl',
      [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        `${registerFile}.p7s`,
        '-content',
        registerFile,
        '-CAfile',
        root,
        '-purpose',
        'any',
        '-out',
        '/dev/null',
      ],
      { encoding: 'utf8' },
    );
    expect(openssl.stderr).toContain('Verification successful');

    // The JWS (header..signature, ES256) checked with Node's crypto over header.base64url(file).
    const [header, payload, signature] = readFileSync(`${registerFile}.jws`, 'utf8').split('.');
    expect(payload).toBe('');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString('utf8'))).toMatchObject({ alg: 'ES256' });
    const signingInput = `${header}.${readFileSync(registerFile).toString('base64url')}`;
    const rootKey = new X509Certificate(readFileSync(root)).publicKey;
    const jwsVerifies = (input: string) =>
      verifySignature(
        'sha256',
        Buffer.from(input),
        { key: rootKey, dsaEncoding: 'ieee-p1363' },
        Buffer.from(signature!, 'base64url'),
      );
    expect(jwsVerifies(signingInput)).toBe(true);
    expect(jwsVerifies(`${signingInput}A`)).toBe(false);

    const ok = await copanel(['register', 'verify', registerFile, '--trust', root]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^VALID: the register of Northfield Kitemark Scheme \(fictional\)/);
    expect(ok.out).toContain('Harbour Minds Community Wellbeing Trust');

    const changed = join(temp.dir, 'changed-register.json');
    writeFileSync(changed, readFileSync(registerFile, 'utf8').replace('"level": 2', '"level": 3'));
    const altered = await copanel([
      'register',
      'verify',
      changed,
      '--trust',
      root,
      '--signature',
      `${registerFile}.p7s`,
    ]);
    expect(altered.code).not.toBe(0);
    expect(altered.err).toContain('changed after the scheme signed it');

    const other = join(temp.dir, 'other-root');
    expect(
      (await copanel(['scheme', 'init', '--out', other, '--name', 'Another Scheme (fictional)'], env)).code,
    ).toBe(0);
    const foreign = await copanel([
      'register',
      'verify',
      registerFile,
      '--trust',
      join(other, 'scheme-root.pem'),
    ]);
    expect(foreign.code).not.toBe(0);
    expect(foreign.err).toContain('not signed by the scheme root you trust');

    const listText = spawnSync('pdftotext', [join(out, 'register.pdf'), '-'], {
      encoding: 'utf8',
    }).stdout.replace(/\s+/g, ' ');
    expect(listText).toContain('Register of certificates');
    expect(listText).toContain('Harbour Minds Community Wellbeing');
    expect(listText).toMatch(/CPS-\d{4}-[0-9A-F]{8}/);
    expect(listText).toMatch(/Valid until \d{4}-\d{2}-\d{2}/);
    expect(spawnSync('qpdf', ['--check', join(out, 'register.pdf')], { encoding: 'utf8' }).status).toBe(0);
    // A byte-order mark first, so a spreadsheet reads the names as UTF-8.
    const csvBytes = readFileSync(join(out, 'register.csv'));
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = csvBytes.toString('utf8');
    expect(csv.split('\r\n')[0]).toContain('\uFEFF"Certificate number","Organisation","Level","Status"');
  });

  it('copanel verify --register: a known certificate with its status, an unknown one refused, a withdrawn one refused', async () => {
    const empty = await newSchemeFile('verify-empty');
    const emptyOut = join(temp.dir, 'empty-register');
    await copanel(['register', 'export', empty, '--root', demo, '--out', emptyOut], env);
    const unknown = await copanel([
      'verify',
      certificate,
      '--trust',
      root,
      '--register',
      join(emptyOut, 'register.json'),
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.out).toContain('is not in the register of Northfield Kitemark Scheme (fictional)');

    const scheme = await newSchemeFile('verify-known');
    const imported = await copanel(
      ['register', 'import', scheme, '--pdf', certificate, '--trust', root, '--by', OFFICE],
      env,
    );
    const number = numberOf(imported.out);
    const knownOut = join(temp.dir, 'known-register');
    await copanel(['register', 'export', scheme, '--root', demo, '--out', knownOut], env);
    const known = await copanel([
      'verify',
      certificate,
      '--trust',
      root,
      '--register',
      join(knownOut, 'register.json'),
    ]);
    expect(known.code).toBe(0);
    expect(known.out).toContain('✓ In the scheme’s signed register: This exact file is in the register');

    await copanel(
      [
        'register',
        'record',
        scheme,
        number,
        '--event',
        'suspended',
        '--reason',
        'a complaint is being looked into',
        '--by',
        OFFICE,
      ],
      env,
    );
    const suspendedOut = join(temp.dir, 'suspended-register');
    await copanel(['register', 'export', scheme, '--root', demo, '--out', suspendedOut], env);
    const suspended = await copanel([
      'verify',
      certificate,
      '--trust',
      root,
      '--register',
      join(suspendedOut, 'register.json'),
    ]);
    expect(suspended.code).toBe(1);
    expect(suspended.out).toContain('Suspended since');
  });
});

describe('the register through the app’s contract (the open scheme file)', () => {
  it('imports after the check, withdraws with a reason (audited) and makes the revocation list copanel verify reads', async () => {
    const workspaceDir = join(temp.dir, 'app', 'workspace');
    mkdirSync(workspaceDir, { recursive: true });
    const ctx = localApiContext(
      nodeRuntime('cli', { workspaceDir, userDataDir: join(temp.dir, 'app', 'user-data') }),
    );
    const pdf = readFileSync(certificate);
    const notOpen = await expectUserError(
      invoke(
        'register.importCertificate',
        { fileName: 'certificate.pdf', base64: pdf.toString('base64') },
        ctx,
      ),
    );
    expect(notOpen.code).toBe('SCHEME_FILE_NOT_OPEN');

    await invoke(
      'trust.add',
      { fileName: 'scheme-root.pem', base64: readFileSync(root).toString('base64') },
      ctx,
    );
    const opened = await invoke(
      'scheme.create',
      {
        fileName: 'office',
        schemeName: 'Northfield Kitemark Scheme (fictional)',
        passphrase: SCHEME_PASSPHRASE,
        yourName: OFFICE,
      },
      ctx,
    );
    try {
      const forged = changeBytes(pdf, 'Level 2', 'Level 3');
      const refused = await expectUserError(
        invoke(
          'register.importCertificate',
          { fileName: 'forged.pdf', base64: forged.toString('base64') },
          ctx,
        ),
      );
      expect(refused.code).toBe('CERTIFICATE_NOT_GENUINE');
      expect((await invoke('register.list', {}, ctx)).entries).toEqual([]);

      const { entry, added } = await invoke(
        'register.importCertificate',
        { fileName: 'certificate.pdf', base64: pdf.toString('base64') },
        ctx,
      );
      expect(added).toBe(true);
      expect(entry.status.state).toBe('valid');
      const later = await invoke('register.list', { onDate: entry.interimReviewDue }, ctx);
      expect(later.entries[0]!.status.state).toBe('interim_review_due');

      const noReason = await expectUserError(
        invoke('register.record', { certificateNumber: entry.certificateNumber, kind: 'revoked' }, ctx),
      );
      expect(noReason.code).toBe('INVALID_INPUT');
      // The office's own hold cannot borrow an appeal's words: an appeal's decision would lift it.
      for (const [kind, reason] of [
        ['suspended', ' Under appeal'],
        ['reinstated', 'appeal dismissed'],
      ] as const) {
        const borrowed = await expectUserError(
          invoke('register.record', { certificateNumber: entry.certificateNumber, kind, reason }, ctx),
        );
        expect(borrowed.code).toBe('INVALID_INPUT');
        expect(borrowed.message).toContain('kept for what an appeal records in the case file');
      }
      expect((await invoke('register.list', {}, ctx)).entries[0]!.status.state).toBe('valid');
      const revoked = await invoke(
        'register.record',
        {
          certificateNumber: entry.certificateNumber,
          kind: 'revoked',
          reason: 'Conditions of the award were not met',
        },
        ctx,
      );
      expect(revoked.status).toMatchObject({
        state: 'revoked',
        reason: 'Conditions of the award were not met',
      });
      const again = await expectUserError(
        invoke('register.record', { certificateNumber: entry.certificateNumber, kind: 'reinstated' }, ctx),
      );
      expect(again.code).toBe('CERTIFICATE_ALREADY_REVOKED');

      const wrongPassphrase = await expectUserError(
        invoke(
          'register.revocationList',
          {
            rootCertificateBase64: readFileSync(root).toString('base64'),
            rootKeyBase64: readFileSync(join(demo, 'scheme-root-key.pem')).toString('base64'),
            rootPassphrase: 'not the scheme passphrase',
          },
          ctx,
        ),
      );
      expect(wrongPassphrase.message).not.toContain('    at ');
      const list = await invoke(
        'register.revocationList',
        {
          rootCertificateBase64: readFileSync(root).toString('base64'),
          rootKeyBase64: readFileSync(join(demo, 'scheme-root-key.pem')).toString('base64'),
          rootPassphrase: DEMO_PASSPHRASE,
        },
        ctx,
      );
      expect(list.listed).toBe(1);
      const listFile = join(temp.dir, 'app-revocations.crl.pem');
      writeFileSync(listFile, Buffer.from(list.base64, 'base64'));
      const verified = await copanel(['verify', certificate, '--trust', root, '--revocations', listFile]);
      expect(verified.code).toBe(1);
      expect(verified.out).toMatch(/withdrawn/i);
    } finally {
      await invoke('scheme.close', {}, ctx);
    }
    const file = await openSchemeFile({
      path: opened.path,
      passphrase: SCHEME_PASSPHRASE,
      readOnly: true,
      appVersion: APP_VERSION,
    });
    try {
      const audit = await file.db.selectFrom('audit_log').select(['action', 'actor']).execute();
      const withdrawal = audit.find((row) => row.action === 'register.certificate_revoked');
      expect(withdrawal?.actor).toBe(OFFICE);
      expect((await file.verifyAuditChain()).ok).toBe(true);
    } finally {
      await file.close();
    }
  });
});

describe('the demo’s register for commissioners', () => {
  it('writes the scheme’s signed register with the certificate in it, and an Open Badges credential', async () => {
    const register = await copanel([
      'register',
      'verify',
      join(demo, 'register', 'register.json'),
      '--trust',
      root,
    ]);
    expect(register.code, register.err).toBe(0);
    expect(register.out).toMatch(/\(1 certificate\(s\)\) was signed by .* and is unchanged/);
    expect(register.out).toContain('Harbour Minds Community Wellbeing Trust, Level 2 — Valid until');
    const badge = await copanel([
      'register',
      'verify',
      join(demo, 'badge.jwt'),
      '--trust',
      root,
      '--register',
      join(demo, 'register', 'register.json'),
    ]);
    expect(badge.code, badge.err).toBe(0);
    expect(badge.out).toContain('VALID: an Open Badges 3.0 credential');
    expect(badge.out).toContain('The scheme’s register says: Valid until');
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeBytes, DEMO_PASSPHRASE } from '../certificates/support';

/**
 * The `copanel` command as installed: bin/copanel.mjs running the prebuilt JavaScript in out/cli
 * (what `npm ci` builds), in a process of its own. Not timed (the figures are in `npm run bench`,
 * rows 8a–8c); this checks that the built command works, answers with the right exit codes and
 * plain messages, and that `--version` loads none of the heavy parts (documents, password strength).
 */

const root = join(import.meta.dirname, '..', '..', '..');
const bin = join(root, 'bin', 'copanel.mjs');
const recorder = join(root, 'tests', 'support', 'record-modules.mjs');
const HEAVY = ['@react-pdf/', '@zxcvbn-ts/'];
/** What checking a certificate never needs: documents, password strength, case files (SQLCipher and its query builder). */
const NOT_FOR_VERIFY = [...HEAVY, 'kysely', 'better-sqlite3-multiple-ciphers', 'qrcode'];

interface Metafile {
  outputs: Record<
    string,
    { entryPoint?: string; imports: { path: string; kind: string; external?: boolean }[] }
  >;
}

/** The packages a built chunk loads before it runs: its static imports, and theirs, chunk by chunk. */
function packagesLoadedStaticallyBy(metafile: Metafile, output: string): string[] {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const queue = [output];
  while (queue.length > 0) {
    const chunk = queue.pop()!;
    if (seen.has(chunk)) continue;
    seen.add(chunk);
    for (const entry of metafile.outputs[chunk]?.imports ?? []) {
      if (entry.kind !== 'import-statement') continue;
      if (entry.external) packages.add(entry.path);
      else queue.push(entry.path);
    }
  }
  return [...packages];
}

let dir: string;

function copanel(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', recorder, bin, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, COPANEL_USER_DATA: join(dir, 'user-data'), ...env },
    timeout: 120_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/** The modules a run of `copanel …` loaded, by URL. */
function modulesLoadedBy(args: string[]): string[] {
  const record = join(dir, `modules-${args.join('-').replace(/\W+/g, '_')}.txt`);
  writeFileSync(record, '');
  const run = copanel(args, { COPANEL_RECORD_MODULES: record });
  expect(run.code, run.err).toBe(0);
  return readFileSync(record, 'utf8').split('\n').filter(Boolean);
}

const heavyIn = (modules: string[]) => modules.filter((url) => HEAVY.some((name) => url.includes(name)));

describe('the built copanel command', () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'copanel-built-'));
    const build = spawnSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs'), '--quiet'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(build.status, build.stderr).toBe(0);
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('prints its version from the built code without loading documents or password strength', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(copanel(['--version'])).toMatchObject({ code: 0, out: `${pkg.version}\n`, err: '' });
    const modules = modulesLoadedBy(['--version']);
    expect(modules.some((url) => url.includes('/out/cli/'))).toBe(true);
    expect(modules.some((url) => url.includes('/src/main/'))).toBe(false);
    expect(heavyIn(modules)).toEqual([]);
    // The recorder does see them when a command needs them: the help loads every command.
    expect(heavyIn(modulesLoadedBy(['--help'])).length).toBeGreaterThan(0);
  });

  it('verify’s chunks import only the verifier: no documents, password strength or case files', () => {
    const metafile = JSON.parse(readFileSync(join(root, 'out', 'cli', 'meta.json'), 'utf8')) as Metafile;
    const chunkOf = (source: string) =>
      Object.keys(metafile.outputs).find((out) => metafile.outputs[out]!.entryPoint === source);
    const verify = chunkOf('src/main/cli/verify.ts');
    expect(verify).toBeDefined();
    const loaded = packagesLoadedStaticallyBy(metafile, verify!);
    expect(loaded).toContain('zod'); // the dispatcher still validates the input
    expect(loaded.filter((name) => NOT_FOR_VERIFY.some((heavy) => name.startsWith(heavy)))).toEqual([]);
    // The bundle `copanel verify` runs from (prebuilt.ts) holds none of them either, nor the case layer.
    const prebuilt = JSON.parse(readFileSync(join(root, 'out', 'cli', 'prebuilt-meta.json'), 'utf8')) as {
      inputs: Record<string, unknown>;
    };
    const bundled = Object.keys(prebuilt.inputs);
    expect(bundled).toContain('src/main/certificates/verify.ts');
    expect(bundled).toContain('src/main/api/operation-dispatch.ts');
    expect(
      bundled.filter((input) => NOT_FOR_VERIFY.some((name) => input.includes(`node_modules/${name}`))),
    ).toEqual([]);
    expect(bundled.filter((input) => /src\/main\/(casefile\/case-file|documents\/)/.test(input))).toEqual([]);
    // The same walk does find them where a command needs them: `case create` writes a case file.
    const caseCommand = chunkOf('src/main/cli/case.ts');
    expect(caseCommand).toBeDefined();
    expect(packagesLoadedStaticallyBy(metafile, caseCommand!)).toEqual(expect.arrayContaining(['kysely']));
  });

  it('makes the demo, then verifies its certificate: 0 when valid, 1 when changed, 2 on a usage mistake', () => {
    const demo = copanel(['demo', '--out', join(dir, 'demo')], { COPANEL_PASSPHRASE: DEMO_PASSPHRASE });
    expect(demo.code, demo.err).toBe(0);
    const certificate = join(dir, 'demo', 'certificate.pdf');
    const trust = join(dir, 'demo', 'scheme-root.pem');
    expect(demo.out).toContain('scheme file:');
    expect(demo.out).toContain('fee statement:');

    // The scheme office's file: encrypted, its directory holding the panel, the claim approved.
    const schemeFile = join(dir, 'demo', 'harbour-minds-scheme.copanel-scheme');
    const schemeBytes = readFileSync(schemeFile);
    expect(schemeBytes.includes('SQLite format 3')).toBe(false);
    expect(schemeBytes.includes('Dafydd Llywelyn')).toBe(false);
    const wrong = join(dir, 'wrong-passphrase');
    writeFileSync(wrong, 'not the demo passphrase at all');
    const refused = copanel(['scheme-file', 'info', schemeFile, '--passphrase-file', wrong]);
    expect(refused.code).not.toBe(0);
    expect(refused.out).not.toContain('Assessors');
    const right = join(dir, 'demo-passphrase');
    writeFileSync(right, DEMO_PASSPHRASE);
    const info = copanel(['scheme-file', 'info', schemeFile, '--passphrase-file', right]);
    expect(info.code, info.err).toBe(0);
    expect(info.out).toContain('Scheme: Coproduction Quality Standard');
    expect(info.out).toContain('Assessors in the directory: 3');
    const statement = spawnSync('pdftotext', [join(dir, 'demo', 'fee-statement-dafydd-llywelyn.pdf'), '-'], {
      encoding: 'utf8',
    });
    expect(statement.status, statement.stderr).toBe(0);
    expect(statement.stdout).toContain('Dafydd Llywelyn');
    expect(statement.stdout).toContain('£120.97');

    const valid = copanel(['verify', certificate, '--trust', trust]);
    expect(valid.code, valid.err).toBe(0);
    expect(valid.out).toMatch(/^VALID: This certificate is genuine and valid\./);
    const verifyLoaded = modulesLoadedBy(['verify', certificate, '--trust', trust]);
    // It ran from the prebuilt bundle (whose code cache a success warms), not from the verify chunk.
    expect(verifyLoaded.filter((url) => /\/out\/cli\/chunks\/verify-/.test(url))).toEqual([]);
    const cache = readFileSync(join(root, 'out', 'cli', 'verify.v8-cache'));
    expect(JSON.parse(cache.toString('utf8', 0, cache.indexOf(0x0a)))).toMatchObject({ warm: true });
    expect(
      verifyLoaded.filter((url) => NOT_FOR_VERIFY.some((name) => url.includes(`/node_modules/${name}`))),
    ).toEqual([]);

    // With the scheme's signed register the register's code is needed, which the bundle leaves out:
    // the command runs from its modules (it once failed here with a dynamic-import error).
    const register = join(dir, 'demo', 'register', 'register.json');
    const inRegister = copanel(['verify', certificate, '--trust', trust, '--register', register]);
    expect(inRegister.code, inRegister.err).toBe(0);
    expect(inRegister.out).toContain('In the scheme’s signed register');
    const badge = copanel(['register', 'verify', join(dir, 'demo', 'badge.jwt'), '--trust', trust]);
    expect(badge.code, badge.err + badge.out).toBe(0);

    const changed = join(dir, 'changed.pdf');
    writeFileSync(changed, changeBytes(readFileSync(certificate), 'Level 2', 'Level 3'));
    const notValid = copanel(['verify', changed, '--trust', trust]);
    expect(notValid.code).toBe(1);
    expect(notValid.out).toMatch(/^NOT VALID/);

    const missing = copanel(['verify', join(dir, 'no-such.pdf')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('could not read the certificate');
    expect(missing.err).not.toMatch(/\n\s+at /);

    const notAPdf = join(dir, 'empty.pdf');
    writeFileSync(notAPdf, '');
    const empty = copanel(['verify', notAPdf]);
    expect(empty.code).toBe(1);
    expect(empty.err).toContain('“empty.pdf” is empty (0 bytes).');
    expect(empty.err).not.toMatch(/\n\s+at /);
  }, 300_000);
});

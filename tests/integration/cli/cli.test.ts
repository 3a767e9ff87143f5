import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '..', '..', '..', 'bin', 'copanel.mjs');

/** Runs the real `copanel` command, as a person would from a terminal. */
function copanel(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('the copanel command', () => {
  it('prints its version and help', () => {
    const pkg = JSON.parse(
      readFileSync(join(import.meta.dirname, '..', '..', '..', 'package.json'), 'utf8'),
    ) as { version: string };
    expect(copanel(['--version'])).toMatchObject({ code: 0, out: `${pkg.version}\n` });
    const help = copanel(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('case create');
  });

  it('stops quietly when the reader closes the pipe early (`copanel … | head`), with no stack trace', () => {
    // `true` exits without reading, so every write to the pipe fails with EPIPE.
    const piped = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" --help | true`], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(piped.status).toBe(0);
    expect(piped.stderr).not.toMatch(/EPIPE|Error|at /);
  });

  it('exits 2 with a message on a usage mistake', () => {
    const unknown = copanel(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('not a command I know');
    const missing = copanel(['case', 'info']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('name one case file');
    const badOption = copanel(['info', '--colour']);
    expect(badOption.code).toBe(2);
  });

  it('refuses an empty or oversized certificate before reading it, in the words every file door uses', () => {
    const dir = mkdtempSync(join(tmpdir(), 'copanel-cli-certificate-'));
    const empty = join(dir, 'empty.pdf');
    writeFileSync(empty, '');
    const huge = join(dir, 'scans.pdf');
    writeFileSync(huge, '%PDF-1.7');
    truncateSync(huge, 64 * 1024 * 1024);
    const emptyWords =
      '“empty.pdf” is empty (0 bytes). Check it is the right file and that it has finished saving or downloading, then choose it again.';
    const hugeWords =
      '“scans.pdf” is 64 MB; the most the app checks as a certificate is 10 MB, so it was not checked. Check it is the right file.';
    // `verify` and the case file's history check against a certificate (`case verify-audit --against`).
    for (const [command, args] of [
      ['verify', (pdf: string) => ['verify', pdf]],
      [
        'case verify-audit',
        (pdf: string) => ['case', 'verify-audit', join(dir, 'case.copanel'), '--against', pdf],
      ],
    ] as const) {
      for (const [pdf, words] of [
        [empty, emptyWords],
        [huge, hugeWords],
      ]) {
        const refused = copanel(args(pdf!), { COPANEL_PASSPHRASE: 'lantern meadow quietly copper saddle' });
        expect(refused.code, refused.err).toBe(1);
        expect(refused.err.trim()).toBe(`copanel ${command}: ${words}`);
      }
    }
  });

  it('creates a case file, describes it and checks its audit record, never taking the passphrase as an argument', () => {
    const dir = mkdtempSync(join(tmpdir(), 'copanel-cli-'));
    const passphraseFile = join(dir, 'passphrase.txt');
    writeFileSync(passphraseFile, 'lantern meadow quietly copper saddle\n');
    const file = join(dir, 'harbour.copanel');
    const created = copanel(
      [
        'case',
        'create',
        file,
        '--organisation',
        'Harbour Lights Trust (fictional)',
        '--lead',
        'Robin Example',
        '--passphrase-file',
        passphraseFile,
      ],
      {
        COPANEL_LEAD_PIN: '2468',
        COPANEL_USER_DATA: join(dir, 'user-data'),
      },
    );
    expect(created.err).toBe('');
    expect(created.code).toBe(0);
    expect(readFileSync(file).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');

    const info = copanel(['case', 'info', file, '--json'], {
      COPANEL_PASSPHRASE: 'lantern meadow quietly copper saddle',
      COPANEL_USER_DATA: join(dir, 'user-data'),
    });
    expect(info.code).toBe(0);
    const parsed = JSON.parse(info.out) as {
      case: { organisation: { name: string } };
      panel: { name: string; role: string }[];
    };
    expect(parsed.case.organisation.name).toBe('Harbour Lights Trust (fictional)');
    expect(parsed.panel).toEqual([expect.objectContaining({ name: 'Robin Example', role: 'lead' })]);

    const audit = copanel(['case', 'verify-audit', file, '--passphrase-file', passphraseFile]);
    expect(audit).toMatchObject({ code: 0 });
    expect(audit.out).toContain('intact');

    const wrong = copanel(['case', 'info', file], { COPANEL_PASSPHRASE: 'not the passphrase' });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('passphrase does not open');

    const noSecret = copanel(['case', 'info', file], { COPANEL_PASSPHRASE: '' });
    expect(noSecret.code).toBe(2);
    expect(noSecret.err).toContain('COPANEL_PASSPHRASE');
  });
});

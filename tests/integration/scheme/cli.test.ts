import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, openRaw } from '../casefile/support';

const bin = join(import.meta.dirname, '..', '..', '..', 'bin', 'copanel.mjs');
const temp = makeTempDir('copanel-scheme-cli-');
afterAll(() => temp.cleanup());

/** Runs the real `copanel` command, as the scheme office would from a terminal. */
function copanel(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, COPANEL_USER_DATA: join(temp.dir, 'user-data'), ...env },
    timeout: 120_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('copanel scheme-file', () => {
  it('creates an encrypted scheme file, describes it, and finds an altered record of changes', () => {
    const passphrase = 'juniper-lattice-ember-salmon-quiver';
    const passphraseFile = join(temp.dir, 'passphrase.txt');
    writeFileSync(passphraseFile, `${passphrase}\n`);
    const file = join(temp.dir, 'northfield.copanel-scheme');

    const created = copanel([
      'scheme-file',
      'create',
      file,
      '--name',
      'Northfield Kitemark Scheme (fictional)',
      '--by',
      'Mo Reyes',
      '--passphrase-file',
      passphraseFile,
    ]);
    expect(created.err).toBe('');
    expect(created.code).toBe(0);
    expect(readFileSync(file).includes(Buffer.from('Northfield'))).toBe(false);

    const info = copanel(['scheme-file', 'info', file, '--json'], {
      COPANEL_SCHEME_FILE_PASSPHRASE: passphrase,
    });
    expect(info.code).toBe(0);
    expect(JSON.parse(info.out)).toMatchObject({
      schemeName: 'Northfield Kitemark Scheme (fictional)',
      auditEntries: 1,
      assessors: 0,
    });

    const wrong = copanel(['scheme-file', 'info', file], {
      COPANEL_SCHEME_FILE_PASSPHRASE: 'not-the-passphrase',
    });
    expect(wrong.code).not.toBe(0);
    expect(wrong.err).toContain('does not open');

    expect(copanel(['scheme-file', 'verify-audit', file, '--passphrase-file', passphraseFile])).toMatchObject(
      {
        code: 0,
      },
    );
    const raw = openRaw(file, passphrase);
    raw.prepare('drop trigger audit_log_is_append_only_update').run();
    raw.prepare("update audit_log set actor = 'someone else' where seq = 1").run();
    raw.close();
    const altered = copanel(['scheme-file', 'verify-audit', file, '--passphrase-file', passphraseFile]);
    expect(altered.code).toBe(1);
    expect(altered.err).toContain('altered at entry 1');
  });

  it('asks for a scheme file and never takes the passphrase as an argument', () => {
    const missing = copanel(['scheme-file', 'info']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('name one scheme file');
    const noSecret = copanel(['scheme-file', 'info', join(temp.dir, 'x.copanel-scheme')], {
      COPANEL_SCHEME_FILE_PASSPHRASE: '',
    });
    expect(noSecret.code).toBe(2);
    expect(noSecret.err).toContain('COPANEL_SCHEME_FILE_PASSPHRASE');
  });
});

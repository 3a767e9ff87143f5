import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockPathFor } from '../../../src/main/casefile';
import {
  childScript,
  createScoringCase,
  expectUserError,
  journalIsHot,
  makeTempDir,
  openCaseFile,
  PASSPHRASE,
  REPO_ROOT,
  sha256OfFile,
} from './support';

/**
 * A file with a hot journal (the app was killed in the middle of saving): before issue 17 a wrong
 * passphrase let SQLite roll the journal back with the wrong key, reported the file as damaged and
 * could cut it short. Now the passphrase is checked first and nothing is touched.
 */
const temp = makeTempDir('copanel-hot-journal-');
afterAll(() => temp.cleanup());
const source = join(temp.dir, 'source.copanel');

/** Runs the score writer on a copy of the source and kills it while its journal is hot. */
async function killMidCommit(name: string): Promise<string> {
  for (let attempt = 0; attempt < 40; attempt += 1) {
    const path = join(temp.dir, name);
    copyFileSync(source, path);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', childScript('score-writer.ts'), path, PASSPHRASE],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise((resolve) => child.on('exit', resolve));
    // Kill only once a few scores are committed, so that there is something to keep.
    let output = '';
    let ready = false;
    child.stdout.on('data', (data: Buffer) => {
      output += data.toString();
      ready = /^3$/m.test(output);
    });
    const started = Date.now();
    let killed = false;
    while (!killed && Date.now() - started < 10_000 && child.exitCode === null) {
      if (ready && journalIsHot(path)) {
        child.kill('SIGKILL');
        killed = true;
      } else await new Promise((resolve) => setImmediate(resolve));
    }
    if (!killed) child.kill('SIGKILL');
    await exited;
    if (killed && journalIsHot(path)) return path;
  }
  throw new Error('Could not kill the score writer while its journal was hot.');
}

const fingerprint = (path: string) => ({
  file: sha256OfFile(path),
  size: statSync(path).size,
  journal: sha256OfFile(`${path}-journal`),
});

describe('opening a file that has a hot journal', () => {
  beforeAll(() => createScoringCase(source));

  it('with a wrong passphrase answers WRONG_PASSPHRASE and changes no byte of the file or the journal', async () => {
    const path = await killMidCommit('wrong.copanel');
    const before = fingerprint(path);
    for (const readOnly of [false, true]) {
      const failure = await expectUserError(
        openCaseFile({ path, passphrase: 'lantern-meadow-quartz-harbor-viola', readOnly }),
      );
      expect(failure.code).toBe('WRONG_PASSPHRASE');
      expect(failure.message).toMatch(/does not open/);
      expect(fingerprint(path)).toEqual(before);
      expect(existsSync(lockPathFor(path))).toBe(false);
    }

    // The right passphrase then rolls the unfinished change back and everything committed is there.
    const caseFile = await openCaseFile({ path, passphrase: PASSPHRASE });
    try {
      expect(existsSync(`${path}-journal`)).toBe(false);
      expect((await caseFile.checkIntegrity(PASSPHRASE)).ok).toBe(true);
      expect(await caseFile.verifyAuditChain()).toMatchObject({ ok: true });
      const scores = await caseFile.db.selectFrom('score').select('criterion_id').execute();
      expect(scores.length).toBeGreaterThan(0);
    } finally {
      await caseFile.close();
    }
    // Each attempt starts a child process; on a loaded machine (CI beside other work) that is slow.
  }, 180_000);
});

import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockPathFor, readAuditLog } from '../../../src/main/casefile';
import { addEvidence, listEvidence, saveAttachmentCopy } from '../../../src/main/evidence';
import {
  childScript,
  createCaseWithRecording,
  evidenceFields,
  expectUserError,
  journalIsHot,
  leadScope,
  makeTempDir,
  openCaseFile,
  OTHER_PASSPHRASE,
  PASSPHRASE,
  readFileStart,
  REPO_ROOT,
  sha256OfFile,
} from './support';

/**
 * A case file left by the old in-place passphrase change, killed while its journal was live: page 1
 * already carries the new passphrase's salt, while the journal holding the pages as they were can
 * only be read with the old passphrase. Built for real by killing old-style-rekey.ts.
 */
const temp = makeTempDir('copanel-interrupted-rekey-');
afterAll(() => temp.cleanup());
const original = join(temp.dir, 'original.copanel');
const recording = join(temp.dir, 'recording.bin');
const RECORDING_BYTES = 2 * 1024 * 1024 + 17;

/** Copies the original and kills an old-style rekey of the copy once its journal is live and page 1 has the new salt. */
async function interruptOldStyleRekey(name: string): Promise<string> {
  const saltBefore = readFileStart(original, 16);
  for (let attempt = 0; attempt < 40; attempt += 1) {
    const path = join(temp.dir, name);
    rmSync(`${path}-journal`, { force: true });
    copyFileSync(original, path);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', childScript('old-style-rekey.ts'), path, PASSPHRASE, OTHER_PASSPHRASE],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await new Promise((resolve) => child.stdout.once('data', resolve));
    let killed = false;
    const started = Date.now();
    while (!killed && Date.now() - started < 10_000 && child.exitCode === null) {
      if (journalIsHot(path) && !readFileStart(path, 16).equals(saltBefore)) {
        child.kill('SIGKILL');
        killed = true;
      }
      if (!killed) await new Promise((resolve) => setImmediate(resolve));
    }
    await exited;
    if (killed && existsSync(`${path}-journal`)) return path;
  }
  throw new Error('Could not interrupt an old-style passphrase change while its journal was live.');
}

function fingerprint(path: string): string[] {
  return [sha256OfFile(path), sha256OfFile(`${path}-journal`)];
}

describe('a case file left half-way through an old in-place passphrase change', () => {
  beforeAll(async () => {
    await createCaseWithRecording(original, recording, RECORDING_BYTES);
    const caseFile = await openCaseFile({ path: original, passphrase: PASSPHRASE });
    await addEvidence(
      leadScope(caseFile),
      evidenceFields({ title: 'Peer support policy', kind: 'document' }),
    );
    await caseFile.close();
  }, 60_000);

  it('is really broken for SQLite: the old code path opened it with neither passphrase', async () => {
    const path = await interruptOldStyleRekey('proof.copanel');
    const { openRaw } = await import('./support');
    for (const passphrase of [PASSPHRASE, OTHER_PASSPHRASE]) {
      const scratch = join(temp.dir, 'proof-scratch.copanel');
      copyFileSync(path, scratch);
      copyFileSync(`${path}-journal`, `${scratch}-journal`);
      const raw = openRaw(scratch, passphrase);
      expect(() => raw.prepare('select count(*) from evidence_item').get()).toThrow();
      raw.close();
      rmSync(`${scratch}-journal`, { force: true });
    }
  });

  it('the new passphrase and a wrong one are refused, saying what happened, and change no byte', async () => {
    const path = await interruptOldStyleRekey('refused.copanel');
    const before = fingerprint(path);
    const withNew = await expectUserError(openCaseFile({ path, passphrase: OTHER_PASSPHRASE }));
    expect(withNew.code).toBe('PASSPHRASE_CHANGE_INTERRUPTED');
    expect(withNew.message).toMatch(/passphrase was being changed/);
    expect(withNew.message).toMatch(/old passphrase/);
    expect(fingerprint(path)).toEqual(before);
    const wrong = await expectUserError(
      openCaseFile({ path, passphrase: 'lantern-meadow-quartz-harbor-viola' }),
    );
    expect(wrong.code).toBe('WRONG_PASSPHRASE');
    expect(fingerprint(path)).toEqual(before);
    const readOnly = await expectUserError(openCaseFile({ path, passphrase: PASSPHRASE, readOnly: true }));
    expect(readOnly.code).toBe('PASSPHRASE_CHANGE_INTERRUPTED');
    expect(readOnly.message).toMatch(/for editing/);
    expect(fingerprint(path)).toEqual(before);
    expect(existsSync(lockPathFor(path))).toBe(false);
  });

  it('opening it with the old passphrase rebuilds it from the journal, keeps the broken file, and says so', async () => {
    const path = await interruptOldStyleRekey('recover.copanel');
    const [brokenFile, brokenJournal] = fingerprint(path);
    const caseFile = await openCaseFile({ path, passphrase: PASSPHRASE });
    try {
      expect(caseFile.notices).toHaveLength(1);
      expect(caseFile.notices[0]).toMatch(/stopped while its passphrase was being changed/);
      expect(caseFile.notices[0]).toMatch(/old passphrase/);
      expect(caseFile.notices[0]).toMatch(/recover\.before-recovery-.*\.copanel/);
      expect((await listEvidence(leadScope(caseFile))).map((item) => item.title)).toEqual([
        'Carers’ forum recording',
        'Peer support policy',
      ]);
      const [attached] = (await listEvidence(leadScope(caseFile)))[0]!.attachments;
      const exported = join(temp.dir, 'recovered-recording.bin');
      await saveAttachmentCopy(leadScope(caseFile), attached!.id, exported);
      expect(sha256OfFile(exported)).toBe(sha256OfFile(recording));
      expect((await caseFile.checkIntegrity(PASSPHRASE)).ok).toBe(true);
      expect(await caseFile.verifyAuditChain()).toMatchObject({ ok: true });
      expect((await readAuditLog(caseFile.db)).map((entry) => entry.action)).toEqual([
        'case.created',
        'evidence.added',
        'evidence.attachment_added',
        'evidence.added',
        'case.recovered_interrupted_passphrase_change',
        'evidence.attachment_saved',
      ]);
    } finally {
      await caseFile.close();
    }
    expect(existsSync(`${path}-journal`)).toBe(false);
    const kept = readdirSync(temp.dir).filter((name) => name.startsWith('recover.before-recovery-'));
    expect(kept.sort()).toHaveLength(2);
    const keptFile = kept.find((name) => name.endsWith('.copanel'))!;
    expect(fingerprint(join(temp.dir, keptFile))).toEqual([brokenFile, brokenJournal]);

    const again = await openCaseFile({ path, passphrase: PASSPHRASE });
    expect(again.notices).toEqual([]);
    await again.close();
  });
});

import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditLog, writeNewCaseFile } from '../../../src/main/casefile';
import {
  caseOptions,
  childScript,
  createCaseWithRecording,
  createTestCase,
  expectUserError,
  makeTempDir,
  openCaseFile,
  openRaw,
  PASSPHRASE,
  REPO_ROOT,
  sha256OfFile,
} from './support';

const temp = makeTempDir('copanel-leftovers-');
afterAll(() => temp.cleanup());

const originalFolder = join(temp.dir, 'cases');
const original = join(originalFolder, 'riverside.copanel');
const copies = join(temp.dir, 'copies');

/** Starts the copy saver and kills it with SIGKILL as soon as it starts writing a copy in `copies`. */
async function killWhileSavingACopy(): Promise<void> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', childScript('copy-saver.ts'), original, PASSPHRASE, copies],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise((resolve) => child.on('exit', resolve));
  await new Promise((resolve) => child.stdout.once('data', resolve));
  const earlier = new Set(readdirSync(copies));
  const started = Date.now();
  while (child.exitCode === null && Date.now() - started < 20_000) {
    if (readdirSync(copies).some((name) => name.includes('.saving-') && !earlier.has(name))) break;
    await new Promise((resolve) => setImmediate(resolve));
  }
  child.kill('SIGKILL');
  await exited;
}

/** Holds a case file open in another process until `release` is called. */
async function holdOpenElsewhere(path: string): Promise<() => Promise<void>> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', childScript('open-case-file.ts'), path, PASSPHRASE, '--hold'],
    { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const line = await new Promise<string>((resolve) =>
    child.stdout.once('data', (data: Buffer) => resolve(data.toString())),
  );
  expect(JSON.parse(line)).toMatchObject({ ok: true });
  return async () => {
    child.stdin.write('\n');
    await exited;
  };
}

describe('leftovers of interrupted work are cleared, and nothing else', () => {
  beforeAll(async () => {
    mkdirSync(originalFolder);
    mkdirSync(copies);
    await createCaseWithRecording(original, join(temp.dir, 'recording.bin'), 3 * 1024 * 1024);
  });

  it('save-a-copy runs killed part-way leave leftovers that the next save clears, and their start is in the audit log', async () => {
    // A case file in the same folder, held open by another process the whole time.
    const held = join(copies, 'held.copanel');
    await (await createTestCase(held)).close();
    const release = await holdOpenElsewhere(held);
    try {
      for (let run = 0; run < 3; run += 1) await killWhileSavingACopy();
      const leftovers = readdirSync(copies).filter((name) => name.includes('.saving-'));
      expect(leftovers.length, 'the killed runs left partial copies behind').toBeGreaterThan(0);

      // Things that are not this app's leftovers, or belong to a file in use, must survive.
      const decoys = [
        'notes.txt',
        'copy-9.copanel.saving-not-a-uuid',
        `copy-9.copanel.saving-${randomUUID()}.docx`,
        `Copy-9.copanel.SAVING-${randomUUID()}`,
        `held.copanel.rekeying-${randomUUID()}`,
      ];
      for (const decoy of decoys) writeFileSync(join(copies, decoy), 'not a leftover of this app');
      const caseFile = await openCaseFile({ path: original, passphrase: PASSPHRASE });
      try {
        expect(
          readdirSync(copies).filter((name) => name.includes('.saving-') && !decoys.includes(name)),
        ).toEqual(leftovers);
        await caseFile.saveCopyAs(join(copies, 'fresh.copanel'), { actor: 'lead' });
        const actions = (await readAuditLog(caseFile.db)).map((entry) => entry.action);
        const started = actions.filter((action) => action === 'case.copy_started').length;
        const saved = actions.filter((action) => action === 'case.copy_saved').length;
        expect(started, 'each killed save left its “started” record').toBeGreaterThanOrEqual(saved + 3);
        expect(actions.at(-2)).toBe('case.copy_started');
        expect(actions.at(-1)).toBe('case.copy_saved');
        expect(await caseFile.verifyAuditChain()).toMatchObject({ ok: true });
      } finally {
        await caseFile.close();
      }
      const remaining = readdirSync(copies);
      expect(remaining.filter((name) => name.includes('.saving-') && !decoys.includes(name))).toEqual([]);
      for (const decoy of decoys) expect(remaining, decoy).toContain(decoy);
      expect(remaining).toContain('fresh.copanel');
      expect(remaining).toContain('held.copanel.lock');
      expect(remaining.filter((name) => name.endsWith('.lock'))).toEqual(['held.copanel.lock']);
    } finally {
      await release();
    }
  });

  it('opening a case file clears the leftovers of interrupted work beside it, never a backup', async () => {
    const folder = join(temp.dir, 'beside');
    mkdirSync(folder);
    const path = join(folder, 'case.copanel');
    copyFileSync(original, path);
    const leftovers = [
      `case.copanel.rekeying-${randomUUID()}`,
      `case.copanel.rekeying-${randomUUID()}-journal`,
      `case.copanel.creating-${randomUUID()}`,
      `case.copanel.backing-up-${randomUUID()}`,
      `gone.copanel.saving-${randomUUID()}`,
    ];
    const kept = [
      'case.backup-layout-1-20250101T000000Z.copanel',
      'case.copanel.rekeying-unfinished',
      'case notes.docx',
    ];
    for (const name of [...leftovers, ...kept]) writeFileSync(join(folder, name), 'x'.repeat(4096));
    const caseFile = await openCaseFile({ path, passphrase: PASSPHRASE });
    await caseFile.close();
    expect(readdirSync(folder).sort()).toEqual(['case.copanel', ...kept].sort());
  });
});

describe('backups before a layout update', () => {
  /** A layout-1 file whose update fails (an index migration 2 creates is already there). */
  async function layoutOneFileThatCannotBeUpdated(path: string): Promise<void> {
    await writeNewCaseFile(path, caseOptions(path, { appVersion: '0.0.9' }), 1);
    const raw = openRaw(path);
    raw.exec('create index evidence_criterion_by_criterion on evidence_criterion(criterion_id)');
    raw.close();
  }

  it('opening again and again within the same second makes a new, complete backup each time and deletes none', async () => {
    const folder = join(temp.dir, 'backups');
    mkdirSync(folder);
    const path = join(folder, 'old-layout.copanel');
    await layoutOneFileThatCannotBeUpdated(path);
    const before = sha256OfFile(path);
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const failure = await expectUserError(openCaseFile({ path, passphrase: PASSPHRASE }));
      expect(failure.code).toBe('CASE_FILE_DAMAGED');
      expect(failure.message).toMatch(/could not be updated.*backup copy, “old-layout\.backup-layout-1-/);
    }
    const backups = readdirSync(folder).filter((name) => name.startsWith('old-layout.backup-layout-1-'));
    expect(backups).toHaveLength(4);
    for (const backup of backups) {
      expect(backup).toMatch(/\.copanel$/);
      expect(sha256OfFile(join(folder, backup))).toBe(before);
    }
    expect(sha256OfFile(path)).toBe(before);
    expect(readdirSync(folder).sort()).toEqual(['old-layout.copanel', ...backups].sort());
  });
});

import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseFile } from '../../../src/main/casefile';
import {
  childScript,
  createCaseWithRecording,
  journalIsHot,
  makeTempDir,
  openCaseFile,
  OTHER_PASSPHRASE,
  PASSPHRASE,
  REPO_ROOT,
} from './support';

/**
 * Kills a process that keeps changing a case file's passphrase (and saving scores in between) at
 * random moments, then checks the file opens with the old or the new passphrase — never neither —
 * with every committed score. `npm test` runs a reduced count; `npm run torture` runs at least 200
 * (COPANEL_TORTURE_KILLS sets the count).
 */
const KILLS = Number(process.env.COPANEL_TORTURE_KILLS ?? 16);

const temp = makeTempDir('copanel-rekey-crash-');
const folder = join(temp.dir, 'case');
const path = join(folder, 'rekey-crash.copanel');
afterAll(() => temp.cleanup());

type Key = 'A' | 'B';
const PASSPHRASES: Record<Key, string> = { A: PASSPHRASE, B: OTHER_PASSPHRASE };
const otherKey = (key: Key): Key => (key === 'A' ? 'B' : 'A');

interface Run {
  rows: number[];
  keys: Key[];
  /** Whether the kill came after a score was reported but before the passphrase change after it was. */
  midChange: boolean;
  /** How long each finished passphrase change took, in milliseconds. */
  changeMs: number[];
}

/** Runs the passphrase changer and kills it with SIGKILL `afterMs` after it is ready. */
function changePassphrasesUntilKilled(opensWith: Key, afterMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        childScript('passphrase-changer.ts'),
        path,
        PASSPHRASE,
        OTHER_PASSPHRASE,
        opensWith,
      ],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let pending = '';
    let errors = '';
    let timer: NodeJS.Timeout | undefined;
    const run: Run = { rows: [], keys: [], midChange: false, changeMs: [] };
    let rowAt = 0;
    child.stdout.on('data', (data: Buffer) => {
      pending += data.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'ready') timer ??= setTimeout(() => child.kill('SIGKILL'), afterMs);
        const row = /^row (\d+)$/.exec(line);
        if (row) {
          run.rows.push(Number(row[1]));
          rowAt = Date.now();
        }
        const key = /^key ([AB])$/.exec(line);
        if (key) {
          run.keys.push(key[1] as Key);
          run.changeMs.push(Date.now() - rowAt);
        }
      }
    });
    child.stderr.on('data', (data: Buffer) => (errors += data.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL')
        return reject(new Error(`The passphrase changer stopped by itself: ${errors}`));
      run.midChange = run.rows.length > run.keys.length;
      resolve(run);
    });
  });
}

/** Opens with the passphrase expected; if that is refused, with the other; fails if neither opens it. */
async function openWithEither(expected: Key): Promise<{ caseFile: CaseFile; key: Key }> {
  const refusals: string[] = [];
  for (const key of [expected, otherKey(expected)]) {
    try {
      return { caseFile: await openCaseFile({ path, passphrase: PASSPHRASES[key] }), key };
    } catch (error) {
      const { code, message } = error as { code?: string; message?: string };
      refusals.push(`passphrase ${key}: ${code ?? 'no code'}: ${message ?? String(error)}`);
    }
  }
  throw new Error(`The case file opens with neither passphrase.\n${refusals.join('\n')}`);
}

describe('changing the passphrase survives a crash at any moment', () => {
  beforeAll(async () => {
    mkdirSync(folder);
    await createCaseWithRecording(path, join(temp.dir, 'recording.bin'), 2 * 1024 * 1024);
  });

  it(
    `after ${KILLS} SIGKILLs while the passphrase keeps changing, the file always opens with the old or the new passphrase and holds every committed score`,
    { timeout: 120_000 + KILLS * 20_000 },
    async () => {
      let key: Key = 'A';
      let committedRows = 0;
      let changesDone = 0;
      let killsMidChange = 0;
      let typicalChangeMs = 600;
      for (let cycle = 0; cycle < KILLS; cycle += 1) {
        const run = await changePassphrasesUntilKilled(
          key,
          Math.floor(Math.random() * 1.5 * typicalChangeMs),
        );
        // Aim the kills at the passphrase change: about two in three land in one.
        if (run.changeMs.length > 0)
          typicalChangeMs = run.changeMs.reduce((sum, ms) => sum + ms, 0) / run.changeMs.length;
        else typicalChangeMs = Math.min(typicalChangeMs * 1.5, 20_000);
        expect(run.rows, 'scores carry on from the last run').toEqual(
          run.rows.map((_, index) => committedRows + 1 + index),
        );
        const reportedKey = run.keys.at(-1) ?? key;
        const reportedChanges = changesDone + run.keys.length;
        if (run.midChange) killsMidChange += 1;

        const opened = await openWithEither(reportedKey);
        try {
          // The change in flight when the process died either finished (the new passphrase) or did
          // not start to count (the old one); either way exactly one of them opens the file.
          const finishedUnreported = opened.key !== reportedKey;
          if (finishedUnreported)
            expect(run.midChange, 'only a change in flight may finish unreported').toBe(true);
          // SQLite's own journal may stay beside the file, zeroed (not hot): it reuses it next time.
          const coldJournal = (name: string) => name === 'rekey-crash.copanel-journal' && !journalIsHot(path);
          expect(
            readdirSync(folder)
              .filter((name) => !coldJournal(name))
              .sort(),
            'leftovers of the interrupted change are cleared',
          ).toEqual(['rekey-crash.copanel', 'rekey-crash.copanel.lock']);
          const integrity = await opened.caseFile.checkIntegrity(PASSPHRASES[opened.key]);
          expect(integrity.ok, JSON.stringify(integrity)).toBe(true);
          expect(await opened.caseFile.verifyAuditChain()).toMatchObject({ ok: true });

          const numbers = (await opened.caseFile.db.selectFrom('score').select('criterion_id').execute())
            .map((score) => Number(score.criterion_id.slice(1)))
            .sort((a, b) => a - b);
          const lastReported = run.rows.at(-1) ?? committedRows;
          expect([lastReported, lastReported + 1]).toContain(numbers.length);
          expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, index) => index + 1));

          const changes = await opened.caseFile.db
            .selectFrom('audit_log')
            .select('seq')
            .where('action', '=', 'case.passphrase_changed')
            .execute();
          expect(changes, 'each finished change is in the audit log, and only those').toHaveLength(
            reportedChanges + (finishedUnreported ? 1 : 0),
          );
          expect(
            (await opened.caseFile.db.selectFrom('attachment_chunk').select('seq').execute()).length,
          ).toBe(2);
          committedRows = numbers.length;
          changesDone = changes.length;
          key = opened.key;
        } finally {
          await opened.caseFile.close();
        }
        if ((cycle + 1) % 25 === 0)
          console.info(
            `passphrase crash test: ${cycle + 1} of ${KILLS} kills, ${changesDone} changes so far`,
          );
      }
      console.info(
        `passphrase crash test: ${KILLS} kills, ${killsMidChange} during a passphrase change; ${changesDone} changes and ${committedRows} scores committed`,
      );
      expect(killsMidChange, 'most kills land while a passphrase change is running').toBeGreaterThanOrEqual(
        Math.ceil(KILLS / 3),
      );
      expect(changesDone).toBeGreaterThan(0);
    },
  );
});

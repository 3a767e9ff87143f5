import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  childScript,
  createScoringCase,
  journalIsHot,
  makeTempDir,
  PASSPHRASE,
  REPO_ROOT,
  openCaseFile,
} from './support';

const temp = makeTempDir('copanel-crash-');
const path = join(temp.dir, 'crash.copanel');
afterAll(() => temp.cleanup());

/** `npm run torture` runs at least 200 (COPANEL_TORTURE_KILLS). */
const CYCLES = Number(process.env.COPANEL_TORTURE_KILLS ?? 16);

/** Runs the score writer and kills it with SIGKILL `afterMs` after it is ready; returns the transactions it reported committed. */
function writeScoresUntilKilled(afterMs: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', childScript('score-writer.ts'), path, PASSPHRASE],
      {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    let errors = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (data: Buffer) => {
      output += data.toString();
      if (!timer && output.includes('ready\n')) timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
    });
    child.stderr.on('data', (data: Buffer) => (errors += data.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`The score writer stopped by itself: ${errors}`));
      const lines = output.split('\n');
      lines.pop(); // a line cut off by the kill is not a report
      resolve(lines.filter((line) => /^\d+$/.test(line)).map(Number));
    });
  });
}

describe('crash safety', () => {
  beforeAll(() => createScoringCase(path));

  it(
    `after ${CYCLES} SIGKILLs at random moments the file opens, passes its checks and holds exactly the committed transactions`,
    { timeout: 90_000 + CYCLES * 15_000 },
    async () => {
      let committed = 0;
      let killedMidWrite = 0;
      for (let cycle = 0; cycle < CYCLES; cycle += 1) {
        const reported = await writeScoresUntilKilled(20 + Math.floor(Math.random() * 300));
        expect(reported, 'the writer reports transactions in order, carrying on from the last run').toEqual(
          reported.map((_, index) => committed + 1 + index),
        );
        const lastReported = reported.at(-1) ?? committed;
        if (journalIsHot(path)) killedMidWrite += 1;

        const caseFile = await openCaseFile({ path, passphrase: PASSPHRASE });
        try {
          expect(journalIsHot(path), 'opening rolls back an interrupted commit').toBe(false);
          const integrity = await caseFile.checkIntegrity(PASSPHRASE);
          expect(integrity.ok, JSON.stringify(integrity)).toBe(true);
          const scores = await caseFile.db
            .selectFrom('score')
            .select(['criterion_id', 'updated_at'])
            .execute();
          const numbers = scores.map((score) => Number(score.criterion_id.slice(1))).sort((a, b) => a - b);
          const present = numbers.length;
          // Every transaction reported as committed is there; at most one more (committed, killed before it could say so).
          expect([lastReported, lastReported + 1]).toContain(present);
          expect(numbers).toEqual(Array.from({ length: present }, (_, index) => index + 1));
          const sheet = await caseFile.db
            .selectFrom('score_sheet')
            .select('updated_at')
            .executeTakeFirstOrThrow();
          expect(sheet.updated_at).toBe(String(present));
          // Each transaction's audit entry committed with it: creation + sheet + one per score (+ app version notes).
          const chain = await caseFile.verifyAuditChain();
          expect(chain.ok).toBe(true);
          const scoreEntries = await caseFile.db
            .selectFrom('audit_log')
            .select('seq')
            .where('action', '=', 'score.saved')
            .execute();
          expect(scoreEntries).toHaveLength(present);
          committed = present;
        } finally {
          await caseFile.close();
        }
      }
      expect(committed).toBeGreaterThan(CYCLES);
      console.info(
        `crash test: ${committed} transactions committed over ${CYCLES} kills; ${killedMidWrite} kills left a hot journal to roll back`,
      );
    },
  );
});

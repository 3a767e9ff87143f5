import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserFacingError } from '../../../src/shared/errors';
import { leadAndScoresSoFar, saveScore } from './children/scoring';
import { childScript, createScoringCase, makeTempDir, openCaseFile, PASSPHRASE, REPO_ROOT } from './support';

/**
 * Changes asked for at once are written together in one commit (the panel room's many members
 * saving at the same moment): each caller still hears only about its own change, a change that
 * fails is undone alone, and nothing a caller was told is saved is lost in a crash.
 */
const temp = makeTempDir('copanel-group-');
afterAll(() => temp.cleanup());

const IN_FLIGHT = 6;

async function scoreSavedEntries(caseFile: Awaited<ReturnType<typeof openCaseFile>>): Promise<number> {
  const entries = await caseFile.db
    .selectFrom('audit_log')
    .select('seq')
    .where('action', '=', 'score.saved')
    .execute();
  return entries.length;
}

function writeTogetherUntilKilled(path: string, afterMs: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', childScript('group-writer.ts'), path, PASSPHRASE, String(IN_FLIGHT)],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
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
      if (signal !== 'SIGKILL') return reject(new Error(`The writer stopped by itself: ${errors}`));
      const lines = output.split('\n');
      lines.pop();
      resolve(lines.filter((line) => /^\d+$/.test(line)).map(Number));
    });
  });
}

describe('changes written together (group commit)', () => {
  const path = join(temp.dir, 'together.copanel');
  beforeAll(() => createScoringCase(path));

  it('a change that fails among others is undone alone; the others are saved, each with its audit entry', async () => {
    const caseFile = await openCaseFile({ path, passphrase: PASSPHRASE });
    try {
      const { lead, scores } = await leadAndScoresSoFar(caseFile);
      const refusal = new UserFacingError('INVALID_INPUT', 'Not this one.');
      const asked = [1, 2, 3, 4, 5].map((k) =>
        k === 3
          ? caseFile.mutate(lead.id, 'score.saved', { n: scores + k }, async (trx) => {
              await trx.updateTable('score_sheet').set({ updated_at: 'half-done' }).execute();
              throw refusal;
            })
          : saveScore(caseFile, lead, scores + k),
      );
      const outcomes = await Promise.allSettled(asked);
      expect(outcomes.map((outcome) => outcome.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'rejected',
        'fulfilled',
        'fulfilled',
      ]);
      expect((outcomes[2] as PromiseRejectedResult).reason).toBe(refusal);
      const saved = await caseFile.db.selectFrom('score').select('criterion_id').execute();
      expect(saved.map((s) => s.criterion_id).sort()).toEqual(
        [1, 2, 4, 5].map((k) => `C${scores + k}`).sort(),
      );
      const sheet = await caseFile.db
        .selectFrom('score_sheet')
        .select('updated_at')
        .executeTakeFirstOrThrow();
      expect(sheet.updated_at, 'the failed change left nothing behind').not.toBe('half-done');
      const entries = await caseFile.db
        .selectFrom('audit_log')
        .select('seq')
        .where('action', '=', 'score.saved')
        .execute();
      expect(entries).toHaveLength(4);
      expect((await caseFile.verifyAuditChain()).ok).toBe(true);
    } finally {
      await caseFile.close();
    }
  });

  it('after saves came together, later ones arriving one by one (the commit waits for them) each land once; a refused one is undone alone', async () => {
    const oneByOnePath = join(temp.dir, 'one-by-one.copanel');
    await createScoringCase(oneByOnePath);
    const caseFile = await openCaseFile({ path: oneByOnePath, passphrase: PASSPHRASE });
    try {
      const { lead, scores } = await leadAndScoresSoFar(caseFile);
      const before = await scoreSavedEntries(caseFile);
      // Four at once: one commit carries four of this kind, so the next commit waits for companions.
      await Promise.all([1, 2, 3, 4].map((k) => saveScore(caseFile, lead, scores + k)));
      const refusal = new UserFacingError('INVALID_INPUT', 'Not this one.');
      const outcomes: Promise<unknown>[] = [];
      for (const k of [5, 6, 7, 8, 9]) {
        const asked =
          k === 7
            ? caseFile.mutate(lead.id, 'score.saved', { n: scores + k }, async (trx) => {
                await trx.updateTable('score_sheet').set({ updated_at: 'half-done' }).execute();
                throw refusal;
              })
            : saveScore(caseFile, lead, scores + k);
        outcomes.push(
          asked.then(
            () => 'saved',
            (error: unknown) => error,
          ),
        );
        // Each arrives in a later turn of the event loop than the one before, as devices' saves do.
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      expect(await Promise.all(outcomes)).toEqual(['saved', 'saved', refusal, 'saved', 'saved']);
      const saved = (await caseFile.db.selectFrom('score').select('criterion_id').execute()).map(
        (score) => score.criterion_id,
      );
      const expected = [1, 2, 3, 4, 5, 6, 8, 9].map((k) => `C${scores + k}`);
      expect(saved.filter((id) => expected.includes(id)).sort()).toEqual(expected.sort());
      expect(saved, 'the refused save left no score').not.toContain(`C${scores + 7}`);
      const sheet = await caseFile.db
        .selectFrom('score_sheet')
        .select('updated_at')
        .executeTakeFirstOrThrow();
      expect(sheet.updated_at, 'the refused save left nothing behind').not.toBe('half-done');
      expect(await scoreSavedEntries(caseFile)).toBe(before + 8);
      expect((await caseFile.verifyAuditChain()).ok).toBe(true);
    } finally {
      await caseFile.close();
    }
  });

  it(
    'killed at random moments with several saves in flight: every save reported as saved is in the file',
    { timeout: 240_000 },
    async () => {
      const crashPath = join(temp.dir, 'crash-together.copanel');
      await createScoringCase(crashPath);
      let reportedInAll = 0;
      for (let cycle = 0; cycle < 6; cycle += 1) {
        const reported = await writeTogetherUntilKilled(crashPath, 50 + Math.floor(Math.random() * 300));
        reportedInAll += reported.length;
        const caseFile = await openCaseFile({ path: crashPath, passphrase: PASSPHRASE });
        try {
          expect((await caseFile.checkIntegrity(PASSPHRASE)).ok).toBe(true);
          const present = new Set(
            (await caseFile.db.selectFrom('score').select('criterion_id').execute()).map((s) =>
              Number(s.criterion_id.slice(1)),
            ),
          );
          expect(
            reported.filter((n) => !present.has(n)),
            'saves reported as saved but missing',
          ).toEqual([]);
          // Numbers are handed out in order, so what is present is 1…N with no gaps save those in flight at the kill.
          expect((await caseFile.verifyAuditChain()).ok).toBe(true);
          const entries = await caseFile.db
            .selectFrom('audit_log')
            .select('seq')
            .where('action', '=', 'score.saved')
            .execute();
          expect(entries).toHaveLength(present.size);
        } finally {
          await caseFile.close();
        }
      }
      expect(reportedInAll).toBeGreaterThan(6);
    },
  );
});

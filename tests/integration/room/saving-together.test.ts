import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditLog } from '../../../src/main/casefile';
import type { MySheet, SheetEntry } from '../../../src/shared/api';
import type { RoomClient } from '../../../src/shared/room/client';
import { call, joinRoom, makeRoomWorld, PINS, recordStatements, roomCall, type RoomWorld } from './support';

/**
 * Members saving at the same moment through the room share commits (group commit, one full sync
 * for many answers). What a member notices must not change: each answer lands exactly once, with
 * its own audit entry in order, and one member's refused answer neither loses nor fails another's.
 */
type Who = 'ben' | 'chloe' | 'dev';
const MEMBERS: readonly Who[] = ['ben', 'chloe', 'dev'];
const ROUNDS = 6;

describe('members saving at once through the room', () => {
  let w: RoomWorld;
  let devices: Record<Who, RoomClient>;
  let criteria: string[];

  beforeAll(async () => {
    w = await makeRoomWorld('room-together');
    const { link } = await call(w.lead, 'room.open', { caseId: w.caseId });
    devices = { ben: await joinRoom(link!), chloe: await joinRoom(link!), dev: await joinRoom(link!) };
    for (const who of MEMBERS)
      await roomCall(devices[who], 'panel.signIn', {
        caseId: w.caseId,
        memberId: w.memberIds[who],
        pin: PINS[who],
      });
    const standard = await roomCall<{ statements: { criteria: { id: string }[] }[] }>(
      devices.ben,
      'standard.forCase',
      { caseId: w.caseId },
    );
    criteria = standard.statements.flatMap((statement) =>
      statement.criteria.map((criterion) => criterion.id),
    );
  });

  afterAll(async () => {
    await w.rooms.closeAll('app_quit');
    await w.world.cleanup();
  });

  const save = (who: Who, criterionId: string, rationale: string, evidenceIds: string[] = []) =>
    devices[who].call('scoring.saveScore', {
      caseId: w.caseId,
      criterionId,
      score: 2,
      rationale,
      evidenceIds,
    });

  const scoreSavedEntries = async (who: Who) =>
    (await readAuditLog(w.world.cases.get(w.caseId).db, { limit: 100_000 })).filter(
      (entry) => entry.action === 'scoring.score_saved' && entry.actor.startsWith(nameOf(who)),
    );

  it('every answer saved at once lands exactly once, with one audit entry each, in fewer commits than answers', async () => {
    const before = Object.fromEntries(
      await Promise.all(MEMBERS.map(async (who) => [who, (await scoreSavedEntries(who)).length] as const)),
    ) as Record<Who, number>;
    const statements = recordStatements();
    let commits: number;
    try {
      await Promise.all(
        MEMBERS.map(async (who) => {
          for (const criterionId of criteria.slice(0, 8)) {
            const { result } = await save(who, criterionId, `together ${who} ${criterionId}`);
            expect(result, `${who} saving ${criterionId}`).toMatchObject({ ok: true });
          }
        }),
      );
    } finally {
      commits = statements.take().filter((sql) => sql === 'commit').length;
      statements.stop();
    }
    expect(commits, 'answers arriving together share a commit').toBeLessThan(MEMBERS.length * 8);
    for (const who of MEMBERS) {
      const sheet = await roomCall<MySheet>(devices[who], 'scoring.mySheet', { caseId: w.caseId });
      for (const criterionId of criteria.slice(0, 8)) {
        const entries = sheet.entries.filter((entry: SheetEntry) => entry.criterionId === criterionId);
        expect(entries.map((entry) => entry.rationale)).toEqual([`together ${who} ${criterionId}`]);
      }
      expect((await scoreSavedEntries(who)).length - before[who], `${who}'s audit entries`).toBe(8);
    }
    const caseFile = w.world.cases.get(w.caseId);
    expect((await caseFile.verifyAuditChain()).ok).toBe(true);
    const seqs = (await readAuditLog(caseFile.db, { limit: 100_000 })).map((entry) => entry.seq);
    expect(seqs, 'the audit log is numbered in order with no gaps').toEqual(
      seqs.map((_, index) => index + 1),
    );
  });

  it('an answer refused among others saved at the same moment is refused alone; the others are saved', async () => {
    // Saves race on the network, so repeat until the refused answer has shared a commit with the
    // others (SQLite undid it alone: "rollback to" its savepoint); every round must be right anyway.
    let sharedACommit = false;
    for (let round = 0; round < ROUNDS && !sharedACommit; round += 1) {
      const criterionId = criteria[10 + round]!;
      const statements = recordStatements();
      let outcomes: Awaited<ReturnType<typeof save>>[];
      try {
        outcomes = await Promise.all([
          save('ben', criterionId, `round ${round} ben`),
          save('chloe', criterionId, `round ${round} chloe`, ['no-such-evidence']),
          save('dev', criterionId, `round ${round} dev`),
        ]);
      } finally {
        sharedACommit = statements.take().includes('rollback to one_change');
        statements.stop();
      }
      const [ben, chloe, dev] = outcomes.map((outcome) => outcome.result);
      expect(ben).toMatchObject({ ok: true });
      expect(dev).toMatchObject({ ok: true });
      expect(chloe).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(chloe?.ok === false && chloe.error.message).toContain('not in the evidence register');
      for (const who of MEMBERS) {
        const sheet = await roomCall<MySheet>(devices[who], 'scoring.mySheet', { caseId: w.caseId });
        const entry = sheet.entries.find((candidate) => candidate.criterionId === criterionId);
        expect(entry, `${who}'s answer on ${criterionId}`).toMatchObject(
          who === 'chloe' ? { score: null, rationale: '' } : { score: 2, rationale: `round ${round} ${who}` },
        );
      }
    }
    expect(sharedACommit, 'the refused answer was written in the same commit as the others').toBe(true);
    expect((await w.world.cases.get(w.caseId).verifyAuditChain()).ok).toBe(true);
  });
});

function nameOf(who: Who): string {
  return { ben: 'Ben Okafor', chloe: 'Chloe Davis', dev: 'Dev Singh' }[who];
}

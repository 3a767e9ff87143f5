import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomClient } from '../../../src/shared/room/client';
import { call, joinRoom, makeRoomWorld, PINS, roomCall, type RoomWorld } from './support';

/** Every statement the case file's connection runs, by wrapping better-sqlite3's own Statement (no mock database). */
function recordStatements(): { take(): string[]; stop(): void } {
  const probe = new Database(':memory:');
  const prototype = Object.getPrototypeOf(probe.prepare('select 1')) as Record<string, unknown>;
  probe.close();
  const seen: string[] = [];
  const originals = new Map<string, unknown>();
  for (const method of ['run', 'all', 'get', 'iterate']) {
    const original = prototype[method] as (this: { source: string }, ...args: unknown[]) => unknown;
    originals.set(method, original);
    prototype[method] = function (this: { source: string }, ...args: unknown[]) {
      seen.push(this.source);
      return original.apply(this, args);
    };
  }
  return {
    take: () => seen.splice(0),
    stop: () => {
      for (const [method, original] of originals) prototype[method] = original;
    },
  };
}

describe('an autosave through the room reads what it needs once', () => {
  let w: RoomWorld;
  let device: RoomClient;

  beforeAll(async () => {
    w = await makeRoomWorld('room-statements');
    const state = await call(w.lead, 'room.open', { caseId: w.caseId });
    device = await joinRoom(state.link!);
    await roomCall(device, 'panel.signIn', { caseId: w.caseId, memberId: w.memberIds.ben, pin: PINS.ben });
  });

  afterAll(async () => {
    await w.rooms.closeAll('app_quit');
    await w.world.cleanup();
  });

  it('counts', async () => {
    const save = (rationale: string) =>
      roomCall(device, 'scoring.saveScore', {
        caseId: w.caseId,
        criterionId: 'S1.1',
        score: 2,
        rationale,
        evidenceIds: [],
      });
    await save('first');
    const statements = recordStatements();
    try {
      await save('second');
      console.log(statements.take().join('\n'));
    } finally {
      statements.stop();
    }
    expect(1).toBe(1);
  });
});

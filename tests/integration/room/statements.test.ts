import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomClient } from '../../../src/shared/room/client';
import { call, joinRoom, makeRoomWorld, PINS, recordStatements, roomCall, type RoomWorld } from './support';

describe('an autosave through the room reads what it needs once, through the real encrypted file', () => {
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

  it('an autosave through the room runs 9 statements: one read decides who is asking, one for the current assessment and one for the member with their sheet', async () => {
    const save = (rationale: string, evidenceIds: string[] = []) =>
      roomCall<{ rationale: string; evidenceIds: string[] }>(device, 'scoring.saveScore', {
        caseId: w.caseId,
        criterionId: 'S1.1',
        score: 2,
        rationale,
        evidenceIds,
      });
    await save('first');
    const statements = recordStatements();
    let saved: { rationale: string; evidenceIds: string[] };
    let run: string[];
    try {
      saved = await save('second, over the first');
      run = statements.take();
    } finally {
      statements.stop();
    }
    // What the save answers is what the sheet reads back from the file.
    expect(saved.rationale).toBe('second, over the first');
    const sheet = await roomCall<{ entries: { criterionId: string; rationale: string }[] }>(
      device,
      'scoring.mySheet',
      { caseId: w.caseId },
    );
    expect(sheet.entries.find((entry) => entry.criterionId === 'S1.1')?.rationale).toBe(
      'second, over the first',
    );

    const work = run.filter((text) => !/^(begin|commit|rollback|savepoint|release)\b/i.test(text));
    /** The reads whose main table (the first `from`) is `table`. */
    const reads = (table: string) =>
      work.filter((text) => /^select\b.*?\bfrom "(\w+)"/i.exec(text)?.[1] === table).length;
    // Who is asking (the standard, the current assessment and the member) in one read; inside the
    // change, the assessment once more (it may have moved on meanwhile) and the member with their sheet.
    expect(reads('case_metadata')).toBe(1);
    expect(reads('assessment_cycle')).toBe(1);
    expect(reads('panel_member')).toBe(1);
    expect(work.filter((text) => /from "score_sheet"/i.test(text))).toEqual([]);
    expect(work.filter((text) => /^select\b.*from "score"/i.test(text))).toEqual([]);
    // The score written (and read back) in one upsert, its evidence links, the sheet, and the audit
    // entry (its chain's head, the entry, the new head): 9 in all, where there were 15.
    expect(work.length).toBe(9);
  });
});

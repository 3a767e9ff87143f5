import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNED_IN_AS_FIELD, type MySheet } from '../../../src/shared/api';
import type { RoomClient } from '../../../src/shared/room/client';
import { call, joinRoom, makeRoomWorld, PINS, roomCall, type RoomWorld } from './support';

/**
 * One phone in the room: Ben types answers that are kept on it while the room is out of reach, signs
 * out, and Chloe signs in on the same phone. The member page sends a kept answer naming the member
 * who typed it (`signedInAs`): through the room, the dispatcher refuses it when someone else is
 * signed in on the device, so Ben's answer never lands in Chloe's sheet.
 */
describe('an answer sent through the room naming the member who typed it', () => {
  let w: RoomWorld;
  let phone: RoomClient;

  const answer = (criterionId: string, memberId: string) => ({
    caseId: w.caseId,
    criterionId,
    score: 2,
    rationale: 'Typed on the phone (fictional).',
    evidenceIds: [],
    [SIGNED_IN_AS_FIELD]: memberId,
  });
  const sheetOf = (device: RoomClient) => roomCall<MySheet>(device, 'scoring.mySheet', { caseId: w.caseId });

  beforeAll(async () => {
    w = await makeRoomWorld('room-kept-member');
    const { link } = await call(w.lead, 'room.open', { caseId: w.caseId });
    phone = await joinRoom(link!);
    await roomCall(phone, 'panel.signIn', { caseId: w.caseId, memberId: w.memberIds.ben, pin: PINS.ben });
    await roomCall(phone, 'panel.signOut', { caseId: w.caseId });
    await roomCall(phone, 'panel.signIn', { caseId: w.caseId, memberId: w.memberIds.chloe, pin: PINS.chloe });
  });

  afterAll(async () => {
    await w.rooms.closeAll('app_quit');
    await w.world.cleanup();
  });

  it('is refused as signed in elsewhere while another member is signed in on the device, and lands nowhere', async () => {
    const refused = await phone.call('scoring.saveScore', answer('S1.1', w.memberIds.ben));
    expect(refused.result).toMatchObject({ ok: false, error: { code: 'SIGNED_IN_ELSEWHERE' } });
    expect(refused.result.ok ? '' : refused.result.error.message).toContain('Chloe Davis is signed in now');
    expect((await sheetOf(phone)).entries.filter((entry) => entry.score !== null)).toEqual([]);
  });

  it('is saved for the member signed in when it names them', async () => {
    const saved = await phone.call('scoring.saveScore', answer('S1.2', w.memberIds.chloe));
    expect(saved.result).toMatchObject({ ok: true });
    const sheet = await sheetOf(phone);
    expect(sheet.entries.filter((entry) => entry.score !== null).map((entry) => entry.criterionId)).toEqual([
      'S1.2',
    ]);
  });
});

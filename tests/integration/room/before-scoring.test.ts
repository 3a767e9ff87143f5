import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oneTimePinFor } from '../../../src/main/demo';
import { MAX_DEVICES, UNSIGNED_DEVICE_IDLE_MS } from '../../../src/main/room';
import { RoomRefused } from '../../../src/shared/room/client';
import { SCORING_NOT_OPEN_YET } from '../../../src/shared/room/stages';
import {
  attempt,
  call,
  EFA,
  joinRoom,
  makeRoomWorld,
  PINS,
  roomBeforeScoringWithEfa,
  roomCall,
  type RoomWorld,
} from './support';

/**
 * The room opens while the panel prepares: a member joins on their own device, chooses their own
 * PIN and declares there; scoring (and so saving a score) waits until the lead opens it, and then
 * the same device carries on into scoring.
 */
describe('the panel room before scoring opens', () => {
  let w: RoomWorld;
  let link: string;
  let efaId: string;

  beforeAll(async () => {
    ({ w, efaId, link } = await roomBeforeScoringWithEfa('room-before-scoring'));
  });

  afterAll(async () => {
    await w.rooms.closeAll('app_quit');
    await w.world.cleanup();
  });

  it('lets a device choose its member’s own PIN and declare, refuses scores until scoring opens, then scores', async () => {
    const before = await call(w.lead, 'room.state', { caseId: w.caseId });
    expect(before.progress.find((member) => member.memberName === 'Efa Jones')?.conflict).toBe('not_said');
    expect(before.progress.find((member) => member.memberName === 'Ben Okafor')?.conflict).toBe('none');

    const phone = await joinRoom(link);
    await roomCall(phone, 'panel.choosePin', {
      caseId: w.caseId,
      memberId: efaId,
      pin: oneTimePinFor(EFA.pin),
      newPin: EFA.pin,
    });
    expect(await roomCall(phone, 'case.progress', { caseId: w.caseId })).toMatchObject({
      phase: 'preparing',
    });
    expect(await roomCall(phone, 'standard.forCase', { caseId: w.caseId })).toMatchObject({
      statements: expect.any(Array),
    });
    // Scoring cannot open while Efa has not said.
    expect(await attempt(w.lead, 'scoring.open', { caseId: w.caseId })).toMatchObject({ ok: false });

    const score = {
      caseId: w.caseId,
      criterionId: 'S1.1',
      score: 2,
      rationale: 'Seen in the minutes',
      evidenceIds: [],
    };
    for (const [name, input] of [
      ['scoring.saveScore', score],
      ['scoring.mySheet', { caseId: w.caseId }],
      ['scoring.submitSheet', { caseId: w.caseId }],
    ] as const) {
      expect((await phone.call(name, input)).result, name).toEqual({
        ok: false,
        error: { code: 'WRONG_STAGE', message: SCORING_NOT_OPEN_YET },
      });
    }
    expect((await phone.call('moderation.view', { caseId: w.caseId })).result).toMatchObject({
      ok: false,
      error: { code: 'WRONG_STAGE' },
    });

    await roomCall(phone, 'panel.declareConflict', {
      caseId: w.caseId,
      memberId: efaId,
      declaration: { kind: 'none' },
    });
    const declared = await call(w.lead, 'room.state', { caseId: w.caseId });
    expect(declared.progress.find((member) => member.memberName === 'Efa Jones')?.conflict).toBe('none');
    expect(declared.devices.map((device) => device.memberName)).toEqual(['Efa Jones']);

    await call(w.lead, 'scoring.open', { caseId: w.caseId });
    await roomCall(phone, 'scoring.saveScore', score);
    expect(await roomCall(phone, 'scoring.mySheet', { caseId: w.caseId })).toMatchObject({
      scoredCount: 1,
      entries: expect.arrayContaining([expect.objectContaining({ criterionId: 'S1.1', score: 2 })]),
    });
    const after = await call(w.lead, 'room.state', { caseId: w.caseId });
    expect(after.progress.find((member) => member.memberName === 'Efa Jones')).toMatchObject({
      scoredCount: 1,
      submitted: false,
    });
  });
});

describe('devices nobody signed in on leave the room’s list when idle; signed-in ones stay', () => {
  let w: RoomWorld;
  let link: string;
  let clock = Date.UTC(2026, 10, 27, 10, 0);

  beforeAll(async () => {
    w = await makeRoomWorld('room-idle-devices', { now: () => clock });
    link = (await call(w.lead, 'room.open', { caseId: w.caseId })).link!;
  });

  afterAll(async () => {
    await w.rooms.closeAll('app_quit');
    await w.world.cleanup();
  });

  it('drops a page closed before sign-in (and frees its place), keeps a signed-in device and a page still open', async () => {
    const signedIn = await joinRoom(link);
    await roomCall(signedIn, 'panel.signIn', { caseId: w.caseId, memberId: w.memberIds.ben, pin: PINS.ben });
    const closedTabs = await Promise.all(
      Array.from({ length: MAX_DEVICES - 2 }, () => joinRoom(link, 'phone')),
    );
    const stillOpen = await joinRoom(link, 'tablet');
    expect((await call(w.lead, 'room.state', { caseId: w.caseId })).devices).toHaveLength(MAX_DEVICES);
    await expect(joinRoom(link)).rejects.toEqual(new RoomRefused(503));

    clock += UNSIGNED_DEVICE_IDLE_MS / 2;
    await roomCall(stillOpen, 'panel.signInChoices', { caseId: w.caseId });
    clock += UNSIGNED_DEVICE_IDLE_MS / 2 + 1;

    const devices = (await call(w.lead, 'room.state', { caseId: w.caseId })).devices;
    expect(devices.map((device) => [device.kind, device.memberName])).toEqual([
      ['phone', 'Ben Okafor'],
      ['tablet', null],
    ]);
    await expect(closedTabs[0]!.call('panel.signInChoices', { caseId: w.caseId })).rejects.toEqual(
      new RoomRefused(401),
    );
    // The places they held are free again; the signed-in member carries on as before.
    await joinRoom(link);
    expect(await roomCall(signedIn, 'scoring.mySheet', { caseId: w.caseId })).toMatchObject({
      scoredCount: 0,
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PanelMember, SignedInMember, SignInChoice } from '../../../src/shared/api';
import type { RoomClient } from '../../../src/shared/room/client';
import type { ErrorCode } from '../../../src/shared/errors';
import { attempt, joinRoom, makeRoomWorld, PINS, roomCall, type RoomWorld } from './support';
import { call } from './support';
import { addedByLead } from '../panel/support';

/**
 * Issue 13 §2: "A member who has never chosen their own PIN chooses it now, on their own device: the
 * lead never learns it." Through the room's real sealed transport, on a real encrypted case file: a
 * PIN the lead typed signs nobody in until the member has chosen their own on their phone; a member
 * the lead added without a PIN can be given one once scoring has opened; and a device holding only
 * the room link learns just what the name picker needs.
 */
describe('first PINs in the panel room: chosen by the member on their own device', () => {
  let w: RoomWorld;
  let link: string;
  const id = { fay: '', gus: '' };
  const FAY_OWN = '7093';
  const GUS_OWN = '3164';

  async function refusedInRoom(device: RoomClient, name: string, input: unknown, code: ErrorCode) {
    const { result } = await device.call(name, input);
    expect(result, `${name} should be refused with ${code}`).toMatchObject({ ok: false, error: { code } });
    return result.ok ? '' : result.error.message;
  }

  beforeAll(async () => {
    w = await makeRoomWorld('room-own-pin', {
      prepare: async ({ lead, caseId }) => {
        // Fay's PIN typed by the lead into the Add member form; Gus added without one.
        id.fay = await addedByLead(lead, caseId, { name: 'Fay Adeyemi', role: 'assessor', pin: '4826' });
        id.gus = await addedByLead(lead, caseId, { name: 'Gus Walsh', role: 'assessor' });
        // The lead records "no conflict" for both (allowed to: scoring will not open otherwise).
        for (const memberId of [id.fay, id.gus])
          await lead.call('panel.declareConflict', { caseId, memberId, declaration: { kind: 'none' } });
      },
    });
    link = (await call(w.lead, 'room.open', { caseId: w.caseId })).link!;
  });

  afterAll(async () => {
    await w.rooms.closeAll('app_quit');
    await w.world.cleanup();
  });

  it('a device holding only the room link gets names, roles and whether a PIN is set — not conflicts or progress (F6)', async () => {
    const device = await joinRoom(link);
    await refusedInRoom(device, 'panel.list', { caseId: w.caseId }, 'NOT_SIGNED_IN');
    const choices = await roomCall<SignInChoice[]>(device, 'panel.signInChoices', { caseId: w.caseId });
    for (const choice of choices) expect(Object.keys(choice).sort()).toEqual(['id', 'name', 'pin', 'role']);
    const pinOf = (memberId: string) => choices.find((choice) => choice.id === memberId)?.pin;
    expect(pinOf(w.memberIds.ben)).toBe('chosen');
    expect(pinOf(id.fay)).toBe('to_choose');
    expect(pinOf(id.gus)).toBe('not_set');
    expect(JSON.stringify(choices)).not.toMatch(/conflict|sheet|scored/i);
    // Signed in, a member sees the panel as before.
    await roomCall(device, 'panel.signIn', { caseId: w.caseId, memberId: w.memberIds.ben, pin: PINS.ben });
    const panel = await roomCall<PanelMember[]>(device, 'panel.list', { caseId: w.caseId });
    expect(panel.find((member) => member.id === id.fay)?.conflict.status).toBe('none');
    await roomCall(device, 'panel.signOut', { caseId: w.caseId });
  });

  it('Fay’s first sign-in on her phone, with the PIN the lead typed, must choose her own before anything else', async () => {
    const phone = await joinRoom(link);
    const why = await refusedInRoom(
      phone,
      'panel.signIn',
      { caseId: w.caseId, memberId: id.fay, pin: '4826' },
      'NEW_PIN_NEEDED',
    );
    expect(why).toContain('choose your own PIN');
    await refusedInRoom(phone, 'scoring.mySheet', { caseId: w.caseId }, 'NOT_SIGNED_IN');
    await refusedInRoom(
      phone,
      'panel.choosePin',
      { caseId: w.caseId, memberId: id.fay, pin: '4826', newPin: '4826' },
      'INVALID_INPUT',
    );
    const signedIn = await roomCall<SignedInMember>(phone, 'panel.choosePin', {
      caseId: w.caseId,
      memberId: id.fay,
      pin: '4826',
      newPin: FAY_OWN,
    });
    expect(signedIn).toMatchObject({ memberId: id.fay, name: 'Fay Adeyemi' });
    expect(signedIn.device?.secret).toMatch(/^[\w-]{43}$/);
    await roomCall(phone, 'scoring.saveScore', {
      caseId: w.caseId,
      criterionId: 'S1.1',
      score: 3,
      rationale: 'Fay’s sealed reason ROOM-OWN-PIN-MARKER',
      evidenceIds: [],
    });

    // The lead, on the laptop (a hand-over) or on another device, cannot use the PIN they typed.
    const laptop = w.lead;
    await call(laptop, 'panel.signOut', { caseId: w.caseId });
    expect(
      await attempt(laptop, 'panel.signIn', { caseId: w.caseId, memberId: id.fay, pin: '4826' }),
    ).toMatchObject({ ok: false, error: { code: 'WRONG_PIN' } });
    expect(await attempt(laptop, 'scoring.mySheet', { caseId: w.caseId })).toMatchObject({
      ok: false,
      error: { code: 'NOT_SIGNED_IN' },
    });
    const other = await joinRoom(link, 'laptop');
    await refusedInRoom(
      other,
      'panel.signIn',
      { caseId: w.caseId, memberId: id.fay, pin: '4826' },
      'WRONG_PIN',
    );
    await call(laptop, 'panel.signIn', { caseId: w.caseId, memberId: w.panel.lead.memberId, pin: PINS.lead });
    expect(
      await attempt(laptop, 'panel.setPin', {
        caseId: w.caseId,
        memberId: id.fay,
        pin: '1111',
        reason: 'She says she forgot it.',
      }),
    ).toMatchObject({ ok: false, error: { code: 'SCORES_SEALED' } });
  });

  it('Gus, added without a PIN, is given a one-time PIN once scoring is open and chooses his own on his phone (F1)', async () => {
    expect(
      await attempt(w.lead, 'panel.setPin', { caseId: w.caseId, memberId: id.gus, pin: '5071' }),
    ).toMatchObject({ ok: true });
    const phone = await joinRoom(link);
    const choices = await roomCall<SignInChoice[]>(phone, 'panel.signInChoices', { caseId: w.caseId });
    expect(choices.find((choice) => choice.id === id.gus)?.pin).toBe('to_choose');
    await refusedInRoom(
      phone,
      'panel.signIn',
      { caseId: w.caseId, memberId: id.gus, pin: '5071' },
      'NEW_PIN_NEEDED',
    );
    await roomCall(phone, 'panel.choosePin', {
      caseId: w.caseId,
      memberId: id.gus,
      pin: '5071',
      newPin: GUS_OWN,
    });
    const sheet = await roomCall<{ scores: unknown[] }>(phone, 'scoring.mySheet', { caseId: w.caseId });
    expect(sheet).toBeTruthy();
  });
});

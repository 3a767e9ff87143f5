import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readAuditLog } from '../../../src/main/casefile';
import type { PinResetAnswer, PinResetRequest, SignedInMember } from '../../../src/shared/api';
import type { RoomClient } from '../../../src/shared/room/client';
import { pinResetProof, pinResetStep, type HeldDeviceSecret } from '../../../src/shared/room/pin-reset';
import { attempt, call, joinRoom, makeRoomWorld, PINS, roomCall, type RoomWorld } from './support';

/**
 * A member who forgot their PIN while scoring chooses a new one on the device they signed in on in
 * the room, once the lead confirms: through the room's real sealed transport, on a real encrypted
 * case file. Nobody else — another device, another member's secret, a replay, the lead — can.
 */
describe('forgotten PINs in the panel room: a reset bound to the member’s own device', () => {
  let w: RoomWorld;
  let link: string;
  const rationale = 'Ben’s own sealed reason PIN-RESET-MARKER';

  const stepOn = (
    device: RoomClient,
    held: HeldDeviceSecret,
    step: 'request' | 'status' | 'choose',
    newPin?: string,
  ) =>
    pinResetStep(
      async (name, input) => (await device.call(name, input)).result,
      w.caseId,
      held,
      step,
      newPin,
    );

  /** Signs a member in on a new device in the room; returns the device and the secret it was given. */
  const signInOnDevice = async (who: 'ben' | 'chloe' | 'dev', pin: string = PINS[who]) => {
    const device = await joinRoom(link);
    const signedIn = await roomCall<SignedInMember>(device, 'panel.signIn', {
      caseId: w.caseId,
      memberId: w.memberIds[who],
      pin,
    });
    expect(signedIn.device?.secret).toMatch(/^[\w-]{43}$/);
    return { device, held: { memberId: w.memberIds[who], ...signedIn.device! } };
  };

  const waiting = () => call(w.lead, 'panel.pinResetRequests', { caseId: w.caseId });

  beforeAll(async () => {
    w = await makeRoomWorld('room-pin-reset');
    link = (await call(w.lead, 'room.open', { caseId: w.caseId })).link!;
  });

  afterAll(async () => {
    vi.useRealTimers();
    await w.rooms.closeAll('app_quit');
    await w.world.cleanup();
  });

  it('Ben forgets his PIN after saving scores, asks from his phone, the lead confirms, Ben chooses a new PIN there', async () => {
    const { device, held } = await signInOnDevice('ben');
    await roomCall(device, 'scoring.saveScore', {
      caseId: w.caseId,
      criterionId: 'S1.1',
      score: 3,
      rationale,
      evidenceIds: [],
    });
    await roomCall(device, 'panel.signOut', { caseId: w.caseId });

    // The lead's own reset is still refused: Ben's sheet is sealed.
    expect(
      await attempt(w.lead, 'panel.setPin', {
        caseId: w.caseId,
        memberId: w.memberIds.ben,
        pin: '1111',
        reason: 'Forgot it',
      }),
    ).toMatchObject({ ok: false, error: { code: 'SCORES_SEALED' } });

    const asked = await stepOn(device, held, 'request');
    expect(asked).toMatchObject({ ok: true, value: { status: 'waiting' } });
    const requests: PinResetRequest[] = await waiting();
    expect(requests).toEqual([
      expect.objectContaining({ memberId: w.memberIds.ben, memberName: 'Ben Okafor', deviceKind: 'phone' }),
    ]);
    // Nothing to choose until the lead confirms.
    expect(await stepOn(device, held, 'choose', '4321')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });

    // A reason is required.
    expect(
      await attempt(w.lead, 'panel.decidePinReset', {
        caseId: w.caseId,
        requestId: requests[0]!.id,
        decision: 'confirm',
        reason: ' ',
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    // Only the lead can confirm: Chloe, signed in on her own device or on the command line, cannot.
    const chloe = w.panel.members[1]!.ctx;
    expect(
      await attempt(chloe, 'panel.decidePinReset', {
        caseId: w.caseId,
        requestId: requests[0]!.id,
        decision: 'confirm',
        reason: 'I say so',
      }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const chloeDevice = await signInOnDevice('chloe');
    expect(
      (
        await chloeDevice.device.call('panel.decidePinReset', {
          caseId: w.caseId,
          requestId: requests[0]!.id,
          decision: 'confirm',
          reason: 'I say so',
        })
      ).result,
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    await call(w.lead, 'panel.decidePinReset', {
      caseId: w.caseId,
      requestId: requests[0]!.id,
      decision: 'confirm',
      reason: 'Ben asked in the room; I saw him holding his phone.',
    });
    expect(await waiting()).toEqual([]);
    expect(await stepOn(device, held, 'status')).toMatchObject({ ok: true, value: { status: 'confirmed' } });

    // The lead cannot choose the PIN: not from their own screen, not from a device of their own in the room.
    const proofless = {
      caseId: w.caseId,
      memberId: w.memberIds.ben,
      deviceId: held.deviceId,
      secret: 'A'.repeat(43),
      nonce: 'A'.repeat(22),
      proof: 'A'.repeat(43),
      newPin: '9999',
    };
    expect(await attempt(w.lead, 'panel.choosePinOnDevice', proofless)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const leadsDevice = await joinRoom(link, 'laptop');
    expect(await stepOn(leadsDevice, { ...held, secret: 'B'.repeat(43) }, 'choose', '9999')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });

    const chosen = await stepOn(device, held, 'choose', '4321');
    expect(chosen).toMatchObject({ ok: true, value: { memberId: w.memberIds.ben, name: 'Ben Okafor' } });
    // Signed in with a new secret for this device; the old one no longer works.
    const renewed = (chosen as { ok: true; value: SignedInMember }).value.device!;
    expect(renewed.secret).not.toBe(held.secret);

    // Ben carries on: his sealed score is still his, and nobody else's.
    const sheet = JSON.stringify(await roomCall(device, 'scoring.mySheet', { caseId: w.caseId }));
    expect(sheet).toContain(rationale);
    const chloeSheet = JSON.stringify(
      await roomCall(chloeDevice.device, 'scoring.mySheet', { caseId: w.caseId }),
    );
    expect(chloeSheet).not.toContain(rationale);

    // The new PIN signs him in; the old one does not; a used confirmation cannot be used again.
    const other = await joinRoom(link);
    expect(
      (await other.call('panel.signIn', { caseId: w.caseId, memberId: w.memberIds.ben, pin: PINS.ben }))
        .result,
    ).toMatchObject({ ok: false, error: { code: 'WRONG_PIN' } });
    expect(
      (await other.call('panel.signIn', { caseId: w.caseId, memberId: w.memberIds.ben, pin: '4321' })).result,
    ).toMatchObject({ ok: true });
    const again = { memberId: w.memberIds.ben, ...renewed };
    expect(await stepOn(device, again, 'choose', '5555')).toMatchObject({ ok: false });

    const log = await readAuditLog(w.world.cases.get(w.caseId).db, { limit: 100_000 });
    const actions = log.map((entry) => `${entry.action} ${entry.actor}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^panel\.device_secret_issued Ben Okafor/),
        expect.stringMatching(/^panel\.pin_reset_requested Ben Okafor/),
        expect.stringMatching(/^panel\.pin_reset_confirmed Asha Patel/),
        expect.stringMatching(/^panel\.pin_chosen_on_device Ben Okafor/),
      ]),
    );
  });

  it('refuses a request without the secret, with another member’s secret, a replay, or off the room', async () => {
    const dev = await signInOnDevice('dev');
    const chloe = await signInOnDevice('chloe');
    await roomCall(dev.device, 'panel.signOut', { caseId: w.caseId });
    const stranger = await joinRoom(link);

    // Another device, which never had Dev's secret.
    expect(
      await stepOn(
        stranger,
        { memberId: w.memberIds.dev, deviceId: dev.held.deviceId, secret: 'x'.repeat(43) },
        'request',
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringMatching(/only from the device/) },
    });
    // Chloe's secret does not ask for Dev.
    expect(await stepOn(chloe.device, { ...chloe.held, memberId: w.memberIds.dev }, 'request')).toMatchObject(
      {
        ok: false,
        error: { code: 'FORBIDDEN' },
      },
    );
    // A proof for one step is not a proof for another, nor for another member.
    const { nonce } = await roomCall<{ nonce: string }>(dev.device, 'panel.pinResetChallenge', {
      caseId: w.caseId,
      memberId: w.memberIds.dev,
    });
    const secretBytes = Buffer.from(dev.held.secret, 'base64url');
    const ask = {
      caseId: w.caseId,
      memberId: w.memberIds.dev,
      deviceId: dev.held.deviceId,
      secret: dev.held.secret,
      nonce,
      proof: pinResetProof(secretBytes, {
        step: 'status',
        caseId: w.caseId,
        memberId: w.memberIds.dev,
        deviceId: dev.held.deviceId,
        nonce,
      }),
    };
    expect((await dev.device.call('panel.requestPinReset', ask)).result).toMatchObject({ ok: false });

    // Replayed: the same ask, with its nonce, is refused the second time.
    const { nonce: fresh } = await roomCall<{ nonce: string }>(dev.device, 'panel.pinResetChallenge', {
      caseId: w.caseId,
      memberId: w.memberIds.dev,
    });
    const honest = {
      ...ask,
      nonce: fresh,
      proof: pinResetProof(secretBytes, {
        step: 'request',
        caseId: w.caseId,
        memberId: w.memberIds.dev,
        deviceId: dev.held.deviceId,
        nonce: fresh,
      }),
    };
    expect((await dev.device.call('panel.requestPinReset', honest)).result).toMatchObject({
      ok: true,
      value: { status: 'waiting' },
    });
    expect((await dev.device.call('panel.requestPinReset', honest)).result).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });

    // Off the room (the lead's own screen, or the command line), even with the right proof, refused.
    expect(
      await attempt(w.lead, 'panel.pinResetChallenge', { caseId: w.caseId, memberId: w.memberIds.dev }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await attempt(w.lead, 'panel.requestPinReset', honest)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    // Bad input is refused by its schema.
    expect(
      (await dev.device.call('panel.requestPinReset', { ...honest, proof: 'short' })).result,
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('a request lapses after 10 minutes: the lead can no longer confirm it, the device is told', async () => {
    const dev = await signInOnDevice('dev');
    await roomCall(dev.device, 'panel.signOut', { caseId: w.caseId });
    expect(await stepOn(dev.device, dev.held, 'request')).toMatchObject({ ok: true });
    const [request] = (await waiting()).filter((r) => r.memberId === w.memberIds.dev);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 11 * 60_000 });
    try {
      expect(await waiting()).toEqual([]);
      const status = await stepOn(dev.device, dev.held, 'status');
      expect(status).toMatchObject({
        ok: true,
        value: { status: 'expired' } satisfies Partial<PinResetAnswer>,
      });
      expect(
        await attempt(w.lead, 'panel.decidePinReset', {
          caseId: w.caseId,
          requestId: request!.id,
          decision: 'confirm',
          reason: 'Too late',
        }),
      ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    } finally {
      vi.useRealTimers();
    }
  });

  it('the lead can refuse, with a reason the device is told', async () => {
    const chloe = await signInOnDevice('chloe');
    await roomCall(chloe.device, 'panel.signOut', { caseId: w.caseId });
    await stepOn(chloe.device, chloe.held, 'request');
    const [request] = (await waiting()).filter((r) => r.memberId === w.memberIds.chloe);
    await call(w.lead, 'panel.decidePinReset', {
      caseId: w.caseId,
      requestId: request!.id,
      decision: 'refuse',
      reason: 'Chloe is not in the room today.',
    });
    expect(await stepOn(chloe.device, chloe.held, 'status')).toMatchObject({
      ok: true,
      value: { status: 'refused', reason: 'Chloe is not in the room today.' },
    });
    expect(await stepOn(chloe.device, chloe.held, 'choose', '2222')).toMatchObject({ ok: false });
    const log = await readAuditLog(w.world.cases.get(w.caseId).db, { limit: 100_000 });
    expect(
      log.some((entry) => entry.action === 'panel.pin_reset_refused' && entry.actor.startsWith('Asha Patel')),
    ).toBe(true);
  });

  it('wrong proofs count against the member’s wrong-PIN limit, and its pause applies to signing in too', async () => {
    const stranger = await joinRoom(link);
    const guess = { memberId: w.memberIds.ben, deviceId: 'g'.repeat(22), secret: 'g'.repeat(43) };
    const codes: string[] = [];
    for (let tries = 0; tries < 6; tries += 1) {
      const result = await stepOn(stranger, guess, 'request');
      codes.push(result.ok ? 'ok' : result.error.code);
    }
    // Refused each time; by the sixth in a row, paused as after five wrong PINs.
    expect(codes.slice(0, 4)).toEqual(Array(4).fill('FORBIDDEN'));
    expect(codes.at(-1)).toBe('TOO_MANY_PIN_ATTEMPTS');
    expect(
      (await stranger.call('panel.signIn', { caseId: w.caseId, memberId: w.memberIds.ben, pin: '4321' }))
        .result,
    ).toMatchObject({ ok: false, error: { code: 'TOO_MANY_PIN_ATTEMPTS' } });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditLog } from '../../../src/main/casefile';
import { MAX_DEVICES, roomInterfaces } from '../../../src/main/room';
import type { RoomState } from '../../../src/shared/api';
import { RoomRefused, RoomUnreachable } from '../../../src/shared/room/client';
import { ROOM_PATHS, roomKey, sealJson, purpose, toBase64Url } from '../../../src/shared/room/wire';
import {
  attempt,
  call,
  joinRoom,
  listening,
  makeRoomWorld,
  PINS,
  ROOM_ADDRESS,
  roomCall,
  type RoomWorld,
} from './support';
import { PASSPHRASE } from '../panel/support';

/** Every read a member's device may make before moderation. */
const MEMBER_READS = ['panel.list', 'standard.forCase', 'evidence.list', 'scoring.mySheet'] as const;

function portOf(link: string): number {
  return Number(new URL(link).port);
}

async function refusedWith(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RoomRefused) return error.status;
    // Nothing listening at all: the connection itself is refused.
    if (error instanceof RoomUnreachable) return 0;
    throw error;
  }
  return 200;
}

/** room.open refused as at the wrong stage; its message. */
async function refusedToOpen(w: RoomWorld, caseId: string): Promise<string> {
  const result = await attempt(w.lead, 'room.open', { caseId });
  expect(result).toMatchObject({ ok: false, error: { code: 'WRONG_STAGE' } });
  return result.ok ? '' : result.error.message;
}

describe('the panel room: members score on their own devices through a second, sealed listener', () => {
  let w: RoomWorld;
  let state: RoomState;
  let link: string;

  beforeAll(async () => {
    w = await makeRoomWorld('room-main');
    state = await call(w.lead, 'room.open', { caseId: w.caseId });
    link = state.link!;
  });

  afterAll(async () => {
    await w.rooms.closeAll('app_quit');
    await w.world.cleanup();
  });

  it('listens on the chosen address with a 256-bit secret in the link’s fragment only', async () => {
    expect(state.open).toBe(true);
    const url = new URL(link);
    expect(url.hostname).toBe(ROOM_ADDRESS);
    expect(url.hash).toMatch(/^#room=[\w-]{43}$/);
    expect(state.address).toBe(url.origin);
    expect(state.spokenCode).toMatch(/^\d{3} \d{3}$/);
    expect(await listening(ROOM_ADDRESS, portOf(link))).toBe(true);
  });

  it('is opened only by the signed-in lead, on a front door that has a room', async () => {
    const ben = w.panel.members[0]!.ctx;
    expect(await attempt(ben, 'room.open', { caseId: w.caseId })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    // The lead on the command line (no room there) cannot open one.
    expect(await attempt(w.panel.lead.ctx, 'room.open', { caseId: w.caseId })).toMatchObject({
      ok: false,
      error: { code: 'ROOM_UNAVAILABLE' },
    });
  });

  it('opens for a case only once the lead has added members to join it', async () => {
    const alone = await call(w.lead, 'case.create', {
      fileName: 'room-lead-alone',
      organisationName: 'Meadow House (fictional)',
      passphrase: PASSPHRASE,
      leadName: 'Asha Patel',
      leadPin: PINS.lead,
    });
    expect(await refusedToOpen(w, alone.caseId)).toMatch(
      /^The panel room cannot open yet: add the panel’s members first/,
    );
    expect((await call(w.lead, 'room.state', { caseId: alone.caseId })).open).toBe(false);
    await call(w.lead, 'panel.addMember', {
      caseId: alone.caseId,
      name: 'Efa Jones',
      role: 'assessor',
      consentToBeNamed: true,
    });
    expect((await call(w.lead, 'room.open', { caseId: alone.caseId })).open).toBe(true);
    await call(w.lead, 'room.close', { caseId: alone.caseId });
  });

  it('refuses without the secret, with a wrong secret, and unknown devices — with no detail', async () => {
    const page = await fetch(`${new URL(link).origin}/`);
    expect(await page.text()).toContain(
      'ask the lead assessor for the room’s QR code'.replace('ask', 'To join, ask'),
    );
    const hello = `${new URL(link).origin}${ROOM_PATHS.hello}`;
    const empty = await fetch(hello, { method: 'POST' });
    expect(empty.status).toBe(401);
    expect(await empty.text()).toBe('');
    const wrongSecret = new Uint8Array(32).fill(7);
    const forged = await fetch(hello, {
      method: 'POST',
      body: sealJson(
        roomKey(wrongSecret),
        { publicKey: 'A'.repeat(43), kind: 'phone' },
        purpose.hello,
      ) as BodyInit,
    });
    expect(forged.status).toBe(403);
    expect(await forged.text()).toBe('');
    const wrongLink = `${new URL(link).origin}/#room=${toBase64Url(wrongSecret)}`;
    expect(await refusedWith(joinRoom(wrongLink))).toBe(403);
    const unknownDevice = await fetch(`${new URL(link).origin}${ROOM_PATHS.call}`, {
      method: 'POST',
      headers: { 'x-room-device': 'nobody-at-all' },
      body: new Uint8Array(64) as BodyInit,
    });
    expect(unknownDevice.status).toBe(401);
  });

  it('refuses another Host or a foreign Origin (the room answers only at its own address)', async () => {
    const origin = new URL(link).origin;
    const foreignOrigin = await fetch(`${origin}${ROOM_PATHS.hello}`, {
      method: 'POST',
      headers: { Origin: 'http://evil.example' },
    });
    expect(foreignOrigin.status).toBe(403);
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: ROOM_ADDRESS,
          port: portOf(link),
          path: '/',
          headers: { Host: `rebound.example:${portOf(link)}` },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('three members score at once; before moderation no read by any member returns another’s scores', async () => {
    const devices = {
      ben: await joinRoom(link, 'phone'),
      chloe: await joinRoom(link, 'tablet'),
      dev: await joinRoom(link, 'laptop'),
    };
    const standard = await roomCall<{ statements: { criteria: { id: string }[] }[] }>(
      devices.ben,
      'standard.forCase',
      { caseId: w.caseId },
    );
    const criteria = standard.statements.flatMap((statement) =>
      statement.criteria.map((criterion) => criterion.id),
    );
    const marker = (who: string, criterionId: string) => `reason-marker-${who}-${criterionId}`;
    await Promise.all(
      (Object.keys(devices) as (keyof typeof devices)[]).map(async (who) => {
        const device = devices[who];
        await roomCall(device, 'panel.signIn', {
          caseId: w.caseId,
          memberId: w.memberIds[who],
          pin: PINS[who],
        });
        for (const criterionId of criteria.slice(0, 5))
          await roomCall(device, 'scoring.saveScore', {
            caseId: w.caseId,
            criterionId,
            score: who === 'ben' ? 3 : 1,
            rationale: marker(who, criterionId),
            evidenceIds: [],
          });
      }),
    );
    for (const who of Object.keys(devices) as (keyof typeof devices)[]) {
      const others = (Object.keys(devices) as string[]).filter((name) => name !== who);
      for (const name of MEMBER_READS) {
        const { result } = await devices[who].call(name, { caseId: w.caseId });
        expect(result.ok, `${who} reads ${name}`).toBe(true);
        const text = JSON.stringify(result);
        for (const other of others)
          expect(text, `${who} reading ${name}`).not.toContain(`reason-marker-${other}`);
      }
      const own = await roomCall<{ entries: { rationale: string }[]; memberId: string }>(
        devices[who],
        'scoring.mySheet',
        { caseId: w.caseId },
      );
      expect(own.memberId).toBe(w.memberIds[who]);
      expect(own.entries.filter((entry) => entry.rationale.startsWith(`reason-marker-${who}`))).toHaveLength(
        5,
      );
      expect(await devices[who].call('moderation.view', { caseId: w.caseId })).toMatchObject({
        result: { ok: false },
      });
    }
    // The lead's roster: who joined, on what, how far — never a score or a reason.
    const roster = await call(w.lead, 'room.state', { caseId: w.caseId });
    expect(roster.devices.map((device) => device.kind).sort()).toEqual(['laptop', 'phone', 'tablet']);
    expect(roster.progress.find((entry) => entry.memberName === 'Ben Okafor')).toMatchObject({
      scoredCount: 5,
      submitted: false,
    });
    expect(JSON.stringify(roster)).not.toContain('reason-marker');
  });

  it('allows a device only the member operations, for this case only, as the device’s own member', async () => {
    const device = await joinRoom(link);
    await roomCall(device, 'panel.signIn', { caseId: w.caseId, memberId: w.memberIds.dev, pin: PINS.dev });
    for (const [name, input] of [
      ['case.close', { caseId: w.caseId }],
      ['scoring.open', { caseId: w.caseId }],
      ['panel.setPin', { caseId: w.caseId, memberId: w.memberIds.ben, pin: '0000', reason: 'x' }],
      ['room.state', { caseId: w.caseId }],
      ['case.openHere', {}],
      ['no.suchThing', { caseId: w.caseId }],
    ] as const) {
      expect(await device.call(name, input), name).toMatchObject({
        result: { ok: false, error: { code: 'FORBIDDEN' } },
      });
    }
    expect(
      await device.call('scoring.mySheet', { caseId: '00000000-0000-4000-8000-000000000000' }),
    ).toMatchObject({
      result: { ok: false, error: { code: 'FORBIDDEN' } },
    });
    // Declaring for someone else is refused by the dispatcher's own rules, with the device's actor.
    expect(
      await device.call('panel.declareConflict', {
        caseId: w.caseId,
        memberId: w.memberIds.ben,
        declaration: { kind: 'none' },
      }),
    ).toMatchObject({ result: { ok: false } });
  });

  it('one device per member: signing in on a second device signs the first out, with a message on both and an audit entry', async () => {
    const first = await joinRoom(link, 'phone');
    await roomCall(first, 'panel.signIn', { caseId: w.caseId, memberId: w.memberIds.chloe, pin: PINS.chloe });
    const second = await joinRoom(link, 'laptop');
    const signedIn = await second.call('panel.signIn', {
      caseId: w.caseId,
      memberId: w.memberIds.chloe,
      pin: PINS.chloe,
    });
    expect(signedIn.notice).toMatch(/signed out on your other device/);
    const after = await first.call('scoring.mySheet', { caseId: w.caseId });
    expect(after.notice).toMatch(/signed in on another device/);
    expect(after.result).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    const log = await readAuditLog(w.world.cases.get(w.caseId).db, { limit: 100_000 });
    expect(
      log.some((entry) => entry.action === 'room.device_replaced' && entry.actor.startsWith('Chloe Davis')),
    ).toBe(true);
  });

  it('the lead can sign a device out and pause the room', async () => {
    const device = await joinRoom(link);
    await roomCall(device, 'panel.signIn', { caseId: w.caseId, memberId: w.memberIds.ben, pin: PINS.ben });
    await call(w.lead, 'room.pause', { caseId: w.caseId, paused: true });
    expect(await device.call('scoring.mySheet', { caseId: w.caseId })).toMatchObject({
      result: { ok: false, error: { code: 'ROOM_UNAVAILABLE' } },
    });
    await call(w.lead, 'room.pause', { caseId: w.caseId, paused: false });
    await roomCall(device, 'scoring.mySheet', { caseId: w.caseId });
    await call(w.lead, 'room.signOutDevice', { caseId: w.caseId, deviceId: device.deviceId });
    expect(await refusedWith(device.call('scoring.mySheet', { caseId: w.caseId }))).toBe(401);
  });

  it('a replayed message is refused; an oversized body is refused', async () => {
    const device = await joinRoom(link);
    const recorded: Uint8Array[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = async (input, init) => {
      if (init?.body instanceof Uint8Array) recorded.push(init.body);
      return realFetch(input, init);
    };
    try {
      await roomCall(device, 'panel.signInChoices', { caseId: w.caseId });
    } finally {
      globalThis.fetch = realFetch;
    }
    const replay = await fetch(`${device.origin}${ROOM_PATHS.call}`, {
      method: 'POST',
      headers: { 'x-room-device': device.deviceId },
      body: recorded[0]! as BodyInit,
    });
    expect(replay.status).toBe(403);
    const huge = await fetch(`${device.origin}${ROOM_PATHS.call}`, {
      method: 'POST',
      headers: { 'x-room-device': device.deviceId },
      body: new Uint8Array(2 * 1024 * 1024) as BodyInit,
    });
    expect(huge.status).toBe(413);
  });

  it('drops a sender that never finishes its headers', async () => {
    const { connect } = await import('node:net');
    const started = Date.now();
    const closedAfter = await new Promise<number>((resolve) => {
      const socket = connect({ host: ROOM_ADDRESS, port: portOf(link) }, () => {
        socket.write(
          `POST ${ROOM_PATHS.hello} HTTP/1.1\r\nHost: ${ROOM_ADDRESS}:${portOf(link)}\r\nX-Slow: `,
        );
      });
      socket.on('data', () => undefined);
      socket.on('error', () => undefined);
      socket.on('close', () => resolve(Date.now() - started));
    });
    expect(closedAfter).toBeLessThan(9_000);
  }, 15_000);

  it('lists only the networks other devices can reach, never loopback; an address set for tests is the only choice', async () => {
    for (const network of roomInterfaces()) expect(network.address).not.toMatch(/^127\./);
    const offered = await call(w.lead, 'room.interfaces', { caseId: w.caseId });
    expect(offered).toEqual([{ name: 'COPANEL_ROOM_ADDRESS', address: ROOM_ADDRESS }]);
  });

  it('lets in at most 30 devices', async () => {
    const joined = (await call(w.lead, 'room.state', { caseId: w.caseId })).devices.length;
    const more = await Promise.all(Array.from({ length: MAX_DEVICES - joined }, () => joinRoom(link)));
    expect(more).toHaveLength(MAX_DEVICES - joined);
    expect(await refusedWith(joinRoom(link))).toBe(503);
    for (const device of more)
      await call(w.lead, 'room.signOutDevice', { caseId: w.caseId, deviceId: device.deviceId });
  });

  it('counts wrong PINs for a member across devices: after five, even the right PIN waits', async () => {
    const devices = [await joinRoom(link), await joinRoom(link)];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const wrong = await devices[attempt % 2]!.call('panel.signIn', {
        caseId: w.caseId,
        memberId: w.memberIds.chloe,
        pin: '0000',
      });
      expect(wrong.result.ok).toBe(false);
    }
    const third = await joinRoom(link);
    const right = await third.call('panel.signIn', {
      caseId: w.caseId,
      memberId: w.memberIds.chloe,
      pin: PINS.chloe,
    });
    expect(right.result).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/30 seconds/) },
    });
  });
});

describe('the room closes with moderation, the case file, the lead and the app; then nothing listens', () => {
  it('after moderation opens members see it; when moderation closes the room closes and opens no more', async () => {
    const w = await makeRoomWorld('room-moderation');
    try {
      const link = (await call(w.lead, 'room.open', { caseId: w.caseId })).link!;
      const device = await joinRoom(link);
      await roomCall(device, 'panel.signIn', { caseId: w.caseId, memberId: w.memberIds.ben, pin: PINS.ben });
      const members = w.panel.members;
      const standard = await call(w.lead, 'standard.forCase', { caseId: w.caseId });
      const criteria = standard.statements.flatMap((statement) =>
        statement.criteria.map((criterion) => criterion.id),
      );
      // Ben scores on his device; the others on their own clients; everyone submits.
      for (const criterionId of criteria)
        await roomCall(device, 'scoring.saveScore', {
          caseId: w.caseId,
          criterionId,
          score: 2,
          rationale: `ben on ${criterionId}`,
          evidenceIds: [],
        });
      await roomCall(device, 'scoring.submitSheet', { caseId: w.caseId });
      for (const client of [w.panel.lead, members[1]!, members[2]!]) {
        for (const criterionId of criteria)
          await client.call('scoring.saveScore', {
            caseId: w.caseId,
            criterionId,
            score: 2,
            rationale: `others on ${criterionId}`,
            evidenceIds: [],
          });
        await client.call('scoring.submitSheet', { caseId: w.caseId });
      }
      await call(w.lead, 'moderation.open', { caseId: w.caseId });
      const view = await roomCall(device, 'moderation.view', { caseId: w.caseId });
      expect(JSON.stringify(view)).toContain('others on');
      for (const criterionId of criteria)
        await call(w.lead, 'moderation.agree', {
          caseId: w.caseId,
          criterionId,
          score: 2,
          rationale: 'Agreed.',
        });
      await roomCall(device, 'moderation.dissent', {
        caseId: w.caseId,
        criterionId: criteria[0]!,
        text: 'I would have given 3.',
      });
      // The lead reset Chloe's PIN (allowed once moderation opens): she chooses her own on her device.
      await call(w.lead, 'panel.setPin', {
        caseId: w.caseId,
        memberId: w.memberIds.chloe,
        pin: '4321',
        reason: 'Chloe forgot her PIN',
      });
      const chloe = await joinRoom(link, 'tablet');
      expect(
        await chloe.call('panel.signIn', { caseId: w.caseId, memberId: w.memberIds.chloe, pin: '4321' }),
      ).toMatchObject({
        result: { ok: false, error: { code: 'NEW_PIN_NEEDED' } },
      });
      await roomCall(chloe, 'panel.choosePin', {
        caseId: w.caseId,
        memberId: w.memberIds.chloe,
        pin: '4321',
        newPin: '86420',
      });
      await roomCall(chloe, 'moderation.view', { caseId: w.caseId });
      await call(w.lead, 'moderation.close', { caseId: w.caseId });
      expect((await call(w.lead, 'room.state', { caseId: w.caseId })).open).toBe(false);
      expect(await listening(ROOM_ADDRESS, portOf(link))).toBe(false);
      // Nor does it open again: the panel has nothing more to do in it.
      expect(await refusedToOpen(w, w.caseId)).toMatch(/^The panel room cannot open: moderation is closed/);
      await call(w.lead, 'outcome.decide', {
        caseId: w.caseId,
        decisionDate: '2026-03-14',
        conditions: [],
        strengths: [],
        recommendations: [],
      });
      expect(await refusedToOpen(w, w.caseId)).toBe(
        'The panel room cannot open: the decision has been taken, so members have nothing more to do in it.',
      );
      expect((await call(w.lead, 'room.state', { caseId: w.caseId })).open).toBe(false);
    } finally {
      await w.rooms.closeAll('app_quit');
      await w.world.cleanup();
    }
  });

  it('closing by the lead, closing the case file and quitting the app each close it', async () => {
    const w = await makeRoomWorld('room-closing');
    try {
      let link = (await call(w.lead, 'room.open', { caseId: w.caseId })).link!;
      const device = await joinRoom(link);
      await call(w.lead, 'room.close', { caseId: w.caseId });
      expect(await listening(ROOM_ADDRESS, portOf(link))).toBe(false);
      expect(await refusedWith(device.call('panel.list', { caseId: w.caseId }))).not.toBe(200);

      link = (await call(w.lead, 'room.open', { caseId: w.caseId })).link!;
      await w.rooms.closeAll('app_quit');
      expect(await listening(ROOM_ADDRESS, portOf(link))).toBe(false);

      link = (await call(w.lead, 'room.open', { caseId: w.caseId })).link!;
      await call(w.lead, 'case.close', { caseId: w.caseId });
      expect(await listening(ROOM_ADDRESS, portOf(link))).toBe(false);
    } finally {
      await w.world.cleanup();
    }
  });
});

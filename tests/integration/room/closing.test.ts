import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  RoomClient,
  RoomUnreachable,
  type RoomAnswer,
  type RoomTransport,
} from '../../../src/shared/room/client';
import { ROOM_WAIT } from '../../../src/shared/room/wire';
import {
  call,
  joinRoom,
  listening,
  makeRoomWorld,
  PINS,
  ROOM_ADDRESS,
  roomAnswer,
  roomCall,
} from './support';

function portOf(link: string): number {
  return Number(new URL(link).port);
}

/**
 * A device waiting for the room's word, as the member pages always have one, on a connection of
 * its own; `sent` resolves once the wait has left the device (so the room is closed after it arrives).
 * The device carries on as the returned client (same key, same counter).
 */
function waitFor(device: RoomClient): {
  sent: Promise<void>;
  answer: Promise<RoomAnswer>;
  device: RoomClient;
} {
  let told = () => {};
  const sent = new Promise<void>((resolve) => (told = resolve));
  const post: RoomTransport = (url, body, headers) =>
    new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          agent: false,
          headers: { ...headers, 'Content-Type': 'application/octet-stream', 'Content-Length': body.length },
        },
        roomAnswer(resolve, reject),
      );
      req.on('error', () => reject(new RoomUnreachable()));
      req.end(body, told);
    });
  const same = RoomClient.resume(device.state(), post)!;
  return { sent, answer: same.call(ROOM_WAIT, {}), device: same };
}

describe('devices waiting in the room are told at once when it closes, then nothing listens', () => {
  it('the lead closing it, the app quitting and the case file closing each tell the waiting devices', async () => {
    const w = await makeRoomWorld('room-telling');
    try {
      const closings: [string, () => Promise<unknown>][] = [
        ['the lead', () => call(w.lead, 'room.close', { caseId: w.caseId })],
        ['the app', () => w.rooms.closeAll('app_quit')],
        ['the case file', () => call(w.lead, 'case.close', { caseId: w.caseId })],
      ];
      for (const [closer, close] of closings) {
        const link = (await call(w.lead, 'room.open', { caseId: w.caseId })).link!;
        const ben = await joinRoom(link);
        await roomCall(ben, 'panel.signIn', { caseId: w.caseId, memberId: w.memberIds.ben, pin: PINS.ben });
        const stranger = await joinRoom(link, 'laptop');
        const waits = [waitFor(ben), waitFor(stranger)];
        await Promise.all(waits.map((wait) => wait.sent));
        await close();
        const answers = await Promise.all(waits.map((wait) => wait.answer));
        expect(
          answers.map((answer) => answer.closed),
          closer,
        ).toEqual([true, true]);
        // Signed out, so the page asks nothing more of the room.
        expect(
          answers.map((answer) => answer.signedIn),
          closer,
        ).toEqual([false, false]);
        expect(await listening(ROOM_ADDRESS, portOf(link)), closer).toBe(false);
      }
    } finally {
      await w.rooms.closeAll('app_quit');
      await w.world.cleanup();
    }
  });

  it('holds one wait per device: a newer wait answers the older one, which says the room is still open', async () => {
    const w = await makeRoomWorld('room-waits');
    try {
      const link = (await call(w.lead, 'room.open', { caseId: w.caseId })).link!;
      const device = await joinRoom(link);
      // What the desktop app asks before it quits ("The panel room is open with 1 device…").
      expect(w.rooms.openRooms()).toEqual([{ caseId: w.caseId, devices: 1 }]);
      const older = waitFor(device);
      await older.sent;
      const newer = waitFor(older.device);
      await newer.sent;
      expect(await older.answer).toMatchObject({
        closed: false,
        result: { ok: true, value: { closed: false } },
      });
      await call(w.lead, 'room.close', { caseId: w.caseId });
      expect((await newer.answer).closed).toBe(true);
      expect(w.rooms.openRooms()).toEqual([]);
    } finally {
      await w.rooms.closeAll('app_quit');
      await w.world.cleanup();
    }
  });
});

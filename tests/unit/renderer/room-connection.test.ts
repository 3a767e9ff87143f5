import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  OUT_OF_TOUCH_MS,
  ROOM_CLOSED,
  RoomMemberConnection,
} from '../../../src/renderer/src/room-member/connection';
import { RoomUnreachable, type RoomTransport } from '../../../src/shared/room/client';
import { openJson, purpose, ROOM_WAIT, sealJson, toBase64Url } from '../../../src/shared/room/wire';

const DEVICE = 'device-1';
const CASE = 'case-1';
const KEY = new Uint8Array(32).fill(7);
const LINK = `${window.location.origin}/#room=${toBase64Url(new Uint8Array(32).fill(9))}`;
const WATCH_EVERY_MS = 5_000;

/**
 * The room as a device meets it, with real sealing: `reachable` or not (the network), and a wait
 * for its word held until `close()`, as the room holds it. Counts what reached it.
 */
function fakeRoom() {
  const room = { reachable: true, calls: [] as string[], close: () => {} };
  let closing = false;
  const held: (() => void)[] = [];
  room.close = () => {
    closing = true;
    for (const answer of held.splice(0)) answer();
  };
  const post: RoomTransport = async (_url, body) => {
    if (!room.reachable) throw new RoomUnreachable();
    const { counter, name } = openJson(KEY, body, purpose.call(DEVICE)) as { counter: number; name: string };
    room.calls.push(name);
    const answer = (closed: boolean, value: unknown) =>
      sealJson(
        KEY,
        { counter, result: { ok: true, value }, notice: null, signedIn: !closed, closed },
        purpose.answer(DEVICE, counter),
      );
    if (name === ROOM_WAIT && !closing)
      return new Promise((resolve) => held.push(() => resolve(answer(true, { closed: true }))));
    return answer(closing, name === 'case.progress' ? { phase: 'scoring' } : {});
  };
  return { room, post };
}

/** The page as it is after the member joined: the link and the device kept for the tab, then a reload. */
function pageAfterJoining(): void {
  sessionStorage.clear();
  sessionStorage.setItem('copanel-room-link', LINK);
  sessionStorage.setItem(
    'copanel-room-device',
    JSON.stringify({
      origin: window.location.origin,
      deviceId: DEVICE,
      caseId: CASE,
      key: toBase64Url(KEY),
      counter: 0,
    }),
  );
  sessionStorage.setItem(
    'copanel-room-member',
    JSON.stringify({ memberId: 'm1', name: 'Ben', role: 'assessor' }),
  );
}

const SAVE = {
  caseId: CASE,
  criterionId: 'S1.3',
  score: 2 as const,
  rationale: 'Kept (fictional)',
  evidenceIds: [],
};

describe('a member’s device and the room: out of reach, out of touch, closed', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    pageAfterJoining();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('says at once that the room cannot be reached, and only after 2 minutes that it may have closed', async () => {
    const { room, post } = fakeRoom();
    const connection = (await RoomMemberConnection.connect(window, post))!;
    connection.watch(WATCH_EVERY_MS);
    await vi.advanceTimersByTimeAsync(0);
    expect(connection.current()).toMatchObject({ reachable: true, outOfTouch: false, phase: 'scoring' });

    room.reachable = false;
    await vi.advanceTimersByTimeAsync(WATCH_EVERY_MS);
    expect(connection.current()).toMatchObject({ reachable: false, outOfTouch: false });
    // Still asking every 5 seconds; the 2 minutes count from the first time it was out of reach.
    await vi.advanceTimersByTimeAsync(OUT_OF_TOUCH_MS - 1);
    expect(connection.current().outOfTouch).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(connection.current()).toMatchObject({ reachable: false, outOfTouch: true, closed: false });

    // The network comes back: in touch again at the next ask, and the 2 minutes start afresh.
    room.reachable = true;
    await vi.advanceTimersByTimeAsync(WATCH_EVERY_MS);
    expect(connection.current()).toMatchObject({ reachable: true, outOfTouch: false });
    room.reachable = false;
    await vi.advanceTimersByTimeAsync(OUT_OF_TOUCH_MS);
    expect(connection.current().outOfTouch).toBe(false);
    await vi.advanceTimersByTimeAsync(WATCH_EVERY_MS);
    expect(connection.current().outOfTouch).toBe(true);
  });

  it('a device waiting for the room’s word hears it close at once; what it saves after is kept on the device', async () => {
    const { room, post } = fakeRoom();
    const connection = (await RoomMemberConnection.connect(window, post))!;
    connection.hearClosing(WATCH_EVERY_MS);
    await vi.advanceTimersByTimeAsync(0);
    expect(room.calls).toContain(ROOM_WAIT);
    expect(connection.current().closed).toBe(false);

    room.close();
    await vi.advanceTimersByTimeAsync(0);
    expect(connection.current()).toMatchObject({ closed: true, signedIn: null, outOfTouch: false });

    // Nothing listens after a close: the answer is kept (sealed) on the device, and not sent.
    const reached = room.calls.length;
    const saved = await connection.call('scoring.saveScore', SAVE);
    expect(saved).toMatchObject({ ok: false, error: { code: 'KEPT_ON_DEVICE' } });
    expect(connection.keptCriteria()).toEqual(['S1.3']);
    expect(sessionStorage.getItem('copanel-room-kept')).not.toContain('Kept (fictional)');
    expect(room.calls).toHaveLength(reached);
  });

  it('a call that meets the room as it closes is told so, and its answer is kept on the device', async () => {
    const { room, post } = fakeRoom();
    const connection = (await RoomMemberConnection.connect(window, post))!;
    room.close();
    const saved = await connection.call('scoring.saveScore', SAVE);
    expect(saved).toMatchObject({ ok: false, error: { code: 'KEPT_ON_DEVICE' } });
    expect(connection.current().closed).toBe(true);
    expect(connection.keptCriteria()).toEqual(['S1.3']);
    expect(ROOM_CLOSED).toBe(
      'The lead assessor has closed the panel room. Your saved answers are kept in the case file.',
    );
  });
});

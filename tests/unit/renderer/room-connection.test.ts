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

const MEMBERS: Record<string, string> = { m1: 'Ben', m2: 'Dafydd' };

/**
 * The room as a device meets it, knowing who is signed in on this device: it refuses a save that
 * names someone else (SIGNED_IN_ELSEWHERE), as src/main does, and records the saves it took.
 */
function roomWithMembers() {
  const room = {
    reachable: true,
    signedIn: 'm1' as string | null,
    saved: [] as { memberId: string; criterionId: string; rationale: string }[],
  };
  const post: RoomTransport = async (_url, body) => {
    if (!room.reachable) throw new RoomUnreachable();
    const { counter, name, input } = openJson(KEY, body, purpose.call(DEVICE)) as {
      counter: number;
      name: string;
      input: Record<string, string>;
    };
    let result: unknown = { ok: true, value: {} };
    if (name === 'panel.signIn') {
      room.signedIn = input.memberId!;
      result = {
        ok: true,
        value: { memberId: input.memberId, name: MEMBERS[input.memberId!], role: 'assessor' },
      };
    } else if (name === 'panel.signOut') room.signedIn = null;
    else if (name === 'scoring.saveScore') {
      if (input.signedInAs !== undefined && input.signedInAs !== room.signedIn)
        result = { ok: false, error: { code: 'SIGNED_IN_ELSEWHERE', message: 'Someone else…' } };
      else if (!room.signedIn) result = { ok: false, error: { code: 'NOT_SIGNED_IN', message: 'Nobody…' } };
      else
        room.saved.push({
          memberId: room.signedIn,
          criterionId: input.criterionId!,
          rationale: input.rationale!,
        });
    }
    return sealJson(
      KEY,
      { counter, result, notice: null, signedIn: room.signedIn !== null, closed: false },
      purpose.answer(DEVICE, counter),
    );
  };
  return { room, post };
}

describe('answers kept on a device that another member then signs in on', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    pageAfterJoining();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('are sent only for the member who typed them, naming them; never as the member signed in now', async () => {
    const { room, post } = roomWithMembers();
    const connection = (await RoomMemberConnection.connect(window, post))!;
    room.reachable = false;
    // Ben's answers: one saved while the room is away, one kept as the page was put away.
    const saved = await connection.call('scoring.saveScore', { ...SAVE, signedInAs: 'm1' } as typeof SAVE);
    expect(saved).toMatchObject({ ok: false, error: { code: 'KEPT_ON_DEVICE' } });
    connection.keepUnsent({ ...SAVE, criterionId: 'S1.4', rationale: 'Put away (fictional)' });
    // An answer naming someone not signed in here is not kept for anyone.
    connection.keepUnsent({ ...SAVE, criterionId: 'S1.5', signedInAs: 'm2' } as typeof SAVE);
    expect(connection.current()).toMatchObject({ kept: 2, keptForOthers: [] });

    // The room is back; Ben signs out and Dafydd signs in on this device before Ben's answers go.
    room.signedIn = null;
    room.reachable = true;
    await connection.call('panel.signIn', { caseId: CASE, memberId: 'm2', pin: '1357' });
    await connection.sendKept();
    await vi.advanceTimersByTimeAsync(0);
    expect(room.saved).toEqual([]);
    expect(connection.current()).toMatchObject({
      signedIn: { memberId: 'm2' },
      kept: 0,
      keptForOthers: [{ memberId: 'm1', name: 'Ben', criteria: ['S1.3', 'S1.4'] }],
    });

    // Ben signs in on this device again: his answers go, as his.
    await connection.call('panel.signIn', { caseId: CASE, memberId: 'm1', pin: '2468' });
    await vi.advanceTimersByTimeAsync(0);
    await connection.sendKept();
    expect(room.saved.sort((a, b) => a.criterionId.localeCompare(b.criterionId))).toEqual([
      { memberId: 'm1', criterionId: 'S1.3', rationale: 'Kept (fictional)' },
      { memberId: 'm1', criterionId: 'S1.4', rationale: 'Put away (fictional)' },
    ]);
    expect(connection.current()).toMatchObject({ kept: 0, keptForOthers: [] });
  });

  it('a kept answer the room refuses because someone else is signed in here now stays kept', async () => {
    const { room, post } = roomWithMembers();
    const connection = (await RoomMemberConnection.connect(window, post))!;
    room.reachable = false;
    await connection.call('scoring.saveScore', { ...SAVE, signedInAs: 'm1' } as typeof SAVE);
    // The page still shows Ben, but Dafydd has signed in on this device meanwhile.
    room.signedIn = 'm2';
    room.reachable = true;
    await connection.sendKept();
    expect(room.saved).toEqual([]);
    expect(connection.keptCriteria()).toEqual(['S1.3']);
  });
});

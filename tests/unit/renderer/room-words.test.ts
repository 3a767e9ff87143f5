import { describe, expect, it } from 'vitest';
import type { RoomConflict, RoomState } from '../../../src/shared/api';
import {
  conflictWords,
  networkLabel,
  progressWords,
  roomChanges,
  scoresInTheRoomWords,
  rosterRows,
  signOutLabel,
  whereWords,
} from '../../../src/renderer/src/features/room/roomWords';

const CLOSED: RoomState = {
  open: false,
  paused: false,
  link: null,
  address: null,
  spokenCode: null,
  devices: [],
  progress: [],
};

const OPEN: RoomState = {
  ...CLOSED,
  open: true,
  link: 'http://192.168.1.20:40000/#room=x',
  address: 'http://192.168.1.20:40000',
  spokenCode: '123 456',
  progress: [
    { memberName: 'Ben Okafor', scoredCount: 0, criteriaCount: 19, submitted: false, conflict: 'not_said' },
    { memberName: 'Chloe Davis', scoredCount: 19, criteriaCount: 19, submitted: false, conflict: 'none' },
  ],
};

const BEN_PHONE = {
  id: 'device-ben-1',
  kind: 'phone',
  memberName: 'Ben Okafor',
  joinedAt: '2026-11-27T10:42:00Z',
} as const;

describe('the lead’s room screen in words', () => {
  it('names networks as people know them, with the address', () => {
    expect(networkLabel({ name: 'wlan0', address: '192.168.1.20' })).toBe('Wi-Fi (192.168.1.20)');
    expect(networkLabel({ name: 'Wi-Fi', address: '10.0.0.4' })).toBe('Wi-Fi (10.0.0.4)');
    expect(networkLabel({ name: 'eth0', address: '10.1.1.2' })).toBe('Cable network (10.1.1.2)');
  });

  it('has a row per scoring member, with their device, and one per device nobody has signed in on', () => {
    const stranger = {
      id: 'device-x-2',
      kind: 'tablet',
      memberName: null,
      joinedAt: '2026-11-27T10:43:00Z',
    } as const;
    const rows = rosterRows({ ...OPEN, devices: [BEN_PHONE, stranger] }, null);
    expect(
      rows.map((row) => [row.who, row.devices.map((d) => d.id), progressWords(row), conflictWords(row)]),
    ).toEqual([
      ['Ben Okafor', ['device-ben-1'], '0 of 19', 'Not said yet'],
      ['Chloe Davis', [], '19 of 19', 'No conflict'],
      ['Not signed in yet', ['device-x-2'], 'Not signed in yet', '—'],
    ]);
    expect(signOutLabel(BEN_PHONE)).toBe('Sign out Ben Okafor’s phone');
    expect(signOutLabel(stranger)).toMatch(/^Sign out the tablet that joined at \d\d:\d\d$/);
  });

  it('says where each member’s declaration of interests stands, not just that they said something', () => {
    const words = (conflict: RoomConflict) => conflictWords({ progress: { ...OPEN.progress[0]!, conflict } });
    expect(
      (['not_said', 'own_still_to_make', 'none', 'undecided', 'allowed', 'excluded'] as const).map(words),
    ).toEqual([
      'Not said yet',
      'You recorded it; still to make their own',
      'No conflict',
      'Declared — waiting for your decision',
      'Declared — allowed to take part',
      'Declared — excluded from scoring',
    ]);
  });

  it('says a device nobody signed in on is not signed in yet, and an observer’s device does not score', () => {
    const observer = { ...BEN_PHONE, id: 'device-obs', memberName: 'Oli Observer' };
    const rows = rosterRows({ ...OPEN, devices: [observer] }, null);
    expect(rows.map((row) => [row.who, progressWords(row)])).toEqual([
      ['Ben Okafor', '0 of 19'],
      ['Chloe Davis', '19 of 19'],
      ['Oli Observer', 'Does not score'],
    ]);
  });

  it('speaks of sealed scores only until moderation opens', () => {
    expect(scoresInTheRoomWords(false).intro).toContain('they stay sealed until you open moderation');
    expect(scoresInTheRoomWords(false).caption).toContain('sealed until moderation');
    for (const words of Object.values(scoresInTheRoomWords(true))) {
      expect(words).not.toMatch(/sealed/);
      expect(words).toContain('on the Moderation page');
    }
  });

  it('shows the member signed in on this computer (the lead, who scores here) as on this computer, with their progress', () => {
    const rows = rosterRows({ ...OPEN, devices: [BEN_PHONE] }, 'Chloe Davis');
    expect(rows.map((row) => [row.who, whereWords(row), progressWords(row)])).toEqual([
      ['Ben Okafor', expect.stringMatching(/^Phone, joined \d\d:\d\d$/), '0 of 19'],
      ['Chloe Davis', 'On this computer (you)', '19 of 19'],
    ]);
    expect(whereWords(rosterRows(OPEN, null)[1]!)).toBe('Not in the room');
  });

  it('announces joining, signing in, leaving, submitting and pausing — not each score', () => {
    const anonymous = { ...BEN_PHONE, memberName: null };
    expect(roomChanges(CLOSED, OPEN)).toEqual(['The room is open.']);
    expect(roomChanges(OPEN, { ...OPEN, devices: [anonymous] })).toEqual(['A phone joined the room.']);
    expect(roomChanges({ ...OPEN, devices: [anonymous] }, { ...OPEN, devices: [BEN_PHONE] })).toEqual([
      'Ben Okafor signed in on a phone.',
    ]);
    const benSays = (conflict: RoomConflict): RoomState => ({
      ...OPEN,
      progress: [{ ...OPEN.progress[0]!, conflict }, OPEN.progress[1]!],
    });
    expect(roomChanges(OPEN, benSays('none'))).toEqual([
      'Ben Okafor said whether they have a conflict of interest.',
    ]);
    expect(roomChanges(benSays('own_still_to_make'), benSays('allowed'))).toEqual([
      'Ben Okafor said whether they have a conflict of interest.',
    ]);
    expect(roomChanges(benSays('none'), benSays('undecided'))).toEqual([
      'Ben Okafor declared a conflict of interest: decide on it on the Panel page.',
    ]);
    expect(roomChanges(benSays('undecided'), benSays('excluded'))).toEqual([]);
    const scored = {
      ...OPEN,
      devices: [BEN_PHONE],
      progress: [{ ...OPEN.progress[0]!, scoredCount: 5 }, OPEN.progress[1]!],
    };
    expect(roomChanges({ ...OPEN, devices: [BEN_PHONE] }, scored)).toEqual([]);
    const submitted = {
      ...scored,
      progress: [scored.progress[0]!, { ...OPEN.progress[1]!, submitted: true }],
    };
    expect(roomChanges(scored, submitted)).toEqual(['Chloe Davis submitted their score sheet.']);
    expect(roomChanges(submitted, { ...submitted, devices: [] })).toEqual([
      'Ben Okafor’s phone left the room.',
    ]);
    expect(roomChanges(OPEN, { ...OPEN, paused: true })).toEqual(['The room is paused.']);
  });
});

import type {
  RoomConflict,
  RoomDevice,
  RoomInterface,
  RoomMemberProgress,
  RoomState,
} from '../../../../shared/api';

/**
 * The lead's room screen in words: networks as people know them, the roster as one row per
 * member (and per device nobody has signed in on yet), and what changed since the last look.
 * Never a score: the room's state carries none.
 */

const DEVICE_WORDS: Record<RoomDevice['kind'], string> = {
  phone: 'phone',
  tablet: 'tablet',
  laptop: 'laptop',
};

/** "Wi-Fi (192.168.1.20)": the kind of network in plain words, then its address. */
export function networkLabel({ name, address }: RoomInterface): string {
  return `${networkKind(name)} (${address})`;
}

function networkKind(name: string): string {
  if (/^(wl|wifi|wi-fi|wlan|airport)/i.test(name)) return 'Wi-Fi';
  if (/^(eth|enp|eno|ens|ethernet)/i.test(name)) return 'Cable network';
  if (/^(en\d|bridge|ap\d)/i.test(name)) return `Network ${name} (often the Wi-Fi or a hotspot)`;
  if (name === 'COPANEL_ROOM_ADDRESS') return 'The address set for this computer';
  return `Network ${name}`;
}

export function deviceWord(kind: RoomDevice['kind']): string {
  return DEVICE_WORDS[kind];
}

/** One row of the roster: a member who scores, or a device on which nobody has signed in yet. */
export interface RosterRow {
  key: string;
  who: string;
  /** The devices signed in as this member (one at a time, but a sign-out may be in flight). */
  devices: RoomDevice[];
  /** The member signed in on this computer (the lead, who scores here rather than on a device). */
  onThisComputer: boolean;
  progress: RoomMemberProgress | null;
}

/** `here`: who is signed in on this computer (the lead's own screen), so their row says they are here. */
export function rosterRows(state: RoomState, here: string | null): RosterRow[] {
  const scoring = new Set(state.progress.map((member) => member.memberName));
  const members: RosterRow[] = state.progress.map((member) => ({
    key: `member ${member.memberName}`,
    who: member.memberName,
    devices: state.devices.filter((device) => device.memberName === member.memberName),
    onThisComputer: member.memberName === here,
    progress: member,
  }));
  const others: RosterRow[] = state.devices
    .filter((device) => device.memberName === null || !scoring.has(device.memberName))
    .map((device) => ({
      key: `device ${device.id}`,
      who: device.memberName ?? 'Not signed in yet',
      devices: [device],
      onThisComputer: false,
      progress: null,
    }));
  return [...members, ...others];
}

/** Where a member of the roster is: "On this computer", their devices, or "Not in the room". */
export function whereWords(row: RosterRow): string {
  const devices = row.devices.map(
    (device) => `${capitalised(deviceWord(device.kind))}, joined ${timeOfDay(device.joinedAt)}`,
  );
  if (row.onThisComputer) devices.unshift('On this computer (you)');
  return devices.length === 0 ? 'Not in the room' : devices.join('; ');
}

function capitalised(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * The roster's "Scored" cell: "12 of 19"; for a device nobody has signed in on, "Not signed in yet"
 * (not "Does not score", which is for an observer).
 */
export function progressWords(row: Pick<RosterRow, 'progress' | 'devices'>): string {
  if (row.progress) return `${row.progress.scoredCount} of ${row.progress.criteriaCount}`;
  return row.devices.some((device) => device.memberName !== null) ? 'Does not score' : 'Not signed in yet';
}

/** The roster's "Conflict of interest" cell, to the lead (the Panel page has what was declared). */
const CONFLICT_WORDS: Record<RoomConflict, string> = {
  not_said: 'Not said yet',
  own_still_to_make: 'You recorded it; still to make their own',
  none: 'No conflict',
  undecided: 'Declared — waiting for your decision',
  allowed: 'Declared — allowed to take part',
  excluded: 'Declared — excluded from scoring',
};

/** Declarations scoring still waits for the member to make. */
const STILL_TO_SAY: ReadonlySet<RoomConflict> = new Set(['not_said', 'own_still_to_make']);

/** The roster's "Conflict of interest" cell: where the member's declaration stands at this stage. */
export function conflictWords(row: Pick<RosterRow, 'progress'>): string {
  return row.progress ? CONFLICT_WORDS[row.progress.conflict] : '—';
}

/** What a member's declaration changing says to the lead: one still to make now made, or one to decide on. */
function conflictChange(before: RoomMemberProgress, after: RoomMemberProgress): string | null {
  if (before.conflict === after.conflict) return null;
  if (after.conflict === 'undecided')
    return `${after.memberName} declared a conflict of interest: decide on it on the Panel page.`;
  return STILL_TO_SAY.has(before.conflict) && !STILL_TO_SAY.has(after.conflict)
    ? `${after.memberName} said whether they have a conflict of interest.`
    : null;
}

/** What the room screen says about scores, which follows the stage: sealed until moderation opens. */
export function scoresInTheRoomWords(moderationOpen: boolean): { intro: string; caption: string } {
  return moderationOpen
    ? {
        intro:
          'Moderation is open: everyone’s scores are on the Moderation page, not here. This screen shows who is in the room.',
        caption: 'The panel in the room: devices and progress (the scores are on the Moderation page)',
      }
    : {
        intro: 'Nobody’s scores are shown here: they stay sealed until you open moderation.',
        caption:
          'The panel in the room: devices and progress, without scores (they stay sealed until moderation)',
      };
}

function deviceName(device: RoomDevice): string {
  return device.memberName
    ? `${device.memberName}’s ${deviceWord(device.kind)}`
    : `A ${deviceWord(device.kind)}`;
}

/** The label of a device's sign-out button, unique on the screen: "Sign out Ben Okafor’s phone". */
export function signOutLabel(device: RoomDevice): string {
  const name = device.memberName
    ? deviceName(device)
    : `the ${deviceWord(device.kind)} that joined at ${timeOfDay(device.joinedAt)}`;
  return `Sign out ${name}`;
}

export function timeOfDay(iso: string): string {
  return new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}

/**
 * What changed in the room between two looks, as sentences to announce: devices joining and
 * leaving, members signing in and declaring, sheets submitted. Progress moving on is shown, not announced (it
 * would talk over everything else).
 */
export function roomChanges(before: RoomState, after: RoomState): string[] {
  const changes: string[] = [];
  if (before.open !== after.open) changes.push(after.open ? 'The room is open.' : 'The room is closed.');
  if (before.open && after.open && before.paused !== after.paused)
    changes.push(after.paused ? 'The room is paused.' : 'The room carries on.');
  const earlier = new Map(before.devices.map((device) => [device.id, device]));
  const now = new Set(after.devices.map((device) => device.id));
  for (const device of after.devices) {
    const was = earlier.get(device.id);
    if (!was) {
      changes.push(
        device.memberName
          ? `${device.memberName} joined on a ${deviceWord(device.kind)}.`
          : `A ${deviceWord(device.kind)} joined the room.`,
      );
    } else if (device.memberName !== was.memberName) {
      changes.push(
        device.memberName
          ? `${device.memberName} signed in on a ${deviceWord(device.kind)}.`
          : `${deviceName(was)} signed out.`,
      );
    }
  }
  for (const device of before.devices)
    if (!now.has(device.id) && after.open) changes.push(`${deviceName(device)} left the room.`);
  // Only a declaration seen changing is announced (not everyone who had declared, when the room first shows).
  const declaredBefore = new Map(before.progress.map((p) => [p.memberName, p]));
  for (const member of after.progress) {
    const was = declaredBefore.get(member.memberName);
    const change = was && conflictChange(was, member);
    if (change) changes.push(change);
  }
  const submittedBefore = new Set(before.progress.filter((p) => p.submitted).map((p) => p.memberName));
  for (const member of after.progress)
    if (member.submitted && !submittedBefore.has(member.memberName))
      changes.push(`${member.memberName} submitted their score sheet.`);
  return changes;
}

import type { HeldDeviceSecret } from '../../../shared/room/pin-reset';
import { fromBase64Url, openJson, roomKey, sealJson, toBase64Url } from '../../../shared/room/wire';

/**
 * Answers kept on the device while the room cannot be reached: one per member and criterion (the
 * latest), each sealed with the device's own session key (purpose `kept`), in the tab's
 * sessionStorage. Each is tagged with the member who typed it, so it is only ever sent for them.
 *
 * Each entry carries a stamp, so an answer kept while an older one was on its way is not dropped
 * when the older one arrives.
 */
export interface KeptEntry {
  sealed: string;
  stamp: number;
  /** The member who typed it (signed in on this device then), and their name, to say whose it is. */
  memberId: string;
  memberName: string;
  criterionId: string;
}

/** The member an answer is kept for. */
export interface KeptFor {
  memberId: string;
  name: string;
}

const STORAGE_KEY = 'copanel-room-kept';

export class KeptAnswers {
  private stamp = 0;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly storage: Storage) {
    for (const entry of Object.values(this.read())) this.stamp = Math.max(this.stamp, entry.stamp);
  }

  /** The latest stamp given: an answer sent after this moment replaces what was kept up to it. */
  now(): number {
    return this.stamp;
  }

  keep(member: KeptFor, criterionId: string, sealed: string): void {
    this.stamp += 1;
    const entry: KeptEntry = {
      sealed,
      stamp: this.stamp,
      memberId: member.memberId,
      memberName: member.name,
      criterionId,
    };
    this.write({ ...this.read(), [slot(member.memberId, criterionId)]: entry });
  }

  get(memberId: string, criterionId: string): KeptEntry | null {
    return this.read()[slot(memberId, criterionId)] ?? null;
  }

  /** The member's answer for this criterion reached the room: forget what was kept up to `stamp`. */
  drop(memberId: string, criterionId: string, stamp: number): void {
    const all = this.read();
    const key = slot(memberId, criterionId);
    const entry = all[key];
    if (!entry || entry.stamp > stamp) return;
    delete all[key];
    this.write(all);
  }

  /** Everything kept, every member's. */
  entries(): KeptEntry[] {
    return Object.values(this.read());
  }

  count(): number {
    return this.entries().length;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private read(): Record<string, KeptEntry> {
    try {
      const parsed: unknown = JSON.parse(this.storage.getItem(STORAGE_KEY) ?? '{}');
      if (typeof parsed !== 'object' || parsed === null) return {};
      return Object.fromEntries(
        Object.entries(parsed as Record<string, unknown>).filter((pair): pair is [string, KeptEntry] =>
          isKeptEntry(pair[0], pair[1]),
        ),
      );
    } catch {
      return {};
    }
  }

  private write(all: Record<string, KeptEntry>): void {
    if (Object.keys(all).length === 0) this.storage.removeItem(STORAGE_KEY);
    else this.storage.setItem(STORAGE_KEY, JSON.stringify(all));
    for (const listener of this.listeners) listener();
  }
}

function slot(memberId: string, criterionId: string): string {
  return `${memberId} ${criterionId}`;
}

function isKeptEntry(key: string, value: unknown): value is KeptEntry {
  const entry = value as Partial<KeptEntry> | null;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.sealed === 'string' &&
    typeof entry.stamp === 'number' &&
    typeof entry.memberId === 'string' &&
    typeof entry.memberName === 'string' &&
    typeof entry.criterionId === 'string' &&
    key === slot(entry.memberId, entry.criterionId)
  );
}

const SECRETS_KEY = 'copanel-room-device-secrets';

/**
 * The secret the room gave this device for each member who signed in on it (the case file keeps
 * only its hash): with it, and only from here, that member can ask for a new PIN. Each is sealed
 * with the room key (from the link's secret), in localStorage so it outlasts the tab and a rescan
 * of the same room's QR code; a room opened again has a new key, and then nothing here opens.
 */
export class DeviceSecrets {
  private readonly key: Uint8Array;

  constructor(
    private readonly storage: Storage,
    roomSecret: Uint8Array,
  ) {
    this.key = roomKey(roomSecret);
  }

  keep(held: HeldDeviceSecret): void {
    const all = this.read();
    all[held.memberId] = toBase64Url(sealJson(this.key, held, purposeFor(held.memberId)));
    this.storage.setItem(SECRETS_KEY, JSON.stringify(all));
  }

  get(memberId: string): HeldDeviceSecret | null {
    const sealed = this.read()[memberId];
    const bytes = sealed ? fromBase64Url(sealed) : null;
    const held = bytes ? openJson(this.key, bytes, purposeFor(memberId)) : null;
    return isHeld(held, memberId) ? held : null;
  }

  private read(): Record<string, string> {
    try {
      const parsed: unknown = JSON.parse(this.storage.getItem(SECRETS_KEY) ?? '{}');
      if (typeof parsed !== 'object' || parsed === null) return {};
      return Object.fromEntries(
        Object.entries(parsed).filter((pair): pair is [string, string] => typeof pair[1] === 'string'),
      );
    } catch {
      return {};
    }
  }
}

function purposeFor(memberId: string): string {
  return `device secret ${memberId}`;
}

function isHeld(value: unknown, memberId: string): value is HeldDeviceSecret {
  const held = value as Partial<HeldDeviceSecret> | null;
  return (
    typeof held === 'object' &&
    held !== null &&
    held.memberId === memberId &&
    typeof held.deviceId === 'string' &&
    typeof held.secret === 'string'
  );
}

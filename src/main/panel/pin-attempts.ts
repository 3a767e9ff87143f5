/**
 * Wrong-PIN protection on a shared laptop: after MAX_WRONG_PINS wrong PINs in a row for one member,
 * signing in as that member is refused for LOCKOUT_MS. Kept in memory for the process: the case
 * file's passphrase already guards the file itself; this stops one panel member guessing another's PIN.
 */
export const MAX_WRONG_PINS = 5;
export const LOCKOUT_MS = 30_000;

interface Attempts {
  wrongInARow: number;
  lockedUntil: number;
}

export class PinAttempts {
  private readonly attempts = new Map<string, Attempts>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** Milliseconds until this member may try again; 0 when they may try now. */
  waitFor(caseId: string, memberId: string): number {
    const entry = this.attempts.get(key(caseId, memberId));
    if (!entry) return 0;
    const wait = entry.lockedUntil - this.now();
    if (wait > 0) return wait;
    if (entry.lockedUntil > 0) this.attempts.delete(key(caseId, memberId));
    return 0;
  }

  /** Counts a wrong PIN; returns true when this one starts a lockout. */
  recordWrong(caseId: string, memberId: string): boolean {
    const entry = this.attempts.get(key(caseId, memberId)) ?? { wrongInARow: 0, lockedUntil: 0 };
    entry.wrongInARow += 1;
    const locks = entry.wrongInARow >= MAX_WRONG_PINS;
    if (locks) entry.lockedUntil = this.now() + LOCKOUT_MS;
    this.attempts.set(key(caseId, memberId), entry);
    return locks;
  }

  remaining(caseId: string, memberId: string): number {
    return MAX_WRONG_PINS - (this.attempts.get(key(caseId, memberId))?.wrongInARow ?? 0);
  }

  /** A right PIN, or a new PIN set, starts the count again. */
  reset(caseId: string, memberId: string): void {
    this.attempts.delete(key(caseId, memberId));
  }
}

function key(caseId: string, memberId: string): string {
  return `${caseId}\n${memberId}`;
}

/** The one tracker for this process. */
export const pinAttempts = new PinAttempts();

/**
 * How long a shared commit waits for the changes that came with it last time (the panel room's
 * members autosaving at the same moment), so that they share its full sync instead of each waiting
 * for one of their own behind it.
 *
 * This is group commit's commit delay, as databases have long done it (PostgreSQL's commit_delay,
 * used only when commit_siblings are active): a commit waits only when one of the last two commits
 * carried several changes of the same kind as the first one now waiting (several callers were
 * saving together; two, so that one straggler's commit of its own does not make the next forget
 * them), only until as many are waiting again, and never longer than those commits took (a change
 * arriving later would have waited at least that long behind this commit anyway), nor longer than
 * `maxWaitMs`. A change made alone, or after changes of other kinds, never waits. Nobody hears
 * "saved" before the commit, so this changes when a caller hears it, never what is kept.
 */

/** The longest a commit waits for expected companions, however slow the disk (a USB stick). */
export const MAX_WAIT_FOR_COMPANIONS_MS = 25;

/** A change as the wait sees it: its kind (its audit action). */
interface KindOfChange {
  readonly action: string;
}

/** What one commit carried: how many changes of each kind, and how long it took. */
interface Commit {
  byKind: ReadonlyMap<string, number>;
  ms: number;
}

const NO_COMMIT: Commit = { byKind: new Map(), ms: 0 };

export class ExpectedCompanions {
  /** The last two commits, the latest first. */
  private recent: [Commit, Commit] = [NO_COMMIT, NO_COMMIT];
  private wake: (() => void) | undefined;

  constructor(private readonly maxWaitMs = MAX_WAIT_FOR_COMPANIONS_MS) {}

  /** A change joined the queue: a commit waiting for companions counts it. */
  changeArrived(): void {
    this.wake?.();
  }

  /** A commit was made with these changes (saved or refused), taking `ms` from its start. */
  committed(changes: readonly KindOfChange[], ms: number): void {
    const byKind = new Map<string, number>();
    for (const { action } of changes) byKind.set(action, (byKind.get(action) ?? 0) + 1);
    this.recent = [{ byKind, ms }, this.recent[0]];
  }

  /**
   * Resolves at once unless the first of `waiting` (the live queue) is of a kind one of the last two
   * commits carried several of; then when as many are waiting, or when those commits' time has passed.
   */
  async waitFor(waiting: readonly KindOfChange[]): Promise<void> {
    const first = waiting[0];
    const expected = first
      ? Math.max(...this.recent.map((commit) => commit.byKind.get(first.action) ?? 0))
      : 0;
    if (expected < 2) return;
    const took = Math.max(...this.recent.map((commit) => commit.ms));
    const until = performance.now() + Math.min(took, this.maxWaitMs);
    while (waiting.length < expected) {
      const left = until - performance.now();
      if (left <= 0) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(arrived, left);
        this.wake = arrived;
        function arrived(): void {
          clearTimeout(timer);
          resolve();
        }
      });
      this.wake = undefined;
    }
  }
}

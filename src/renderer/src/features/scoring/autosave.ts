/**
 * Autosave for a score sheet: each criterion's draft is saved a short while after the member stops
 * typing. Saves of one criterion run one after another (never two at once, never out of order),
 * and the state reported for a criterion is always about its latest draft, so a slow earlier save
 * can never show "Saved" for text that was typed after it.
 *
 * Plain TypeScript (no React), so the timing and ordering rules can be tested on their own.
 */

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  /** Not sent yet, but kept safe on this device (the panel room's network dropped); tried again by itself. */
  | { kind: 'kept' }
  | { kind: 'failed'; reason: string };

export interface AutosaveOptions<D> {
  save: (key: string, draft: D) => Promise<void>;
  onState: (key: string, state: SaveState) => void;
  delayMs: number;
  /** Turns a thrown error into the words shown after "Not saved — ". */
  describeError?: (error: unknown) => string;
  /** True for an error saying the draft is kept on this device: shown as kept, and tried again after `retryKeptMs`. */
  keptOnDevice?: (error: unknown) => boolean;
  retryKeptMs?: number;
}

interface Pending<D> {
  draft: D;
  version: number;
}

export class AutosaveQueue<D> {
  private readonly options: AutosaveOptions<D>;
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly latest = new Map<string, Pending<D>>();
  private readonly savedVersion = new Map<string, number>();
  private readonly failed = new Set<string>();
  private readonly running = new Map<string, Promise<void>>();
  private version = 0;

  constructor(options: AutosaveOptions<D>) {
    this.options = options;
  }

  /** A draft changed: report "saving" at once and save it once typing pauses. */
  change(key: string, draft: D): void {
    this.version += 1;
    this.latest.set(key, { draft, version: this.version });
    this.failed.delete(key);
    this.options.onState(key, { kind: 'saving' });
    this.clearTimer(key);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.run(key);
      }, this.options.delayMs),
    );
  }

  /** Saves now whatever is waiting (one criterion, or all); resolves when those saves have finished. */
  async flush(key?: string): Promise<void> {
    const keys = key === undefined ? [...this.latest.keys()] : [key];
    await Promise.all(
      keys.map((k) => {
        this.clearTimer(k);
        return this.run(k);
      }),
    );
  }

  /** Tries again to save a criterion whose save failed. */
  retry(key: string): Promise<void> {
    this.failed.delete(key);
    this.options.onState(key, { kind: 'saving' });
    return this.run(key);
  }

  /** True when some draft is not yet saved (waiting, saving or failed). */
  hasUnsaved(): boolean {
    for (const [key, pending] of this.latest) {
      if ((this.savedVersion.get(key) ?? 0) < pending.version) return true;
    }
    return false;
  }

  /** Every draft not yet saved (waiting, saving or failed), latest first-hand: to keep as the page is put away. */
  unsavedDrafts(): [string, D][] {
    return [...this.latest]
      .filter(([key, pending]) => (this.savedVersion.get(key) ?? 0) < pending.version)
      .map(([key, pending]) => [key, pending.draft]);
  }

  /** The criteria whose latest draft failed to save. */
  failedKeys(): string[] {
    return [...this.failed];
  }

  /** The draft is kept on the device: say so, and send it again shortly (unless a newer draft has taken over). */
  private keepTrying(key: string, version: number): void {
    if (this.latest.get(key)?.version !== version) return;
    this.options.onState(key, { kind: 'kept' });
    this.clearTimer(key);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.run(key);
      }, this.options.retryKeptMs ?? 3_000),
    );
  }

  private clearTimer(key: string): void {
    const timer = this.timers.get(key);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(key);
  }

  private run(key: string): Promise<void> {
    const previous = this.running.get(key) ?? Promise.resolve();
    const next = previous.then(() => this.attempt(key));
    this.running.set(key, next);
    void next.finally(() => {
      if (this.running.get(key) === next) this.running.delete(key);
    });
    return next;
  }

  private async attempt(key: string): Promise<void> {
    const pending = this.latest.get(key);
    if (!pending) return;
    if ((this.savedVersion.get(key) ?? 0) >= pending.version) return;
    this.options.onState(key, { kind: 'saving' });
    try {
      await this.options.save(key, pending.draft);
      this.savedVersion.set(key, Math.max(this.savedVersion.get(key) ?? 0, pending.version));
      if (this.latest.get(key)?.version === pending.version) {
        this.failed.delete(key);
        this.options.onState(key, { kind: 'saved' });
      }
    } catch (error) {
      if (this.options.keptOnDevice?.(error)) return this.keepTrying(key, pending.version);
      if (this.latest.get(key)?.version === pending.version) {
        this.failed.add(key);
        const reason = this.options.describeError
          ? this.options.describeError(error)
          : error instanceof Error
            ? error.message
            : String(error);
        this.options.onState(key, { kind: 'failed', reason });
      }
    }
  }
}

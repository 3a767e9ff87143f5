/**
 * Answers kept on the device while the room cannot be reached: one per criterion (the latest),
 * each sealed with the device's own session key (purpose `kept`), in the tab's sessionStorage.
 *
 * Each entry carries a stamp, so an answer kept while an older one was on its way is not dropped
 * when the older one arrives.
 */
export interface KeptEntry {
  sealed: string;
  stamp: number;
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

  keep(criterionId: string, sealed: string): void {
    this.stamp += 1;
    this.write({ ...this.read(), [criterionId]: { sealed, stamp: this.stamp } });
  }

  get(criterionId: string): KeptEntry | null {
    return this.read()[criterionId] ?? null;
  }

  /** The answer for this criterion reached the room: forget what was kept up to `stamp`. */
  drop(criterionId: string, stamp: number): void {
    const all = this.read();
    const entry = all[criterionId];
    if (!entry || entry.stamp > stamp) return;
    delete all[criterionId];
    this.write(all);
  }

  criteria(): string[] {
    return Object.keys(this.read());
  }

  count(): number {
    return this.criteria().length;
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
        Object.entries(parsed as Record<string, unknown>).filter(
          (pair): pair is [string, KeptEntry] =>
            typeof pair[1] === 'object' &&
            pair[1] !== null &&
            typeof (pair[1] as KeptEntry).sealed === 'string' &&
            typeof (pair[1] as KeptEntry).stamp === 'number',
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

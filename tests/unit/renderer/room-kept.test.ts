import { describe, expect, it } from 'vitest';
import { KeptAnswers } from '../../../src/renderer/src/room-member/kept';

/** sessionStorage as the page has it, in memory. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

describe('answers kept on a member’s device', () => {
  it('keeps the latest per criterion, across a reload of the page', () => {
    const storage = memoryStorage();
    const kept = new KeptAnswers(storage);
    kept.keep('S1.1', 'sealed-1');
    kept.keep('S1.1', 'sealed-2');
    kept.keep('S1.2', 'sealed-3');
    const reloaded = new KeptAnswers(storage);
    expect(reloaded.criteria().sort()).toEqual(['S1.1', 'S1.2']);
    expect(reloaded.get('S1.1')?.sealed).toBe('sealed-2');
    // Stamps carry on after the reload, so a newer answer is never taken for an older one.
    reloaded.keep('S1.3', 'sealed-4');
    expect(reloaded.get('S1.3')!.stamp).toBeGreaterThan(reloaded.get('S1.2')!.stamp);
  });

  it('an answer that arrives drops only what was kept before it was sent', () => {
    const kept = new KeptAnswers(memoryStorage());
    kept.keep('S1.1', 'older');
    const sentAt = kept.now();
    kept.keep('S1.1', 'newer, kept while the older was on its way');
    kept.drop('S1.1', sentAt);
    expect(kept.get('S1.1')?.sealed).toBe('newer, kept while the older was on its way');
    kept.drop('S1.1', kept.now());
    expect(kept.count()).toBe(0);
  });

  it('tells the page each time what it keeps changes, and ignores damaged storage', () => {
    const storage = memoryStorage();
    const kept = new KeptAnswers(storage);
    let told = 0;
    kept.subscribe(() => (told += 1));
    kept.keep('S1.1', 'x');
    kept.drop('S1.1', kept.now());
    expect(told).toBe(2);
    storage.setItem('copanel-room-kept', '{not json');
    expect(new KeptAnswers(storage).count()).toBe(0);
    storage.setItem('copanel-room-kept', JSON.stringify({ 'S1.1': { sealed: 5, stamp: 'x' } }));
    expect(new KeptAnswers(storage).count()).toBe(0);
  });
});

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

const SIAN = { memberId: 'm1', name: 'Siân' };
const DAFYDD = { memberId: 'm2', name: 'Dafydd' };

describe('answers kept on a member’s device', () => {
  it('keeps the latest per member and criterion, tagged with who typed it, across a reload of the page', () => {
    const storage = memoryStorage();
    const kept = new KeptAnswers(storage);
    kept.keep(SIAN, 'S1.1', 'sealed-1');
    kept.keep(SIAN, 'S1.1', 'sealed-2');
    kept.keep(SIAN, 'S1.2', 'sealed-3');
    kept.keep(DAFYDD, 'S1.1', 'sealed-dafydd');
    const reloaded = new KeptAnswers(storage);
    expect(reloaded.entries().map((e) => [e.memberName, e.criterionId, e.sealed])).toEqual([
      ['Siân', 'S1.1', 'sealed-2'],
      ['Siân', 'S1.2', 'sealed-3'],
      ['Dafydd', 'S1.1', 'sealed-dafydd'],
    ]);
    expect(reloaded.get('m1', 'S1.1')?.sealed).toBe('sealed-2');
    // Stamps carry on after the reload, so a newer answer is never taken for an older one.
    reloaded.keep(SIAN, 'S1.3', 'sealed-4');
    expect(reloaded.get('m1', 'S1.3')!.stamp).toBeGreaterThan(reloaded.get('m2', 'S1.1')!.stamp);
  });

  it('an answer that arrives drops only what was kept before it was sent, and only that member’s', () => {
    const kept = new KeptAnswers(memoryStorage());
    kept.keep(SIAN, 'S1.1', 'older');
    kept.keep(DAFYDD, 'S1.1', 'Dafydd’s');
    const sentAt = kept.now();
    kept.keep(SIAN, 'S1.1', 'newer, kept while the older was on its way');
    kept.drop('m1', 'S1.1', sentAt);
    expect(kept.get('m1', 'S1.1')?.sealed).toBe('newer, kept while the older was on its way');
    kept.drop('m1', 'S1.1', kept.now());
    expect(kept.entries().map((e) => e.sealed)).toEqual(['Dafydd’s']);
  });

  it('tells the page each time what it keeps changes, and ignores damaged storage', () => {
    const storage = memoryStorage();
    const kept = new KeptAnswers(storage);
    let told = 0;
    kept.subscribe(() => (told += 1));
    kept.keep(SIAN, 'S1.1', 'x');
    kept.drop('m1', 'S1.1', kept.now());
    expect(told).toBe(2);
    storage.setItem('copanel-room-kept', '{not json');
    expect(new KeptAnswers(storage).count()).toBe(0);
    storage.setItem('copanel-room-kept', JSON.stringify({ 'S1.1': { sealed: 5, stamp: 'x' } }));
    expect(new KeptAnswers(storage).count()).toBe(0);
    // An answer that does not say whose it is (or under another member's name) is never sent.
    storage.setItem('copanel-room-kept', JSON.stringify({ 'S1.1': { sealed: 'x', stamp: 1 } }));
    expect(new KeptAnswers(storage).count()).toBe(0);
    const entry = { sealed: 'x', stamp: 1, memberId: 'm1', memberName: 'Siân', criterionId: 'S1.1' };
    storage.setItem('copanel-room-kept', JSON.stringify({ 'm2 S1.1': entry }));
    expect(new KeptAnswers(storage).count()).toBe(0);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AutosaveQueue, type SaveState } from '../../../src/renderer/src/features/scoring/autosave';

function deferred() {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('autosave of a score sheet', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup(save: (key: string, draft: string) => Promise<void>) {
    const states: Record<string, SaveState[]> = {};
    const queue = new AutosaveQueue<string>({
      delayMs: 600,
      save,
      onState: (key, state) => (states[key] ??= []).push(state),
    });
    return { queue, states, last: (key: string) => states[key]?.at(-1) };
  }

  it('saves once typing pauses, with the latest draft only', async () => {
    const save = vi.fn(async () => {});
    const { queue, last } = setup(save);
    queue.change('S1.1', 'a');
    await vi.advanceTimersByTimeAsync(300);
    queue.change('S1.1', 'ab');
    await vi.advanceTimersByTimeAsync(300);
    expect(save).not.toHaveBeenCalled();
    expect(last('S1.1')).toEqual({ kind: 'saving' });
    await vi.advanceTimersByTimeAsync(300);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith('S1.1', 'ab');
    expect(last('S1.1')).toEqual({ kind: 'saved' });
    expect(queue.hasUnsaved()).toBe(false);
  });

  it('hands over every draft not saved yet, the one waiting for the pause and the one still on its way', async () => {
    const onItsWay = deferred();
    const save = vi.fn((key: string) => (key === 'S1.2' ? onItsWay.promise : Promise.resolve()));
    const { queue } = setup(save);
    queue.change('S1.1', 'saved already');
    await vi.advanceTimersByTimeAsync(600);
    queue.change('S1.2', 'on its way');
    await vi.advanceTimersByTimeAsync(600);
    queue.change('S1.3', 'typed just now');
    expect(queue.unsavedDrafts()).toEqual([
      ['S1.2', 'on its way'],
      ['S1.3', 'typed just now'],
    ]);
    onItsWay.resolve();
    await queue.flush();
    expect(queue.unsavedDrafts()).toEqual([]);
  });

  it('never reports "Saved" for an older save when newer text is waiting, and saves in order', async () => {
    const first = deferred();
    const calls: string[] = [];
    const save = vi.fn((_key: string, draft: string) => {
      calls.push(draft);
      return calls.length === 1 ? first.promise : Promise.resolve();
    });
    const { queue, last } = setup(save);
    queue.change('S1.1', 'one');
    await vi.advanceTimersByTimeAsync(600);
    queue.change('S1.1', 'one two');
    first.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(last('S1.1')).toEqual({ kind: 'saving' });
    expect(queue.hasUnsaved()).toBe(true);
    await vi.advanceTimersByTimeAsync(600);
    expect(calls).toEqual(['one', 'one two']);
    expect(last('S1.1')).toEqual({ kind: 'saved' });
  });

  it('reports why a save failed, and saves again on retry', async () => {
    let fail = true;
    const save = vi.fn(async () => {
      if (fail) throw new Error('The case file is read-only.');
    });
    const { queue, last } = setup(save);
    queue.change('S2.1', 'x');
    await vi.advanceTimersByTimeAsync(600);
    expect(last('S2.1')).toEqual({ kind: 'failed', reason: 'The case file is read-only.' });
    expect(queue.failedKeys()).toEqual(['S2.1']);
    expect(queue.hasUnsaved()).toBe(true);
    fail = false;
    await queue.retry('S2.1');
    expect(last('S2.1')).toEqual({ kind: 'saved' });
    expect(queue.failedKeys()).toEqual([]);
  });

  it('flush saves everything waiting at once, without waiting for the pause', async () => {
    const save = vi.fn(async () => {});
    const { queue } = setup(save);
    queue.change('S1.1', 'a');
    queue.change('S1.2', 'b');
    await queue.flush();
    expect(save).toHaveBeenCalledTimes(2);
    expect(queue.hasUnsaved()).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(save).toHaveBeenCalledTimes(2);
  });
  it('an answer kept on the device (the room out of reach) says so, stays unsaved, and is sent again by itself', async () => {
    class Kept extends Error {}
    let reachable = false;
    const save = vi.fn(async () => {
      if (!reachable) throw new Kept('kept');
    });
    const states: SaveState[] = [];
    const queue = new AutosaveQueue<string>({
      delayMs: 600,
      save,
      onState: (_key, state) => states.push(state),
      keptOnDevice: (error) => error instanceof Kept,
      retryKeptMs: 3_000,
    });
    queue.change('S1.1', 'a');
    await vi.advanceTimersByTimeAsync(600);
    expect(states.at(-1)).toEqual({ kind: 'kept' });
    expect(queue.hasUnsaved()).toBe(true);
    expect(queue.failedKeys()).toEqual([]);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(save).toHaveBeenCalledTimes(2);
    expect(states.at(-1)).toEqual({ kind: 'kept' });
    reachable = true;
    await vi.advanceTimersByTimeAsync(3_000);
    expect(save).toHaveBeenCalledTimes(3);
    expect(states.at(-1)).toEqual({ kind: 'saved' });
    expect(queue.hasUnsaved()).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { ExpectedCompanions } from '../../../src/main/casefile';

/**
 * When a shared commit waits for companions (group-commit.ts): only after commits that carried
 * several changes of the same kind, and only until as many are waiting. The wait's upper bound is
 * set far beyond the test's run, so nothing here depends on how fast the machine is.
 */
const save = { action: 'scoring.score_saved' };
const signIn = { action: 'panel.signed_in' };
const NEVER_MS = 600_000;

/** Whether `promise` has settled once pending callbacks have run (a few turns of the event loop). */
async function settledSoon(promise: Promise<void>): Promise<boolean> {
  let settled = false;
  void promise.then(() => (settled = true));
  for (let turn = 0; turn < 5; turn += 1) await new Promise((resolve) => setImmediate(resolve));
  return settled;
}

/** One save waits; more arrive one at a time: how many were waiting when the wait ended (at most 10). */
async function savesBeforeTheWaitEnds(companions: ExpectedCompanions): Promise<number> {
  const waiting = [save];
  const waited = companions.waitFor(waiting);
  while (!(await settledSoon(waited)) && waiting.length < 10) {
    waiting.push(save);
    companions.changeArrived();
  }
  return waiting.length;
}

describe('a commit waits for the changes that came with the last one', () => {
  it('a change alone, or after a commit of one, never waits', async () => {
    const companions = new ExpectedCompanions(NEVER_MS);
    expect(await settledSoon(companions.waitFor([save]))).toBe(true);
    companions.committed([save], NEVER_MS);
    expect(await settledSoon(companions.waitFor([save]))).toBe(true);
  });

  it('after several changes of another kind came together, a change does not wait', async () => {
    const companions = new ExpectedCompanions(NEVER_MS);
    companions.committed([signIn, signIn, signIn], NEVER_MS);
    expect(await settledSoon(companions.waitFor([save]))).toBe(true);
  });

  it('after three saves came together, a save waits until three are waiting', async () => {
    const companions = new ExpectedCompanions(NEVER_MS);
    companions.committed([save, save, save], NEVER_MS);
    expect(await savesBeforeTheWaitEnds(companions)).toBe(3);
  });

  it('one straggler committed alone does not make the next commit forget the saves that came together', async () => {
    const companions = new ExpectedCompanions(NEVER_MS);
    companions.committed([save, save], NEVER_MS);
    companions.committed([save], NEVER_MS);
    expect(await savesBeforeTheWaitEnds(companions)).toBe(2);
  });

  it('waits no longer than the last commits took', async () => {
    const companions = new ExpectedCompanions(NEVER_MS);
    companions.committed([save, save, save], 1);
    await companions.waitFor([save]);
  });
});

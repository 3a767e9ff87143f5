import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOwnPin, oneTimePinFor, PanelClient } from '../../../src/main/demo';
import type { RoomConflict } from '../../../src/shared/api';
import { call, EFA, roomBeforeScoringWithEfa, type RoomWorld } from './support';

/**
 * The lead's roster in the room shows where each member's declaration of interests really stands,
 * at every stage: not "Said" for everyone once scoring opens, but no conflict, a conflict allowed,
 * or one that excludes them; before scoring, one the lead recorded for a member who must still make
 * their own, and one waiting for the lead's decision.
 */
describe('the roster’s conflict of interest column', () => {
  let w: RoomWorld;
  let efaId: string;
  /** Efa's own client (she signs in there). */
  let efa: PanelClient;

  const roster = async (): Promise<Record<string, RoomConflict>> =>
    Object.fromEntries(
      (await call(w.lead, 'room.state', { caseId: w.caseId })).progress.map((member) => [
        member.memberName,
        member.conflict,
      ]),
    );

  beforeAll(async () => {
    ({ w, efaId } = await roomBeforeScoringWithEfa('room-roster-conflicts'));
    efa = new PanelClient(w.world.runtime, w.world.cases);
  });

  afterAll(async () => {
    await w.rooms.closeAll('app_quit');
    await w.world.cleanup();
  });

  it('before scoring: not said, recorded by the lead but still to make their own, and waiting for a decision', async () => {
    expect(await roster()).toEqual({
      'Asha Patel': 'none',
      'Ben Okafor': 'none',
      'Chloe Davis': 'none',
      'Dev Singh': 'none',
      'Efa Jones': 'not_said',
    });
    // Efa chooses her own PIN; the lead records a declaration for her, which does not count for her.
    await chooseOwnPin(efa, w.caseId, efaId, oneTimePinFor(EFA.pin), EFA.pin);
    await call(w.lead, 'panel.declareConflict', {
      caseId: w.caseId,
      memberId: efaId,
      declaration: { kind: 'none' },
    });
    const [, chloe, dev] = w.panel.members;
    for (const [member, memberId] of [
      [chloe!, w.memberIds.chloe],
      [dev!, w.memberIds.dev],
    ] as const)
      await member.call('panel.declareConflict', {
        caseId: w.caseId,
        memberId,
        declaration: { kind: 'declared', text: 'I volunteered at this service last year.' },
      });
    expect(await roster()).toMatchObject({
      'Chloe Davis': 'undecided',
      'Dev Singh': 'undecided',
      'Efa Jones': 'own_still_to_make',
    });
  });

  it('once scoring opens: everyone has declared, and the column says what each declaration came to', async () => {
    await call(w.lead, 'panel.decideConflict', {
      caseId: w.caseId,
      memberId: w.memberIds.chloe,
      outcome: 'allowed',
      reason: 'It ended a year ago and was unpaid.',
    });
    await call(w.lead, 'panel.decideConflict', {
      caseId: w.caseId,
      memberId: w.memberIds.dev,
      outcome: 'excluded',
      reason: 'He still volunteers there.',
    });
    await efa.call('panel.declareConflict', {
      caseId: w.caseId,
      memberId: efaId,
      declaration: { kind: 'none' },
    });
    await call(w.lead, 'scoring.open', { caseId: w.caseId });
    expect(await roster()).toEqual({
      'Asha Patel': 'none',
      'Ben Okafor': 'none',
      'Chloe Davis': 'allowed',
      'Dev Singh': 'excluded',
      'Efa Jones': 'none',
    });
  });
});

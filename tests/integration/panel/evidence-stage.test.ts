import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addPanelMember,
  Client,
  documentEvidence,
  makeWorld,
  RIVERSIDE_PANEL,
  riversideCase,
  type TestWorld,
} from './support';

/**
 * Walk finding F7: once scoring opened, the stage path said "Evidence: done" over an empty evidence
 * register. An empty register past preparing now needs attention, and says so plainly.
 */
describe('the evidence stage, once scoring is open', () => {
  let world: TestWorld;
  let asha: Client;
  let caseId: string;

  const evidenceStage = async () =>
    (await asha.call('case.progress', { caseId })).stages.find((stage) => stage.name === 'evidence');

  beforeAll(async () => {
    world = makeWorld();
    asha = new Client(world);
    const ben = new Client(world);
    const made = await riversideCase(asha, 'evidence-stage');
    caseId = made.caseId;
    const benId = await addPanelMember(asha, caseId, RIVERSIDE_PANEL.ben, { firstSignIn: ben });
    await asha.call('panel.declareConflict', {
      caseId,
      memberId: made.leadId,
      declaration: { kind: 'none' },
    });
    await ben.call('panel.declareConflict', { caseId, memberId: benId, declaration: { kind: 'none' } });
    await asha.call('scoring.open', { caseId });
  });

  afterAll(async () => {
    await world?.cleanup();
  });

  it('says no evidence was recorded, and needs attention rather than reading as done', async () => {
    const stage = await evidenceStage();
    expect(stage?.state).toBe('attention');
    expect(stage?.explanation).toMatch(/^No evidence was recorded: the evidence register is empty\./);
  });

  it('reads as done, with the count, once the register holds evidence', async () => {
    await asha.call('evidence.add', {
      caseId,
      evidence: documentEvidence('Annual survey of people who use the service'),
    });
    expect(await evidenceStage()).toEqual({
      name: 'evidence',
      state: 'done',
      explanation: '1 piece of evidence in the register.',
    });
  });
});

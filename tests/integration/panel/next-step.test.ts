import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeWorld, memberWithOwnPin, PASSPHRASE, type TestWorld } from './support';

/**
 * Each member's own next step, in the first person: the conflict question first, then their own
 * sheet with how far they have got, then thanks; never "Wait for Priya" said to Priya.
 */
describe('your next step, for each member who signs in', () => {
  let world: TestWorld;
  let caseId: string;
  let criteria: string[];
  const id = { asha: '', priya: '', tom: '' };
  let asha: Client;
  let priya: Client;
  let tom: Client;

  const mine = async (client: Client) => (await client.call('case.progress', { caseId })).yourNextStep;

  beforeAll(async () => {
    world = makeWorld();
    asha = new Client(world);
    priya = new Client(world);
    tom = new Client(world);
    const opened = await asha.call('case.create', {
      fileName: 'next-step',
      organisationName: 'Harbour Lane Recovery (fictional)',
      passphrase: PASSPHRASE,
      leadName: 'Asha Patel (fictional)',
      leadPin: '2468',
    });
    caseId = opened.caseId;
    id.asha = opened.signedIn?.memberId ?? '';
    // Each chooses their own PIN at their first sign-in, in place of the one the lead typed.
    for (const [key, client, name, typed, own] of [
      ['priya', priya, 'Priya Shah (fictional)', '1357', '7531'],
      ['tom', tom, 'Tom Reid (fictional)', '8642', '2468'],
    ] as const)
      id[key] = await memberWithOwnPin(asha, client, caseId, { name, role: 'assessor', pin: typed }, own);
  });

  afterAll(async () => {
    await world?.cleanup();
  });

  it('asks every member about conflicts of interest first, the lead included', async () => {
    expect(await mine(priya)).toMatch(/^Declare any conflict of interest/);
    expect(await mine(asha)).toMatch(/^Declare any conflict of interest/);
  });

  it('tells a member how far through the criteria they are, and thanks them once their sheet is in', async () => {
    for (const [client, memberId] of [
      [asha, id.asha],
      [priya, id.priya],
      [tom, id.tom],
    ] as const) {
      await client.call('panel.declareConflict', { caseId, memberId, declaration: { kind: 'none' } });
    }
    expect(await mine(priya)).toMatch(/scoring opens/i);
    expect(await mine(asha)).toMatch(/^Open scoring/);
    await asha.call('scoring.open', { caseId });
    const sheet = await priya.call('scoring.mySheet', { caseId });
    criteria = sheet.entries.map((entry) => entry.criterionId);
    expect(await mine(priya)).toBe(`Score the ${criteria.length} criteria (0 done), then submit your sheet.`);
    for (const criterionId of criteria.slice(0, 3)) {
      await priya.call('scoring.saveScore', {
        caseId,
        criterionId,
        score: 2,
        rationale: '',
        evidenceIds: [],
      });
    }
    expect(await mine(priya)).toBe(`Score the ${criteria.length} criteria (3 done), then submit your sheet.`);
    for (const criterionId of criteria.slice(3)) {
      await priya.call('scoring.saveScore', {
        caseId,
        criterionId,
        score: 2,
        rationale: '',
        evidenceIds: [],
      });
    }
    await priya.call('scoring.submitSheet', { caseId });
    expect(await mine(priya)).toMatch(/^Your sheet is in, thank you\./);
  });

  it('never tells a member to wait for themselves; the lead waits for the others by name', async () => {
    // Nobody but the lead is told whom to wait for, and nobody is told to wait for themselves.
    expect(await mine(tom)).not.toContain('Tom Reid');
    expect(await mine(asha)).toMatch(/^Score the/);
    for (const criterionId of criteria) {
      await asha.call('scoring.saveScore', { caseId, criterionId, score: 2, rationale: '', evidenceIds: [] });
    }
    await asha.call('scoring.submitSheet', { caseId });
    const lead = await mine(asha);
    expect(lead).toMatch(/^Your sheet is in\. Wait for Tom Reid \(fictional\) to submit/);
    expect(lead).not.toContain('Asha Patel');
  });
});

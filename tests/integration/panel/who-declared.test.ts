import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditLog } from '../../../src/main/casefile';
import { addPanelMember, Client, makeWorld, RIVERSIDE_PANEL, riversideCase, type TestWorld } from './support';

/**
 * Separation of duties for declarations of interests: who made each one is kept and shown. A member
 * who holds their own PIN makes their own; one the lead recorded for them does not count for opening
 * scoring, and once scoring is open the lead cannot change it. A member without a PIN of their own
 * (a paper sheet, a shared laptop) can still have the lead record it. On a real encrypted case file,
 * through the dispatcher.
 */
describe('who declared: a member who holds their own PIN makes their own declaration', () => {
  let world: TestWorld;
  let lead: Client;
  let ben: Client;
  let caseId: string;
  const id = { asha: '', ben: '', chloe: '' };

  beforeAll(async () => {
    world = makeWorld();
    lead = new Client(world);
    ben = new Client(world);
    const made = await riversideCase(lead, 'who-declared');
    caseId = made.caseId;
    id.asha = made.leadId;
    // Ben chooses his own PIN on his own client; Chloe has no PIN: she will score on paper.
    id.ben = await addPanelMember(lead, caseId, RIVERSIDE_PANEL.ben, { firstSignIn: ben });
    id.chloe = await addPanelMember(lead, caseId, RIVERSIDE_PANEL.chloe);
    await lead.call('panel.declareConflict', { caseId, memberId: id.asha, declaration: { kind: 'none' } });
  });

  afterAll(async () => {
    await world?.cleanup();
  });

  const conflictOf = async (memberId: string) =>
    (await lead.call('panel.list', { caseId })).find((member) => member.id === memberId)!.conflict;

  it('keeps who recorded each declaration: the lead for Ben and Chloe, Asha herself for her own', async () => {
    for (const memberId of [id.ben, id.chloe])
      await lead.call('panel.declareConflict', { caseId, memberId, declaration: { kind: 'none' } });
    expect(await conflictOf(id.ben)).toMatchObject({ status: 'none', declaredBy: 'lead' });
    expect(await conflictOf(id.chloe)).toMatchObject({ status: 'none', declaredBy: 'lead' });
    expect(await conflictOf(id.asha)).toMatchObject({ status: 'none', declaredBy: 'themselves' });
  });

  it('scoring does not open on the lead’s word for Ben, who holds his own PIN; Chloe’s counts', async () => {
    const why = await lead.refused('scoring.open', { caseId }, 'PANEL_INCOMPLETE');
    expect(why).toContain('still to make their own: Ben Okafor (the lead assessor recorded one for them)');
    expect(why).not.toContain('Chloe');
    const { yourNextStep } = await ben.call('case.progress', { caseId });
    expect(yourNextStep).toContain('Make your own declaration of interests');
  });

  it('Ben makes his own, recorded in his name; then scoring opens', async () => {
    await ben.call('panel.declareConflict', { caseId, memberId: id.ben, declaration: { kind: 'none' } });
    expect(await conflictOf(id.ben)).toMatchObject({ status: 'none', declaredBy: 'themselves' });
    await lead.call('scoring.open', { caseId });
    const log = await readAuditLog(world.cases.get(caseId).db, { limit: 10_000 });
    const declarations = log.filter((entry) => entry.action === 'panel.conflict_declared');
    expect(declarations.map((entry) => entry.actor.replace(/ \(.*$/, ''))).toEqual([
      'Asha Patel',
      'Asha Patel',
      'Asha Patel',
      'Ben Okafor',
    ]);
  });

  it('once scoring is open the lead cannot change Ben’s declaration, but can still record Chloe’s', async () => {
    const declared = { kind: 'declared' as const, text: 'Her sister works at Riverside.' };
    const why = await lead.refused(
      'panel.declareConflict',
      { caseId, memberId: id.ben, declaration: declared },
      'FORBIDDEN',
    );
    expect(why).toContain('only Ben Okafor can change their declaration');
    expect(await conflictOf(id.ben)).toMatchObject({ status: 'none', declaredBy: 'themselves' });
    await lead.call('panel.declareConflict', { caseId, memberId: id.chloe, declaration: declared });
    expect(await conflictOf(id.chloe)).toMatchObject({
      status: 'declared',
      text: 'Her sister works at Riverside.',
      declaredBy: 'lead',
    });
  });
});

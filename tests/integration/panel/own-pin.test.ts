import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addedByLead, Client, makeWorld, riversideCase, type TestWorld } from './support';

/**
 * Issue 13 §2 and the separation of duties: a PIN someone else typed (the lead's Add member form,
 * or the lead's "Set a PIN") works once. The member's first sign-in must choose their own PIN before
 * anything else, so the lead never knows a PIN that opens the member's sealed scores. A member the
 * lead added without a PIN, and whose "no conflict" the lead recorded, can still be given one.
 * On a real encrypted case file, through the dispatcher, as the laptop's PIN hand-over does it.
 */
describe('a PIN the lead typed works once: the member chooses their own at their first sign-in', () => {
  let world: TestWorld;
  let lead: Client;
  let caseId: string;
  const id = { asha: '', ben: '', chloe: '', dev: '' };
  const BEN_OWN = '2580';
  const CHLOE_OWN = '6174';
  const DEV_OWN = '9035';
  const SEALED_REASON = 'Ben’s own sealed reason OWN-PIN-MARKER';

  beforeAll(async () => {
    world = makeWorld();
    lead = new Client(world);
    const made = await riversideCase(lead, 'own-pin');
    caseId = made.caseId;
    id.asha = made.leadId;
    // Ben's PIN typed into the Add member form; Chloe added without one, then the lead's "Set a PIN";
    // Dev added without a PIN and left without one until scoring has opened.
    id.ben = await addedByLead(lead, caseId, { name: 'Ben Okafor', role: 'assessor', pin: '1357' });
    id.chloe = await addedByLead(lead, caseId, { name: 'Chloe Davis', role: 'assessor' });
    await lead.call('panel.setPin', { caseId, memberId: id.chloe, pin: '8642' });
    id.dev = await addedByLead(lead, caseId, { name: 'Dev Singh', role: 'co_assessor' });
  });

  afterAll(async () => {
    await world?.cleanup();
  });

  it('Ben’s first sign-in with the PIN the lead typed must choose his own; nothing else works until he does', async () => {
    const ben = new Client(world);
    const why = await ben.refused(
      'panel.signIn',
      { caseId, memberId: id.ben, pin: '1357' },
      'NEW_PIN_NEEDED',
    );
    expect(why).toContain('choose your own PIN');
    expect(why).toContain('the lead assessor typed this one');
    // Not signed in: nothing of Ben's can be read or saved on this client.
    await ben.refused('scoring.mySheet', { caseId }, 'NOT_SIGNED_IN');
    await ben.refused(
      'panel.declareConflict',
      { caseId, memberId: id.ben, declaration: { kind: 'none' } },
      'NOT_SIGNED_IN',
    );
    const same = await ben.refused(
      'panel.choosePin',
      { caseId, memberId: id.ben, pin: '1357', newPin: '1357' },
      'INVALID_INPUT',
    );
    expect(same).toContain('different from the one the lead assessor typed');
    await ben.refused(
      'panel.choosePin',
      { caseId, memberId: id.ben, pin: '0000', newPin: BEN_OWN },
      'WRONG_PIN',
    );
    expect(
      await ben.call('panel.choosePin', { caseId, memberId: id.ben, pin: '1357', newPin: BEN_OWN }),
    ).toMatchObject({ memberId: id.ben, name: 'Ben Okafor' });
    await ben.call('panel.declareConflict', { caseId, memberId: id.ben, declaration: { kind: 'none' } });

    // The PIN the lead typed no longer signs anyone in; Ben's own does, without asking again.
    const handOver = new Client(world);
    await handOver.refused('panel.signIn', { caseId, memberId: id.ben, pin: '1357' }, 'WRONG_PIN');
    await handOver.call('panel.signIn', { caseId, memberId: id.ben, pin: BEN_OWN });
  });

  it('a PIN the lead set with "Set a PIN" before scoring is one-time too, on the lead’s own laptop after a hand-over', async () => {
    await lead.call('panel.signOut', { caseId });
    const why = await lead.refused(
      'panel.signIn',
      { caseId, memberId: id.chloe, pin: '8642' },
      'NEW_PIN_NEEDED',
    );
    expect(why).toContain('Chloe Davis');
    await lead.refused('scoring.mySheet', { caseId }, 'NOT_SIGNED_IN');
    await lead.call('panel.choosePin', { caseId, memberId: id.chloe, pin: '8642', newPin: CHLOE_OWN });
    await lead.call('panel.declareConflict', { caseId, memberId: id.chloe, declaration: { kind: 'none' } });
    await lead.call('panel.signOut', { caseId });
    await lead.refused('panel.signIn', { caseId, memberId: id.chloe, pin: '8642' }, 'WRONG_PIN');
    await lead.call('panel.signIn', { caseId, memberId: id.asha, pin: '2468' });
  });

  it('a member setting their own PIN is not one-time: it signs them in straight away', async () => {
    const ben = new Client(world);
    await ben.call('panel.signIn', { caseId, memberId: id.ben, pin: BEN_OWN });
    await ben.call('panel.setPin', { caseId, memberId: id.ben, pin: '3690' });
    await new Client(world).call('panel.signIn', { caseId, memberId: id.ben, pin: '3690' });
    await ben.call('panel.setPin', { caseId, memberId: id.ben, pin: BEN_OWN });
  });

  it('the lead sets no working PIN for themself by typing it: their own PIN stays theirs', async () => {
    await lead.call('panel.setPin', { caseId, memberId: id.asha, pin: '2468' });
    await new Client(world).call('panel.signIn', { caseId, memberId: id.asha, pin: '2468' });
  });

  it('a member with no PIN, whose “no conflict” the lead recorded, can be given a one-time PIN once scoring opens (F1)', async () => {
    await lead.call('panel.declareConflict', { caseId, memberId: id.asha, declaration: { kind: 'none' } });
    await lead.call('panel.declareConflict', { caseId, memberId: id.dev, declaration: { kind: 'none' } });
    await lead.call('scoring.open', { caseId });
    const dev = new Client(world);
    const noPin = await dev.refused('panel.signIn', { caseId, memberId: id.dev, pin: '1111' }, 'WRONG_PIN');
    expect(noPin).toContain('no PIN yet');
    // Dev saved nothing himself (the lead recorded his declaration), and has no PIN to protect.
    await lead.call('panel.setPin', { caseId, memberId: id.dev, pin: '4826' });
    await dev.refused('panel.signIn', { caseId, memberId: id.dev, pin: '4826' }, 'NEW_PIN_NEEDED');
    await dev.call('panel.choosePin', { caseId, memberId: id.dev, pin: '4826', newPin: DEV_OWN });
    await dev.call('scoring.saveScore', {
      caseId,
      criterionId: 'S1.1',
      score: 2,
      rationale: 'Dev’s own reason',
      evidenceIds: [],
    });
    await new Client(world).refused('panel.signIn', { caseId, memberId: id.dev, pin: '4826' }, 'WRONG_PIN');
  });

  it('the lead cannot sign in as Ben with the PIN they typed, nor reset it, to read what Ben saved after choosing his own', async () => {
    const ben = new Client(world);
    await ben.call('panel.signIn', { caseId, memberId: id.ben, pin: BEN_OWN });
    await ben.call('scoring.saveScore', {
      caseId,
      criterionId: 'S1.1',
      score: 3,
      rationale: SEALED_REASON,
      evidenceIds: [],
    });
    const laptop = new Client(world);
    await laptop.refused('panel.signIn', { caseId, memberId: id.ben, pin: '1357' }, 'WRONG_PIN');
    await laptop.refused('scoring.mySheet', { caseId }, 'NOT_SIGNED_IN');
    await lead.refused(
      'panel.setPin',
      { caseId, memberId: id.ben, pin: '1111', reason: 'He says he forgot it.' },
      'SCORES_SEALED',
    );
    const leadSheet = await lead.call('scoring.mySheet', { caseId });
    expect(JSON.stringify(leadSheet)).not.toContain('OWN-PIN-MARKER');
  });
});

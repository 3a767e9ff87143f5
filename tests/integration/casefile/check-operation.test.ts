import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeWorld, PASSPHRASE, riversideCase, type TestWorld } from '../panel/support';

/** The full check and "save what can be read" as contract operations, through the full dispatcher. */
describe('case.check and case.saveReadable', () => {
  let world: TestWorld;
  let lead: Client;
  let caseId: string;

  beforeAll(async () => {
    world = makeWorld();
    lead = new Client(world);
    ({ caseId } = await riversideCase(lead, 'riverside'));
  });
  afterAll(() => world.cleanup());

  it('checks every page, table and attached file of the open case and says it is intact', async () => {
    const report = await lead.call('case.check', { caseId, passphrase: PASSPHRASE });
    expect(report.ok).toBe(true);
    expect(report.damage).toEqual([]);
    expect(report.pages).toBeGreaterThan(10);
    expect(report.summary).toMatch(/intact/);
  });

  it('asks for the passphrase of this very file, and only the lead may run it', async () => {
    await lead.refused(
      'case.check',
      { caseId, passphrase: 'pebble-orchard-zephyr-canoe-marigold' },
      'WRONG_PASSPHRASE',
    );
    const stranger = new Client(world);
    await stranger.refused('case.check', { caseId, passphrase: PASSPHRASE }, 'NOT_SIGNED_IN');
  });

  it('saves what can be read to a new case file in the workspace, which opens with the same passphrase', async () => {
    const saved = await lead.call('case.saveReadable', {
      caseId,
      passphrase: PASSPHRASE,
      fileName: 'riverside-rescued',
    });
    expect(saved.path).toMatch(/riverside-rescued\.copanel$/);
    // The saved file is a copy of this case: the app opens one copy of a case at a time.
    await lead.call('case.close', { caseId });
    const other = new Client(world);
    const reopened = await other.call('case.open', { path: saved.path!, passphrase: PASSPHRASE });
    expect(reopened.organisation.name).toBe('Riverside Community Mind');
    await other.call('case.close', { caseId: reopened.caseId });
  });
});

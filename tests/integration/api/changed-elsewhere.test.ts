import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation } from '../../../src/shared/api';
import { Client, PASSPHRASE, makeWorld, type TestWorld } from '../panel/support';

/**
 * Two tabs on one case (browser mode: one session, so both act as the same signed-in lead). Each
 * form sends the details it started from; a tab showing details another tab has since changed
 * must not silently undo that change by saving its whole, out-of-date form.
 */

let world: TestWorld;
let lead: Client;
let caseId: string;
let shownInBothTabs: Organisation;

beforeAll(async () => {
  world = makeWorld();
  lead = new Client(world);
  const opened = await lead.call('case.create', {
    fileName: 'two-tabs',
    organisationName: 'Riverside Mind',
    passphrase: PASSPHRASE,
    leadName: 'Siân Ní Bhriain-Ó Súilleabháin',
    leadPin: '2468',
  });
  caseId = opened.caseId;
  shownInBothTabs = (await lead.call('case.get', { caseId })).organisation;
});

afterAll(async () => {
  await world?.cleanup();
});

describe('the organisation’s details edited in two tabs', () => {
  it('saves the first tab’s change', async () => {
    const saved = await lead.call('organisation.update', {
      caseId,
      organisation: { ...shownInBothTabs, address: '1 Quay Street' },
      savedBefore: shownInBothTabs,
    });
    expect(saved.address).toBe('1 Quay Street');
  });

  it('refuses the second tab’s out-of-date form in plain words, naming what changed, and keeps the first change', async () => {
    const result = await lead.attempt('organisation.update', {
      caseId,
      organisation: { ...shownInBothTabs, contactName: 'Nguyễn Thị Hồng' },
      savedBefore: shownInBothTabs,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('CHANGED_ELSEWHERE');
    expect(result.error.message).toContain('changed in another window or tab');
    expect(result.error.message).toContain('(the address)');
    const now = (await lead.call('case.get', { caseId })).organisation;
    expect(now.address).toBe('1 Quay Street');
    expect(now.contactName).toBe('');
  });

  it('saves the second tab’s change once it starts from what is saved', async () => {
    const current = (await lead.call('case.get', { caseId })).organisation;
    const saved = await lead.call('organisation.update', {
      caseId,
      organisation: { ...current, contactName: 'Nguyễn Thị Hồng' },
      savedBefore: current,
    });
    expect(saved).toMatchObject({ address: '1 Quay Street', contactName: 'Nguyễn Thị Hồng' });
  });

  it('treats services listed with blank lines or spaces as the same list', async () => {
    const current = (await lead.call('case.get', { caseId })).organisation;
    await lead.call('organisation.update', {
      caseId,
      organisation: { ...current, servicesInScope: 'Crisis line\nPeer support' },
      savedBefore: current,
    });
    const saved = await lead.call('organisation.update', {
      caseId,
      organisation: {
        ...current,
        servicesInScope: 'Crisis line\nPeer support',
        contactPhone: '0100 000 0000',
      },
      savedBefore: { ...current, servicesInScope: ' Crisis line\n\nPeer support ' },
    });
    expect(saved.contactPhone).toBe('0100 000 0000');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceFields, EvidenceItem, Organisation, PanelMember } from '../../../src/shared/api';
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

describe('a panel member’s details edited in two tabs', () => {
  let member: PanelMember;
  let shown: { name: string; role: PanelMember['role']; consentToBeNamed: boolean };

  beforeAll(async () => {
    member = await lead.call('panel.addMember', {
      caseId,
      name: 'Ben Okafor',
      role: 'assessor',
      consentToBeNamed: false,
    });
    shown = { name: member.name, role: member.role, consentToBeNamed: member.consentToBeNamed };
  });

  it('saves the first tab’s change, then refuses the second tab’s out-of-date form, naming what changed, with nothing changed', async () => {
    await lead.call('panel.updateMember', {
      caseId,
      memberId: member.id,
      ...shown,
      consentToBeNamed: true,
      savedBefore: shown,
    });
    const result = await lead.attempt('panel.updateMember', {
      caseId,
      memberId: member.id,
      ...shown,
      name: 'Ben Okafor-Reid',
      savedBefore: shown,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('CHANGED_ELSEWHERE');
    expect(result.error.message).toContain('Ben Okafor’s details were changed in another window or tab');
    expect(result.error.message).toContain('(the consent to be named)');
    const now = (await lead.call('panel.list', { caseId })).find((m) => m.id === member.id);
    expect(now).toMatchObject({ name: 'Ben Okafor', consentToBeNamed: true });
  });

  it('saves a form that starts from what is saved', async () => {
    const current = { ...shown, consentToBeNamed: true };
    const saved = await lead.call('panel.updateMember', {
      caseId,
      memberId: member.id,
      ...current,
      name: 'Ben Okafor-Reid',
      savedBefore: current,
    });
    expect(saved).toMatchObject({ name: 'Ben Okafor-Reid', consentToBeNamed: true });
  });

  it('saves as before without what the form started from (the CLI and the demo)', async () => {
    const saved = await lead.call('panel.updateMember', {
      caseId,
      memberId: member.id,
      ...shown,
      role: 'co_assessor',
    });
    expect(saved).toMatchObject({ name: 'Ben Okafor', role: 'co_assessor', consentToBeNamed: false });
  });
});

describe('an item of evidence edited in two tabs', () => {
  let item: EvidenceItem;
  let shown: EvidenceFields;

  beforeAll(async () => {
    item = await lead.call('evidence.add', {
      caseId,
      evidence: {
        title: 'Carers’ survey 2025',
        kind: 'survey',
        source: 'Family and friends group',
        date: '2025-10-01',
        criteria: ['S1.1', 'S2.1'],
        consent: 'not_needed',
        quote: '',
        notes: '',
      },
    });
    const { title, kind, source, date, criteria, consent, quote, notes } = item;
    shown = { title, kind, source, date, criteria, consent, quote, notes };
  });

  it('saves the first tab’s change, then refuses the second tab’s out-of-date form, naming what changed, with nothing changed', async () => {
    await lead.call('evidence.update', {
      caseId,
      evidenceId: item.id,
      evidence: { ...shown, criteria: ['S2.1', 'S1.1', 'S3.1'], notes: '41 replies.' },
      savedBefore: shown,
    });
    const result = await lead.attempt('evidence.update', {
      caseId,
      evidenceId: item.id,
      evidence: { ...shown, source: 'Carers’ forum' },
      savedBefore: shown,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('CHANGED_ELSEWHERE');
    expect(result.error.message).toContain('The details of “Carers’ survey 2025” were changed');
    expect(result.error.message).toContain('(the criteria, notes)');
    const [now] = await lead.call('evidence.list', { caseId });
    expect(now).toMatchObject({
      source: 'Family and friends group',
      criteria: ['S1.1', 'S2.1', 'S3.1'],
      notes: '41 replies.',
    });
  });

  it('saves a form that starts from what is saved, criteria in any order', async () => {
    const current = { ...shown, criteria: ['S3.1', 'S2.1', 'S1.1'], notes: ' 41 replies. ' };
    const saved = await lead.call('evidence.update', {
      caseId,
      evidenceId: item.id,
      evidence: { ...current, source: 'Carers’ forum' },
      savedBefore: current,
    });
    expect(saved).toMatchObject({ source: 'Carers’ forum', notes: '41 replies.' });
  });

  it('saves as before without what the form started from (the CLI and the demo)', async () => {
    const saved = await lead.call('evidence.update', {
      caseId,
      evidenceId: item.id,
      evidence: shown,
    });
    expect(saved).toMatchObject({
      source: 'Family and friends group',
      criteria: ['S1.1', 'S2.1'],
      notes: '',
    });
  });
});

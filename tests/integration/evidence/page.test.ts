import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, handlers } from '../../../src/main/api';
import { buildPanel, PanelClient, type BuiltPanel } from '../../../src/main/demo';
import type { EvidenceFields, EvidenceKind } from '../../../src/shared/api';
import { makeWorld, PASSPHRASE, type TestWorld } from '../panel/support';

/**
 * The evidence register one page at a time (evidence.page), through the dispatcher, on a real
 * encrypted case file: pages in order with the total, search over title/source/notes/quote with
 * LIKE's own characters taken literally, the kind filter, and the contract's limits.
 */

const KINDS: readonly EvidenceKind[] = ['document', 'interview', 'observation', 'survey', 'other'];

function item(index: number): EvidenceFields {
  return {
    title:
      index === 7 ? 'Feedback: 100% of carers_group agreed' : `Evidence ${String(index).padStart(3, '0')}`,
    kind: KINDS[index % KINDS.length]!,
    source: index % 10 === 3 ? 'Northgate carers forum' : 'Riverside team',
    date: null,
    criteria: ['S1.1'],
    consent: index === 11 ? 'given' : 'not_needed',
    quote: index === 11 ? 'They listened to my mum as well as me.' : '',
    notes: index === 20 ? 'Shows the CARERS charter in use.' : '',
  };
}

describe('evidence.page: the register paged and searched in the case file', () => {
  let world: TestWorld;
  let panel: BuiltPanel;
  let lead: PanelClient;
  let caseId: string;
  const COUNT = 120;

  beforeAll(async () => {
    world = makeWorld();
    panel = await buildPanel(
      {
        fileName: 'paging',
        organisation: 'Harbour House Trust (fictional)',
        passphrase: PASSPHRASE,
        lead: { name: 'Asha Patel', pin: '2468' },
        members: [{ name: 'Ben Okafor', role: 'assessor', pin: '1357', consentToBeNamed: true }],
      },
      () => new PanelClient(world.runtime, world.cases),
    );
    ({ caseId, lead } = panel);
    for (let index = 0; index < COUNT; index += 1)
      await lead.call('evidence.add', { caseId, evidence: item(index) });
  }, 120_000);

  afterAll(async () => {
    await world?.cleanup();
  });

  it('pages through the whole register in order, each item once, with the total', async () => {
    const everything = await lead.call('evidence.list', { caseId });
    const seen: string[] = [];
    for (let offset = 0; ; offset += 50) {
      const page = await lead.call('evidence.page', { caseId, offset, limit: 50 });
      expect(page.total).toBe(everything.length);
      expect(page.items.length).toBeLessThanOrEqual(50);
      seen.push(...page.items.map((entry) => entry.id));
      if (page.items.length < 50) break;
    }
    expect(seen).toEqual(everything.map((entry) => entry.id));
    const beyond = await lead.call('evidence.page', { caseId, offset: 10_000, limit: 10 });
    expect(beyond).toMatchObject({ items: [], total: everything.length });
  });

  it('finds words in the title, source, notes and quote, in any case', async () => {
    const page = await lead.call('evidence.page', { caseId, query: 'carers', limit: 100 });
    const titles = page.items.map((entry) => entry.title);
    expect(titles).toContain('Feedback: 100% of carers_group agreed'); // title
    expect(titles).toContain('Evidence 020'); // notes, in capitals
    expect(page.items.filter((entry) => entry.source === 'Northgate carers forum')).toHaveLength(12); // source
    expect(page.total).toBe(page.items.length);
    const quoted = await lead.call('evidence.page', { caseId, query: 'MY MUM' });
    expect(quoted.items.map((entry) => entry.title)).toEqual(['Evidence 011']);
  });

  it('takes %, _ and ! as the characters typed, not as patterns', async () => {
    const percent = await lead.call('evidence.page', { caseId, query: '100%' });
    expect(percent.items.map((entry) => entry.title)).toEqual(['Feedback: 100% of carers_group agreed']);
    expect((await lead.call('evidence.page', { caseId, query: 's_g' })).items).toHaveLength(1);
    expect((await lead.call('evidence.page', { caseId, query: '%' })).total).toBe(1);
    expect((await lead.call('evidence.page', { caseId, query: '_' })).total).toBe(1);
    expect((await lead.call('evidence.page', { caseId, query: '!' })).total).toBe(0);
    expect((await lead.call('evidence.page', { caseId, query: "' or 1=1 --" })).total).toBe(0);
  });

  it('filters by kind, together with a search', async () => {
    const interviews = await lead.call('evidence.page', { caseId, kind: 'interview', limit: 100 });
    expect(interviews.total).toBe(COUNT / KINDS.length);
    expect(interviews.items.every((entry) => entry.kind === 'interview')).toBe(true);
    const both = await lead.call('evidence.page', { caseId, kind: 'survey', query: 'carers' });
    // Every tenth item from the third comes from the carers forum and is a survey; the other carers items are not surveys.
    expect(both.total).toBe(12);
    expect(
      both.items.every((entry) => entry.kind === 'survey' && entry.source === 'Northgate carers forum'),
    ).toBe(true);
  });

  it('refuses a page of more than 100, and a caller who is not signed in', async () => {
    const tooMany = await dispatch(handlers, 'evidence.page', { caseId, limit: 101 }, lead.ctx);
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const stranger = new PanelClient(world.runtime, world.cases);
    const refused = await dispatch(handlers, 'evidence.page', { caseId }, stranger.ctx);
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
  });
});

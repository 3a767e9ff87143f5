import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditLog } from '../../../src/main/casefile';
import { connectClient } from '../../../src/renderer/src/client';
import { buildPanel, PanelClient } from '../../../src/main/demo';
import { SIGNED_IN_AS_FIELD, type InputOf, type OperationName } from '../../../src/shared/api';
import { evidenceFields } from '../casefile/support';
import { Client, makeWorld, PASSPHRASE, type TestWorld } from '../panel/support';

/**
 * Two tabs of one browser share one session. Tab A shows the lead signed in; tab B hands over to
 * Ben on the same session. Everything tab A then sends names the member it shows (the lead), and
 * the dispatcher refuses it: nothing lands in Ben's sealed sheet (nor the lead's), nothing is
 * recorded, and the refusal says who is signed in now.
 */
describe('a page acting for the member it shows, after another tab signed someone else in', () => {
  let world: TestWorld;
  let caseId: string;
  let leadId: string;
  let benId: string;
  /** The one session two tabs of a browser share (browser mode: one host, one launch token). */
  let browser: Client;
  /** The lead's own client, to read the lead's sheet without touching the browser's session. */
  let leadElsewhere: PanelClient;
  /** Ben's own client, likewise. */
  let benElsewhere: PanelClient;

  const asShown = <N extends OperationName>(input: InputOf<N>, memberId: string) => ({
    ...input,
    [SIGNED_IN_AS_FIELD]: memberId,
  });

  async function newestSeq(): Promise<number> {
    const log = await readAuditLog(world.cases.get(caseId).db, { limit: 100_000 });
    return log.at(-1)?.seq ?? 0;
  }

  async function scoreOf(client: PanelClient, criterionId: string) {
    const sheet = await client.call('scoring.mySheet', { caseId });
    return sheet.entries.find((entry) => entry.criterionId === criterionId)?.score ?? null;
  }

  beforeAll(async () => {
    world = makeWorld();
    const panel = await buildPanel(
      {
        fileName: 'two-tabs',
        organisation: 'Cymru Community Mind (fictional)',
        passphrase: PASSPHRASE,
        lead: { name: 'Siân Prŷs-Ellis', pin: '2468' },
        members: [{ name: 'Ben Okafor', role: 'assessor', pin: '1357', consentToBeNamed: true }],
        openScoring: true,
      },
      () => new PanelClient(world.runtime, world.cases),
    );
    caseId = panel.caseId;
    leadElsewhere = panel.lead;
    benElsewhere = panel.members[0]!;
    leadId = leadElsewhere.memberId;
    benId = benElsewhere.memberId;
    browser = new Client(world);
    // Tab A: the lead signs in. Tab B, the same session: hands over to Ben.
    await browser.call('panel.signIn', { caseId, memberId: leadId, pin: '2468' });
    await browser.call('panel.signOut', { caseId });
    await browser.call('panel.signIn', { caseId, memberId: benId, pin: '1357' });
  });

  afterAll(async () => {
    await world?.cleanup();
  });

  it('a score saved from the page showing the lead is refused: it lands in neither sheet, and nothing is recorded', async () => {
    const before = await newestSeq();
    const save: InputOf<'scoring.saveScore'> = {
      caseId,
      criterionId: 'S1.1',
      score: 3,
      rationale: 'Person-centred plans.',
      evidenceIds: [],
    };
    const refused = await browser.attempt('scoring.saveScore', asShown<'scoring.saveScore'>(save, leadId));
    expect(refused).toMatchObject({ ok: false, error: { code: 'SIGNED_IN_ELSEWHERE' } });
    const message = refused.ok ? '' : refused.error.message;
    expect(message).toContain('Siân Prŷs-Ellis’s work');
    expect(message).toContain('Ben Okafor is signed in now');
    expect(message).toContain('Nothing was saved.');
    expect(await scoreOf(benElsewhere, 'S1.1')).toBeNull();
    expect(await scoreOf(leadElsewhere, 'S1.1')).toBeNull();
    expect(await newestSeq()).toBe(before);
  });

  it('a lead-only save from that page is refused as signed in elsewhere, not as Ben’s role', async () => {
    const before = await newestSeq();
    const organisation = {
      name: 'Cymru Community Mind (fictional)',
      address: '1 Heol y Felin',
      registrationNumber: '',
      servicesInScope: 'Crisis café',
      contactName: '',
      contactEmail: '',
      contactPhone: '',
    };
    const refused = await browser.attempt(
      'organisation.update',
      asShown<'organisation.update'>({ caseId, organisation }, leadId),
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'SIGNED_IN_ELSEWHERE' } });
    expect(await newestSeq()).toBe(before);
  });

  it('reading “your score sheet” from that page shows nothing of Ben’s', async () => {
    const refused = await browser.attempt('scoring.mySheet', asShown<'scoring.mySheet'>({ caseId }, leadId));
    expect(refused).toMatchObject({ ok: false, error: { code: 'SIGNED_IN_ELSEWHERE' } });
    expect(refused.ok ? null : refused.error.message).toContain('Nothing more is shown here.');
  });

  it('signing out from that page does not sign Ben out', async () => {
    const refused = await browser.attempt('panel.signOut', asShown<'panel.signOut'>({ caseId }, leadId));
    expect(refused).toMatchObject({ ok: false, error: { code: 'SIGNED_IN_ELSEWHERE' } });
    const opened = await browser.call('case.get', { caseId });
    expect(opened.signedIn?.memberId).toBe(benId);
  });

  it('the page showing Ben (tab B) saves into Ben’s sheet, as before', async () => {
    const save: InputOf<'scoring.saveScore'> = {
      caseId,
      criterionId: 'S1.2',
      score: 2,
      rationale: 'Carers’ group.',
      evidenceIds: [],
    };
    await browser.call('scoring.saveScore', asShown<'scoring.saveScore'>(save, benId));
    expect(await scoreOf(benElsewhere, 'S1.2')).toBe(2);
    expect(await scoreOf(leadElsewhere, 'S1.2')).toBeNull();
  });

  it('once tab B signs out, the page showing the lead is told someone signed out', async () => {
    await browser.call('panel.signOut', { caseId });
    const save: InputOf<'scoring.saveScore'> = {
      caseId,
      criterionId: 'S1.1',
      score: 1,
      rationale: '',
      evidenceIds: [],
    };
    const refused = await browser.attempt('scoring.saveScore', asShown<'scoring.saveScore'>(save, leadId));
    expect(refused).toMatchObject({ ok: false, error: { code: 'SIGNED_IN_ELSEWHERE' } });
    expect(refused.ok ? null : refused.error.message).toMatch(/^Someone signed out of this case/);
    expect(await scoreOf(leadElsewhere, 'S1.1')).toBeNull();
  });

  it('a page that names no member, or not properly', async () => {
    const refused = await browser.attempt('case.progress', { caseId, [SIGNED_IN_AS_FIELD]: 42 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    // Naming nobody (the command line, a page before sign-in): the session decides, as ever.
    await browser.call('panel.signIn', { caseId, memberId: leadId, pin: '2468' });
    await browser.call('scoring.saveScore', {
      caseId,
      criterionId: 'S1.3',
      score: 3,
      rationale: '',
      evidenceIds: [],
    });
    expect(await scoreOf(leadElsewhere, 'S1.3')).toBe(3);
  });
});

/**
 * Files sent into the case (evidence attachments, receipts) name the member the page shows, like
 * every other call: the page's own file transfers (the desktop app's, by path, on the real case
 * file) after another tab on the same session signed Ben in.
 */
describe('a file sent from a page showing the lead, after another tab signed Ben in', () => {
  let world: TestWorld;
  let caseId: string;
  let leadId: string;
  let evidenceId: string;
  let browser: Client;

  /** The page's file transfers, sending over `browser`'s session, reading the chosen file from `dir`. */
  function pageFiles(dir: string) {
    const bridge = {
      transport: 'electron' as const,
      call: (name: string, input: unknown) => browser.attempt(name, input),
      pathForFile: (file: File) => join(dir, file.name),
      chooseSavePath: async () => null,
      onMenuCommand: () => () => {},
      onOpenCaseFile: () => () => {},
    };
    return connectClient(Object.assign(Object.create(null) as Window, { copanel: bridge })).files;
  }

  beforeAll(async () => {
    world = makeWorld();
    const panel = await buildPanel(
      {
        fileName: 'two-tabs-files',
        organisation: 'Cymru Community Mind (fictional)',
        passphrase: PASSPHRASE,
        lead: { name: 'Siân Prŷs-Ellis', pin: '2468' },
        members: [{ name: 'Ben Okafor', role: 'assessor', pin: '1357', consentToBeNamed: true }],
      },
      () => new PanelClient(world.runtime, world.cases),
    );
    caseId = panel.caseId;
    leadId = panel.lead.memberId;
    evidenceId = (
      await panel.lead.call('evidence.add', {
        caseId,
        evidence: evidenceFields({ title: 'Minutes of the members’ forum', kind: 'document' }),
      })
    ).id;
    browser = new Client(world);
    await browser.call('panel.signIn', { caseId, memberId: leadId, pin: '2468' });
    await browser.call('panel.signOut', { caseId });
    await browser.call('panel.signIn', { caseId, memberId: panel.members[0]!.memberId, pin: '1357' });
  });

  afterAll(async () => {
    await world?.cleanup();
  });

  it('an evidence attachment is refused as signed in elsewhere: nothing is attached, nothing recorded', async () => {
    const dir = world.runtime.workspaceDir;
    writeFileSync(join(dir, 'forum.txt'), 'Forum minutes, March 2026 (fictional).');
    const log = async () => (await readAuditLog(world.cases.get(caseId).db, { limit: 100_000 })).length;
    const before = await log();
    const refused = await pageFiles(dir).attach(
      { caseId, evidenceId, signedInAs: leadId },
      new File(['Forum minutes, March 2026 (fictional).'], 'forum.txt', { type: 'text/plain' }),
      () => undefined,
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'SIGNED_IN_ELSEWHERE' } });
    expect(refused.ok ? '' : refused.error.message).toContain('Ben Okafor is signed in now');
    const attachments = await world.cases
      .get(caseId)
      .db.selectFrom('evidence_attachment')
      .select('id')
      .execute();
    expect(attachments).toEqual([]);
    expect(await log()).toBe(before);
  });
});

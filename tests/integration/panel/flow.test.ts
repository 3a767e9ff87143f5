import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditPayloadHash, readAuditLog, verifyAuditChain } from '../../../src/main/casefile';
import { findBundledStandard, listBundledStandards } from '../../../src/main/standards';
import {
  type Access,
  contract,
  OPERATION_NAMES,
  type OperationName,
  moderationOperations,
  outcomeOperations,
  panelOperations,
  scoringOperations,
  type SheetEntry,
} from '../../../src/shared/api';
import type { Score } from '../../../src/shared/scoring';
import { allCriteria, type Standard } from '../../../src/shared/standard';
import {
  addedByLead,
  addPanelMember,
  Client,
  makeWorld,
  PASSPHRASE,
  RIVERSIDE_PANEL,
  riversideCase,
  type TestWorld,
} from './support';

/**
 * The whole panel workflow through the API contract, on a real encrypted case file: the panel is
 * set up, conflicts are declared and decided, three members score under their own sign-in (and one
 * sheet comes from paper), scores stay sealed until moderation opens, the lead moderates a divergent
 * criterion, closes, decides, reopens with a reason (withdrawing the decision) and decides again.
 */

/** Words only each member writes, so that any leak of their sheet shows up in a JSON search. */
const MARK = {
  asha: 'SEALED-ASHA-7f3a',
  ben: 'SEALED-BEN-91c2',
  chloe: 'SEALED-CHLOE-4d8e',
  eli: 'SEALED-ELI-2b6f',
} as const;
type Scorer = keyof typeof MARK;

/** The panel's scores: 2 almost everywhere; S3.2 divergent (0, 2, 2, 1); Ben gives S1.1 a 3; Chloe finds not enough evidence for S2.2. */
function plannedScore(who: Scorer, criterionId: string): Score {
  if (criterionId === 'S3.2') return ({ asha: 0, ben: 2, chloe: 2, eli: 1 } as const)[who];
  if (criterionId === 'S1.1' && who === 'ben') return 3;
  if (criterionId === 'S2.2' && who === 'chloe') return 'not_enough_evidence';
  return 2;
}
const rationaleFor = (who: Scorer, criterionId: string) =>
  `${MARK[who]} ${who} on ${criterionId}: what we saw in the evidence.`;

/** Every operation, sorted by whether it may change anything. The sealing test calls every read. */
/** Every operation the contract declares as a read: the sealing test calls each as every member. */
const READS = new Set<OperationName>(OPERATION_NAMES.filter((name) => contract[name].effect === 'read'));

describe('the panel workflow through the API, on a real encrypted case file', () => {
  let world: TestWorld;
  let standard: Standard;
  let criteria: string[];
  let caseId: string;
  let evidenceId: string;
  const id: Record<'asha' | 'ben' | 'chloe' | 'dev' | 'eli' | 'fran', string> = {
    asha: '',
    ben: '',
    chloe: '',
    dev: '',
    eli: '',
    fran: '',
  };
  let asha: Client;
  let ben: Client;
  let chloe: Client;
  let dev: Client;

  beforeAll(async () => {
    world = makeWorld();
    const bundled = listBundledStandards(world.runtime.resourcesDir)[0];
    if (!bundled) throw new Error('no bundled standard');
    standard = findBundledStandard(world.runtime.resourcesDir, bundled.id, bundled.version) as Standard;
    criteria = allCriteria(standard).map((criterion) => criterion.id);
    asha = new Client(world);
    ben = new Client(world);
    chloe = new Client(world);
    dev = new Client(world);
    const made = await riversideCase(asha, 'riverside', ['Peer support rota']);
    caseId = made.caseId;
    id.asha = made.leadId;
    evidenceId = made.evidenceIds[0] ?? '';
  });

  afterAll(async () => {
    vi.useRealTimers();
    await world?.cleanup();
  });

  it('refuses to open scoring until the panel has an Expert by Experience assessor, saying so plainly', async () => {
    const message = await asha.refused('scoring.open', { caseId }, 'PANEL_INCOMPLETE');
    expect(message).toContain('Scoring opens when the panel has an Expert by Experience assessor.');
    const progress = await asha.call('case.progress', { caseId });
    expect(progress.phase).toBe('preparing');
    expect(progress.stages.find((stage) => stage.name === 'scoring')).toMatchObject({
      state: 'not_yet_open',
    });
    expect(progress.stages.find((stage) => stage.name === 'scoring')?.explanation).toContain(
      'Expert by Experience assessor',
    );
    expect(progress.nextStep).toMatch(/\.$/);
  });

  it('lets the lead build the panel, with exactly one lead', async () => {
    id.ben = await addPanelMember(asha, caseId, RIVERSIDE_PANEL.ben, { firstSignIn: ben });
    id.chloe = await addPanelMember(asha, caseId, RIVERSIDE_PANEL.chloe, {
      consentToBeNamed: false,
      firstSignIn: chloe,
    });
    id.dev = await addPanelMember(asha, caseId, RIVERSIDE_PANEL.dev, { firstSignIn: dev });
    id.eli = await addPanelMember(asha, caseId, RIVERSIDE_PANEL.eli);
    id.fran = await addedByLead(asha, caseId, { name: 'Fran Lowe', role: 'co_assessor' });
    await asha.refused(
      'panel.addMember',
      { caseId, name: 'Second Lead', role: 'lead', consentToBeNamed: true },
      'INVALID_INPUT',
    );
    await asha.refused(
      'panel.updateMember',
      { caseId, memberId: id.ben, name: 'Ben Okafor', role: 'lead', consentToBeNamed: true },
      'INVALID_INPUT',
    );
    await asha.refused('panel.removeMember', { caseId, memberId: id.asha }, 'INVALID_INPUT');
    const panel = await asha.call('panel.list', { caseId });
    expect(panel.map((entry) => entry.role).filter((role) => role === 'lead')).toHaveLength(1);
    expect(panel.find((entry) => entry.id === id.eli)?.hasPin).toBe(false);
  });

  it('signs members in by PIN, and pauses sign-in for 30 seconds after five wrong PINs in a row', async () => {
    expect(await ben.call('panel.signIn', { caseId, memberId: id.ben, pin: '1357' })).toMatchObject({
      name: 'Ben Okafor',
      role: 'assessor',
    });
    await chloe.call('panel.signIn', { caseId, memberId: id.chloe, pin: '8642' });
    await ben.refused('panel.signIn', { caseId, memberId: id.eli, pin: '0000' }, 'WRONG_PIN');

    vi.useFakeTimers({ toFake: ['Date'] });
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect(
        await dev.refused('panel.signIn', { caseId, memberId: id.dev, pin: '9999' }, 'WRONG_PIN'),
      ).toMatch(/not right.*tr(y|ies) left before a 30-second pause/);
    }
    expect(
      await dev.refused('panel.signIn', { caseId, memberId: id.dev, pin: '9999' }, 'WRONG_PIN'),
    ).toContain('paused for 30 seconds');
    expect(
      await dev.refused('panel.signIn', { caseId, memberId: id.dev, pin: '1111' }, 'TOO_MANY_PIN_ATTEMPTS'),
    ).toMatch(
      /Try again in \d+ seconds\. If you have forgotten your PIN: in the panel room, choose “Forgotten your PIN\?”/,
    );
    vi.setSystemTime(Date.now() + 31_000);
    await dev.call('panel.signIn', { caseId, memberId: id.dev, pin: '1111' });
    vi.useRealTimers();
  });

  it('re-reads a signed-in member’s role and membership on every call', async () => {
    const gus = new Client(world);
    const gusId = (
      await asha.call('panel.addMember', {
        caseId,
        name: 'Gus Reed',
        role: 'assessor',
        consentToBeNamed: true,
        pin: '4321',
      })
    ).id;
    await gus.call('panel.choosePin', { caseId, memberId: gusId, pin: '4321', newPin: '6543' });
    await asha.call('panel.updateMember', {
      caseId,
      memberId: gusId,
      name: 'Gus Reed',
      role: 'observer',
      consentToBeNamed: true,
    });
    await gus.refused('scoring.mySheet', { caseId }, 'FORBIDDEN');
    await asha.call('panel.removeMember', { caseId, memberId: gusId });
    await gus.refused(
      'panel.declareConflict',
      { caseId, memberId: gusId, declaration: { kind: 'none' } },
      'NOT_SIGNED_IN',
    );
  });

  it('refuses every lead-only panel operation to an assessor with FORBIDDEN', async () => {
    const samples: Partial<Record<OperationName, unknown>> = {
      'panel.addMember': { caseId, name: 'Someone', role: 'assessor', consentToBeNamed: true },
      'panel.updateMember': {
        caseId,
        memberId: id.chloe,
        name: 'Chloe Davis',
        role: 'observer',
        consentToBeNamed: true,
      },
      'panel.removeMember': { caseId, memberId: id.chloe },
      'panel.decideConflict': { caseId, memberId: id.ben, outcome: 'allowed', reason: 'I say so' },
      'panel.pinResetRequests': { caseId },
      'panel.decidePinReset': {
        caseId,
        requestId: '0b8f6c1e-4f3a-4d2b-9c7e-5a1d2e3f4a5b',
        decision: 'confirm',
        reason: 'I say so',
      },
      'scoring.open': { caseId },
      'scoring.enterPaperSheet': {
        caseId,
        memberId: id.chloe,
        entries: [{ criterionId: 'S1.1', score: 3, rationale: 'x', evidenceIds: [] }],
      },
      'scoring.excludeSheet': { caseId, memberId: id.chloe, reason: 'I say so' },
      'moderation.open': { caseId },
      'moderation.agree': { caseId, criterionId: 'S1.1', score: 3, rationale: 'x' },
      'moderation.close': { caseId },
      'moderation.reopen': { caseId, reason: 'I say so' },
      'outcome.decide': {
        caseId,
        decisionDate: '2026-03-14',
        conditions: [],
        strengths: [],
        recommendations: [],
      },
    };
    const panelWorkflow = {
      ...panelOperations,
      ...scoringOperations,
      ...moderationOperations,
      ...outcomeOperations,
    };
    const leadOnly = (Object.keys(panelWorkflow) as OperationName[]).filter((name) => {
      const access: Access = contract[name].access;
      return access !== 'anyone' && access !== 'case' && !access.includes('assessor');
    });
    expect(leadOnly.length).toBeGreaterThanOrEqual(12);
    for (const name of leadOnly) {
      expect(samples[name], `add a sample input for ${name}`).toBeDefined();
      const result = await ben.attempt(name, samples[name]);
      expect(result, name).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('needs every declared conflict decided (by the lead) before scoring opens', async () => {
    expect(await asha.refused('scoring.open', { caseId }, 'PANEL_INCOMPLETE')).toContain(
      'conflict of interest',
    );
    await ben.call('panel.declareConflict', {
      caseId,
      memberId: id.ben,
      declaration: { kind: 'declared', text: 'I volunteered at Riverside in 2019.' },
    });
    await ben.refused(
      'panel.declareConflict',
      { caseId, memberId: id.chloe, declaration: { kind: 'none' } },
      'FORBIDDEN',
    );
    await chloe.call('panel.declareConflict', { caseId, memberId: id.chloe, declaration: { kind: 'none' } });
    for (const memberId of [id.asha, id.eli, id.fran])
      await asha.call('panel.declareConflict', { caseId, memberId, declaration: { kind: 'none' } });
    const message = await asha.refused('scoring.open', { caseId }, 'CONFLICT_UNDECIDED');
    expect(message).toContain('Ben Okafor');
    await ben.refused(
      'scoring.saveScore',
      { caseId, criterionId: 'S1.1', score: 2, rationale: '', evidenceIds: [] },
      'WRONG_STAGE',
    );
    const decided = await asha.call('panel.decideConflict', {
      caseId,
      memberId: id.ben,
      outcome: 'allowed',
      reason: 'Five years ago and unpaid; no current tie.',
    });
    expect(decided.conflict).toMatchObject({
      status: 'declared',
      decision: { outcome: 'allowed', decidedBy: 'Asha Patel' },
    });
  });

  it('opens scoring; observers never score', async () => {
    const progress = await asha.call('scoring.open', { caseId });
    expect(progress.phase).toBe('scoring');
    await asha.refused('scoring.open', { caseId }, 'WRONG_STAGE');
    await dev.refused(
      'scoring.saveScore',
      { caseId, criterionId: 'S1.1', score: 2, rationale: '', evidenceIds: [] },
      'FORBIDDEN',
    );
    await dev.refused('scoring.mySheet', { caseId }, 'FORBIDDEN');
    await asha.refused(
      'panel.addMember',
      { caseId, name: 'Late Assessor', role: 'assessor', consentToBeNamed: true },
      'WRONG_STAGE',
    );
  });

  const scoreAll = async (
    client: Client,
    who: Scorer,
    only: (criterionId: string) => boolean = () => true,
  ) => {
    for (const criterionId of criteria.filter(only)) {
      await client.call('scoring.saveScore', {
        caseId,
        criterionId,
        score: plannedScore(who, criterionId),
        rationale: rationaleFor(who, criterionId),
        evidenceIds: criterionId === 'S1.1' ? [evidenceId] : [],
      });
    }
  };

  it('saves each member’s draft scores under their own sign-in', async () => {
    await scoreAll(asha, 'asha');
    await scoreAll(ben, 'ben', (criterionId) => criterionId !== 'S6.3');
    await scoreAll(chloe, 'chloe');
    const mine = await ben.call('scoring.mySheet', { caseId });
    expect(mine.memberId).toBe(id.ben);
    expect(mine.scoredCount).toBe(criteria.length - 1);
    expect(mine.entries.find((entry) => entry.criterionId === 'S1.1')).toMatchObject({
      score: 3,
      evidenceIds: [evidenceId],
    });
    expect(mine.problems).toEqual([{ criterionId: 'S6.3', problem: 'Not scored yet.' }]);
    await ben.refused(
      'scoring.saveScore',
      { caseId, criterionId: 'S1.1', score: 2, rationale: '', evidenceIds: ['no-such-evidence'] },
      'INVALID_INPUT',
    );
  });

  /** Calls every read operation of the contract as `client`; returns the JSON of every answer. */
  const readEverything = async (client: Client): Promise<Map<OperationName, string>> => {
    const inputs: Partial<Record<OperationName, unknown>> = {
      'case.checkPassphrase': { passphrase: 'correct horse battery staple' },
      'standard.check': {
        content: readFileSync(
          join(world.runtime.resourcesDir, 'standards', 'coproduction-standard-v1.json'),
          'utf8',
        ),
      },
      'evidence.attachmentInfo': { caseId, attachmentId: 'none' },
      'evidence.viewAttachment': { caseId, attachmentId: 'none', offset: 0 },
      'certificate.download': { caseId, certificateId: 'none', document: 'certificate' },
      'certificate.verify': { fileName: 'not-a-certificate.pdf', base64: 'JVBERi0xLjcK' },
      'certificate.checkCaseFile': {
        checkId: '0b8f6c1e-4f3a-4d2b-9c7e-5a1d2e3f4a5b',
        certificateNumber: 'CPS-2026-none',
        fileName: 'case.copanel',
        passphrase: PASSPHRASE,
      },
      'certificate.caseFileCheckProgress': { checkId: '0b8f6c1e-4f3a-4d2b-9c7e-5a1d2e3f4a5b' },
      'case.passphraseMemory': { path: join(world.runtime.workspaceDir, 'any.copanel') },
      'case.checkBeforeOpening': { path: join(world.runtime.workspaceDir, 'any.copanel') },
      'case.check': { caseId, passphrase: PASSPHRASE },
      'scheme.trainingRecords': { assessorId: 'none' },
      'calibration.practiceCase': { practiceCaseId: 'none' },
      'fees.statement': { caseId, memberId: id.ben },
      'register.revocationList': {
        rootCertificateBase64: 'AAAA',
        rootKeyBase64: 'AAAA',
        rootPassphrase: 'x',
      },
      'register.export': { rootCertificateBase64: 'AAAA', rootKeyBase64: 'AAAA', rootPassphrase: 'x' },
      'register.reminderLetter': { certificateNumber: 'CPS-0000-00000000', kind: 'interim_review' },
    };
    const answers = new Map<OperationName, string>();
    for (const name of READS) {
      const schema = contract[name].input;
      const input = inputs[name] ?? (schema.safeParse({ caseId }).success ? { caseId } : {});
      const result = await client.attempt(name, input);
      expect(
        result.ok || result.error.code !== 'INVALID_INPUT',
        `give ${name} a valid input in readEverything`,
      ).toBe(true);
      answers.set(name, JSON.stringify(result));
    }
    return answers;
  };

  /** Any object in an answer that carries a score and names a member other than `self`. */
  const othersScores = (value: unknown, self: string | null): unknown[] => {
    if (Array.isArray(value)) return value.flatMap((item) => othersScores(item, self));
    if (typeof value !== 'object' || value === null) return [];
    const record = value as Record<string, unknown>;
    const carriesScore = 'score' in record || 'scores' in record || 'entries' in record;
    const owner = record.memberId;
    const found = carriesScore && typeof owner === 'string' && owner !== self ? [record] : [];
    return [...found, ...Object.values(record).flatMap((item) => othersScores(item, self))];
  };

  const expectSealed = async (client: Client, self: Scorer | null) => {
    const answers = await readEverything(client);
    for (const [name, json] of answers) {
      for (const [who, mark] of Object.entries(MARK)) {
        if (who === self) continue;
        expect(json.includes(mark), `${name} showed ${who}’s sealed scores`).toBe(false);
      }
      expect(
        othersScores(JSON.parse(json), self ? id[self] : null),
        `${name} showed someone else’s scores`,
      ).toEqual([]);
    }
    expect(JSON.parse(answers.get('moderation.view') ?? '{}')).toMatchObject({
      ok: false,
      error: { code: 'SCORES_SEALED' },
    });
    if (self) expect(answers.get('scoring.mySheet')).toContain(MARK[self]);
  };

  it('takes the reads for the sealing test from the contract', () => {
    const undeclared = OPERATION_NAMES.filter((name) => !['read', 'change'].includes(contract[name].effect));
    expect(undeclared, 'say whether these operations read or change anything').toEqual([]);
    for (const read of [
      'scoring.mySheet',
      'moderation.view',
      'outcome.preview',
      'certificate.preview',
    ] as const)
      expect(READS.has(read), `${read} reads, so the sealing test must call it`).toBe(true);
  });

  it('SEALING: before moderation, no read operation gives anyone another member’s scores', async () => {
    await expectSealed(ben, 'ben');
    await expectSealed(chloe, 'chloe');
    await expectSealed(asha, 'asha');
    await expectSealed(dev, null);
    expect(
      await asha.refused('panel.setPin', { caseId, memberId: id.ben, pin: '0000' }, 'SCORES_SEALED'),
    ).toContain('only Ben Okafor can change');
    await ben.call('panel.setPin', { caseId, memberId: id.ben, pin: '1357' });
    const panel = await dev.call('panel.list', { caseId });
    expect(panel.find((entry) => entry.id === id.chloe)?.sheet).toMatchObject({
      status: 'in_progress',
      scoredCount: criteria.length,
    });
  });

  it('submits a sheet only when complete, with reasons for every 0 and 3; then locks it', async () => {
    expect(await ben.refused('scoring.submitSheet', { caseId }, 'SHEET_INCOMPLETE')).toContain('S6.3');
    await scoreAll(ben, 'ben', (criterionId) => criterionId === 'S6.3');
    await ben.call('scoring.saveScore', {
      caseId,
      criterionId: 'S1.1',
      score: 3,
      rationale: '',
      evidenceIds: [evidenceId],
    });
    expect(await ben.refused('scoring.submitSheet', { caseId }, 'RATIONALE_REQUIRED')).toContain('S1.1');
    await scoreAll(ben, 'ben', (criterionId) => criterionId === 'S1.1');
    expect((await ben.call('scoring.submitSheet', { caseId })).status).toBe('submitted');
    await ben.refused(
      'scoring.saveScore',
      { caseId, criterionId: 'S2.1', score: 1, rationale: '', evidenceIds: [] },
      'WRONG_STAGE',
    );
    await chloe.call('scoring.submitSheet', { caseId });
    await asha.call('scoring.submitSheet', { caseId });
    await expectSealed(ben, 'ben');
  });

  it('waits for every sheet; the lead enters a paper sheet on a member’s behalf and leaves another out, with reasons', async () => {
    const waiting = await asha.refused('moderation.open', { caseId }, 'WRONG_STAGE');
    expect(waiting).toContain('Eli Brown');
    const paper = criteria.map((criterionId) => ({
      criterionId,
      score: plannedScore('eli', criterionId),
      rationale: rationaleFor('eli', criterionId),
      evidenceIds: [],
    }));
    await asha.refused(
      'scoring.enterPaperSheet',
      { caseId, memberId: id.eli, entries: paper.slice(1) },
      'SHEET_INCOMPLETE',
    );
    const eli = await asha.call('scoring.enterPaperSheet', { caseId, memberId: id.eli, entries: paper });
    expect(eli.sheet).toMatchObject({
      status: 'submitted',
      enteredFromPaper: true,
      scoredCount: criteria.length,
    });
    await asha.refused(
      'scoring.enterPaperSheet',
      { caseId, memberId: id.eli, entries: paper },
      'WRONG_STAGE',
    );
    const fran = await asha.call('scoring.excludeSheet', {
      caseId,
      memberId: id.fran,
      reason: 'Fran was taken ill and left before scoring.',
    });
    expect(fran.sheet).toMatchObject({
      status: 'excluded',
      exclusionReason: 'Fran was taken ill and left before scoring.',
    });
    await expectSealed(chloe, 'chloe');

    const entry = (await readAuditLog(world.cases.get(caseId).db, { limit: 10_000 })).find(
      (row) => row.action === 'scoring.paper_sheet_entered',
    );
    expect(entry?.actor).toMatch(
      /^Asha Patel \(lead, member .+\) on behalf of Eli Brown \(co_assessor, member .+\)$/,
    );
    const note = 'entered from paper by Asha Patel on behalf of Eli Brown';
    expect(entry?.payload_sha256).toBe(
      auditPayloadHash({
        memberId: id.eli,
        enteredBy: id.asha,
        note,
        criteria: criteria.length,
        replacedDrafts: 0,
      }),
    );
  });

  it('opens moderation: now every score is shown side by side, with S3.2 flagged as divergent', async () => {
    expect(
      (await asha.call('case.progress', { caseId })).stages.find((stage) => stage.name === 'moderation')
        ?.state,
    ).toBe('open');
    const view = await asha.call('moderation.open', { caseId });
    expect(view.state).toBe('open');
    expect(view.summary.memberCount).toBe(4);
    const seen = await ben.call('moderation.view', { caseId });
    const s32 = seen.summary.criteria.find((row) => row.criterionId === 'S3.2');
    expect(s32).toMatchObject({ divergent: true, min: 0, max: 2, median: 1.5 });
    expect(seen.summary.criteria[0]?.criterionId).toBe('S3.2');
    expect(JSON.stringify(seen)).toContain(MARK.chloe);
    expect(
      seen.reasoning
        .filter((entry) => entry.criterionId === 'S3.2')
        .map((entry) => entry.memberName)
        .sort(),
    ).toEqual(['Asha Patel', 'Ben Okafor', 'Chloe Davis', 'Eli Brown']);
    expect(JSON.stringify(seen)).not.toContain('Fran Lowe');
    await ben.refused(
      'scoring.saveScore',
      { caseId, criterionId: 'S2.1', score: 1, rationale: '', evidenceIds: [] },
      'WRONG_STAGE',
    );
  });

  it('records agreed scores with the rationale and range rules, keeping the original scores', async () => {
    expect(
      await asha.refused(
        'moderation.agree',
        { caseId, criterionId: 'S3.2', score: 2, rationale: '' },
        'RATIONALE_REQUIRED',
      ),
    ).toContain('divergent');
    const outside = await asha.refused(
      'moderation.agree',
      { caseId, criterionId: 'S3.2', score: 3, rationale: 'They showed us co-delivered training.' },
      'RATIONALE_REQUIRED',
    );
    expect(outside).toContain('outside');
    const agreed = await asha.call('moderation.agree', {
      caseId,
      criterionId: 'S3.2',
      score: 3,
      rationale: 'They showed us co-delivered training.',
      outsideRangeReason: 'New evidence was shown in the room after the sheets were submitted.',
    });
    expect(agreed).toMatchObject({
      score: 3,
      outsideRangeReason: 'New evidence was shown in the room after the sheets were submitted.',
      recordedBy: 'Asha Patel',
    });
    await asha.refused(
      'moderation.agree',
      { caseId, criterionId: 'S2.2', score: 2, rationale: '' },
      'RATIONALE_REQUIRED',
    );
    await asha.call('moderation.agree', {
      caseId,
      criterionId: 'S2.2',
      score: 2,
      rationale: 'The carers’ survey covers it.',
    });
    await asha.refused('moderation.close', { caseId }, 'WRONG_STAGE');
    for (const criterionId of criteria.filter((candidate) => candidate !== 'S3.2' && candidate !== 'S2.2')) {
      await asha.call('moderation.agree', { caseId, criterionId, score: 2, rationale: '' });
    }
    await ben.refused(
      'moderation.agree',
      { caseId, criterionId: 'S1.1', score: 3, rationale: 'x' },
      'FORBIDDEN',
    );
    const dissent = await ben.call('moderation.dissent', {
      caseId,
      criterionId: 'S3.2',
      text: 'I think 2 is fairer: the training is new.',
    });
    expect(dissent).toMatchObject({ memberName: 'Ben Okafor', criterionId: 'S3.2' });

    const original = (await ben.call('scoring.mySheet', { caseId })).entries.find(
      (entry: SheetEntry) => entry.criterionId === 'S3.2',
    );
    expect(original?.score).toBe(2);
    const view = await dev.call('moderation.view', { caseId });
    expect(
      view.summary.criteria.find((row) => row.criterionId === 'S3.2')?.scores.map((entry) => entry.score),
    ).toEqual([0, 2, 2, 1]);
    expect(view.dissent).toHaveLength(1);
    expect((await asha.call('outcome.preview', { caseId })).level).toBe(2);
  });

  it('closes moderation, locking the agreed scores; decides; and reports the next step', async () => {
    await asha.refused(
      'outcome.decide',
      { caseId, decisionDate: '2026-03-14', conditions: [], strengths: [], recommendations: [] },
      'WRONG_STAGE',
    );
    expect((await asha.call('moderation.close', { caseId })).state).toBe('closed');
    await asha.refused(
      'moderation.agree',
      { caseId, criterionId: 'S1.1', score: 3, rationale: 'x' },
      'MODERATION_CLOSED',
    );
    await asha.refused(
      'outcome.decide',
      { caseId, decisionDate: '2026-02-30', conditions: [], strengths: [], recommendations: [] },
      'INVALID_INPUT',
    );
    const decided = await asha.call('outcome.decide', {
      caseId,
      decisionDate: '2026-03-14',
      conditions: [
        { text: 'Pay Experts by Experience for attending the steering group.', dueDate: '2026-09-14' },
      ],
      strengths: [{ statementNumber: 5, text: 'Everyone we met knew their named worker.' }],
      recommendations: [{ statementNumber: 2, text: 'Involve families in reviewing the carers’ leaflet.' }],
    });
    expect(decided).toMatchObject({
      level: 2,
      decisionDate: '2026-03-14',
      validUntil: '2029-03-14',
      interimReviewDue: '2027-09-14',
      decidedBy: 'Asha Patel',
    });
    expect(decided.decision.readAloud.length).toBeGreaterThan(3);
    expect(await ben.call('outcome.get', { caseId })).toEqual(decided);
    await asha.refused(
      'outcome.decide',
      { caseId, decisionDate: '2026-03-14', conditions: [], strengths: [], recommendations: [] },
      'WRONG_STAGE',
    );
    const progress = await ben.call('case.progress', { caseId });
    expect(progress.phase).toBe('decided');
    expect(progress.stages.map((stage) => [stage.name, stage.state])).toEqual([
      ['evidence', 'done'],
      ['panel', 'done'],
      ['scoring', 'done'],
      ['moderation', 'done'],
      ['decision', 'done'],
      ['certificate', 'open'],
    ]);
    expect(progress.nextStep).toBe('Sign the certificate.');
  });

  it('reopens moderation only with a reason, withdrawing the decision so it is taken again', async () => {
    await asha.refused('moderation.reopen', { caseId, reason: '   ' }, 'INVALID_INPUT');
    const view = await asha.call('moderation.reopen', {
      caseId,
      reason: 'Ben’s dissent on S3.2 deserves another look.',
    });
    expect(view.state).toBe('open');
    expect(view.history.map((entry) => entry.action)).toEqual(['opened', 'closed', 'reopened']);
    expect(view.history[2]).toMatchObject({
      by: 'Asha Patel',
      reason: 'Ben’s dissent on S3.2 deserves another look.',
    });
    expect(await asha.call('outcome.get', { caseId })).toBeNull();
    expect((await asha.call('case.progress', { caseId })).phase).toBe('moderation');
    const withdrawn = await world.cases.get(caseId).db.selectFrom('withdrawn_outcome').selectAll().execute();
    expect(withdrawn).toHaveLength(1);
    expect(withdrawn[0]).toMatchObject({ level: 2, reason: 'Ben’s dissent on S3.2 deserves another look.' });

    await asha.call('moderation.agree', {
      caseId,
      criterionId: 'S3.2',
      score: 2,
      rationale: 'On reflection the training is too new to count as Level 3.',
    });
    await asha.call('moderation.close', { caseId });
    const again = await asha.call('outcome.decide', {
      caseId,
      decisionDate: '2026-03-15',
      conditions: [],
      strengths: [],
      recommendations: [],
    });
    expect(again).toMatchObject({ level: 2, validUntil: '2029-03-15' });
  });

  it('keeps an intact audit chain in which every change names the member who made it', async () => {
    const caseFile = world.cases.get(caseId);
    expect(await verifyAuditChain(caseFile.db)).toMatchObject({ ok: true });
    expect(await asha.call('case.verifyAudit', { caseId })).toMatchObject({ ok: true });
    const log = await readAuditLog(caseFile.db, { limit: 10_000 });
    const actions = log.map((row) => row.action);
    for (const action of [
      'panel.member_added',
      'panel.conflict_declared',
      'panel.conflict_decided',
      'scoring.opened',
      'scoring.score_saved',
      'scoring.sheet_submitted',
      'scoring.paper_sheet_entered',
      'scoring.sheet_excluded',
      'moderation.opened',
      'moderation.score_agreed',
      'moderation.dissent_recorded',
      'moderation.closed',
      'outcome.decided',
      'outcome.withdrawn',
      'moderation.reopened',
    ]) {
      expect(actions, action).toContain(action);
    }
    const byWorkflow = log.filter(
      (row) =>
        /^(panel|scoring|moderation|outcome)\./.test(row.action) &&
        // PIN tries are counted by the app: whoever typed a PIN is not known to be the member until it is right.
        row.action !== 'panel.pin_tried' &&
        row.action !== 'panel.pin_accepted',
    );
    for (const row of byWorkflow)
      expect(row.actor, row.action).toMatch(
        // Dev (an observer) and Gus only chose their own PINs at their first sign-in.
        /^(Asha Patel|Ben Okafor|Chloe Davis|Dev Singh|Gus Reed) \((lead|assessor|observer), member [\w-]+\)/,
      );
    expect(
      log.find((row) => row.action === 'scoring.sheet_submitted' && row.actor.startsWith('Ben Okafor')),
    ).toBeDefined();
  });
});

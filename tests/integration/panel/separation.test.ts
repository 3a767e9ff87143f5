import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyCertificate } from '../../../src/main/certificates';
import { PanelClient } from '../../../src/main/demo';
import {
  createSchemeRoot,
  issueAssessorIdentity,
  loadIdentity,
  signPdf,
  type SchemeRoot,
} from '../../../src/main/signing';
import type { InputOf, OperationName } from '../../../src/shared/api';
import type { ErrorCode } from '../../../src/shared/errors';
import type { Score } from '../../../src/shared/scoring';
import { allCriteria } from '../../../src/shared/standard';
import { missingPdfTools, pdfText } from '../documents/pdf-tools';
import {
  addPanelMember,
  makeWorld,
  PASSPHRASE,
  RIVERSIDE_PANEL,
  riversideCase,
  type TestWorld,
} from './support';

/**
 * Issue 11 §1: nobody, the lead included, can act as another member. On a real encrypted case
 * file, through the dispatcher: members' details freeze once scoring opens; PIN resets are limited,
 * explained, shown to the whole panel, and leave the member to choose their own PIN; dissent comes
 * only from members who took part, while moderation is open; evidence a submitted sheet cites stays.
 */

const IDENTITY_PASSWORD = 'a long identity password for the separation test';

/** Expects the call to be refused with `code`; returns the message. */
async function refused<N extends OperationName>(
  client: PanelClient,
  name: N,
  input: InputOf<N>,
  code: ErrorCode,
): Promise<string> {
  const error: unknown = await client.call(name, input).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error, `${name} should be refused with ${code}`).toMatchObject({ code });
  return (error as Error).message;
}

describe('separation of duties on one panel, from scoring to the co-signature', () => {
  let world: TestWorld;
  let caseId: string;
  let criteria: string[];
  let root: SchemeRoot;
  let leadP12: Uint8Array;
  const evidence = { rota: '', survey: '' };
  const id = { asha: '', ben: '', chloe: '', dev: '', eli: '' };
  let asha: PanelClient;
  let ben: PanelClient;
  let chloe: PanelClient;
  let dev: PanelClient;
  let eli: PanelClient;
  const client = () => new PanelClient(world.runtime, world.cases);

  beforeAll(async () => {
    world = makeWorld();
    [asha, ben, chloe, dev, eli] = [client(), client(), client(), client(), client()];
    const made = await riversideCase(asha, 'separation', ['Peer support rota', 'Carers’ survey']);
    caseId = made.caseId;
    id.asha = made.leadId;
    [evidence.rota, evidence.survey] = made.evidenceIds as [string, string];
    id.ben = await addPanelMember(asha, caseId, RIVERSIDE_PANEL.ben, { firstSignIn: ben });
    id.chloe = await addPanelMember(asha, caseId, RIVERSIDE_PANEL.chloe, { firstSignIn: chloe });
    id.dev = await addPanelMember(asha, caseId, RIVERSIDE_PANEL.dev, { firstSignIn: dev });
    id.eli = await addPanelMember(asha, caseId, RIVERSIDE_PANEL.eli, { firstSignIn: eli });
    await ben.call('panel.signIn', { caseId, memberId: id.ben, pin: '1357' });
    await chloe.call('panel.signIn', { caseId, memberId: id.chloe, pin: '8642' });
    await eli.call('panel.signIn', { caseId, memberId: id.eli, pin: '2222' });
    for (const [who, memberId] of [
      [asha, id.asha],
      [ben, id.ben],
      [chloe, id.chloe],
    ] as const)
      await who.call('panel.declareConflict', { caseId, memberId, declaration: { kind: 'none' } });
    await eli.call('panel.declareConflict', {
      caseId,
      memberId: id.eli,
      declaration: { kind: 'declared', text: 'I managed this service until last year.' },
    });
    await asha.call('panel.decideConflict', {
      caseId,
      memberId: id.eli,
      outcome: 'excluded',
      reason: 'Too recent a tie to the service.',
    });
    const standard = await asha.call('standard.forCase', { caseId });
    criteria = allCriteria(standard).map((criterion) => criterion.id);
    await asha.call('scoring.open', { caseId });
  });

  afterAll(async () => {
    vi.useRealTimers();
    await world?.cleanup();
  });

  it('freezes members’ names and consent once scoring opens: a change needs the lead’s reason, kept for the panel', async () => {
    const message = await refused(
      asha,
      'panel.updateMember',
      { caseId, memberId: id.chloe, name: 'Chloe Davies', role: 'assessor', consentToBeNamed: true },
      'WRONG_STAGE',
    );
    expect(message).toContain('give the reason');
    await refused(
      asha,
      'panel.updateMember',
      { caseId, memberId: id.chloe, name: 'Chloe Davis', role: 'assessor', consentToBeNamed: false },
      'WRONG_STAGE',
    );
    await asha.call('panel.updateMember', {
      caseId,
      memberId: id.chloe,
      name: 'Chloe Davies',
      role: 'assessor',
      consentToBeNamed: true,
      reason: 'Her surname was misspelt when the panel was set up.',
    });
    await refused(
      asha,
      'panel.updateMember',
      {
        caseId,
        memberId: id.chloe,
        name: 'Chloe Davies',
        role: 'co_assessor',
        consentToBeNamed: true,
        reason: 'Trying to change a role.',
      },
      'WRONG_STAGE',
    );
  });

  it('refuses a PIN reset during scoring once the member has saved anything: a reason alone, a link, a declaration', async () => {
    await chloe.call('scoring.saveScore', {
      caseId,
      criterionId: 'S1.1',
      score: null,
      rationale: 'Only a reason so far.',
      evidenceIds: [],
    });
    const sealed = await refused(
      asha,
      'panel.setPin',
      { caseId, memberId: id.chloe, pin: '9999', reason: 'She has forgotten it.' },
      'SCORES_SEALED',
    );
    expect(sealed).toContain('Chloe Davies');
    // Ben has saved nothing but his declaration of no conflict: that counts too.
    await refused(
      asha,
      'panel.setPin',
      { caseId, memberId: id.ben, pin: '9999', reason: 'He has forgotten it.' },
      'SCORES_SEALED',
    );
  });

  it('asks the reason for a PIN reset during scoring, and the member then chooses their own PIN at sign-in', async () => {
    await refused(asha, 'panel.setPin', { caseId, memberId: id.dev, pin: '5555' }, 'INVALID_INPUT');
    await asha.call('panel.setPin', {
      caseId,
      memberId: id.dev,
      pin: '5555',
      reason: 'Dev forgot the PIN he was given.',
    });
    const message = await refused(
      dev,
      'panel.signIn',
      { caseId, memberId: id.dev, pin: '5555' },
      'NEW_PIN_NEEDED',
    );
    expect(message).toContain('choose your own PIN');
    await refused(
      dev,
      'panel.choosePin',
      { caseId, memberId: id.dev, pin: '5555', newPin: '5555' },
      'INVALID_INPUT',
    );
    await refused(
      dev,
      'panel.choosePin',
      { caseId, memberId: id.dev, pin: '0000', newPin: '7373' },
      'WRONG_PIN',
    );
    expect(
      await dev.call('panel.choosePin', { caseId, memberId: id.dev, pin: '5555', newPin: '7373' }),
    ).toMatchObject({ memberId: id.dev, name: 'Dev Singh' });
    await dev.call('panel.signIn', { caseId, memberId: id.dev, pin: '7373' });
    await refused(dev, 'panel.signIn', { caseId, memberId: id.dev, pin: '5555' }, 'WRONG_PIN');
  });

  it('everyone scores; removing evidence a submitted sheet cites is refused, naming the sheet (its criteria stay sealed)', async () => {
    const score = (criterionId: string): Score => (criterionId === 'S3.2' ? 1 : 2);
    for (const who of [asha, ben, chloe]) {
      for (const criterionId of criteria)
        await who.call('scoring.saveScore', {
          caseId,
          criterionId,
          score: score(criterionId),
          rationale: `What we saw for ${criterionId}.`,
          evidenceIds: who === ben && criterionId === 'S1.1' ? [evidence.rota] : [],
        });
      await who.call('scoring.submitSheet', { caseId });
    }
    const message = await refused(
      asha,
      'evidence.remove',
      { caseId, evidenceId: evidence.rota },
      'EVIDENCE_IN_USE',
    );
    expect(message).toContain('Peer support rota');
    expect(message).toContain('Ben Okafor’s');
    expect(message).not.toContain('S1.1');
    expect((await asha.call('evidence.list', { caseId })).map((item) => item.id)).toContain(evidence.rota);
  });

  it('in moderation, names the criteria that cite the evidence; the submitted sheet keeps its link', async () => {
    await asha.call('moderation.open', { caseId });
    const message = await refused(
      asha,
      'evidence.remove',
      { caseId, evidenceId: evidence.rota },
      'EVIDENCE_IN_USE',
    );
    expect(message).toContain('Ben Okafor’s sheet (S1.1)');
    const view = await ben.call('moderation.view', { caseId });
    expect(
      view.reasoning.find((entry) => entry.memberId === id.ben && entry.criterionId === 'S1.1')?.evidenceIds,
    ).toEqual([evidence.rota]);
    await asha.call('evidence.remove', { caseId, evidenceId: evidence.survey });
  });

  it('shows every PIN reset and change of details since scoring opened to the whole panel, with who, when and why', async () => {
    await asha.call('panel.setPin', {
      caseId,
      memberId: id.ben,
      pin: '3141',
      reason: 'Ben’s phone ran out of battery and he forgot his PIN.',
    });
    await ben.call('panel.choosePin', { caseId, memberId: id.ben, pin: '3141', newPin: '2718' });
    const view = await chloe.call('moderation.view', { caseId });
    expect(view.panelChanges.map((change) => [change.kind, change.memberName, change.by])).toEqual([
      ['details_changed', 'Chloe Davis', 'Asha Patel'],
      ['pin_reset', 'Dev Singh', 'Asha Patel'],
      ['pin_reset', 'Ben Okafor', 'Asha Patel'],
    ]);
    const benReset = view.panelChanges[2];
    expect(benReset?.reason).toBe('Ben’s phone ran out of battery and he forgot his PIN.');
    expect(benReset?.stage).toBe('moderation');
    expect(benReset?.summary).toMatch(
      /^Ben Okafor’s PIN reset by the lead, Asha Patel, at \d{2}:\d{2} UTC on \d+ \w+ \d{4}, during moderation\.$/,
    );
  });

  it('takes dissent only from scoring members who took part, and only while moderation is open', async () => {
    for (const criterionId of criteria)
      await asha.call('moderation.agree', {
        caseId,
        criterionId,
        score: criterionId === 'S3.2' ? 1 : 2,
        rationale: 'The panel agreed after discussion.',
      });
    await dev.call('panel.signIn', { caseId, memberId: id.dev, pin: '7373' });
    await refused(
      dev,
      'moderation.dissent',
      { caseId, criterionId: 'S3.2', text: 'I watched and disagree.' },
      'FORBIDDEN',
    );
    await refused(
      eli,
      'moderation.dissent',
      { caseId, criterionId: 'S3.2', text: 'I was excluded but disagree.' },
      'FORBIDDEN',
    );
    await chloe.call('moderation.dissent', { caseId, criterionId: 'S3.2', text: 'I still think it is a 1.' });
    await asha.call('moderation.close', { caseId });
    await refused(
      chloe,
      'moderation.dissent',
      { caseId, criterionId: 'S3.2', text: 'Once more, after closing.' },
      'MODERATION_CLOSED',
    );
  });

  it('THE ATTACK: after the decision the lead cannot rename anyone; a PIN reset is visible, and co-signing as the Expert by Experience with the lead’s key is refused — by the app and by the verifier', async () => {
    await asha.call('outcome.decide', {
      caseId,
      decisionDate: new Date().toISOString().slice(0, 10),
      conditions: [],
      strengths: [],
      recommendations: [],
    });
    const now = new Date();
    root = await createSchemeRoot({ name: 'Coproduction Quality Standard', passphrase: PASSPHRASE, now });
    const issue = (name: string, role: string) =>
      issueAssessorIdentity({
        root,
        rootPassphrase: PASSPHRASE,
        name,
        role,
        password: IDENTITY_PASSWORD,
        validDays: 4 * 365 + 1,
        now,
      });
    leadP12 = (await issue('Asha Patel', 'Lead assessor')).pkcs12;
    const base64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');
    await asha.call('trust.add', { fileName: 'scheme-root.pem', base64: base64(root.certificatePem) });
    const leadIdentity = await asha.call('identity.import', {
      fileName: 'asha-patel.p12',
      base64: base64(leadP12),
      password: IDENTITY_PASSWORD,
    });
    const signed = await asha.call('certificate.sign', {
      caseId,
      identityId: leadIdentity.id,
      identityPassword: IDENTITY_PASSWORD,
      coSignerMemberId: id.ben,
    });

    // 1. The lead renames themself: refused — the panel is fixed once the decision is taken.
    const renameSelf = await refused(
      asha,
      'panel.updateMember',
      {
        caseId,
        memberId: id.asha,
        name: 'Asha P. Patel',
        role: 'lead',
        consentToBeNamed: true,
        reason: 'Just tidying up.',
      },
      'WRONG_STAGE',
    );
    expect(renameSelf).toContain('reopen moderation');
    // 2. The lead renames the Expert by Experience to the lead's own name: refused.
    await refused(
      asha,
      'panel.updateMember',
      {
        caseId,
        memberId: id.ben,
        name: 'Asha Patel',
        role: 'assessor',
        consentToBeNamed: true,
        reason: 'Just tidying up.',
      },
      'WRONG_STAGE',
    );
    // 3. The lead resets Ben's PIN: allowed only with a reason, and the whole panel sees it.
    await asha.call('panel.setPin', {
      caseId,
      memberId: id.ben,
      pin: '4444',
      reason: 'Ben cannot sign in to co-sign.',
    });
    expect((await chloe.call('moderation.view', { caseId })).panelChanges.at(-1)).toMatchObject({
      kind: 'pin_reset',
      memberName: 'Ben Okafor',
      by: 'Asha Patel',
      stage: 'decided',
    });
    // 4. Signing in as Ben with the PIN the lead set: refused until a new PIN is chosen. (The lead
    //    could choose one, but then Ben's own PIN no longer works and the reset is on record.)
    await refused(asha, 'panel.signIn', { caseId, memberId: id.ben, pin: '4444' }, 'NEW_PIN_NEEDED');
    await asha.call('panel.choosePin', { caseId, memberId: id.ben, pin: '4444', newPin: '4545' });
    // 5. Co-signing in Ben's name with the lead's own identity: refused (Ben's name is still his own).
    const coSign = await refused(
      asha,
      'certificate.coSign',
      { caseId, identityId: leadIdentity.id, identityPassword: IDENTITY_PASSWORD },
      'FORBIDDEN',
    );
    expect(coSign).toContain('belongs to Asha Patel, but Ben Okafor is signed in');
    // And a co-signature on the lead's key, made outside the app, is not valid to the verifier.
    const { pdf: leadSigned } = await world.cases
      .get(caseId)
      .db.selectFrom('certificate')
      .select('pdf')
      .where('id', '=', signed.id)
      .executeTakeFirstOrThrow();
    const lead = await loadIdentity(leadP12, IDENTITY_PASSWORD);
    const forged = await signPdf(leadSigned, {
      identity: lead,
      role: 'co-signer',
      signingTime: new Date(),
      reason: 'Co-signed by an Expert by Experience',
    });
    const verdict = await verifyCertificate(forged, { trustedRoots: [root.certificate], now: new Date() });
    expect(verdict.valid).toBe(false);
    expect(
      verdict.checks
        .filter((check) => !check.passed)
        .map((check) => check.message)
        .join('\n'),
    ).toContain('same key as the lead assessor');
    // Ben co-signs with his own identity, still signed in on his own device: the genuine way works.
    const benIdentity = await ben.call('identity.import', {
      fileName: 'ben-okafor.p12',
      base64: base64((await issue('Ben Okafor', 'Expert by Experience assessor')).pkcs12),
      password: IDENTITY_PASSWORD,
    });
    expect(
      await ben.call('certificate.coSign', {
        caseId,
        identityId: benIdentity.id,
        identityPassword: IDENTITY_PASSWORD,
      }),
    ).toMatchObject({ status: 'issued' });
  });

  it.skipIf(missingPdfTools().length > 0)(
    'the signed report lists the PIN resets, in words, for everyone who reads it',
    async () => {
      const [record] = await asha.call('certificate.list', { caseId });
      const report = await asha.call('certificate.download', {
        caseId,
        certificateId: record?.id ?? '',
        document: 'report',
      });
      const file = join(world.runtime.workspaceDir, 'report.pdf');
      writeFileSync(file, Buffer.from(report.base64, 'base64'));
      const text = pdfText(file);
      expect(text).toContain('PIN reset by the lead, Asha Patel, at');
      expect(text).toContain('Ben’s phone ran out of battery and he forgot his PIN.');
      expect(text).toContain('Dev forgot the PIN he was given.');
    },
  );
});

describe('wrong PINs are counted in the case file, and the pause grows', () => {
  let world: TestWorld;
  let path: string;
  let caseId: string;
  let benId: string;

  beforeAll(async () => {
    world = makeWorld();
    const lead = new PanelClient(world.runtime, world.cases);
    ({ caseId, path } = await riversideCase(lead, 'pins'));
    benId = await addPanelMember(lead, caseId, RIVERSIDE_PANEL.ben, {
      firstSignIn: new PanelClient(world.runtime, world.cases),
    });
    await lead.call('case.close', { caseId });
  });

  afterAll(async () => {
    vi.useRealTimers();
    await world?.cleanup();
  });

  /** One try at Ben's PIN as a freshly started app would make it: new modules, the file opened again. */
  async function tryAfterRestart(pin: string): Promise<{ code: string; message: string } | 'signed in'> {
    vi.resetModules();
    const api = await import('../../../src/main/api');
    const { CaseRegistry } = await import('../../../src/main/casefile');
    const cases = new CaseRegistry();
    try {
      const ctx = api.clientContext(world.runtime, cases, api.COMMAND_LINE);
      await api.invoke('case.open', { path, passphrase: PASSPHRASE }, ctx);
      const result = await api.dispatch(api.handlers, 'panel.signIn', { caseId, memberId: benId, pin }, ctx);
      return result.ok ? 'signed in' : result.error;
    } finally {
      await cases.closeAll();
    }
  }

  it('pauses for 30 s after five wrong PINs, then 1 min, 5 min, 15 min after each further wrong PIN — across restarts', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = new Date('2026-11-26T10:00:00Z').getTime();
    vi.setSystemTime(start);
    for (let attempt = 1; attempt <= 4; attempt += 1)
      expect(await tryAfterRestart('9999')).toMatchObject({ code: 'WRONG_PIN' });
    expect(await tryAfterRestart('9999')).toMatchObject({
      code: 'WRONG_PIN',
      message: expect.stringContaining('paused for 30 seconds'),
    });
    expect(await tryAfterRestart('1357')).toMatchObject({
      code: 'TOO_MANY_PIN_ATTEMPTS',
      message: expect.stringMatching(/Try again in 30 seconds/),
    });
    let at = start;
    for (const [pause, words] of [
      [30_000, '1 minute'],
      [60_000, '5 minutes'],
      [300_000, '15 minutes'],
    ] as const) {
      at += pause - 1000;
      vi.setSystemTime(at);
      expect(await tryAfterRestart('1357')).toMatchObject({ code: 'TOO_MANY_PIN_ATTEMPTS' });
      at += 1000;
      vi.setSystemTime(at);
      expect(await tryAfterRestart('9999')).toMatchObject({
        code: 'WRONG_PIN',
        message: expect.stringContaining(`paused for ${words}`),
      });
    }
    at += 15 * 60_000;
    vi.setSystemTime(at);
    expect(await tryAfterRestart('1357')).toBe('signed in');
    // A right PIN starts the count again: four wrong ones do not pause.
    for (let attempt = 1; attempt <= 4; attempt += 1)
      expect(await tryAfterRestart('9999')).toMatchObject({ code: 'WRONG_PIN' });
    expect(await tryAfterRestart('1357')).toBe('signed in');
  });

  it('counts guesses made at the same moment from many devices: five are checked, the rest wait', async () => {
    vi.useRealTimers();
    const api = await import('../../../src/main/api');
    const cases = new (await import('../../../src/main/casefile')).CaseRegistry();
    const opener = api.clientContext(world.runtime, cases, api.COMMAND_LINE);
    await api.invoke('case.open', { path, passphrase: PASSPHRASE }, opener);
    try {
      const guesses = await Promise.all(
        Array.from({ length: 12 }, (_, index) =>
          api.dispatch(
            api.handlers,
            'panel.signIn',
            { caseId, memberId: benId, pin: String(9000 + index) },
            api.clientContext(world.runtime, cases, api.COMMAND_LINE),
          ),
        ),
      );
      const codes = guesses.map((result) => (result.ok ? 'signed in' : result.error.code));
      expect(codes.filter((code) => code === 'WRONG_PIN')).toHaveLength(5);
      expect(codes.filter((code) => code === 'TOO_MANY_PIN_ATTEMPTS')).toHaveLength(7);
    } finally {
      await cases.closeAll();
    }
  });
});

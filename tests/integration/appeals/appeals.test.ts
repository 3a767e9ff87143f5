import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  clientContext,
  COMMAND_LINE,
  dispatch,
  handlers,
  SchemeOffice,
  type ApiContext,
} from '../../../src/main/api';
import { CaseRegistry, readAuditLog, verifyAuditChain } from '../../../src/main/casefile';
import { buildDemoAssessment, DEMO_PANEL, oneTimePinFor } from '../../../src/main/demo';
import { nodeRuntime, type RuntimeEnvironment } from '../../../src/main/runtime';
import type { InputOf, OperationName, OutputOf } from '../../../src/shared/api';
import type { ErrorCode } from '../../../src/shared/errors';
import { kitemarkRevocationSerial, parseRevocationList, PkiCertificate } from '../../../src/main/signing';
import { makeTempDir } from '../casefile/support';
import { memberWithOwnPin } from '../panel/support';

/**
 * Appeals end to end through the API on the demo's real encrypted case file, linked to its real
 * scheme file (open here, so the register follows): the deadline in UK calendar days, a late appeal
 * needing its reason, the original panel refused as reviewers, the review panel's lead alone
 * deciding, every outcome, the register's "under appeal" / reinstated / superseded, and the audit chain.
 */

const temp = makeTempDir('copanel-appeals-');
const PASSPHRASE = 'lantern-meadow-quartz-harbor-violin';
const GROUNDS_MARK = 'GROUNDS-7c41-the-carers-forum-evidence-was-not-read';

class Caller {
  readonly ctx: ApiContext;
  constructor(runtime: RuntimeEnvironment, cases: CaseRegistry, office: SchemeOffice) {
    this.ctx = clientContext(runtime, cases, COMMAND_LINE, office);
  }
  async call<N extends OperationName>(name: N, input: InputOf<N>): Promise<OutputOf<N>> {
    const result = await dispatch(handlers, name, input, this.ctx);
    if (!result.ok) throw new Error(`${name} failed with ${result.error.code}: ${result.error.message}`);
    return result.value as OutputOf<N>;
  }
  async refused<N extends OperationName>(name: N, input: InputOf<N>, code: ErrorCode): Promise<string> {
    const result = await dispatch(handlers, name, input, this.ctx);
    expect(result, `${name} should be refused with ${code}`).toMatchObject({ ok: false, error: { code } });
    return result.ok ? '' : result.error.message;
  }
}

let cases: CaseRegistry;
let office: SchemeOffice;
let runtime: RuntimeEnvironment;
let caseId: string;
let casePath: string;
let oldNumber: string;
let identities: { lead: string; expertByExperience: string };
let rootFiles: { rootCertificateBase64: string; rootKeyBase64: string; rootPassphrase: string };
const people: Record<string, Caller> = {};
const ids: Record<string, string> = {};
let lead: Caller;

async function signedIn(name: string, memberId: string, pin: string): Promise<Caller> {
  const caller = new Caller(runtime, cases, office);
  await caller.call('panel.signIn', { caseId, memberId, pin });
  people[name] = caller;
  ids[name] = memberId;
  return caller;
}

async function addObserver(name: string, pin: string): Promise<Caller> {
  // Their first sign-in: the PIN the lead typed works only to choose their own.
  const caller = new Caller(runtime, cases, office);
  ids[name] = await memberWithOwnPin(
    lead,
    caller,
    caseId,
    { name, role: 'observer', pin: oneTimePinFor(pin) },
    pin,
  );
  people[name] = caller;
  return caller;
}

/** What commissioners are told: the certificate's status in the signed register and whether the signed revocation list holds it. */
async function publishedFor(number: string) {
  const exported = await lead.call('register.export', rootFiles);
  const json = exported.files.find((file) => file.fileName.endsWith('.json'))!;
  const register = JSON.parse(Buffer.from(json.base64, 'base64').toString('utf8')) as {
    entries: Array<{ certificateNumber: string; status: { state: string; reason?: string } }>;
  };
  const list = await lead.call('register.revocationList', rootFiles);
  const parsed = await parseRevocationList(Buffer.from(list.base64, 'base64').toString('utf8'), [
    PkiCertificate.from(Buffer.from(rootFiles.rootCertificateBase64, 'base64').toString('utf8')),
  ]);
  return {
    status: register.entries.find((entry) => entry.certificateNumber === number)?.status,
    listedAs: parsed.entries.find((entry) => entry.serial === kitemarkRevocationSerial(number))?.reason,
  };
}

/** The lead forms the review panel of Grace and Hamid, led by `reviewLead`, who records the outcome. */
async function reviewed(
  appealId: string,
  reviewLead: 'Grace Mensah' | 'Hamid Rahimi',
  decision: Pick<InputOf<'appeal.decide'>, 'outcome' | 'reasons'>,
) {
  await lead.call('appeal.formPanel', {
    caseId,
    appealId,
    memberIds: [ids['Grace Mensah']!, ids['Hamid Rahimi']!],
    leadMemberId: ids[reviewLead]!,
  });
  return people[reviewLead]!.call('appeal.decide', { caseId, appealId, ...decision });
}

async function registerEntry(number: string) {
  const { entries } = await lead.call('register.list', {});
  const entry = entries.find((candidate) => candidate.certificateNumber === number);
  if (!entry) throw new Error(`${number} is not in the register`);
  return entry;
}

beforeAll(async () => {
  const demoDir = join(temp.dir, 'demo');
  const demo = await buildDemoAssessment({
    outDir: demoDir,
    passphrase: PASSPHRASE,
    runtime: nodeRuntime('cli', { workspaceDir: demoDir, userDataDir: join(temp.dir, 'demo-data') }),
  });
  oldNumber = demo.certificateNumber;
  casePath = demo.caseFile;
  runtime = nodeRuntime('cli', { workspaceDir: demoDir, userDataDir: join(temp.dir, 'app-data') });
  cases = new CaseRegistry({ userDataDir: runtime.userDataDir });
  office = new SchemeOffice();
  lead = new Caller(runtime, cases, office);
  const opened = await lead.call('case.open', { path: demo.caseFile, passphrase: PASSPHRASE });
  caseId = opened.caseId;
  await lead.call('scheme.open', { path: demo.schemeFile, passphrase: PASSPHRASE, yourName: 'Mo Reyes' });
  const members = await lead.call('panel.list', { caseId });
  const idOf = (name: string) => members.find((member) => member.name === name)?.id ?? '';
  lead = await signedIn(DEMO_PANEL.lead.name, idOf(DEMO_PANEL.lead.name), DEMO_PANEL.lead.pin);
  const expert = DEMO_PANEL.experts[0];
  await signedIn(expert.name, idOf(expert.name), expert.pin);
  const base64 = (path: string) => readFileSync(path).toString('base64');
  rootFiles = {
    rootCertificateBase64: base64(demo.schemeRoot),
    rootKeyBase64: base64(demo.schemeRootKey),
    rootPassphrase: PASSPHRASE,
  };
  await lead.call('trust.add', { fileName: 'scheme-root.pem', base64: base64(demo.schemeRoot) });
  identities = {
    lead: (
      await lead.call('identity.import', {
        fileName: 'amara-okafor.p12',
        base64: base64(demo.identities.lead),
        password: PASSPHRASE,
      })
    ).id,
    expertByExperience: (
      await lead.call('identity.import', {
        fileName: 'dafydd-llywelyn.p12',
        base64: base64(demo.identities.expertByExperience),
        password: PASSPHRASE,
      })
    ).id,
  };
  await lead.call('register.importCertificate', {
    fileName: 'certificate.pdf',
    base64: base64(demo.certificate),
  });
}, 300_000);

afterAll(async () => {
  vi.useRealTimers();
  await office?.close();
  await cases?.closeAll();
  temp.cleanup();
});

describe('appeals on a real encrypted case file linked to its scheme file', () => {
  let appealId = '';

  it('records an appeal in time: 28 days from the decision, and the register shows the certificate under appeal', async () => {
    const before = await lead.call('appeal.view', { caseId });
    expect(before.appealDays).toBe(28);
    expect(before.appealDaysFrom).toBe('scheme');
    expect(before.decision?.certificateNumber).toBe(oldNumber);
    const decisionDate = before.decision?.decisionDate ?? '';
    const deadline = new Date(`${decisionDate}T00:00:00Z`);
    deadline.setUTCDate(deadline.getUTCDate() + 28);
    expect(before.deadline).toBe(deadline.toISOString().slice(0, 10));

    const expert = DEMO_PANEL.experts[0].name;
    await people[expert]!.refused('appeal.record', { caseId, grounds: 'Not mine to record.' }, 'FORBIDDEN');
    const recorded = await lead.call('appeal.record', {
      caseId,
      grounds: `${GROUNDS_MARK}: please look again.`,
    });
    expect(recorded.register).toBe(`Certificate ${oldNumber} shows as under appeal in the register.`);
    const appeal = recorded.appeals.appeals[0]!;
    appealId = appeal.id;
    expect(appeal).toMatchObject({
      late: false,
      lateReason: null,
      outcome: null,
      certificateNumber: oldNumber,
    });
    const entry = await registerEntry(oldNumber);
    expect(entry.status.state).toBe('suspended');
    expect(entry.status.words).toContain('under appeal');
    await lead.refused('appeal.record', { caseId, grounds: 'A second appeal.' }, 'WRONG_STAGE');
  });

  it('refuses anyone who sat on the original panel as a reviewer, the lead included, in plain words', async () => {
    const expert = DEMO_PANEL.experts[0].name;
    await addObserver('Grace Mensah', '3141');
    await addObserver('Hamid Rahimi', '2718');
    const view = await lead.call('appeal.view', { caseId });
    expect(view.eligibleReviewers.map((member) => member.name)).toEqual(['Grace Mensah', 'Hamid Rahimi']);

    const leadRefused = await lead.refused(
      'appeal.formPanel',
      {
        caseId,
        appealId,
        memberIds: [ids[DEMO_PANEL.lead.name]!, ids['Grace Mensah']!],
        leadMemberId: ids['Grace Mensah']!,
      },
      'REVIEWER_SAT_ON_PANEL',
    );
    expect(leadRefused).toContain(`${DEMO_PANEL.lead.name} sat on the original panel as lead assessor,`);
    const expertRefused = await lead.refused(
      'appeal.formPanel',
      { caseId, appealId, memberIds: [ids['Grace Mensah']!, ids[expert]!], leadMemberId: ids[expert]! },
      'REVIEWER_SAT_ON_PANEL',
    );
    expect(expertRefused).toContain(
      `${expert} sat on the original panel as assessor (Expert by Experience),`,
    );
    await people['Grace Mensah']!.refused(
      'appeal.formPanel',
      {
        caseId,
        appealId,
        memberIds: [ids['Grace Mensah']!, ids['Hamid Rahimi']!],
        leadMemberId: ids['Grace Mensah']!,
      },
      'FORBIDDEN',
    );

    const formed = await lead.call('appeal.formPanel', {
      caseId,
      appealId,
      memberIds: [ids['Grace Mensah']!, ids['Hamid Rahimi']!],
      leadMemberId: ids['Grace Mensah']!,
    });
    expect(formed.appeals.appeals[0]!.reviewers).toEqual([
      { memberId: ids['Grace Mensah'], name: 'Grace Mensah', isLead: true },
      { memberId: ids['Hamid Rahimi'], name: 'Hamid Rahimi', isLead: false },
    ]);
  });

  it('lets the reviewers read the moderation record but not change it', async () => {
    const grace = people['Grace Mensah']!;
    const record = await grace.call('moderation.view', { caseId });
    expect(record.state).toBe('closed');
    expect(record.agreed.length).toBeGreaterThan(0);
    expect(await grace.call('outcome.get', { caseId })).toMatchObject({ level: 2 });
    await grace.refused(
      'moderation.agree',
      { caseId, criterionId: 'S1.1', score: 3, rationale: 'Changed by a reviewer.' },
      'FORBIDDEN',
    );
  });

  it('lets only the review panel’s own lead decide; dismissing reinstates the certificate in the register', async () => {
    const decision = {
      caseId,
      appealId,
      outcome: 'dismissed' as const,
      reasons: 'The grounds are about the standard itself.',
    };
    expect(await lead.refused('appeal.decide', decision, 'FORBIDDEN')).toContain(
      'only the review panel’s lead, Grace Mensah',
    );
    await people['Hamid Rahimi']!.refused('appeal.decide', decision, 'FORBIDDEN');
    const decided = await people['Grace Mensah']!.call('appeal.decide', decision);
    expect(decided.register).toBe(
      `Certificate ${oldNumber} is reinstated in the register: the decision stands.`,
    );
    expect(decided.appeals.appeals[0]).toMatchObject({ outcome: 'dismissed', decidedBy: 'Grace Mensah' });
    const entry = await registerEntry(oldNumber);
    expect(entry.status.state).toBe('valid');
    // The register's history names who acted in the case, not who opened the scheme file.
    expect(entry.events.map((event) => [event.kind, event.reason, event.recordedBy])).toEqual([
      ['suspended', 'under appeal', `${DEMO_PANEL.lead.name}, lead assessor, in the case file`],
      ['reinstated', 'appeal dismissed', 'Grace Mensah, review panel lead, in the case file'],
    ]);
    expect(await publishedFor(oldNumber)).toEqual({
      status: expect.objectContaining({ state: 'valid' }),
      listedAs: undefined,
    });
    await people['Grace Mensah']!.refused('appeal.decide', { ...decision, outcome: 'varied' }, 'WRONG_STAGE');
  });

  it('dismissing an appeal leaves a suspension the scheme office recorded for another reason in force, and says so', async () => {
    const investigation = 'Complaint under investigation';
    await lead.call('register.record', {
      certificateNumber: oldNumber,
      kind: 'suspended',
      reason: investigation,
    });
    const recorded = await lead.call('appeal.record', {
      caseId,
      grounds: 'The panel ignored our carers’ survey.',
    });
    appealId = recorded.appeals.appeals[0]!.id;
    expect((await registerEntry(oldNumber)).status).toMatchObject({
      state: 'suspended',
      reason: 'under appeal',
    });
    const decided = await reviewed(appealId, 'Hamid Rahimi', {
      outcome: 'dismissed',
      reasons: 'The survey was read and weighed.',
    });
    expect(decided.register).toBe(
      `Certificate ${oldNumber} stays suspended: the scheme office suspended it for another reason (${investigation}). Only the scheme office can reinstate it.`,
    );
    const entry = await registerEntry(oldNumber);
    expect(entry.status).toMatchObject({ state: 'suspended', reason: investigation });
    expect(entry.events.slice(-3).map((event) => [event.kind, event.reason, event.recordedBy])).toEqual([
      ['suspended', investigation, 'Mo Reyes'],
      ['suspended', 'under appeal', `${DEMO_PANEL.lead.name}, lead assessor, in the case file`],
      ['reinstated', 'appeal dismissed', 'Hamid Rahimi, review panel lead, in the case file'],
    ]);
    expect(await publishedFor(oldNumber)).toEqual({
      status: expect.objectContaining({ state: 'suspended', reason: investigation }),
      listedAs: 'certificateHold',
    });

    // Only the scheme office's own reinstatement makes it valid again.
    await lead.call('register.record', { certificateNumber: oldNumber, kind: 'reinstated' });
    expect((await registerEntry(oldNumber)).status.state).toBe('valid');
    expect((await publishedFor(oldNumber)).listedAs).toBeUndefined();
  });

  it('upholds the original decision after review: the decision stands and the register shows it valid again', async () => {
    const recorded = await lead.call('appeal.record', {
      caseId,
      grounds: 'The panel did not read our survey.',
    });
    appealId = recorded.appeals.appeals[0]!.id;
    expect((await registerEntry(oldNumber)).status.state).toBe('suspended');
    const decided = await reviewed(appealId, 'Hamid Rahimi', {
      outcome: 'upheld',
      reasons: 'The moderation record shows the survey was read and weighed.',
    });
    expect(decided.appeals.appeals[0]).toMatchObject({ outcome: 'upheld', decidedBy: 'Hamid Rahimi' });
    expect((await registerEntry(oldNumber)).status.state).toBe('valid');
    expect(await lead.call('outcome.get', { caseId })).toMatchObject({ level: 2 });
  });

  it('varies the decision: moderation reopens with the reason "appeal", a new decision and a new certificate supersede the old', async () => {
    const recorded = await lead.call('appeal.record', {
      caseId,
      grounds: 'S3.2 was moderated without our training outline.',
    });
    appealId = recorded.appeals.appeals[0]!.id;
    const varied = await reviewed(appealId, 'Grace Mensah', {
      outcome: 'varied',
      reasons: 'The training outline was in the evidence and was not discussed.',
    });
    expect(varied.register).toContain('stays suspended in the register until the new certificate is issued');
    const moderation = await lead.call('moderation.view', { caseId });
    expect(moderation.state).toBe('open');
    expect(moderation.history.at(-1)).toMatchObject({
      action: 'reopened',
      by: 'Grace Mensah',
      reason: 'appeal',
    });
    expect(await lead.call('outcome.get', { caseId })).toBeNull();
    expect((await registerEntry(oldNumber)).status.state).toBe('suspended');

    await lead.call('moderation.close', { caseId });
    await lead.call('outcome.decide', {
      caseId,
      decisionDate: '2026-03-01',
      conditions: [],
      strengths: [],
      recommendations: [],
    });
    const expert = DEMO_PANEL.experts[0].name;
    await lead.call('certificate.sign', {
      caseId,
      identityId: identities.lead,
      identityPassword: PASSPHRASE,
      coSignerMemberId: ids[expert]!,
    });
    const issued = await people[expert]!.call('certificate.coSign', {
      caseId,
      identityId: identities.expertByExperience,
      identityPassword: PASSPHRASE,
    });
    expect(issued.certificateNumber).not.toBe(oldNumber);
    const view = await lead.call('appeal.view', { caseId });
    expect(view.appeals[0]).toMatchObject({ outcome: 'varied', replacedBy: issued.certificateNumber });
    expect(view.decision?.certificateNumber).toBe(issued.certificateNumber);
    const old = await registerEntry(oldNumber);
    expect(old.status).toMatchObject({ state: 'superseded', supersededBy: issued.certificateNumber });
    expect((await registerEntry(issued.certificateNumber)).status.state).toBe('valid');
  });

  it('counts the deadline in UK calendar days, and accepts a late appeal only with its reason', async () => {
    // Reviewers for the new decision: Grace and Hamid took part in varying it, so they are refused.
    await addObserver('Ivy Chen', '1618');
    await addObserver('Jo Barker', '1414');
    const view = await lead.call('appeal.view', { caseId });
    expect(view.deadline).toBe('2026-03-29');
    // 23:30 UTC on 29 March 2026 is 00:30 on 30 March in London (summer time began that morning).
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-03-29T23:30:00Z') });
    const late = await lead.refused('appeal.record', { caseId, grounds: 'Arrived today.' }, 'APPEAL_LATE');
    expect(late).toContain('arrived on 2026-03-30, after the deadline of 2026-03-29');
    expect(late).toContain('record why it is accepted late');
    const inTime = await lead.call('appeal.record', {
      caseId,
      receivedOn: '2026-03-29',
      grounds: 'In time, just.',
    });
    // Appeals are listed newest first by when they were recorded; the clock went back, so find it.
    const onTime = inTime.appeals.appeals.find((appeal) => appeal.outcome === null);
    expect(onTime).toMatchObject({ receivedOn: '2026-03-29', late: false });
    const onTimeId = onTime?.id ?? '';
    const refused = await lead.refused(
      'appeal.formPanel',
      {
        caseId,
        appealId: onTimeId,
        memberIds: [ids['Grace Mensah']!, ids['Ivy Chen']!],
        leadMemberId: ids['Ivy Chen']!,
      },
      'REVIEWER_SAT_ON_PANEL',
    );
    expect(refused).toContain('Grace Mensah sat on the original panel');
    await lead.call('appeal.formPanel', {
      caseId,
      appealId: onTimeId,
      memberIds: [ids['Ivy Chen']!, ids['Jo Barker']!],
      leadMemberId: ids['Ivy Chen']!,
    });
    await people['Ivy Chen']!.call('appeal.decide', {
      caseId,
      appealId: onTimeId,
      outcome: 'dismissed',
      reasons: 'No new grounds.',
    });
    await lead.refused(
      'appeal.record',
      { caseId, receivedOn: '2026-03-31', grounds: 'Tomorrow.' },
      'INVALID_INPUT',
    );
    await lead.refused(
      'appeal.record',
      { caseId, receivedOn: '2026-03-30', grounds: 'One day late.' },
      'APPEAL_LATE',
    );
    const accepted = await lead.call('appeal.record', {
      caseId,
      receivedOn: '2026-03-30',
      grounds: 'One day late.',
      lateReason: 'The organisation posted it on 27 March; the post was delayed.',
    });
    expect(accepted.appeals.appeals.find((appeal) => appeal.outcome === null)).toMatchObject({
      receivedOn: '2026-03-30',
      late: true,
      lateReason: 'The organisation posted it on 27 March; the post was delayed.',
    });
    vi.useRealTimers();
  });

  it('audits every step in an intact hash chain, in a file unreadable without its passphrase', async () => {
    const caseFile = cases.get(caseId);
    expect(await verifyAuditChain(caseFile.db)).toMatchObject({ ok: true });
    const actions = (await readAuditLog(caseFile.db, { limit: 10_000 })).map((row) => row.action);
    for (const action of [
      'appeal.recorded',
      'appeal.review_panel_formed',
      'appeal.decided',
      'moderation.reopened',
      'outcome.withdrawn',
      'appeal.certificate_superseded',
    ])
      expect(actions, action).toContain(action);
    expect(readFileSync(casePath).includes(GROUNDS_MARK)).toBe(false);
  });
});

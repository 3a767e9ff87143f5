import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_LINE, dispatch, handlers, SchemeOffice } from '../../../src/main/api';
import { readAuditLog } from '../../../src/main/casefile';
import { buildPanel, PanelClient, type BuiltPanel } from '../../../src/main/demo';
import { createSchemeRoot, issueAssessorIdentity } from '../../../src/main/signing';
import {
  contract,
  OPERATION_NAMES,
  type EvidenceFields,
  type InputOf,
  type OperationName,
} from '../../../src/shared/api';
import { newPinDigest, pinResetProof, type PinResetStep } from '../../../src/shared/room/pin-reset';
import { makeWorld, memberWithOwnPin, PASSPHRASE, type TestWorld } from '../panel/support';
import { joinRoom, ROOM_ADDRESS } from '../room/support';
import { createPanelRooms } from '../../../src/main/room';

/**
 * Who is asking is decided once, by the dispatcher, from the caller's own session and the case
 * file. Two members are signed in on two clients of one app at the same time (as in the panel
 * room); every operation that changes a case is called from both, and the audit log must name the
 * caller each time — or, where the caller may not do it, refuse it and record nothing.
 */

/** Operations on a case that change something other than its record: they add no audit entry. */
const NOT_RECORDED: ReadonlySet<OperationName> = new Set([
  'case.close',
  'panel.signIn',
  // A one-time nonce for a step of a PIN reset, kept in memory only; asking how a reset stands uses one up.
  'panel.pinResetChallenge',
  'panel.pinResetStatus',
  'panel.signOut',
  'evidence.exportAttachment',
  'fees.exportReceipt',
  'certificate.print',
  // Writes a new case file (whose own log records it); the open case is not changed.
  'case.saveReadable',
  // Start and stop the full check, which only reads the file.
  'case.startCheck',
  'case.cancelCheck',
  // Writes the scheme file (whose own audit log records it); the case is only read.
  'calibration.markCase',
  'register.importFromCase',
]);

/** Every PIN try is counted by the app before it is checked: until it proves right, nobody is known to have made it. */
const PIN_TRIES: ReadonlySet<string> = new Set([
  'panel.pin_tried',
  'panel.pin_accepted',
  'panel.pin_try_proved',
]);

function namesACase(name: OperationName): boolean {
  const input = contract[name].input as z.ZodType;
  return 'shape' in input && 'caseId' in (input.shape as object);
}

const CHANGES_A_CASE = OPERATION_NAMES.filter(
  (name) => contract[name].effect === 'change' && namesACase(name) && !NOT_RECORDED.has(name),
);

function evidenceItem(title: string): EvidenceFields {
  return {
    title,
    kind: 'document',
    source: '',
    date: null,
    criteria: ['S1.1'],
    consent: 'not_needed',
    quote: '',
    notes: '',
  };
}

describe('every change to a case is recorded as made by the caller, from two sessions at once', () => {
  let world: TestWorld;
  let panel: BuiltPanel;
  let lead: PanelClient;
  let ben: PanelClient;
  let caseId: string;
  let files: string;
  let criteria: string[];
  const covered = new Set<OperationName>();
  const names = new Map<PanelClient, string>();

  /** How the audit log names the member signed in on `client`, as the case file knows them now. */
  async function labelOf(client: PanelClient): Promise<string> {
    const members = await lead.call('panel.list', { caseId });
    const member = members.find((candidate) => candidate.id === client.memberId);
    if (!member) throw new Error('not on the panel');
    return `${member.name} (${member.role}, member ${member.id})`;
  }

  async function newestSeq(): Promise<number> {
    const log = await readAuditLog(world.cases.get(caseId).db, { limit: 100_000 });
    return log.at(-1)?.seq ?? 0;
  }

  /** Calls as `client`; every audit entry the call adds must name that member. */
  async function recordedAs<N extends OperationName>(client: PanelClient, name: N, input: InputOf<N>) {
    const before = await newestSeq();
    const value = await client.call(name, input);
    const added = (await readAuditLog(world.cases.get(caseId).db, { afterSeq: before })).filter(
      (entry) => !PIN_TRIES.has(entry.action),
    );
    expect(added.length, `${name} adds an audit entry`).toBeGreaterThan(0);
    const label = await labelOf(client);
    for (const entry of added)
      expect(entry.actor, `${name} by ${names.get(client)}`).toMatch(new RegExp(`^${escape(label)}`));
    covered.add(name);
    return value;
  }

  /** Calls as `client`, who may not do this: refused, and nothing is recorded. */
  async function refusedFor<N extends OperationName>(client: PanelClient, name: N, input: InputOf<N>) {
    const before = await newestSeq();
    const result = await dispatch(handlers, name, input, client.ctx);
    expect(result, `${name} by ${names.get(client)}`).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await newestSeq()).toBe(before);
  }

  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  beforeAll(async () => {
    world = makeWorld();
    files = mkdtempSync(join(tmpdir(), 'copanel-who-'));
    panel = await buildPanel(
      {
        fileName: 'two-sessions',
        organisation: 'Riverside Community Mind (fictional)',
        passphrase: PASSPHRASE,
        lead: { name: 'Asha Patel', pin: '2468' },
        members: [
          { name: 'Ben Okafor', role: 'assessor', pin: '1357', consentToBeNamed: true },
          { name: 'Chloe Davis', role: 'assessor', pin: '8642', consentToBeNamed: false },
          { name: 'Dev Singh', role: 'co_assessor', pin: '1111', consentToBeNamed: true },
        ],
      },
      () => new PanelClient(world.runtime, world.cases),
    );
    ({ caseId, lead } = panel);
    ben = panel.members[0]!;
    names.set(lead, 'the lead').set(ben, 'Ben');
    const standard = await lead.call('standard.forCase', { caseId });
    criteria = standard.statements.flatMap((statement) =>
      statement.criteria.map((criterion) => criterion.id),
    );
  });

  afterAll(async () => {
    await world?.cleanup();
    if (files) rmSync(files, { recursive: true, force: true });
  });

  it('the organisation, the evidence register and its files', async () => {
    const organisation = {
      name: 'Riverside Community Mind (fictional)',
      address: '1 Mill Lane',
      registrationNumber: '',
      servicesInScope: 'Crisis café',
      contactName: '',
      contactEmail: '',
      contactPhone: '',
    };
    await refusedFor(ben, 'organisation.update', { caseId, organisation });
    await recordedAs(lead, 'organisation.update', { caseId, organisation });

    const leads = await recordedAs(lead, 'evidence.add', { caseId, evidence: evidenceItem('Rota') });
    const bens = await recordedAs(ben, 'evidence.add', { caseId, evidence: evidenceItem('Survey') });
    await recordedAs(ben, 'evidence.update', {
      caseId,
      evidenceId: leads.id,
      evidence: evidenceItem('Rota 2025'),
    });
    await recordedAs(lead, 'evidence.update', {
      caseId,
      evidenceId: bens.id,
      evidence: evidenceItem('Survey 2025'),
    });

    const file = join(files, 'notes.txt');
    writeFileSync(file, 'Notes of the visit.');
    const attach = (evidenceId: string) => ({ caseId, evidenceId, fileName: 'notes.txt', path: file });
    const fromBen = await recordedAs(ben, 'evidence.attach', attach(leads.id));
    await recordedAs(lead, 'evidence.attach', attach(bens.id));
    const attachmentId = fromBen.attachments[0]!.id;
    await refusedFor(ben, 'evidence.removeAttachment', { caseId, evidenceId: leads.id, attachmentId });
    await recordedAs(lead, 'evidence.removeAttachment', { caseId, evidenceId: leads.id, attachmentId });
    await refusedFor(ben, 'evidence.remove', { caseId, evidenceId: bens.id });
    await recordedAs(lead, 'evidence.remove', { caseId, evidenceId: bens.id });
  });

  it('the panel: a member renamed while signed in is recorded under the new name at once', async () => {
    const fran = { caseId, name: 'Fran Lee', role: 'observer' as const, consentToBeNamed: true };
    await refusedFor(ben, 'panel.addMember', fran);
    const added = await recordedAs(lead, 'panel.addMember', fran);
    await refusedFor(ben, 'panel.removeMember', { caseId, memberId: added.id });
    await recordedAs(lead, 'panel.removeMember', { caseId, memberId: added.id });

    const renamed = {
      caseId,
      memberId: ben.memberId,
      name: 'Benjamin Okafor',
      role: 'assessor' as const,
      consentToBeNamed: true,
    };
    await refusedFor(ben, 'panel.updateMember', renamed);
    await recordedAs(lead, 'panel.updateMember', renamed);
    expect(await labelOf(ben)).toMatch(/^Benjamin Okafor \(assessor/);

    await recordedAs(ben, 'panel.setPin', { caseId, memberId: ben.memberId, pin: '7531' });
    await recordedAs(lead, 'panel.setPin', { caseId, memberId: panel.members[2]!.memberId, pin: '1212' });
    await recordedAs(panel.members[2]!, 'panel.choosePin', {
      caseId,
      memberId: panel.members[2]!.memberId,
      pin: '1212',
      newPin: '2121',
    });
    const declared = { kind: 'declared' as const, text: 'I volunteered here in 2019.' };
    await recordedAs(ben, 'panel.declareConflict', { caseId, memberId: ben.memberId, declaration: declared });
    await recordedAs(lead, 'panel.declareConflict', {
      caseId,
      memberId: panel.members[2]!.memberId,
      declaration: { kind: 'none' },
    });
    // Dev holds his own PIN, so the declaration the lead recorded does not count: he makes his own.
    await recordedAs(panel.members[2]!, 'panel.declareConflict', {
      caseId,
      memberId: panel.members[2]!.memberId,
      declaration: { kind: 'none' },
    });
    const decision = { caseId, memberId: ben.memberId, outcome: 'allowed' as const, reason: 'Long ago.' };
    await refusedFor(ben, 'panel.decideConflict', decision);
    await recordedAs(lead, 'panel.decideConflict', decision);
  });

  it('scoring: each sheet is recorded as its own member’s; the paper sheet as entered by the lead', async () => {
    await refusedFor(ben, 'scoring.open', { caseId });
    await recordedAs(lead, 'scoring.open', { caseId });
    for (const scorer of [lead, ben]) {
      for (const criterionId of criteria)
        await recordedAs(scorer, 'scoring.saveScore', {
          caseId,
          criterionId,
          score: 2,
          rationale: '',
          evidenceIds: [],
        });
      await recordedAs(scorer, 'scoring.submitSheet', { caseId });
    }
    const chloe = panel.members[1]!.memberId;
    const entries = criteria.map((criterionId) => ({
      criterionId,
      score: 2 as const,
      rationale: '',
      evidenceIds: [],
    }));
    await refusedFor(ben, 'scoring.enterPaperSheet', { caseId, memberId: chloe, entries });
    await recordedAs(lead, 'scoring.enterPaperSheet', { caseId, memberId: chloe, entries });
    const dev = { caseId, memberId: panel.members[2]!.memberId, reason: 'Unwell on the day.' };
    await refusedFor(ben, 'scoring.excludeSheet', dev);
    await recordedAs(lead, 'scoring.excludeSheet', dev);
  });

  it('a forgotten PIN in the room: asked and chosen on the member’s own device, confirmed by the lead', async () => {
    // Stands in for Ben's phone in the room (the room's own transport is tested in tests/integration/room).
    const phone = new PanelClient(world.runtime, world.cases, {
      ...COMMAND_LINE,
      roomDevice: { kind: 'phone' },
    });
    phone.memberId = ben.memberId;
    names.set(phone, 'Ben’s phone in the room');
    const signedIn = await phone.call('panel.signIn', { caseId, memberId: ben.memberId, pin: '7531' });
    await phone.call('panel.signOut', { caseId });
    const held = { memberId: ben.memberId, ...signedIn.device! };
    const ask = async (step: PinResetStep, newPin?: string) => {
      const { nonce } = await phone.call('panel.pinResetChallenge', { caseId, memberId: ben.memberId });
      const proofOf = { step, caseId, memberId: ben.memberId, deviceId: held.deviceId, nonce };
      const proof = pinResetProof(
        Buffer.from(held.secret, 'base64url'),
        newPin === undefined ? proofOf : { ...proofOf, newPinDigest: newPinDigest(newPin) },
      );
      return { caseId, memberId: ben.memberId, deviceId: held.deviceId, secret: held.secret, nonce, proof };
    };
    await recordedAs(phone, 'panel.requestPinReset', await ask('request'));
    expect(await phone.call('panel.pinResetStatus', await ask('status'))).toMatchObject({
      status: 'waiting',
    });
    const [request] = await lead.call('panel.pinResetRequests', { caseId });
    const decision = {
      caseId,
      requestId: request!.id,
      decision: 'confirm' as const,
      reason: 'Seen in the room.',
    };
    await refusedFor(ben, 'panel.decidePinReset', decision);
    await recordedAs(lead, 'panel.decidePinReset', decision);
    await recordedAs(phone, 'panel.choosePinOnDevice', { ...(await ask('choose', '7532')), newPin: '7532' });
    await phone.call('panel.signOut', { caseId });
  });

  // While scoring is open: the room opens only while members have something to do in it.
  it('the panel room: opened, paused, a device signed out and closed by the lead, and by nobody else', async () => {
    const rooms = createPanelRooms({
      runtime: world.runtime,
      cases: world.cases,
      handlers,
      bindAddress: ROOM_ADDRESS,
    });
    const leadAtRoom = new PanelClient(world.runtime, world.cases, { ...COMMAND_LINE, rooms });
    const signedIn = await leadAtRoom.call('panel.signIn', { caseId, memberId: lead.memberId, pin: '2468' });
    leadAtRoom.memberId = signedIn.memberId;
    names.set(leadAtRoom, 'the lead at the room');
    const opened = await recordedAs(leadAtRoom, 'room.open', { caseId });
    await refusedFor(ben, 'room.pause', { caseId, paused: true });
    await recordedAs(leadAtRoom, 'room.pause', { caseId, paused: true });
    const device = await joinRoom(opened.link!);
    await recordedAs(leadAtRoom, 'room.signOutDevice', { caseId, deviceId: device.deviceId });
    await recordedAs(leadAtRoom, 'room.close', { caseId });
  });

  it('moderation and the decision, reopened and decided again', async () => {
    await refusedFor(ben, 'moderation.open', { caseId });
    await recordedAs(lead, 'moderation.open', { caseId });
    for (const criterionId of criteria) {
      const agreement = { caseId, criterionId, score: 2 as const, rationale: '' };
      if (criterionId === criteria[0]) await refusedFor(ben, 'moderation.agree', agreement);
      await recordedAs(lead, 'moderation.agree', agreement);
    }
    await recordedAs(ben, 'moderation.dissent', {
      caseId,
      criterionId: criteria[0]!,
      text: 'I would say 3.',
    });
    await recordedAs(lead, 'moderation.dissent', {
      caseId,
      criterionId: criteria[1]!,
      text: 'On balance, 2.',
    });
    const decision = {
      caseId,
      decisionDate: '2026-03-14',
      conditions: [],
      strengths: [],
      recommendations: [],
    };
    for (let round = 0; round < 2; round += 1) {
      await refusedFor(ben, 'moderation.close', { caseId });
      await recordedAs(lead, 'moderation.close', { caseId });
      await refusedFor(ben, 'outcome.decide', decision);
      await recordedAs(lead, 'outcome.decide', decision);
      if (round > 0) break;
      await refusedFor(ben, 'moderation.reopen', { caseId, reason: 'We missed the carers’ survey.' });
      await recordedAs(lead, 'moderation.reopen', { caseId, reason: 'We missed the carers’ survey.' });
    }
  });

  it('the certificate: signed by the lead, co-signed by the Expert by Experience', async () => {
    const root = await createSchemeRoot({
      name: 'Coproduction Quality Standard',
      passphrase: PASSPHRASE,
      now: new Date(),
    });
    const importFor = async (name: string, role: 'lead' | 'expert-by-experience') => {
      const issued = await issueAssessorIdentity({
        root,
        rootPassphrase: PASSPHRASE,
        name,
        role,
        password: PASSPHRASE,
        // An identity outlives the certificate it signs (three years from the decision).
        validDays: 4 * 365 + 1,
        now: new Date(),
      });
      const base64 = Buffer.from(issued.pkcs12).toString('base64');
      return (await lead.call('identity.import', { fileName: `${name}.p12`, base64, password: PASSPHRASE }))
        .id;
    };
    const leadKey = await importFor('Asha Patel', 'lead');
    const benKey = await importFor('Benjamin Okafor', 'expert-by-experience');
    await refusedFor(ben, 'certificate.sign', { caseId, identityId: benKey, identityPassword: PASSPHRASE });
    await recordedAs(lead, 'certificate.sign', {
      caseId,
      identityId: leadKey,
      identityPassword: PASSPHRASE,
      coSignerMemberId: ben.memberId,
    });
    await refusedFor(lead, 'certificate.coSign', {
      caseId,
      identityId: leadKey,
      identityPassword: PASSPHRASE,
    });
    await recordedAs(ben, 'certificate.coSign', { caseId, identityId: benKey, identityPassword: PASSPHRASE });
  });

  it('the case file itself: a copy saved and the passphrase changed', async () => {
    await refusedFor(ben, 'case.saveCopy', { caseId, fileName: 'copy-by-ben' });
    await recordedAs(lead, 'case.saveCopy', { caseId, fileName: 'copy-by-lead' });
    const change = {
      caseId,
      currentPassphrase: PASSPHRASE,
      newPassphrase: 'pebble-orchard-zephyr-canoe-marigold',
    };
    await refusedFor(ben, 'case.changePassphrase', change);
    await recordedAs(lead, 'case.changePassphrase', change);
  });

  it('the scheme link: the case linked and a member added from the directory by the lead, and by nobody else', async () => {
    const office = new SchemeOffice();
    const leadAtOffice = new PanelClient(world.runtime, world.cases, COMMAND_LINE, office);
    const signedIn = await leadAtOffice.call('panel.signIn', {
      caseId,
      memberId: lead.memberId,
      pin: '2468',
    });
    leadAtOffice.memberId = signedIn.memberId;
    names.set(leadAtOffice, 'the lead at the scheme office');
    await leadAtOffice.call('scheme.create', {
      fileName: 'who-is-asking',
      schemeName: 'Northfield Scheme (fictional)',
      passphrase: PASSPHRASE,
      yourName: 'Mo Reyes',
    });
    const dana = await leadAtOffice.call('scheme.addAssessor', {
      assessor: { name: 'Dana Reid', roles: ['assessor'], consentToBeNamed: true },
    });
    await refusedFor(ben, 'scheme.linkCase', { caseId, link: true });
    await recordedAs(leadAtOffice, 'scheme.linkCase', { caseId, link: true });
    await refusedFor(ben, 'scheme.addMemberFromDirectory', { caseId, assessorId: dana.id, role: 'observer' });
    await recordedAs(leadAtOffice, 'scheme.addMemberFromDirectory', {
      caseId,
      assessorId: dana.id,
      role: 'observer',
    });
    const asha = await leadAtOffice.call('scheme.addAssessor', {
      assessor: { name: 'Asha Patel', roles: ['lead'], consentToBeNamed: true },
    });
    await refusedFor(ben, 'scheme.linkLead', { caseId, assessorId: asha.id });
    await recordedAs(leadAtOffice, 'scheme.linkLead', { caseId, assessorId: asha.id });
    await office.close();
  });

  it('time and fees: each member records their own claim, and only the lead approves one', async () => {
    const office = new SchemeOffice();
    await office.create({
      path: join(files, 'fees.copanel-scheme'),
      schemeName: 'Northfield Kitemark Scheme (fictional)',
      passphrase: PASSPHRASE,
      createdBy: 'Mo Reyes',
      appVersion: world.runtime.version,
    });
    const leadAtOffice = new PanelClient(world.runtime, world.cases, COMMAND_LINE, office);
    leadAtOffice.memberId = (
      await leadAtOffice.call('panel.signIn', { caseId, memberId: lead.memberId, pin: '2468' })
    ).memberId;
    names.set(leadAtOffice, 'the lead at the scheme office');
    await leadAtOffice.call('fees.setSchedule', {
      rates: {
        dayRatePence: 10_000,
        halfDayRatePence: 6_000,
        hourlyRatePence: 1_500,
        mileagePencePerMile: 45,
      },
      bank: {
        payee: 'Northfield Kitemark Scheme',
        bank: 'Example Bank',
        sortCode: '08-99-99',
        accountNumber: '12345678',
      },
    });
    const receipt = join(files, 'parking.pdf');
    writeFileSync(receipt, '%PDF-1.7 fictional parking receipt');
    const claim = {
      workedOn: '2026-10-01',
      time: [{ activity: 'visit' as const, minutes: 300 }],
      milesTenths: 0,
      mileageDescription: '',
      expenses: [
        {
          description: 'Parking',
          amountPence: 450,
          receipt: { fileName: 'parking.pdf', mediaType: 'application/pdf', sizeBytes: 34 },
        },
      ],
      notes: '',
    };
    const bens = await recordedAs(ben, 'fees.recordClaim', { caseId, claim });
    await recordedAs(ben, 'fees.attachReceipt', { caseId, expenseId: bens.expenses[0]!.id, path: receipt });
    await recordedAs(lead, 'fees.recordClaim', { caseId, claim });
    await refusedFor(ben, 'fees.approve', { caseId, claimId: bens.id });
    await recordedAs(leadAtOffice, 'fees.approve', { caseId, claimId: bens.id });
    await office.close();
  });

  it('appeals: the lead records one and forms the review panel; only the review panel’s lead decides', async () => {
    const appeal = {
      caseId,
      receivedOn: '2026-04-20',
      grounds: 'The carers’ survey was not weighed.',
      lateReason: 'It was sent to the wrong address first.',
    };
    await refusedFor(ben, 'appeal.record', appeal);
    const recorded = await recordedAs(lead, 'appeal.record', appeal);
    const appealId = recorded.appeals.appeals[0]!.id;
    const reviewers: PanelClient[] = [];
    for (const [name, pin] of [
      ['Grace Mensah', '3141'],
      ['Hamid Rahimi', '2718'],
    ] as const) {
      const client = new PanelClient(world.runtime, world.cases);
      // Their first sign-in: the PIN the lead typed works only to choose their own.
      client.memberId = await memberWithOwnPin(
        lead,
        client,
        caseId,
        { name, role: 'observer', pin },
        `9${pin.slice(1)}`,
      );
      names.set(client, name);
      reviewers.push(client);
    }
    const [grace, hamid] = reviewers as [PanelClient, PanelClient];
    const panelChoice = {
      caseId,
      appealId,
      memberIds: [grace.memberId, hamid.memberId],
      leadMemberId: grace.memberId,
    };
    await refusedFor(ben, 'appeal.formPanel', panelChoice);
    await recordedAs(lead, 'appeal.formPanel', panelChoice);
    const decision = { caseId, appealId, outcome: 'upheld' as const, reasons: 'The survey was weighed.' };
    await refusedFor(lead, 'appeal.decide', decision);
    await refusedFor(hamid, 'appeal.decide', decision);
    await recordedAs(grace, 'appeal.decide', decision);
  });

  it('covered every operation that changes a case', () => {
    expect([...CHANGES_A_CASE].sort()).toEqual([...covered].sort());
  });
});

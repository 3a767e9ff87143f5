import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { invoke, localApiContext, type ApiContext } from '../../../src/main/api';
import { openCaseFile, readAuditLog } from '../../../src/main/casefile';
import { nodeRuntime } from '../../../src/main/runtime';
import { expectUserError, makeTempDir, PASSPHRASE } from '../casefile/support';

/**
 * The case ↔ scheme link with real encrypted files: a case links to the open scheme file, members
 * are picked from its directory (keeping the entry's id), the panel's training is shown, and scoring
 * opens only as the scheme's policy allows — checked in src/main whatever the screens do.
 */

const temp = makeTempDir('copanel-scheme-link-');
afterAll(() => temp.cleanup());

function appAt(name: string): ApiContext {
  const workspaceDir = join(temp.dir, name);
  mkdirSync(workspaceDir, { recursive: true });
  return localApiContext(nodeRuntime('cli', { workspaceDir, userDataDir: join(workspaceDir, 'user-data') }));
}

/** The case file's audit log, read from the closed file. */
async function caseAuditLog(ctx: ApiContext, path: string) {
  const file = await openCaseFile({
    path,
    passphrase: PASSPHRASE,
    appVersion: ctx.runtime.version,
    readOnly: true,
  });
  try {
    return await readAuditLog(file.db);
  } finally {
    await file.close();
  }
}

async function schemeWithTwoAssessors(ctx: ApiContext) {
  await invoke(
    'scheme.create',
    {
      fileName: 'scheme',
      schemeName: 'Northfield Scheme (fictional)',
      passphrase: PASSPHRASE,
      yourName: 'Mo Reyes',
    },
    ctx,
  );
  const sam = await invoke(
    'scheme.addAssessor',
    { assessor: { name: 'Sam Okafor', roles: ['assessor'], consentToBeNamed: true } },
    ctx,
  );
  const jo = await invoke(
    'scheme.addAssessor',
    { assessor: { name: 'Jo Lindqvist', roles: ['assessor', 'co_assessor'], consentToBeNamed: false } },
    ctx,
  );
  await invoke(
    'scheme.recordTraining',
    {
      training: {
        assessorId: sam.id,
        course: 'Assessing coproduction',
        attendedOn: '2026-01-10',
        trainer: 'Ade Bello',
      },
    },
    ctx,
  );
  return { sam, jo };
}

async function caseWithPanel(ctx: ApiContext, sam: string, jo: string) {
  const opened = await invoke(
    'case.create',
    {
      fileName: 'riverside',
      organisationName: 'Riverside Community Mind (fictional)',
      passphrase: PASSPHRASE,
      leadName: 'Alex Morgan',
      leadPin: '2468',
    },
    ctx,
  );
  const { caseId } = opened;
  const notLinked = await expectUserError(
    invoke('scheme.addMemberFromDirectory', { caseId, assessorId: sam, role: 'assessor' }, ctx),
  );
  expect(notLinked.message).toContain('not linked to a scheme file');
  const linked = await invoke('scheme.linkCase', { caseId, link: true }, ctx);
  expect(linked.linkedSchemeOpen).toBe(true);
  const samMember = await invoke(
    'scheme.addMemberFromDirectory',
    { caseId, assessorId: sam, role: 'assessor' },
    ctx,
  );
  expect(samMember).toMatchObject({ name: 'Sam Okafor', role: 'assessor', consentToBeNamed: true });
  const wrongRole = await expectUserError(
    invoke('scheme.addMemberFromDirectory', { caseId, assessorId: sam, role: 'lead' }, ctx),
  );
  expect(wrongRole.message).toContain('not in the directory for that role');
  await invoke('scheme.addMemberFromDirectory', { caseId, assessorId: jo, role: 'co_assessor' }, ctx);
  const link = await invoke('scheme.caseLink', { caseId }, ctx);
  for (const member of link.members)
    await invoke(
      'panel.declareConflict',
      { caseId, memberId: member.memberId, declaration: { kind: 'none' } },
      ctx,
    );
  return { caseId, opened, link };
}

describe('a case linked to the scheme file', () => {
  it('picks members from the directory, warns about training and asks the lead for a reason, recorded', async () => {
    const ctx = appAt('warn');
    const { sam, jo } = await schemeWithTwoAssessors(ctx);
    const { caseId, opened, link } = await caseWithPanel(ctx, sam.id, jo.id);
    expect(link.members.map((m) => [m.name, m.directoryId, m.training?.state ?? null, m.warning])).toEqual([
      [
        'Alex Morgan',
        null,
        null,
        'Alex Morgan is not linked to the scheme’s assessor directory, so their training is not known.',
      ],
      ['Sam Okafor', sam.id, 'trained', null],
      ['Jo Lindqvist', jo.id, 'untrained', 'Jo Lindqvist has no training recorded.'],
    ]);
    expect(link.policy).toBe('warn');

    const asked = await expectUserError(invoke('scoring.open', { caseId }, ctx));
    expect(asked.code).toBe('TRAINING_REASON_REQUIRED');
    expect(asked.message).toContain('Jo Lindqvist has no training recorded.');
    const progress = await invoke(
      'scoring.open',
      { caseId, trainingReason: 'Jo is booked on the next course; agreed with the scheme office.' },
      ctx,
    );
    expect(progress.phase).toBe('scoring');
    await invoke('case.close', { caseId }, ctx);

    const file = await openCaseFile({
      path: opened.path,
      passphrase: PASSPHRASE,
      appVersion: ctx.runtime.version,
      readOnly: true,
    });
    try {
      const log = await readAuditLog(file.db);
      expect(log.map((entry) => [entry.actor.split(' (')[0], entry.action])).toEqual(
        expect.arrayContaining([
          ['Alex Morgan', 'case.scheme_linked'],
          ['Alex Morgan', 'scoring.opened'],
        ]),
      );
      const cycle = await file.db
        .selectFrom('assessment_cycle')
        .select('scoring_training_check')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(cycle.scoring_training_check ?? 'null')).toMatchObject({
        checked: true,
        allTrained: false,
        reason: 'Jo is booked on the next course; agreed with the scheme office.',
      });
      const members = await file.db.selectFrom('panel_member').select(['name', 'directory_id']).execute();
      expect(members).toContainEqual({ name: 'Sam Okafor', directory_id: sam.id });
    } finally {
      await file.close();
    }
  });

  it('refuses to open scoring when the scheme’s policy is to block, and says why', async () => {
    const ctx = appAt('block');
    const { sam, jo } = await schemeWithTwoAssessors(ctx);
    await invoke('scheme.changeSettings', { settings: { trainingPolicy: 'block' } }, ctx);
    const { caseId } = await caseWithPanel(ctx, sam.id, jo.id);
    const refused = await expectUserError(
      invoke('scoring.open', { caseId, trainingReason: 'We are short of assessors today.' }, ctx),
    );
    expect(refused.code).toBe('TRAINING_REQUIRED');
    expect((await invoke('case.progress', { caseId }, ctx)).phase).toBe('preparing');

    // Without the scheme file open, training cannot be checked: the panel says so and scoring opens.
    await invoke('scheme.close', {}, ctx);
    const link = await invoke('scheme.caseLink', { caseId }, ctx);
    expect(link).toMatchObject({ linkedSchemeOpen: false, openScheme: null });
    expect(link.members.every((member) => member.warning === null && member.training === null)).toBe(true);
    expect((await invoke('scoring.open', { caseId }, ctx)).phase).toBe('scoring');
  });

  it('links the lead to their own directory entry, audited; nobody else, and no one else’s entry', async () => {
    const ctx = appAt('lead-link');
    const { sam, jo } = await schemeWithTwoAssessors(ctx);
    const alex = await invoke(
      'scheme.addAssessor',
      { assessor: { name: 'alex  morgan', roles: ['lead'], consentToBeNamed: true } },
      ctx,
    );
    const otherLead = await invoke(
      'scheme.addAssessor',
      { assessor: { name: 'Priya Shah', roles: ['lead'], consentToBeNamed: true } },
      ctx,
    );
    await invoke(
      'scheme.recordTraining',
      {
        training: {
          assessorId: alex.id,
          course: 'Leading panels',
          attendedOn: '2026-02-01',
          trainer: 'Ade Bello',
        },
      },
      ctx,
    );
    const { caseId, opened, link } = await caseWithPanel(ctx, sam.id, jo.id);
    const leadId = link.members[0]!.memberId;

    // Not a lead in the directory, or someone else's entry: refused (a member who is not the lead
    // is refused too: tests/integration/api/who-is-asking.test.ts).
    expect(
      (await expectUserError(invoke('scheme.linkLead', { caseId, assessorId: sam.id }, ctx))).message,
    ).toContain('not a lead assessor in the directory');
    const notMe = await expectUserError(invoke('scheme.linkLead', { caseId, assessorId: otherLead.id }, ctx));
    expect(notMe.code).toBe('FORBIDDEN');
    expect(notMe.message).toContain('You can link only your own entry');

    const linked = await invoke('scheme.linkLead', { caseId, assessorId: alex.id }, ctx);
    expect(linked.members[0]).toMatchObject({
      memberId: leadId,
      name: 'Alex Morgan',
      directoryId: alex.id,
      training: { state: 'trained' },
      warning: null,
    });
    await invoke('case.close', { caseId }, ctx);

    const log = await caseAuditLog(ctx, opened.path);
    expect(log.map((entry) => [entry.actor.split(' (')[0], entry.action])).toContainEqual([
      'Alex Morgan',
      'panel.lead_linked_to_directory',
    ]);
  });

  it('refuses to link the lead to an entry another panel member already holds, changing nothing', async () => {
    const ctx = appAt('lead-link-held');
    const { sam, jo } = await schemeWithTwoAssessors(ctx);
    // A lead's entry, picked for another panel member (Robin Hale) …
    const entry = { roles: ['lead', 'assessor'] as ('lead' | 'assessor')[], consentToBeNamed: true };
    const robin = await invoke('scheme.addAssessor', { assessor: { name: 'Robin Hale', ...entry } }, ctx);
    const { caseId, opened } = await caseWithPanel(ctx, sam.id, jo.id);
    const holder = await invoke(
      'scheme.addMemberFromDirectory',
      { caseId, assessorId: robin.id, role: 'observer' },
      ctx,
    );
    // … then renamed in the scheme office to the lead's name, so only its being held stands in the way.
    await invoke(
      'scheme.editAssessor',
      { assessorId: robin.id, assessor: { name: 'Alex Morgan', ...entry } },
      ctx,
    );
    const before = (await invoke('scheme.caseLink', { caseId }, ctx)).members;
    expect(before.find((member) => member.memberId === holder.id)?.directoryId).toBe(robin.id);

    const held = await expectUserError(invoke('scheme.linkLead', { caseId, assessorId: robin.id }, ctx));
    expect(held.code).toBe('INVALID_INPUT');
    expect(held.message).toBe(
      'Robin Hale on this panel is already linked to that directory entry. Choose your own entry.',
    );
    const after = (await invoke('scheme.caseLink', { caseId }, ctx)).members;
    expect(after).toEqual(before);
    expect(after[0]).toMatchObject({ name: 'Alex Morgan', directoryId: null });
    await invoke('case.close', { caseId }, ctx);

    const log = await caseAuditLog(ctx, opened.path);
    expect(log.map((entry) => entry.action)).not.toContain('panel.lead_linked_to_directory');
  });
});

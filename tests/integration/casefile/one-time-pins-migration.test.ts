import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  auditEntryHash,
  hashPin,
  LATEST_SCHEMA_VERSION,
  readAuditLog,
  writeNewCaseFile,
  type CaseFile,
} from '../../../src/main/casefile';
import { choosePin, panelMembers, signInChoices, signInMember } from '../../../src/main/panel';
import type { OpenCaseScope } from '../../../src/main/case';
import {
  caseOptions,
  expectUserError,
  leadScope,
  makeTempDir,
  openCaseFile,
  openRaw,
  PASSPHRASE,
} from './support';

const temp = makeTempDir('copanel-one-time-pins-');
afterAll(() => temp.cleanup());

/** The last layout before migration 11 (who declared, and lead-typed PINs made one-time). */
const LAYOUT_BEFORE = 10;

type RawCaseDb = ReturnType<typeof openRaw>;

/** Appends an entry to the audit chain as the app of layout 10 did (payload kept only as its hash). */
function appendAuditEntry(raw: RawCaseDb, actor: string, action: string): void {
  const head = raw
    .prepare('select audit_head_seq as seq, audit_head_hash as hash from case_metadata')
    .get() as {
    seq: number;
    hash: string;
  };
  const entry = {
    seq: head.seq + 1,
    at: new Date(Date.UTC(2026, 2, 1, 9, 0, head.seq)).toISOString(),
    actor,
    action,
    payload_sha256: createHash('sha256').update(`${action} ${head.seq}`).digest('hex'),
    prev_hash: head.hash,
  };
  const hash = auditEntryHash(entry);
  raw
    .prepare(
      'insert into audit_log (seq, at, actor, action, payload_sha256, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?)',
    )
    .run(entry.seq, entry.at, entry.actor, entry.action, entry.payload_sha256, entry.prev_hash, hash);
  raw.prepare('update case_metadata set audit_head_seq = ?, audit_head_hash = ?').run(entry.seq, hash);
}

const label = (name: string, role: string, id: string) => `${name} (${role}, member ${id})`;

/**
 * A case file made at layout 10, before one-time PINs, with its panel as the app of then left it:
 * every PIN kept as the member's own (must_choose_pin 0), whoever typed it, and the audit log
 * naming who did what.
 * - Ben: the lead typed his PIN when adding him; he never changed it. The lead recorded his "no conflict".
 * - Dev: chose his own, then the lead reset it; Dev declared, then the lead recorded Ben's again.
 * - Chloe: the lead typed hers, then (after Dev's reset) Chloe set her own; she declared last.
 * - Eli: no PIN, nothing declared. Asha, the lead: her own PIN, her own declaration.
 */
async function writeLayoutTenPanel(name: string): Promise<{ path: string }> {
  const path = join(temp.dir, name);
  await writeNewCaseFile(path, caseOptions(path, { appVersion: '0.9.0' }), LAYOUT_BEFORE);
  const [benPin, chloePin, devPin] = await Promise.all(['1357', '8642', '1111'].map((pin) => hashPin(pin)));
  const raw = openRaw(path);
  try {
    const lead = raw.prepare("select id, cycle_id as cycle from panel_member where role = 'lead'").get() as {
      id: string;
      cycle: string;
    };
    const asha = label('Asha Patel', 'lead', lead.id);
    const insert = raw.prepare(
      "insert into panel_member (id, cycle_id, name, role, consent_to_be_named, pin_hash, created_at, has_conflict, conflict_declared_at) values (?, ?, ?, ?, 1, ?, '2026-03-01T09:00:00.000Z', ?, ?)",
    );
    const declaredAt = '2026-03-01T10:00:00.000Z';
    insert.run('ben', lead.cycle, 'Ben Okafor', 'assessor', benPin, 0, declaredAt);
    insert.run('chloe', lead.cycle, 'Chloe Davis', 'assessor', chloePin, 0, declaredAt);
    insert.run('dev', lead.cycle, 'Dev Singh', 'co_assessor', devPin, 0, declaredAt);
    insert.run('eli', lead.cycle, 'Eli Brown', 'assessor', null, null, null);
    raw
      .prepare('update panel_member set has_conflict = 0, conflict_declared_at = ? where id = ?')
      .run(declaredAt, lead.id);
    for (const [actor, action] of [
      [asha, 'panel.conflict_declared'],
      [asha, 'panel.member_added'],
      [asha, 'panel.member_added'],
      [asha, 'panel.member_added'],
      [asha, 'panel.member_added'],
      [asha, 'panel.pin_set'],
      [label('Dev Singh', 'co_assessor', 'dev'), 'panel.pin_chosen'],
      [asha, 'panel.pin_set'],
      [label('Chloe Davis', 'assessor', 'chloe'), 'panel.pin_set'],
      [label('Dev Singh', 'co_assessor', 'dev'), 'panel.conflict_declared'],
      [asha, 'panel.conflict_declared'],
      [label('Chloe Davis', 'assessor', 'chloe'), 'panel.conflict_declared'],
    ] as const)
      appendAuditEntry(raw, actor, action);
    return { path };
  } finally {
    raw.close();
  }
}

function nobodySignedIn(caseFile: CaseFile): OpenCaseScope {
  return { ...leadScope(caseFile), actor: null };
}

describe('case-file migration 11: who declared, and PINs the lead typed become one-time', () => {
  it('a layout-10 case file opens with every PIN the member did not set themselves made one-time, and who declared filled in where the audit log proves it', async () => {
    const { path } = await writeLayoutTenPanel('layout-ten-panel.copanel');
    const before = openRaw(path, PASSPHRASE);
    expect(before.pragma('user_version', { simple: true })).toBe(LAYOUT_BEFORE);
    before.close();

    const caseFile = await openCaseFile({ path, passphrase: PASSPHRASE });
    try {
      expect((await caseFile.details()).schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(11);
      expect(await caseFile.verifyAuditChain()).toMatchObject({ ok: true });
      const scope = nobodySignedIn(caseFile);
      expect((await signInChoices(scope)).map((choice) => [choice.name, choice.pin])).toEqual([
        ['Ben Okafor', 'to_choose'],
        ['Chloe Davis', 'chosen'],
        // Any PIN the lead set after Dev chose his may have been his.
        ['Dev Singh', 'to_choose'],
        ['Eli Brown', 'not_set'],
        ['Asha Patel', 'chosen'],
      ]);
      const declaredBy = (await panelMembers(scope)).map((member) => [
        member.name,
        member.conflict.status === 'not_declared' ? null : member.conflict.declaredBy,
      ]);
      expect(declaredBy).toEqual([
        // Only the lead's entries could be Ben's: who made it is not known.
        ['Ben Okafor', 'not_recorded'],
        // Chloe's own came last: nobody recorded one after it.
        ['Chloe Davis', 'themselves'],
        // The lead declared for someone after Dev's own: it may have been for Dev.
        ['Dev Singh', 'not_recorded'],
        ['Eli Brown', null],
        ['Asha Patel', 'themselves'],
      ]);
    } finally {
      await caseFile.close();
    }
  });

  it('Ben’s PIN, typed by the lead, now works once: he chooses his own, and the audit log records it in his name', async () => {
    const { path } = await writeLayoutTenPanel('ben-chooses.copanel');
    const caseFile = await openCaseFile({ path, passphrase: PASSPHRASE });
    try {
      const scope = nobodySignedIn(caseFile);
      const refused = await expectUserError(signInMember(scope, 'ben', '1357'));
      expect(refused.code).toBe('NEW_PIN_NEEDED');
      await choosePin(scope, 'ben', '1357', '2580');
      expect((await signInMember(scope, 'ben', '2580')).name).toBe('Ben Okafor');
      expect((await expectUserError(signInMember(scope, 'ben', '1357'))).code).toBe('WRONG_PIN');
      // Chloe set her own PIN: it still works as it did.
      expect((await signInMember(scope, 'chloe', '8642')).name).toBe('Chloe Davis');
      const replaced = (await readAuditLog(caseFile.db, { limit: 10_000 })).filter(
        (entry) => entry.action === 'panel.one_time_pin_replaced',
      );
      expect(replaced.map((entry) => entry.actor)).toEqual(['Ben Okafor (assessor, member ben)']);
    } finally {
      await caseFile.close();
    }
  });
});

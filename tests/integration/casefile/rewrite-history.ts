import { GENESIS_HASH, auditEntryHash } from '../../../src/main/casefile';
import type { openRaw } from './support';

/**
 * What an attacker who knows a case file's passphrase can do to its history with SQL, bypassing
 * the app (issue 17, item 4): drop the append-only triggers, rewrite or cut entries, and recompute
 * the whole hash chain so that it checks out again.
 */

export type RawCaseDb = ReturnType<typeof openRaw>;

export const AUDIT_TRIGGERS = ['update', 'delete'].map((event) => {
  return { event, name: `audit_log_is_append_only_${event}` };
});

/** Drops the append-only triggers, runs the attack, and puts the triggers back as they were. */
export function withoutTriggers(db: RawCaseDb, attack: () => void): void {
  const saved = AUDIT_TRIGGERS.map(
    ({ name }) =>
      (
        db.prepare(`select sql from sqlite_master where type = 'trigger' and name = ?`).get(name) as {
          sql: string;
        }
      ).sql,
  );
  for (const { name } of AUDIT_TRIGGERS) db.exec(`drop trigger ${name}`);
  attack();
  for (const sql of saved) db.exec(sql);
}

interface Entry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  payload_sha256: string;
  prev_hash: string;
  hash: string;
}

/** Recomputes every hash from entry 1 and moves the head, so verifyAuditChain checks out. */
export function recomputeChain(db: RawCaseDb): void {
  const entries = db.prepare('select * from audit_log order by seq').all() as Entry[];
  let previous = GENESIS_HASH;
  const update = db.prepare('update audit_log set prev_hash = ?, hash = ? where seq = ?');
  for (const entry of entries) {
    const hash = auditEntryHash({ ...entry, prev_hash: previous });
    update.run(previous, hash, entry.seq);
    previous = hash;
  }
  db.prepare('update case_metadata set audit_head_seq = ?, audit_head_hash = ?').run(
    entries.at(-1)?.seq ?? 0,
    previous,
  );
}

/** Changes one agreed score with SQL (the record of changes left as it was). */
export function editAgreedScore(db: RawCaseDb): void {
  const row = db.prepare('select criterion_id, agreed_score from moderation_record limit 1').get() as {
    criterion_id: string;
    agreed_score: number;
  };
  db.prepare('update moderation_record set agreed_score = ? where criterion_id = ?').run(
    row.agreed_score === 3 ? 2 : 3,
    row.criterion_id,
  );
}

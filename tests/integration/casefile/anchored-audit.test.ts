import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntryHash, GENESIS_HASH } from '../../../src/main/casefile';
import { readSignedContent } from '../../../src/main/certificates';
import { DEMO_CASE_FILE } from '../../../src/main/demo';
import { decodeQrPayload } from '../../../src/main/signing';
import { copanel, DEMO_PASSPHRASE } from '../certificates/support';
import { pdfText } from '../documents/pdf-tools';
import { expectUserError, makeTempDir, openCaseFile, openRaw } from './support';

/**
 * Item 4 of issue 17: anyone with the passphrase can rewrite a case file's history with SQL and
 * recompute the hash chain so that it checks out. The certificate anchors the chain outside the
 * file (its signed QR payload carries the audit head at signing), and opening checks the
 * append-only triggers and that the decision and agreed scores are the ones the log recorded.
 * Every attack below is done with SQL on the real encrypted case file `copanel demo` makes.
 */

const temp = makeTempDir('copanel-anchored-audit-');
let demo: string;
let certificate: string;
let passphraseFile: string;
let anchored: { entries: number; hash: string };

beforeAll(async () => {
  const made = await copanel(['demo', '--out', join(temp.dir, 'demo')], {
    COPANEL_PASSPHRASE: DEMO_PASSPHRASE,
  });
  expect(made.code, made.out + made.err).toBe(0);
  demo = join(temp.dir, 'demo', DEMO_CASE_FILE);
  certificate = join(temp.dir, 'demo', 'certificate.pdf');
  passphraseFile = join(temp.dir, 'passphrase.txt');
  writeFileSync(passphraseFile, DEMO_PASSPHRASE);
  const payload = decodeQrPayload(readSignedContent(readFileSync(certificate)).keywords ?? '');
  anchored = payload!.auditHead!;
}, 240_000);
afterAll(() => temp.cleanup());

let copies = 0;
/** A copy of the demo case file, changed with SQL as an attacker with the passphrase would. */
function rewritten(attack: (db: ReturnType<typeof openRaw>) => void): string {
  copies += 1;
  const path = join(temp.dir, `rewritten-${copies}.copanel`);
  copyFileSync(demo, path);
  const db = openRaw(path, DEMO_PASSPHRASE);
  try {
    attack(db);
  } finally {
    db.close();
  }
  return path;
}

const TRIGGERS = ['update', 'delete'].map((event) => {
  return { event, name: `audit_log_is_append_only_${event}` };
});

/** Drops the append-only triggers, runs the attack, and puts the triggers back as they were. */
function withoutTriggers(db: ReturnType<typeof openRaw>, attack: () => void): void {
  const saved = TRIGGERS.map(
    ({ name }) =>
      (
        db.prepare(`select sql from sqlite_master where type = 'trigger' and name = ?`).get(name) as {
          sql: string;
        }
      ).sql,
  );
  for (const { name } of TRIGGERS) db.exec(`drop trigger ${name}`);
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
function recomputeChain(db: ReturnType<typeof openRaw>): void {
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

const verifyAudit = (file: string) =>
  copanel(['case', 'verify-audit', file, '--against', certificate, '--passphrase-file', passphraseFile]);

describe('a case file checked against the certificate issued from it', () => {
  it('the certificate carries the audit head at signing, and the untouched file still holds it', async () => {
    expect(anchored.entries).toBeGreaterThan(10);
    expect(anchored.hash).toMatch(/^[0-9a-f]{64}$/);
    const result = await verifyAudit(demo);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(new RegExp(`still holds entry ${anchored.entries}`));
  });

  it('the signed report prints the same audit head', () => {
    const text = pdfText(join(temp.dir, 'demo', 'report.pdf')).replace(/ /g, '');
    expect(text).toContain(
      `Recordofchangeswhensigned:${anchored.entries}entries,thenewestwithfingerprint${anchored.hash}.`,
    );
  });

  it('reports entries cut from the end with the head moved back (the chain itself checks out)', async () => {
    const file = rewritten((db) =>
      withoutTriggers(db, () => {
        db.prepare('delete from audit_log where seq >= ?').run(anchored.entries - 1);
        recomputeChain(db);
      }),
    );
    const plain = await copanel(['case', 'verify-audit', file, '--passphrase-file', passphraseFile]);
    expect(plain.err).not.toMatch(/has been altered at entry/); // the chain alone cannot tell
    const result = await verifyAudit(file);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/rewritten after certificate .* was issued: .*entries were removed/);
  });

  it('reports a history rewritten before the signing and recomputed so that the chain checks out', async () => {
    const file = rewritten((db) =>
      withoutTriggers(db, () => {
        db.prepare("update audit_log set actor = 'someone else' where seq = 2").run();
        recomputeChain(db);
      }),
    );
    const result = await verifyAudit(file);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/history up to the signing was rewritten/);
  });

  it('refuses to open for editing a file whose append-only triggers were dropped', async () => {
    const file = rewritten((db) => {
      for (const { name } of TRIGGERS) db.exec(`drop trigger ${name}`);
    });
    const error = await expectUserError(openCaseFile({ path: file, passphrase: DEMO_PASSPHRASE }));
    expect(error.code).toBe('AUDIT_CHAIN_BROKEN');
    expect(error.message).toMatch(/changed outside Coproduction Panel: the protection .* has been removed/);
    const result = await verifyAudit(file);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/protection .* has been removed/);
  });

  it('refuses to open for editing a file whose agreed score was edited with SQL', async () => {
    const file = rewritten((db) => {
      const row = db.prepare('select criterion_id, agreed_score from moderation_record limit 1').get() as {
        criterion_id: string;
        agreed_score: number;
      };
      db.prepare('update moderation_record set agreed_score = ? where criterion_id = ?').run(
        row.agreed_score === 3 ? 2 : 3,
        row.criterion_id,
      );
    });
    const error = await expectUserError(openCaseFile({ path: file, passphrase: DEMO_PASSPHRASE }));
    expect(error.code).toBe('AUDIT_CHAIN_BROKEN');
    expect(error.message).toMatch(/the agreed score for .* is not the score its record of changes shows/);
  });

  it('refuses to open for editing a file whose decision was edited with SQL, and reads it read-only with a warning', async () => {
    const file = rewritten((db) => {
      db.prepare('update outcome set level = case when level = 3 then 2 else 3 end').run();
    });
    const error = await expectUserError(openCaseFile({ path: file, passphrase: DEMO_PASSPHRASE }));
    expect(error.code).toBe('AUDIT_CHAIN_BROKEN');
    expect(error.message).toMatch(/the decision stored in the file is not the decision/);
    const readOnly = await openCaseFile({ path: file, passphrase: DEMO_PASSPHRASE, readOnly: true });
    try {
      expect(readOnly.notices.join(' ')).toMatch(/do not sign a certificate from it/);
    } finally {
      await readOnly.close();
    }
  });

  it('opens the untouched demo case file for editing', async () => {
    const caseFile = await openCaseFile({ path: demo, passphrase: DEMO_PASSPHRASE });
    expect(caseFile.notices).toEqual([]);
    await caseFile.close();
  });
});

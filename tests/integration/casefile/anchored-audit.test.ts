import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSignedContent } from '../../../src/main/certificates';
import { DEMO_CASE_FILE } from '../../../src/main/demo';
import { decodeQrPayload } from '../../../src/main/signing';
import { copanel, DEMO_PASSPHRASE } from '../certificates/support';
import { pdfText } from '../documents/pdf-tools';
import {
  AUDIT_TRIGGERS as TRIGGERS,
  editAgreedScore,
  recomputeChain,
  withoutTriggers,
} from './rewrite-history';
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
    const file = rewritten(editAgreedScore);
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

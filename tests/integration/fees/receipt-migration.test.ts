import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, readAuditLog, writeNewCaseFile } from '../../../src/main/casefile';
import { claimReceipt, listClaims } from '../../../src/main/fees';
import { caseOptions, leadScope, makeTempDir, openCaseFile, openRaw, PASSPHRASE } from '../casefile/support';
import { sha256 } from '../upload-streams';

const temp = makeTempDir('copanel-receipt-migration-');
afterAll(() => temp.cleanup());

/** The last layout that kept each receipt as one value (`fee_expense.receipt`). */
const LAYOUT_WITH_WHOLE_RECEIPTS = 9;

/**
 * A case file as the app wrote it before receipts were kept in chunks: created through the same
 * code path up to layout 9, with the lead's claim holding a 2.5 MB receipt as one value (as
 * `attachReceipt` kept it then), a receipt still to arrive, and a mileage line.
 */
async function writeCaseWithWholeReceipts(name: string, receipt: Buffer): Promise<string> {
  const path = join(temp.dir, name);
  await writeNewCaseFile(path, caseOptions(path, { appVersion: '0.9.0' }), LAYOUT_WITH_WHOLE_RECEIPTS);
  const raw = openRaw(path);
  try {
    const { cycle, lead } = raw
      .prepare("select cycle_id as cycle, id as lead from panel_member where role = 'lead'")
      .get() as { cycle: string; lead: string };
    // The test's lead scope acts as member 'lead': give the lead that id, as leadScope expects.
    raw.prepare('update panel_member set id = ? where id = ?').run('lead', lead);
    raw
      .prepare(
        "insert into fee_claim (id, cycle_id, member_id, worked_on, state, recorded_at) values ('c1', ?, 'lead', '2026-09-30', 'recorded', '2026-09-30T18:00:00.000Z')",
      )
      .run(cycle);
    const expense = raw.prepare(
      'insert into fee_expense (id, claim_id, kind, description, miles_tenths, amount_pence, receipt_name, receipt_media_type, receipt_sha256, receipt) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    expense.run('x-mileage', 'c1', 'mileage', 'Home to Portmere', 246, null, null, null, null, null);
    expense.run(
      'x-hotel',
      'c1',
      'receipt',
      'Hotel in Portmere',
      null,
      8000,
      'hotel.jpg',
      'image/jpeg',
      sha256(receipt),
      receipt,
    );
    expense.run('x-taxi', 'c1', 'receipt', 'Taxi', null, 1250, 'taxi.pdf', 'application/pdf', null, null);
  } finally {
    raw.close();
  }
  return path;
}

describe('case-file migration 10: receipts move into chunks', () => {
  it('moves a receipt kept whole by the old layout into 1 MiB chunks, byte for byte, and drops the old column', async () => {
    const receipt = randomBytes(2.5 * 1024 * 1024);
    const path = await writeCaseWithWholeReceipts('whole-receipts.copanel', receipt);
    const before = openRaw(path);
    expect(before.pragma('user_version', { simple: true })).toBe(LAYOUT_WITH_WHOLE_RECEIPTS);
    before.close();

    const caseFile = await openCaseFile({ path, passphrase: PASSPHRASE });
    try {
      expect((await caseFile.details()).schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(10);
      const chunks = await caseFile.db
        .selectFrom('receipt_chunk')
        .select(['expense_id', 'seq', (eb) => eb.fn<number>('length', ['data']).as('bytes')])
        .orderBy('expense_id')
        .orderBy('seq')
        .execute();
      expect(chunks).toEqual([
        { expense_id: 'x-hotel', seq: 0, bytes: 1024 * 1024 },
        { expense_id: 'x-hotel', seq: 1, bytes: 1024 * 1024 },
        { expense_id: 'x-hotel', seq: 2, bytes: 512 * 1024 },
      ]);

      const lead = leadScope(caseFile);
      const [claim] = await listClaims(lead);
      expect(claim?.milesTenths).toBe(246);
      expect(claim?.expenses).toMatchObject([
        { id: 'x-hotel', receiptSha256: sha256(receipt), receiptSizeBytes: receipt.length },
        { id: 'x-taxi', receiptSha256: null, receiptSizeBytes: 0 },
      ]);
      const kept = await claimReceipt(lead, 'x-hotel');
      expect(kept).toMatchObject({
        fileName: 'hotel.jpg',
        mediaType: 'image/jpeg',
        sizeBytes: receipt.length,
      });
      const copy = join(temp.dir, 'hotel-copy.jpg');
      expect(await kept.saveTo(copy)).toEqual({ bytes: receipt.length, sha256: sha256(receipt) });
      expect(readFileSync(copy).equals(receipt)).toBe(true);

      const actions = (await readAuditLog(caseFile.db)).map((entry) => entry.action);
      expect(actions.at(-1)).toBe('case.layout_updated');
      expect(await caseFile.verifyAuditChain()).toMatchObject({ ok: true });
    } finally {
      await caseFile.close();
    }
    const after = openRaw(path);
    try {
      const columns = (after.pragma('table_info(fee_expense)') as { name: string }[]).map(
        (column) => column.name,
      );
      expect(columns).not.toContain('receipt');
      expect(columns).toEqual(expect.arrayContaining(['receipt_size', 'receipt_chunk_count']));
    } finally {
      after.close();
    }
    // Still unreadable on disk after the move.
    expect(readFileSync(path).includes(receipt.subarray(1024 * 1024, 1024 * 1024 + 64))).toBe(false);
  }, 120_000);
});

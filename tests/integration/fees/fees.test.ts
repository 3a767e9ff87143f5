import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseScope, type CaseScope } from '../../../src/main/case';
import { auditPayloadHash, CaseRegistry, readAuditLog } from '../../../src/main/casefile';
import { invoke } from '../../../src/main/api';
import { buildPanel, DEMO_FEE_RATES, PanelClient, type BuiltPanel } from '../../../src/main/demo';
import {
  approveClaim,
  claimReceipt,
  feesCsv,
  feeStatementView,
  invoiceSummaryView,
  listClaims,
  recordClaim,
  renderFeeStatement,
  renderInvoiceSummary,
} from '../../../src/main/fees';
import { nodeRuntime } from '../../../src/main/runtime';
import type { BankDetails, ClaimInput, FeeRates } from '../../../src/shared/api';
import { expectUserError, PASSPHRASE } from '../casefile/support';
import { pdfText, pdfWorkspace } from '../documents/pdf-tools';
import { inPieces, OVER_100_MB, sha256, zeros } from '../upload-streams';

/** £100 a day, £60 a half-day, £15 an hour, 45p a mile. */
const RATES: FeeRates = DEMO_FEE_RATES;
const BANK: BankDetails = {
  payee: 'Northfield Kitemark Scheme',
  bank: 'Example Co-operative Bank',
  sortCode: '08-99-99',
  accountNumber: '12345678',
};

const dir = mkdtempSync(join(tmpdir(), 'copanel-fees-'));
const runtime = nodeRuntime('cli', { workspaceDir: dir, userDataDir: dir });
const cases = new CaseRegistry({ userDataDir: dir });
const pdfs = pdfWorkspace();
let panel: BuiltPanel;
let lead: CaseScope;
let dafydd: CaseScope;
let priya: CaseScope;

afterAll(async () => {
  await cases.closeAll();
  rmSync(dir, { recursive: true, force: true });
  pdfs.dispose();
});

async function scopeOf(memberId: string): Promise<CaseScope> {
  const scope = await caseScope(cases.get(panel.caseId), runtime.resourcesDir, memberId);
  if (!scope.actor) throw new Error('not on the panel');
  return scope as CaseScope;
}

function claim(fields: Partial<ClaimInput>): ClaimInput {
  return {
    workedOn: '2026-10-01',
    time: [],
    milesTenths: 0,
    mileageDescription: '',
    expenses: [],
    notes: '',
    ...fields,
  };
}

const ticket = Buffer.from('%PDF-1.7 fictional train ticket');
const receipt = { fileName: 'train.pdf', mediaType: 'application/pdf', sizeBytes: ticket.length };

/** A member sends a receipt's bytes as browser mode does: a streamed upload with the call. */
function sendReceipt(member: PanelClient, expenseId: string, bytes: Buffer, sizeBytes = bytes.length) {
  return invoke(
    'fees.attachReceipt',
    { caseId: panel.caseId, expenseId, sizeBytes },
    { ...member.ctx, upload: inPieces(bytes) },
  );
}

beforeAll(async () => {
  panel = await buildPanel(
    {
      fileName: 'fees.copanel',
      organisation: 'Harbour Minds Community Wellbeing Trust',
      passphrase: PASSPHRASE,
      lead: { name: 'Amara Okafor', pin: '2468' },
      members: [
        { name: 'Dafydd Llywelyn', role: 'assessor', pin: '1357', consentToBeNamed: true },
        { name: 'Priya Shah', role: 'assessor', pin: '8642', consentToBeNamed: false },
      ],
    },
    () => new PanelClient(runtime, cases),
  );
  lead = await scopeOf(panel.lead.memberId);
  dafydd = await scopeOf(panel.members[0]!.memberId);
  priya = await scopeOf(panel.members[1]!.memberId);
}, 60_000);

describe('time and fees in the case file', () => {
  it('records each member’s own claims, and the lead approves them at the scheme’s rates', async () => {
    // 1 h 30 preparation + 5 h visit = 6 h 30 at £15 = £97.50 (under the £100 day cap);
    // 24.6 miles at 45p = £11.07; a £12.40 train fare. Total £120.97.
    const first = await recordClaim(
      dafydd,
      claim({
        time: [
          { activity: 'preparation', minutes: 90 },
          { activity: 'visit', minutes: 300 },
        ],
        milesTenths: 246,
        mileageDescription: 'Home to Portmere and back',
        expenses: [{ description: 'Train to Portmere', amountPence: 1240, receipt }],
      }),
    );
    expect(first).toMatchObject({ state: 'recorded', memberName: 'Dafydd Llywelyn', totalPence: null });
    expect(first.expenses[0]).toMatchObject({ receiptName: 'train.pdf', receiptSha256: null });
    await sendReceipt(panel.members[0]!, first.expenses[0]!.id, ticket);
    // 8 h of visit = £120 by the hour, capped at the £100 day rate.
    await recordClaim(priya, claim({ time: [{ activity: 'visit', minutes: 480 }] }));
    // 2 h 30 report writing = £37.50 (under the £60 half-day cap).
    await recordClaim(
      priya,
      claim({ workedOn: '2026-10-03', time: [{ activity: 'report_writing', minutes: 150 }] }),
    );
    // 3 h 20 moderation = £50.00.
    await recordClaim(
      lead,
      claim({ workedOn: '2026-10-02', time: [{ activity: 'moderation', minutes: 200 }] }),
    );

    // Each member sees only their own; the lead sees everyone's, priced at today's rates.
    expect((await listClaims(priya)).map((row) => row.memberName)).toEqual(['Priya Shah', 'Priya Shah']);
    const all = await listClaims(lead, RATES);
    expect(all.map((row) => [row.memberName, row.workedOn, row.totalPence])).toEqual([
      ['Dafydd Llywelyn', '2026-10-01', 12_097],
      ['Priya Shah', '2026-10-01', 10_000],
      ['Amara Okafor', '2026-10-02', 5_000],
      ['Priya Shah', '2026-10-03', 3_750],
    ]);

    const refused = await expectUserError(approveClaim(dafydd, first.id, RATES));
    expect(refused.code).toBe('FORBIDDEN');
    for (const row of all) await approveClaim(lead, row.id, RATES);
    expect((await expectUserError(approveClaim(lead, first.id, RATES))).code).toBe('WRONG_STAGE');

    // An approved claim keeps its amounts when the rates change.
    const dearer = { ...RATES, hourlyRatePence: 2_000 };
    expect((await listClaims(lead, dearer)).map((row) => row.totalPence)).toEqual([
      12_097, 10_000, 5_000, 3_750,
    ]);
    expect(await cases.get(panel.caseId).verifyAuditChain()).toMatchObject({ ok: true });

    // The receipt comes back byte for byte to its member and to the lead; to nobody else.
    const expenseId = first.expenses[0]!.id;
    for (const [index, asker] of [dafydd, lead].entries()) {
      const saved = await claimReceipt(asker, expenseId);
      expect(saved).toMatchObject({
        fileName: 'train.pdf',
        mediaType: 'application/pdf',
        sizeBytes: ticket.length,
      });
      const copy = join(dir, `train-copy-${index}.pdf`);
      await saved.saveTo(copy);
      expect(readFileSync(copy).equals(ticket)).toBe(true);
    }
    expect((await expectUserError(claimReceipt(priya, expenseId))).code).toBe('NOT_FOUND');
    expect((await expectUserError(claimReceipt(lead, first.id))).code).toBe('NOT_FOUND');
  });

  it('refuses absurd or duplicate claims plainly, saving nothing', async () => {
    const before = (await cases.get(panel.caseId).details()).auditEntries;
    const twice = await expectUserError(
      recordClaim(dafydd, claim({ time: [{ activity: 'travel', minutes: 60 }] })),
    );
    expect(twice.message).toContain('You already have a claim for 2026-10-01');
    const long = await expectUserError(
      recordClaim(
        dafydd,
        claim({
          workedOn: '2026-10-05',
          time: [
            { activity: 'visit', minutes: 900 },
            { activity: 'travel', minutes: 600 },
          ],
        }),
      ),
    );
    expect(long.message).toContain('there are only 24');
    const negative = await expectUserError(
      recordClaim(dafydd, claim({ workedOn: '2026-10-05', time: [{ activity: 'visit', minutes: -30 }] })),
    );
    expect(negative.message).toContain('cannot be zero or negative');
    expect((await expectUserError(recordClaim(dafydd, claim({ workedOn: '2026-10-05' })))).message).toContain(
      'Record some time, mileage or an expense',
    );
    expect(
      (
        await expectUserError(
          recordClaim(dafydd, claim({ workedOn: '2999-01-01', milesTenths: 10, mileageDescription: 'x' })),
        )
      ).message,
    ).toContain('in the future');
    const tooLarge = await expectUserError(
      recordClaim(
        dafydd,
        claim({
          workedOn: '2026-10-05',
          expenses: [
            {
              description: 'Hotel',
              amountPence: 8_000,
              receipt: { ...receipt, sizeBytes: 100 * 1024 * 1024 + 1 },
            },
          ],
        }),
      ),
    );
    expect(tooLarge.message).toContain('larger than 100 MB');
    const zeroRates = await expectUserError(
      approveClaim(lead, 'no-such-claim', { ...RATES, dayRatePence: 0 }),
    );
    expect(zeroRates.message).toContain('The day rate cannot be zero');
    expect((await cases.get(panel.caseId).details()).auditEntries).toBe(before);
  });

  it('makes a fee statement, an invoice summary and a CSV whose amounts match the approved claims', async () => {
    const caseFile = cases.get(panel.caseId);
    const statement = await feeStatementView(
      caseFile,
      dafydd.actor.memberId,
      'Northfield Kitemark Scheme',
      '2026-10-10',
    );
    const statementText = pdfText(
      pdfs.write(
        'statement.pdf',
        await renderFeeStatement(statement, {
          creationDate: new Date('2026-10-10T09:00:00Z'),
          resourcesDir: runtime.resourcesDir,
        }),
      ),
    );
    for (const words of [
      'Fee statement',
      'Dafydd Llywelyn',
      '£97.50',
      '£11.07',
      '£12.40',
      '£120.97',
      'Preparation 1 h 30 min, Visit 5 h',
    ])
      expect(statementText).toContain(words);

    const invoice = await invoiceSummaryView(caseFile, 'Northfield Kitemark Scheme', BANK, '2026-10-10');
    const invoiceText = pdfText(
      pdfs.write(
        'invoice.pdf',
        await renderInvoiceSummary(invoice, {
          creationDate: new Date('2026-10-10T09:00:00Z'),
          resourcesDir: runtime.resourcesDir,
        }),
      ),
    );
    // £120.97 + £100.00 + £37.50 + £50.00 = £308.47.
    for (const words of [
      'Invoice summary',
      'Harbour Minds Community Wellbeing Trust',
      '£308.47',
      '08-99-99',
      '12345678',
      'Dafydd Llywelyn',
      '(name withheld)',
    ])
      expect(invoiceText).toContain(words);
    expect(invoiceText).not.toContain('Priya Shah');

    const csv = await feesCsv(caseFile);
    const rows = csv
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(','));
    expect(rows[0]).toEqual([
      'case_id',
      'organisation',
      'member',
      'role',
      'worked_on',
      'minutes',
      'miles',
      'time_gbp',
      'mileage_gbp',
      'expenses_gbp',
      'total_gbp',
      'approved_at',
    ]);
    expect(rows.slice(1).map((row) => [row[2], row[4], row[10]])).toEqual([
      ['Dafydd Llywelyn', '2026-10-01', '120.97'],
      ['Priya Shah', '2026-10-01', '100.00'],
      ['Amara Okafor', '2026-10-02', '50.00'],
      ['Priya Shah', '2026-10-03', '37.50'],
    ]);
  }, 60_000);

  it('keeps receipts and claims encrypted on disk', async () => {
    const bytes = readFileSync(cases.get(panel.caseId).path);
    expect(bytes.includes(Buffer.from('fictional train ticket'))).toBe(false);
    expect(bytes.includes(Buffer.from('Home to Portmere'))).toBe(false);
  });

  it('copanel fees export --csv writes the same CSV for the finance office', async () => {
    const csv = await feesCsv(cases.get(panel.caseId));
    const passphraseFile = join(dir, 'passphrase.txt');
    writeFileSync(passphraseFile, `${PASSPHRASE}\n`);
    const out = join(dir, 'fees.csv');
    const bin = join(import.meta.dirname, '..', '..', '..', 'bin', 'copanel.mjs');
    const run = (args: string[]) =>
      spawnSync(process.execPath, [bin, 'fees', 'export', ...args], {
        encoding: 'utf8',
        env: { ...process.env, COPANEL_USER_DATA: join(dir, 'cli-user-data') },
        timeout: 120_000,
      });
    const written = run([
      '--csv',
      cases.get(panel.caseId).path,
      '--out',
      out,
      '--passphrase-file',
      passphraseFile,
    ]);
    expect(written.stderr).toBe('');
    expect(written.stdout).toContain('Wrote 4 approved claims');
    // The same rows, after a byte-order mark so that a spreadsheet reads them as UTF-8.
    const file = readFileSync(out);
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file.subarray(3).toString('utf8')).toBe(csv);
    const noFormat = run([cases.get(panel.caseId).path, '--passphrase-file', passphraseFile]);
    expect(noFormat.status).toBe(2);
    expect(noFormat.stderr).toContain('--csv');
  }, 180_000);
});

describe('receipts sent after the claim, as streamed uploads', () => {
  const hotel = (sizeBytes: number) => ({
    description: 'Hotel in Portmere',
    amountPence: 8_000,
    receipt: { fileName: 'hotel.jpg', mediaType: 'image/jpeg', sizeBytes },
  });
  const auditEntries = async () => (await cases.get(panel.caseId).details()).auditEntries;

  it('keeps a 5 MB receipt byte for byte, sent only by the member who claimed it, before the lead approves', async () => {
    const photo = randomBytes(5 * 1024 * 1024);
    const dafyddClient = panel.members[0]!;
    const claimed = await recordClaim(
      dafydd,
      claim({ workedOn: '2026-10-06', expenses: [hotel(photo.length)] }),
    );
    const expenseId = claimed.expenses[0]!.id;
    expect(claimed.expenses[0]).toMatchObject({ receiptSha256: null, receiptSizeBytes: 0 });

    // Not approved while the receipt is still to come.
    const early = await expectUserError(approveClaim(lead, claimed.id, RATES));
    expect(early.code).toBe('WRONG_STAGE');
    expect(early.message).toContain('has not arrived yet');

    // Nobody else sends it, not even the lead: refused in src/main, nothing kept.
    const before = await auditEntries();
    for (const other of [panel.members[1]!, panel.lead])
      expect((await expectUserError(sendReceipt(other, expenseId, photo))).code).toBe('NOT_FOUND');
    expect(await auditEntries()).toBe(before);

    const arrived = await sendReceipt(dafyddClient, expenseId, photo);
    expect(arrived.expenses[0]).toMatchObject({
      receiptSha256: sha256(photo),
      receiptSizeBytes: photo.length,
    });
    expect(await auditEntries()).toBe(before + 1);
    // Once only.
    expect((await expectUserError(sendReceipt(dafyddClient, expenseId, photo))).code).toBe('WRONG_STAGE');

    // Saved back, through the same download the screens use, byte for byte.
    const saved = join(dir, 'hotel-copy.jpg');
    await invoke('fees.exportReceipt', { caseId: panel.caseId, expenseId, path: saved }, panel.lead.ctx);
    expect(sha256(readFileSync(saved))).toBe(sha256(photo));
    expect(readFileSync(cases.get(panel.caseId).path).includes(photo.subarray(0, 64))).toBe(false);

    expect((await approveClaim(lead, claimed.id, RATES)).state).toBe('approved');
  }, 120_000);

  it('refuses a receipt over 100 MB, stated or streamed, keeping nothing', async () => {
    const before = await auditEntries();
    const stated = await expectUserError(
      invoke(
        'fees.recordClaim',
        { caseId: panel.caseId, claim: claim({ workedOn: '2026-10-07', expenses: [hotel(OVER_100_MB)] }) },
        panel.members[1]!.ctx,
      ),
    );
    expect(stated.code).toBe('INVALID_INPUT');
    expect(stated.message).toContain('larger than 100 MB');
    expect(await auditEntries()).toBe(before);

    const claimed = await recordClaim(priya, claim({ workedOn: '2026-10-07', expenses: [hotel(1000)] }));
    const expenseId = claimed.expenses[0]!.id;
    const afterClaim = await auditEntries();
    const streamed = await expectUserError(
      invoke(
        'fees.attachReceipt',
        { caseId: panel.caseId, expenseId },
        { ...panel.members[1]!.ctx, upload: zeros(OVER_100_MB) },
      ),
    );
    expect(streamed.code).toBe('ATTACHMENT_TOO_LARGE');
    expect(streamed.message).toContain('larger than 100 MB');
    const statedOnUpload = await expectUserError(
      sendReceipt(panel.members[1]!, expenseId, ticket, OVER_100_MB),
    );
    expect(statedOnUpload.message).toContain('larger than 100 MB');
    expect(await auditEntries()).toBe(afterClaim);
    const [still] = (await listClaims(priya)).filter((row) => row.id === claimed.id);
    expect(still?.expenses[0]).toMatchObject({ receiptSha256: null, receiptSizeBytes: 0 });
  }, 120_000);

  /** The receipt's chunks as stored in the case file, and the last audit entry. */
  async function storedReceipt(expenseId: string) {
    const caseFile = cases.get(panel.caseId);
    const chunks = await caseFile.db
      .selectFrom('receipt_chunk')
      .select(['seq', (eb) => eb.fn<number>('length', ['data']).as('bytes')])
      .where('expense_id', '=', expenseId)
      .orderBy('seq')
      .execute();
    const audit = await readAuditLog(caseFile.db, { afterSeq: (await auditEntries()) - 1 });
    return { chunks, lastAudit: audit.at(-1) };
  }

  it('keeps a large receipt in 1 MiB chunks, streamed in and out byte for byte with the same SHA-256', async () => {
    const scan = randomBytes(24 * 1024 * 1024 + 12_345);
    const claimed = await recordClaim(
      dafydd,
      claim({ workedOn: '2026-10-08', expenses: [hotel(scan.length)] }),
    );
    const expenseId = claimed.expenses[0]!.id;
    const arrived = await sendReceipt(panel.members[0]!, expenseId, scan);
    expect(arrived.expenses[0]).toMatchObject({ receiptSha256: sha256(scan), receiptSizeBytes: scan.length });

    // 25 chunks of at most 1 MiB, and the audit entry records the receipt's SHA-256.
    const { chunks, lastAudit } = await storedReceipt(expenseId);
    expect(chunks.map((chunk) => chunk.seq)).toEqual([...Array(25).keys()]);
    expect(chunks.every((chunk) => chunk.bytes <= 1024 * 1024)).toBe(true);
    expect(chunks.reduce((sum, chunk) => sum + chunk.bytes, 0)).toBe(scan.length);
    expect(lastAudit).toMatchObject({
      action: 'fees.receipt_attached',
      payload_sha256: auditPayloadHash({
        claimId: claimed.id,
        expenseId,
        fileName: 'hotel.jpg',
        sizeBytes: scan.length,
        sha256: sha256(scan),
      }),
    });

    // Saved back as browser mode downloads it (streamed to the response) and to a path.
    const hash = createHash('sha256');
    let announced: { fileName: string; sizeBytes: number } | undefined;
    const download = {
      start: (file: { fileName: string; mediaType: string; sizeBytes: number }) => {
        announced = file;
        return new Writable({
          write(piece: Buffer, _encoding, done) {
            hash.update(piece);
            done();
          },
        });
      },
    };
    const downloaded = await invoke(
      'fees.exportReceipt',
      { caseId: panel.caseId, expenseId },
      { ...panel.lead.ctx, download },
    );
    expect(downloaded).toEqual({ path: null, sizeBytes: scan.length });
    expect(announced).toMatchObject({ fileName: 'hotel.jpg', sizeBytes: scan.length });
    expect(hash.digest('hex')).toBe(sha256(scan));
    const saved = join(dir, 'scan-copy.jpg');
    await invoke(
      'fees.exportReceipt',
      { caseId: panel.caseId, expenseId, path: saved },
      panel.members[0]!.ctx,
    );
    expect(readFileSync(saved).equals(scan)).toBe(true);

    // Not readable on disk: no 64-byte run of it anywhere in the encrypted case file.
    const onDisk = readFileSync(cases.get(panel.caseId).path);
    for (const at of [0, 1024 * 1024 - 32, 12 * 1024 * 1024, scan.length - 64])
      expect(onDisk.includes(scan.subarray(at, at + 64))).toBe(false);
    expect(await cases.get(panel.caseId).verifyAuditChain()).toMatchObject({ ok: true });
  }, 180_000);

  it('keeps nothing of a receipt cut off part-way, and takes it whole when sent again', async () => {
    const photo = randomBytes(3 * 1024 * 1024 + 7);
    const claimed = await recordClaim(
      priya,
      claim({ workedOn: '2026-10-09', expenses: [hotel(photo.length)] }),
    );
    const expenseId = claimed.expenses[0]!.id;
    const before = await auditEntries();
    // The connection drops after 2.5 MB, as when a laptop sleeps mid-upload.
    const cutOff = Readable.from(
      (async function* () {
        for (let at = 0; at < 2.5 * 1024 * 1024; at += 64 * 1024) yield photo.subarray(at, at + 64 * 1024);
        throw Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
      })(),
    );
    await expect(
      invoke(
        'fees.attachReceipt',
        { caseId: panel.caseId, expenseId, sizeBytes: photo.length },
        { ...panel.members[1]!.ctx, upload: cutOff },
      ),
    ).rejects.toBeDefined();
    expect(await auditEntries()).toBe(before);
    expect((await storedReceipt(expenseId)).chunks).toEqual([]);
    const [waiting] = (await listClaims(priya)).filter((row) => row.id === claimed.id);
    expect(waiting?.expenses[0]).toMatchObject({ receiptSha256: null, receiptSizeBytes: 0 });
    expect((await expectUserError(claimReceipt(priya, expenseId))).code).toBe('NOT_FOUND');

    const arrived = await sendReceipt(panel.members[1]!, expenseId, photo);
    expect(arrived.expenses[0]).toMatchObject({
      receiptSha256: sha256(photo),
      receiptSizeBytes: photo.length,
    });
    expect(await auditEntries()).toBe(before + 1);
    expect((await storedReceipt(expenseId)).chunks).toHaveLength(4);
  }, 120_000);
});

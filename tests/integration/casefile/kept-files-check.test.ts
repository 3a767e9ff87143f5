import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CaseFile,
  checkCaseFileFully,
  checkFileFully,
  type FullCheckProgress,
  saveWhatCanBeRead,
} from '../../../src/main/casefile';
import { addEvidence, attachFile, listEvidence } from '../../../src/main/evidence';
import { attachReceipt, claimReceipt, recordClaim } from '../../../src/main/fees';
import { damagePage, PAGE_BYTES } from '../../support/damage';
import { addAssessor, recordTraining, SCHEME_FILE_FULL_CHECK } from '../../../src/main/scheme';
import { incoming } from '../upload-streams';
import {
  createTestCase,
  createTestSchemeFile,
  evidenceFields,
  leadScope,
  makeTempDir,
  openCaseFile,
  openRaw,
  PASSPHRASE,
} from './support';

/**
 * The full check reads back every file kept in chunks against the SHA-256 recorded when it
 * arrived: evidence attachments and receipts for expenses in a case file (migration 10),
 * certificates of attendance in a scheme file (scheme migration 9). A chunk changed inside the
 * file keeps every page's HMAC valid (it is written through the real SQLCipher driver, with the
 * passphrase), so only reading it back finds it; the report names the file in plain words.
 * "Save what can be read" reads them back too: a damaged one is left out and named, the rest kept.
 */
const temp = makeTempDir('copanel-kept-files-check-');
afterAll(() => temp.cleanup());

/** Rewrites the first chunk of one kept file through the real driver, as a tool that knew the passphrase might. */
function alterFirstChunk(path: string, table: string, owner: string, id: string): void {
  const raw = openRaw(path);
  try {
    const changed = raw
      .prepare(`update ${table} set data = ? where ${owner} = ? and seq = 0`)
      .run(Buffer.from('%PDF-1.7 a different document'), id);
    expect(changed.changes).toBe(1);
  } finally {
    raw.close();
  }
}

/** The lead, signed in as the panel member they are (receipts are sent by the member who claimed). */
async function leadMember(caseFile: CaseFile) {
  const lead = await caseFile.db.selectFrom('panel_member').select('id').executeTakeFirstOrThrow();
  return { ...leadScope(caseFile), actor: { ...leadScope(caseFile).actor, memberId: lead.id } };
}

/** Adds the minutes of the forum to the evidence register, with the minutes attached. */
async function attachMinutes(scope: Awaited<ReturnType<typeof leadMember>>) {
  const evidence = await addEvidence(
    scope,
    evidenceFields({ title: 'Minutes of the forum', kind: 'document' }),
  );
  const minutes = join(temp.dir, 'minutes.pdf');
  writeFileSync(minutes, '%PDF-1.7 minutes of the forum');
  await attachFile(scope, evidence.id, minutes, { fileName: 'minutes.pdf' });
}

/** A closed case file with the minutes attached and the train's receipt kept; where the receipt's pages are. */
async function caseWithMinutesAndTrainReceipt(path: string, ticket: Buffer) {
  const caseFile = await createTestCase(path);
  try {
    const scope = await leadMember(caseFile);
    await attachMinutes(scope);
    const from = statSync(path).size / PAGE_BYTES;
    const expenseId = await claimTrainWithReceipt(scope, ticket);
    return { expenseId, receiptPages: { from, to: statSync(path).size / PAGE_BYTES } };
  } finally {
    await caseFile.close();
  }
}

/** Records a claim with one expense for the train, and sends `ticket` as its receipt; returns the expense's id. */
async function claimTrainWithReceipt(scope: Awaited<ReturnType<typeof leadMember>>, ticket: Buffer) {
  const claim = await recordClaim(scope, {
    workedOn: '2026-10-07',
    time: [],
    milesTenths: 0,
    mileageDescription: '',
    expenses: [
      {
        description: 'Train to the site visit',
        amountPence: 2350,
        receipt: { fileName: 'train.pdf', mediaType: 'application/pdf', sizeBytes: ticket.length },
      },
    ],
    notes: '',
  });
  const expenseId = claim.expenses[0]!.id;
  await attachReceipt(scope, expenseId, incoming('train.pdf', 'application/pdf', ticket));
  return expenseId;
}

/**
 * Saves what can be read of `path`, then checks the new file: it checks out completely, the
 * attachment came through, and the expense is kept, waiting for its receipt again (it can be sent).
 */
async function rescueLeavingOutTheReceipt(path: string, expenseId: string, ticket: Buffer) {
  const rescued = path.replace(/\.copanel$/, '-rescued.copanel');
  const report = await saveWhatCanBeRead(path, PASSPHRASE, rescued);
  expect(report.filesSaved).toBe(1);
  expect(report.filesLost).toEqual([
    {
      fileName: 'train.pdf',
      noun: 'receipt',
      leftOut:
        'the receipt “train.pdf” for the expense “Train to the site visit” on Asha Patel’s claim for 2026-10-07',
      whatStays: 'the expense is kept, without its receipt',
    },
  ]);
  expect(report.summary).toMatch(
    /the receipt “train\.pdf” for the expense “Train to the site visit” on Asha Patel’s claim for 2026-10-07 was damaged and left out \(the expense is kept, without its receipt\)/i,
  );
  expect(report.summary).not.toMatch(/minutes\.pdf/);
  expect((await checkCaseFileFully(rescued, PASSPHRASE)).ok).toBe(true);
  const caseFile = await openCaseFile({ path: rescued, passphrase: PASSPHRASE });
  try {
    const scope = await leadMember(caseFile);
    const evidence = await listEvidence(scope);
    expect(evidence.flatMap((item) => item.attachments.map((file) => file.fileName))).toEqual([
      'minutes.pdf',
    ]);
    await expect(claimReceipt(scope, expenseId)).rejects.toThrow();
    await attachReceipt(scope, expenseId, incoming('train.pdf', 'application/pdf', ticket));
    expect((await claimReceipt(scope, expenseId)).sizeBytes).toBe(ticket.length);
  } finally {
    await caseFile.close();
  }
  expect((await checkCaseFileFully(rescued, PASSPHRASE)).ok).toBe(true);
}

describe('a case file whose receipt was changed inside the file', () => {
  const path = join(temp.dir, 'receipts.copanel');
  const ticket = Buffer.from('%PDF-1.7 fictional train ticket');
  let expenseId = '';

  beforeAll(async () => {
    ({ expenseId } = await caseWithMinutesAndTrainReceipt(path, ticket));
  }, 60_000);

  it('checks out completely while the receipt is whole, reading it back with the attachments', async () => {
    const progress: FullCheckProgress[] = [];
    const report = await checkCaseFileFully(path, PASSPHRASE, { onProgress: (step) => progress.push(step) });
    expect(report).toMatchObject({ ok: true, damage: [] });
    expect(report.summary).toMatch(/every attached file and every receipt are intact/);
    const readBack = progress.filter((step) => step.stage === 'attachments').at(-1);
    // The attachment's 29 bytes and the receipt's 31.
    expect(readBack).toEqual({ stage: 'attachments', done: 60, total: 60 });
  });

  it('names the changed receipt, its expense and whose claim it is on, and says what to do', async () => {
    alterFirstChunk(path, 'receipt_chunk', 'expense_id', expenseId);
    const told: string[] = [];
    const report = await checkCaseFileFully(path, PASSPHRASE, {
      onDamage: (damage) => told.push(damage.name),
    });
    expect(report.ok).toBe(false);
    expect(report.damagedPages).toEqual([]);
    expect(told).toEqual(['train.pdf']);
    expect(report.damage).toEqual([
      {
        kind: 'attachment',
        name: 'train.pdf',
        detail:
          'the receipt “train.pdf” for the expense “Train to the site visit” on Asha Patel’s claim for 2026-10-07: its contents no longer match the SHA-256 recorded when it was added',
      },
    ]);
    expect(report.summary).toMatch(/is damaged: the receipt “train\.pdf”/);
    expect(report.summary).toMatch(/Save what can be read to a new file/);
    expect(report.summary).not.toMatch(/minutes\.pdf/);
  });

  it('saving what can be read leaves the changed receipt out and names it, keeping its expense and the rest', async () => {
    await rescueLeavingOutTheReceipt(path, expenseId, ticket);
  });
});

describe('a case file with a damaged page in the middle of a receipt', () => {
  const path = join(temp.dir, 'damaged-receipt.copanel');
  const ticket = Buffer.alloc(2 * 1024 * 1024, 0x54);
  let expenseId = '';

  beforeAll(async () => {
    const made = await caseWithMinutesAndTrainReceipt(path, ticket);
    expenseId = made.expenseId;
    damagePage(path, Math.floor((made.receiptPages.from + made.receiptPages.to) / 2));
  }, 60_000);

  it('saving what can be read does not keep the receipt whose part could not be read, and says so', async () => {
    await rescueLeavingOutTheReceipt(path, expenseId, ticket);
  });
});

describe('a scheme file whose certificate of attendance was changed inside the file', () => {
  const path = join(temp.dir, 'training.copanel-scheme');
  let trainingId = '';

  beforeAll(async () => {
    const scheme = await createTestSchemeFile(path);
    try {
      const sam = await addAssessor(scheme, 'Mo Reyes', {
        name: 'Sam Okafor',
        roles: ['assessor'],
        consentToBeNamed: true,
      });
      const certificate = Buffer.from('%PDF-1.7 fictional certificate of attendance');
      trainingId = await recordTraining(
        scheme,
        'Mo Reyes',
        { assessorId: sam, course: 'Assessing coproduction', attendedOn: '2025-06-01', trainer: 'Ade Bello' },
        incoming('attendance.pdf', 'application/pdf', certificate),
      );
    } finally {
      await scheme.close();
    }
  }, 60_000);

  it('checks out completely while the certificate is whole', async () => {
    const report = await checkFileFully(path, PASSPHRASE, SCHEME_FILE_FULL_CHECK);
    expect(report).toMatchObject({ ok: true, damage: [] });
    expect(report.summary).toMatch(/and every certificate of attendance are intact/);
  });

  it('names the changed certificate, the course and who attended it', async () => {
    alterFirstChunk(path, 'certificate_chunk', 'training_id', trainingId);
    const report = await checkFileFully(path, PASSPHRASE, SCHEME_FILE_FULL_CHECK);
    expect(report.ok).toBe(false);
    expect(report.damage).toEqual([
      {
        kind: 'attachment',
        name: 'attendance.pdf',
        detail:
          'the certificate of attendance “attendance.pdf” for the course “Assessing coproduction” attended by Sam Okafor on 2025-06-01: its contents no longer match the SHA-256 recorded when it was added',
      },
    ]);
    expect(report.summary).toMatch(
      /training\.copanel-scheme.* is damaged: the certificate of attendance “attendance\.pdf”/,
    );
  });
});

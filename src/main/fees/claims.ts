import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import { sql } from 'kysely';
import {
  claimInput,
  FEE_ACTIVITIES,
  feeRates,
  UserFacingError,
  type FeeActivity,
  type FeeClaim,
  type FeeRates,
} from '../../shared/api';
import { todayIso } from '../../shared/dates';
import { checkedInput, invalidInput } from '../checked-input';
import { currentCycle, type CaseScope } from '../case';
import {
  caseFileFailures,
  exportChunks,
  RECEIPT_CHUNKS,
  storeIncomingFile,
  type ExportedAttachment,
  type IncomingFile,
  type ReadableCaseDb,
} from '../casefile';
import { dayTimePence, mileagePence, sumPence } from './money';

/**
 * Members' claims for time and expenses, kept in the case file (migration 7). Each member records
 * their own, under their own session, one claim per day's work on the case; the lead approves each
 * one, which fixes its amounts with the scheme's rates of that day. The checks live here, in
 * src/main: a claim is always the signed-in member's own, only the lead approves, an approved claim
 * never changes, and nothing is half-saved. Nothing is paid by the app.
 */

/**
 * A receipt kept with an expense, ready to be saved: its name, type and size, and `saveTo`, which
 * streams it out of the case file (a chunk at a time) to a path or a stream, checking its SHA-256.
 */
export interface Receipt {
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  saveTo: (destination: string | Writable) => Promise<ExportedAttachment>;
}

/**
 * Records the signed-in member's claim for one day, naming each expense's receipt; the receipts'
 * bytes follow, one at a time, with `attachReceipt`, and the lead cannot approve the claim until
 * they have all arrived. Refused, saving nothing: a second claim for the same day and case, a date
 * in the future, more than 24 hours, a receipt over 100 MB.
 */
export async function recordClaim(scope: CaseScope, input: unknown): Promise<FeeClaim> {
  const claim = checkedInput(claimInput.safeParse(input));
  if (claim.workedOn > todayIso())
    throw invalidInput('That day is in the future. Record a claim for work already done.');
  const { actor } = scope;
  const id = randomUUID();
  await scope.caseFile.mutate(
    actor.label,
    'fees.claim_recorded',
    {
      id,
      memberId: actor.memberId,
      workedOn: claim.workedOn,
      minutes: sumPence(claim.time.map((line) => line.minutes)),
      milesTenths: claim.milesTenths,
      expensesPence: sumPence(claim.expenses.map((expense) => expense.amountPence)),
    },
    async (trx) => {
      const cycle = await currentCycle(trx);
      const sameDay = await trx
        .selectFrom('fee_claim')
        .select('id')
        .where('cycle_id', '=', cycle.id)
        .where('member_id', '=', actor.memberId)
        .where('worked_on', '=', claim.workedOn)
        .executeTakeFirst();
      if (sameDay)
        throw invalidInput(
          `You already have a claim for ${claim.workedOn} on this case. Put all of that day’s time and expenses in one claim.`,
        );
      await trx
        .insertInto('fee_claim')
        .values({
          id,
          cycle_id: cycle.id,
          member_id: actor.memberId,
          worked_on: claim.workedOn,
          notes: claim.notes,
          state: 'recorded',
          recorded_at: new Date().toISOString(),
          approved_by: null,
          approved_at: null,
          rates_json: null,
          time_pence: null,
          mileage_pence: null,
          expenses_pence: null,
        })
        .execute();
      for (const line of claim.time)
        await trx
          .insertInto('fee_time')
          .values({ claim_id: id, ...line })
          .execute();
      if (claim.milesTenths > 0)
        await trx
          .insertInto('fee_expense')
          .values({
            id: randomUUID(),
            claim_id: id,
            kind: 'mileage',
            description: claim.mileageDescription,
            miles_tenths: claim.milesTenths,
            amount_pence: null,
            receipt_name: null,
            receipt_media_type: null,
            receipt_sha256: null,
            receipt_size: null,
            receipt_chunk_count: null,
          })
          .execute();
      for (const expense of claim.expenses)
        await trx
          .insertInto('fee_expense')
          .values({
            id: randomUUID(),
            claim_id: id,
            kind: 'receipt',
            description: expense.description,
            miles_tenths: null,
            amount_pence: expense.amountPence,
            receipt_name: expense.receipt.fileName,
            receipt_media_type: expense.receipt.mediaType,
            receipt_sha256: null,
            receipt_size: null,
            receipt_chunk_count: null,
          })
          .execute();
    },
  );
  return requireClaim(await readClaims(scope.caseFile.db, { claimId: id }), id);
}

/** The expense whose receipt is on its way, with the claim it belongs to. */
export interface AwaitedReceipt {
  claimId: string;
  fileName: string;
  mediaType: string;
}

function receiptNotYours(): UserFacingError {
  return new UserFacingError(
    'NOT_FOUND',
    'That expense is not on any of your own claims. Only the member who claimed it sends its receipt; refresh the list.',
  );
}

/** An expense with a receipt, with its claim's member and state (not the receipt's bytes). */
function receiptExpense(scope: CaseScope, expenseId: string) {
  return scope.caseFile.db
    .selectFrom('fee_expense')
    .innerJoin('fee_claim', 'fee_claim.id', 'fee_expense.claim_id')
    .select([
      'fee_claim.id as claim_id',
      'fee_claim.member_id',
      'fee_claim.state',
      'fee_expense.receipt_name',
      'fee_expense.receipt_media_type',
      'fee_expense.receipt_sha256',
      'fee_expense.receipt_size',
      'fee_expense.receipt_chunk_count',
    ])
    .where('fee_expense.id', '=', expenseId)
    .where('fee_expense.kind', '=', 'receipt')
    .executeTakeFirst();
}

/**
 * The expense whose receipt the signed-in member is about to send: on their own claim, not yet
 * approved, its receipt not yet arrived. Checked before a byte is read, and again as it is kept.
 */
export async function awaitedReceipt(scope: CaseScope, expenseId: string): Promise<AwaitedReceipt> {
  const row = await receiptExpense(scope, expenseId);
  if (!row || row.member_id !== scope.actor.memberId) throw receiptNotYours();
  if (row.receipt_sha256 !== null)
    throw new UserFacingError('WRONG_STAGE', 'That receipt has already arrived and is kept with the claim.');
  if (row.state !== 'recorded')
    throw new UserFacingError('WRONG_STAGE', 'That claim is approved; an approved claim does not change.');
  return {
    claimId: row.claim_id,
    fileName: row.receipt_name ?? 'receipt',
    mediaType: row.receipt_media_type ?? 'application/octet-stream',
  };
}

/**
 * Keeps a receipt's bytes with its expense as they arrive, in chunks (at most one in memory), all
 * of it or none: a receipt cut off, too large or empty leaves nothing and no audit entry. Audited
 * with its SHA-256. Only for the member's own claim, before approval, and only once.
 */
export async function attachReceipt(
  scope: CaseScope,
  expenseId: string,
  receipt: IncomingFile,
): Promise<FeeClaim> {
  const awaited = await awaitedReceipt(scope, expenseId);
  await scope.caseFile.mutate(
    scope.actor.label,
    'fees.receipt_attached',
    (kept: { size: number; sha256: string }) => ({
      claimId: awaited.claimId,
      expenseId,
      fileName: receipt.fileName,
      sizeBytes: kept.size,
      sha256: kept.sha256,
    }),
    async (trx) => {
      const stillAwaited = await trx
        .selectFrom('fee_expense')
        .select('id')
        .where('id', '=', expenseId)
        .where('receipt_sha256', 'is', null)
        .where('claim_id', 'in', (sub) =>
          sub
            .selectFrom('fee_claim')
            .select('id')
            .where('member_id', '=', scope.actor.memberId)
            .where('state', '=', 'recorded'),
        )
        .executeTakeFirst();
      if (!stillAwaited)
        throw new UserFacingError(
          'WRONG_STAGE',
          'That claim changed a moment ago. Refresh the list and try again.',
        );
      const stored = await storeIncomingFile(trx, RECEIPT_CHUNKS, expenseId, receipt);
      await trx
        .updateTable('fee_expense')
        .set({
          receipt_name: receipt.fileName,
          receipt_media_type: receipt.mediaType,
          receipt_sha256: stored.sha256,
          receipt_size: stored.size,
          receipt_chunk_count: stored.chunkCount,
        })
        .where('id', '=', expenseId)
        .execute();
      return stored;
    },
  );
  return requireClaim(await readClaims(scope.caseFile.db, { claimId: awaited.claimId }), awaited.claimId);
}

function requireClaim(claims: FeeClaim[], id: string): FeeClaim {
  const claim = claims.find((row) => row.id === id);
  if (!claim) throw new UserFacingError('NOT_FOUND', 'That claim is not in this case file.');
  return claim;
}

/**
 * The claims the asker may see: the lead sees everyone's, a member only their own. Amounts of a
 * claim not yet approved are worked out with `rates` (today's), when given.
 */
export async function listClaims(scope: CaseScope, rates?: FeeRates): Promise<FeeClaim[]> {
  const { actor } = scope;
  const claims = await readClaims(
    scope.caseFile.db,
    actor.role === 'lead' ? {} : { memberId: actor.memberId },
  );
  return rates ? claims.map((claim) => priced(claim, rates)) : claims;
}

/** A recorded claim's amounts as they would be approved with `rates`. */
function priced(claim: FeeClaim, rates: FeeRates): FeeClaim {
  if (claim.state === 'approved') return claim;
  const amounts = claimAmounts(claim, rates);
  return {
    ...claim,
    ...amounts,
    totalPence: amounts.timePence + amounts.mileagePence + amounts.expensesPence,
  };
}

/** What a claim comes to with `rates`: the day's time, the mileage and the expenses, in pence. */
export function claimAmounts(
  claim: Pick<FeeClaim, 'time' | 'milesTenths'> & { expenses: readonly { amountPence: number }[] },
  rates: FeeRates,
): { timePence: number; mileagePence: number; expensesPence: number } {
  return {
    timePence: dayTimePence(rates, sumPence(claim.time.map((line) => line.minutes))),
    mileagePence: mileagePence(rates.mileagePencePerMile, claim.milesTenths),
    expensesPence: sumPence(claim.expenses.map((expense) => expense.amountPence)),
  };
}

/**
 * The lead approves one claim with the scheme's rates (from the linked scheme file). Its amounts
 * are fixed there and then, with the rates kept beside them.
 */
export async function approveClaim(scope: CaseScope, claimId: string, rates: FeeRates): Promise<FeeClaim> {
  const { actor } = scope;
  if (actor.role !== 'lead')
    throw new UserFacingError('FORBIDDEN', 'Only the lead assessor approves claims. Ask them to approve it.');
  const checkedRates = checkedInput(feeRates.safeParse(rates));
  const before = requireClaim(await readClaims(scope.caseFile.db, { claimId }), claimId);
  if (before.state === 'approved')
    throw new UserFacingError(
      'WRONG_STAGE',
      'That claim is already approved; an approved claim does not change.',
    );
  const missing = before.expenses.find((expense) => expense.receiptSha256 === null);
  if (missing)
    throw new UserFacingError(
      'WRONG_STAGE',
      `The receipt for “${missing.description}” has not arrived yet, so the claim cannot be approved. Ask ${before.memberName} to send it again from their claims.`,
    );
  const amounts = claimAmounts(before, checkedRates);
  await scope.caseFile.mutate(
    actor.label,
    'fees.claim_approved',
    {
      id: claimId,
      memberId: before.memberId,
      workedOn: before.workedOn,
      ...amounts,
      rates: { ...checkedRates },
    },
    async (trx) => {
      const updated = await trx
        .updateTable('fee_claim')
        .set({
          state: 'approved',
          approved_by: actor.memberId,
          approved_at: new Date().toISOString(),
          rates_json: JSON.stringify(checkedRates),
          time_pence: amounts.timePence,
          mileage_pence: amounts.mileagePence,
          expenses_pence: amounts.expensesPence,
        })
        .where('id', '=', claimId)
        .where('state', '=', 'recorded')
        .executeTakeFirst();
      if (updated.numUpdatedRows !== 1n)
        throw new UserFacingError('WRONG_STAGE', 'That claim was approved a moment ago; it does not change.');
    },
  );
  return requireClaim(await readClaims(scope.caseFile.db, { claimId }), claimId);
}

/**
 * The receipt of one expense, for the member who claimed it or the lead. Anyone else is told it
 * is not there, so a receipt's existence is not given away.
 */
export async function claimReceipt(scope: CaseScope, expenseId: string): Promise<Receipt> {
  const row = await receiptExpense(scope, expenseId);
  const mayRead = row && (scope.actor.role === 'lead' || row.member_id === scope.actor.memberId);
  if (!row || !mayRead || row.receipt_sha256 === null)
    throw new UserFacingError(
      'NOT_FOUND',
      'That receipt is not on any of the claims you can see. Refresh the list.',
    );
  const fileName = row.receipt_name ?? 'receipt';
  const { caseFile } = scope;
  const kept = {
    id: expenseId,
    fileName,
    size: row.receipt_size ?? 0,
    sha256: row.receipt_sha256,
    chunkCount: row.receipt_chunk_count ?? 0,
  };
  if (row.receipt_size === null || row.receipt_chunk_count === null)
    throw caseFileFailures.damaged(caseFile.path, `the size of the receipt “${fileName}” is missing`);
  return {
    fileName,
    mediaType: row.receipt_media_type ?? 'application/octet-stream',
    sizeBytes: kept.size,
    saveTo: (destination) =>
      exportChunks({ db: caseFile.db, path: caseFile.path }, RECEIPT_CHUNKS, kept, destination),
  };
}

/** Claims as stored, with their lines, in date order then by member. */
export async function readClaims(
  db: ReadableCaseDb,
  filter: { claimId?: string; memberId?: string; approvedOnly?: boolean },
): Promise<FeeClaim[]> {
  const cycle = await currentCycle(db);
  let query = db
    .selectFrom('fee_claim')
    .innerJoin('panel_member', 'panel_member.id', 'fee_claim.member_id')
    .selectAll('fee_claim')
    .select('panel_member.name as member_name')
    .where('fee_claim.cycle_id', '=', cycle.id);
  if (filter.claimId) query = query.where('fee_claim.id', '=', filter.claimId);
  if (filter.memberId) query = query.where('fee_claim.member_id', '=', filter.memberId);
  if (filter.approvedOnly) query = query.where('fee_claim.state', '=', 'approved');
  const rows = await query.orderBy('fee_claim.worked_on').orderBy('panel_member.name').execute();
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const time = await db.selectFrom('fee_time').selectAll().where('claim_id', 'in', ids).execute();
  const expenses = await db
    .selectFrom('fee_expense')
    .select([
      'id',
      'claim_id',
      'kind',
      'description',
      'miles_tenths',
      'amount_pence',
      'receipt_name',
      'receipt_sha256',
      'receipt_size',
    ])
    .where('claim_id', 'in', ids)
    .orderBy(sql`rowid`)
    .execute();
  return rows.map((row): FeeClaim => {
    const mine = expenses.filter((expense) => expense.claim_id === row.id);
    const mileage = mine.find((expense) => expense.kind === 'mileage');
    const receipts = mine
      .filter((expense) => expense.kind === 'receipt')
      .map((expense) => ({
        id: expense.id,
        description: expense.description,
        amountPence: expense.amount_pence ?? 0,
        receiptName: expense.receipt_name ?? '',
        receiptSha256: expense.receipt_sha256,
        receiptSizeBytes: expense.receipt_size ?? 0,
      }));
    const approved = row.state === 'approved';
    const expensesPence = sumPence(receipts.map((expense) => expense.amountPence));
    return {
      id: row.id,
      memberId: row.member_id,
      memberName: row.member_name,
      workedOn: row.worked_on,
      state: row.state,
      time: FEE_ACTIVITIES.flatMap((activity: FeeActivity) =>
        time
          .filter((line) => line.claim_id === row.id && line.activity === activity)
          .map((line) => ({ activity, minutes: line.minutes })),
      ),
      milesTenths: mileage?.miles_tenths ?? 0,
      mileageDescription: mileage?.description ?? '',
      expenses: receipts,
      notes: row.notes,
      timePence: approved ? row.time_pence : null,
      mileagePence: approved ? row.mileage_pence : null,
      expensesPence: approved ? (row.expenses_pence ?? expensesPence) : expensesPence,
      totalPence: approved
        ? sumPence([row.time_pence ?? 0, row.mileage_pence ?? 0, row.expenses_pence ?? 0])
        : null,
      approvedBy: row.approved_by,
      approvedAt: row.approved_at,
    };
  });
}

import { feeSchedule, UserFacingError, type FeeSchedule } from '../../shared/api';
import { requireUnchangedSince, type FieldNames } from '../changed-elsewhere';
import { checkedInput } from '../checked-input';
import type { ReadableSchemeDb, SchemeFile } from './scheme-file';

/**
 * The scheme's fee schedule (scheme-file migration 5): the rates claims are approved with and the
 * bank details on invoice summaries. There are no default rates: a scheme sets its own before any
 * claim can be approved, and a rate of zero is refused.
 */

export async function readFeeSchedule(scheme: SchemeFile): Promise<FeeSchedule | null> {
  return feeScheduleIn(scheme.db);
}

async function feeScheduleIn(db: ReadableSchemeDb): Promise<FeeSchedule | null> {
  const row = await db.selectFrom('fee_schedule').selectAll().executeTakeFirst();
  if (!row) return null;
  return {
    rates: {
      dayRatePence: row.day_rate_pence,
      halfDayRatePence: row.half_day_rate_pence,
      hourlyRatePence: row.hourly_rate_pence,
      mileagePencePerMile: row.mileage_pence_per_mile,
    },
    bank: { payee: row.payee, bank: row.bank, sortCode: row.sort_code, accountNumber: row.account_number },
  };
}

/** The schedule, or a plain refusal saying where to set it. */
export async function requireFeeSchedule(scheme: SchemeFile): Promise<FeeSchedule> {
  const schedule = await readFeeSchedule(scheme);
  if (!schedule)
    throw new UserFacingError(
      'WRONG_STAGE',
      'The scheme has not set its fee rates yet. Set the day, half-day, hourly and mileage rates in the scheme file first.',
    );
  return schedule;
}

type ScheduleFields = FeeSchedule['rates'] & FeeSchedule['bank'];

const SCHEDULE_NAMES: FieldNames<ScheduleFields> = {
  dayRatePence: 'day rate',
  halfDayRatePence: 'half-day rate',
  hourlyRatePence: 'hourly rate',
  mileagePencePerMile: 'mileage rate',
  payee: 'payee',
  bank: 'bank',
  sortCode: 'sort code',
  accountNumber: 'account number',
};

/** The schedule's fields one by one (none set: every field empty), to name those changed. */
function scheduleFields(schedule: FeeSchedule | null): Partial<ScheduleFields> {
  return schedule ? { ...schedule.rates, ...schedule.bank } : {};
}

/**
 * Sets the rates and bank details. Given the schedule the form showed (`savedBefore`; null when
 * none was set), saves nothing if it was changed meanwhile, e.g. in another tab.
 */
export async function setFeeSchedule(
  scheme: SchemeFile,
  actor: string,
  input: unknown,
  savedBefore?: FeeSchedule | null,
): Promise<FeeSchedule> {
  const schedule = checkedInput(feeSchedule.safeParse(input));
  const { rates, bank } = schedule;
  const values = {
    day_rate_pence: rates.dayRatePence,
    half_day_rate_pence: rates.halfDayRatePence,
    hourly_rate_pence: rates.hourlyRatePence,
    mileage_pence_per_mile: rates.mileagePencePerMile,
    payee: bank.payee,
    bank: bank.bank,
    sort_code: bank.sortCode,
    account_number: bank.accountNumber,
    updated_at: new Date().toISOString(),
  };
  await scheme.mutate(actor, 'fees.schedule_set', { rates: { ...rates }, payee: bank.payee }, async (trx) => {
    requireUnchangedSince(
      scheduleFields(await feeScheduleIn(trx)),
      savedBefore === undefined ? undefined : scheduleFields(savedBefore),
      SCHEDULE_NAMES,
      'The fee rates and bank details',
    );
    await trx
      .insertInto('fee_schedule')
      .values({ id: 1, ...values })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute();
  });
  return schedule;
}

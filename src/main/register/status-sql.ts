import { sql, type RawBuilder } from 'kysely';
import type { RegisterStatusState } from '../../shared/api';
import { addDays, APPEAL_LIFTS, DUE_SOON_DAYS, UNDER_APPEAL } from './status';

/**
 * `registerStatus` (status.ts) as one SQL expression over `register_entry as e`, so that a register
 * of 50,000 certificates is filtered by status in the database, without reading every entry, its
 * events and its conditions into memory. status.ts stays the rule: this mirrors it case by case in
 * the same order of precedence, and tests/unit/register/status-sql.test.ts checks with fast-check
 * that the two agree on every boundary (the dates either side of each due date, same-day events).
 * Only the state is computed here; the words shown are always `registerStatus`'s.
 *
 * A certificate with no event or condition ever recorded (`has_history` = 0, kept by triggers) is
 * decided by its dates alone, so the common case needs no lookup in the other tables. "Within
 * `dueSoonDays` before a date" is written as "the date is at most `dueSoonDays` after today", the
 * same calendar-day comparison turned round, so it compares the stored dates directly.
 */
export function registerStateSql(
  today: string,
  dueSoonDays: number = DUE_SOON_DAYS,
): RawBuilder<RegisterStatusState> {
  const soon = addDays(today, dueSoonDays);
  const happened = (kind: string) =>
    sql`(e.has_history = 1 and exists (select 1 from register_event v
      where v.certificate_number = e.certificate_number and v.kind = ${kind} and v.on_date <= ${today}))`;
  // The two holds of currentSuspension (status.ts): each in force when the latest event that
  // places or lifts it is its suspension.
  const inForce = (places: RawBuilder<unknown>, lifts: RawBuilder<unknown>) =>
    sql`(select v.kind from register_event v
      where v.certificate_number = e.certificate_number and v.on_date <= ${today}
        and ((v.kind = 'suspended' and ${places}) or (v.kind = 'reinstated' and ${lifts}))
      order by v.on_date desc, v.recorded_at desc, v.rowid desc limit 1) = 'suspended'`;
  const appealHold = sql`coalesce(v.reason = ${UNDER_APPEAL}, 0)`;
  const appealLift = sql`coalesce(v.reason in (${sql.join(APPEAL_LIFTS)}), 0)`;
  const suspended = sql`(e.has_history = 1 and (${inForce(appealHold, sql`1`)}
      or ${inForce(sql`not ${appealHold}`, sql`not ${appealLift}`)}))`;
  const firstOpenCondition = sql`(case when e.has_history = 1 then (select min(c.due_on)
      from register_condition c where c.certificate_number = e.certificate_number
        and (c.met_on is null or c.met_on > ${today})) end)`;
  const reviewed = happened('interim_review_done');
  return sql<RegisterStatusState>`(case
    when ${happened('revoked')} then 'revoked'
    when ${happened('superseded')} then 'superseded'
    when ${suspended} then 'suspended'
    when ${today} < e.decision_date then 'not_yet_valid'
    when ${today} > e.valid_until then 'expired'
    when ${firstOpenCondition} < ${today} then 'conditions_overdue'
    when not ${reviewed} and e.interim_review_due < ${today} then 'interim_review_overdue'
    when ${firstOpenCondition} <= ${soon} then 'conditions_due'
    when not ${reviewed} and e.interim_review_due <= ${soon} then 'interim_review_due'
    else 'valid' end)`;
}

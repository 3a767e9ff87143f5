import { addMonths, isIsoDate, validityOn } from '../../shared/scoring';
import type { RegisterEventKind, RegisterStatus } from '../../shared/api';
import { addDays } from '../../shared/dates';
import { asSentence } from '../../shared/sentences';

/**
 * Where a certificate in the register stands on a calendar day (YYYY-MM-DD, Europe/London): one
 * pure function of its dates, its conditions and what happened to it since it was issued.
 *
 * In order of precedence:
 * - revoked (with the reason), from the day it was withdrawn;
 * - superseded (by a renewal or a varied decision), from that day;
 * - suspended (under appeal or investigation), from the day it was suspended until reinstated; an
 *   appeal's decision lifts only its own "under appeal" hold, never the scheme office's own suspension;
 * - expired, from the day after its "valid until" date (3 years after the decision);
 * - conditions overdue, from the day after a condition's due date while it is not met;
 * - interim review overdue, from the day after the interim review date (18 months after the
 *   decision) while no interim review is recorded;
 * - conditions due, within `dueSoonDays` before a condition's due date (the day itself included);
 * - interim review due, within `dueSoonDays` before the interim review date (the day included);
 * - otherwise valid (and "not yet valid" before its decision date).
 * Events dated after `today` have not happened yet.
 */

export interface RegisterStatusInput {
  decisionDate: string;
  interimReviewDue: string;
  validUntil: string;
  conditions: ReadonlyArray<{ dueOn: string; metOn: string | null }>;
  events: ReadonlyArray<{
    kind: RegisterEventKind;
    onDate: string;
    reason: string | null;
    supersededBy: string | null;
  }>;
}

/** How many days before a due date the register calls it "due". */
export const DUE_SOON_DAYS = 60;

export { addDays, londonDate } from '../../shared/dates';

/** The interim review date of an award decided on `decisionDate`: 18 months later (clamped to a shorter month's end). */
export function interimReviewDate(decisionDate: string): string {
  return addMonths(decisionDate, 18);
}

export function registerStatus(
  input: RegisterStatusInput,
  today: string,
  dueSoonDays: number = DUE_SOON_DAYS,
): RegisterStatus {
  if (!isIsoDate(today)) throw new RangeError(`Not a calendar date: ${today}`);
  const happened = [...input.events]
    .filter((event) => event.onDate <= today)
    .sort((a, b) => (a.onDate < b.onDate ? -1 : a.onDate > b.onDate ? 1 : 0));
  const revoked = happened.find((event) => event.kind === 'revoked');
  if (revoked) {
    return {
      state: 'revoked',
      words: `${asSentence(`Withdrawn on ${revoked.onDate}${revoked.reason ? `: ${revoked.reason}` : ''}`)} Do not rely on it.`,
      date: revoked.onDate,
      ...(revoked.reason ? { reason: revoked.reason } : {}),
    };
  }
  const superseded = happened.find((event) => event.kind === 'superseded');
  if (superseded) {
    return {
      state: 'superseded',
      words: `Replaced on ${superseded.onDate}${superseded.supersededBy ? ` by certificate ${superseded.supersededBy}` : ''}: check the newer certificate.`,
      date: superseded.onDate,
      ...(superseded.supersededBy ? { supersededBy: superseded.supersededBy } : {}),
    };
  }
  const suspension = currentSuspension(happened);
  if (suspension) {
    return {
      state: 'suspended',
      words: `Suspended since ${suspension.onDate}${suspension.reason ? ` (${suspension.reason})` : ''}: do not rely on it until the scheme reinstates it.`,
      date: suspension.onDate,
      ...(suspension.reason ? { reason: suspension.reason } : {}),
    };
  }
  const validity = validityOn(input.decisionDate, today);
  if (validity === 'not_yet_valid') return statusByDates('not_yet_valid', input);
  if (today > input.validUntil) return statusByDates('expired', input);
  const openConditions = input.conditions
    .filter((condition) => condition.metOn === null || condition.metOn > today)
    .map((condition) => condition.dueOn)
    .sort();
  const firstCondition = openConditions[0];
  if (firstCondition !== undefined && today > firstCondition)
    return {
      state: 'conditions_overdue',
      words: `Valid until ${input.validUntil}, but a condition of the award was due on ${firstCondition} and is not met.`,
      date: firstCondition,
    };
  const reviewed = happened.some((event) => event.kind === 'interim_review_done');
  if (!reviewed && today > input.interimReviewDue) return statusByDates('interim_review_overdue', input);
  if (firstCondition !== undefined && today >= addDays(firstCondition, -dueSoonDays))
    return {
      state: 'conditions_due',
      words: `Valid until ${input.validUntil}; a condition of the award is due by ${firstCondition}.`,
      date: firstCondition,
    };
  if (!reviewed && today >= addDays(input.interimReviewDue, -dueSoonDays))
    return statusByDates('interim_review_due', input);
  return statusByDates('valid', input);
}

/** The states a certificate can be in by its dates alone, when nothing was ever recorded against it. */
export type StateByDates =
  'not_yet_valid' | 'expired' | 'interim_review_overdue' | 'interim_review_due' | 'valid';

type CertificateDates = Pick<RegisterStatusInput, 'decisionDate' | 'interimReviewDue' | 'validUntil'>;

const BY_DATES: Record<StateByDates, (dates: CertificateDates) => Omit<RegisterStatus, 'state'>> = {
  not_yet_valid: (dates) => ({ words: `Not valid until ${dates.decisionDate}.`, date: dates.decisionDate }),
  expired: (dates) => ({ words: `Expired: it was valid until ${dates.validUntil}.`, date: dates.validUntil }),
  interim_review_overdue: (dates) => ({
    words: `Valid until ${dates.validUntil}, but its interim review was due on ${dates.interimReviewDue} and is not recorded.`,
    date: dates.interimReviewDue,
  }),
  interim_review_due: (dates) => ({
    words: `Valid until ${dates.validUntil}; its interim review is due by ${dates.interimReviewDue}.`,
    date: dates.interimReviewDue,
  }),
  valid: (dates) => ({ words: `Valid until ${dates.validUntil}.`, date: dates.validUntil }),
};

/**
 * A status decided by the certificate's dates alone: its words and date. registerStatus uses it for
 * those branches, and a whole register uses it with the state registerStateSql computed in SQL for
 * every certificate with no history (status-sql.ts), so the words are written once.
 */
export function statusByDates(state: StateByDates, dates: CertificateDates): RegisterStatus {
  return { state, ...BY_DATES[state](dates) };
}

/** Whether a state computed in SQL for a certificate with no history is one statusByDates words. */
export function isStateByDates(state: string): state is StateByDates {
  return Object.hasOwn(BY_DATES, state);
}

/**
 * The reason an appeal's own hold is recorded with (src/main/api/appeals.ts): "under appeal".
 * A suspension for any other reason is the scheme office's own (an investigation, say).
 */
export const UNDER_APPEAL = 'under appeal';

/** The reasons a decided appeal lifts its own hold with: they lift only the "under appeal" hold. */
export const APPEAL_LIFTS = ['appeal dismissed', 'appeal upheld'] as const;

type HappenedEvent = RegisterStatusInput['events'][number];

const isAppealHold = (event: HappenedEvent) => event.kind === 'suspended' && event.reason === UNDER_APPEAL;
const liftsOnlyTheAppealHold = (event: HappenedEvent) =>
  event.kind === 'reinstated' && (APPEAL_LIFTS as readonly (string | null)[]).includes(event.reason);

/**
 * The suspension in force, of two holds kept apart: an appeal's ("under appeal", lifted by any
 * reinstatement) and the scheme office's own (any other reason, lifted only by a reinstatement that
 * is not an appeal's). When both are in force, the later one is shown.
 */
function currentSuspension(happened: readonly HappenedEvent[]): HappenedEvent | undefined {
  let appealHold: HappenedEvent | undefined;
  let officeHold: HappenedEvent | undefined;
  for (const event of happened) {
    if (event.kind === 'suspended') {
      if (isAppealHold(event)) appealHold = event;
      else officeHold = event;
    }
    if (event.kind === 'reinstated') {
      appealHold = undefined;
      if (!liftsOnlyTheAppealHold(event)) officeHold = undefined;
    }
  }
  if (!appealHold) return officeHold;
  if (!officeHold) return appealHold;
  return happened.indexOf(appealHold) > happened.indexOf(officeHold) ? appealHold : officeHold;
}

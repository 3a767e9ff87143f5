/** Plain-English wording shared by the documents. */
import { ROLE_NAMES, type MemberRole } from '../../shared/vocabulary';
import type { CalendarDate, Score } from './types';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-03-02" → "2 March 2026". Throws on anything that is not a real calendar date. */
export function dateInWords(date: CalendarDate): string {
  const match = CALENDAR_DATE.exec(date);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [NaN, NaN, NaN];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (
    !match ||
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day
  ) {
    throw new RangeError(`"${date}" is not a calendar date written as YYYY-MM-DD.`);
  }
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

export function roleInWords(role: MemberRole): string {
  return ROLE_NAMES[role];
}

/** An agreed score as the report prints it. */
export function scoreInWords(score: Score | undefined): string {
  if (score === undefined) return 'No agreed score';
  if (score === 'not_enough_evidence') return 'Not enough evidence';
  if (score === 0) return '0 – not yet met';
  return `${score} – Level ${score}`;
}

export function standardInWords(title: string, version: string | number): string {
  return `${title}, version ${version}`;
}

/**
 * How long an award lasts: valid until the decision date plus 3 years; interim review due at plus
 * 18 months. Pure calendar arithmetic on ISO dates (yyyy-mm-dd), with no time zones involved.
 *
 * Adding months keeps the day of the month; when the target month is shorter, the date falls on
 * that month's last day. So a decision on 29 February 2024 is valid until 28 February 2027, and
 * one on 31 August 2023 has its interim review due on 29 February 2025.
 */

const VALIDITY_MONTHS = 36;
const INTERIM_REVIEW_MONTHS = 18;

export interface ValidityDates {
  decisionDate: string;
  interimReviewDue: string;
  validUntil: string;
}

export function validityDates(decisionDate: string): ValidityDates {
  return {
    decisionDate,
    interimReviewDue: addMonths(decisionDate, INTERIM_REVIEW_MONTHS),
    validUntil: addMonths(decisionDate, VALIDITY_MONTHS),
  };
}

export type ValidityState = 'not_yet_valid' | 'valid' | 'interim_review_due' | 'expired';

/**
 * Where an award stands on a given date. The award is valid on its decision date and on its
 * "valid until" date, and has expired the day after. From the interim review date it is still
 * valid but the review is due.
 */
export function validityOn(decisionDate: string, onDate: string): ValidityState {
  const { interimReviewDue, validUntil } = validityDates(decisionDate);
  assertIsoDate(onDate);
  if (onDate < decisionDate) return 'not_yet_valid';
  if (onDate > validUntil) return 'expired';
  if (onDate >= interimReviewDue) return 'interim_review_due';
  return 'valid';
}

/** Adds whole months to an ISO date, clamping to the last day of a shorter month. */
export function addMonths(isoDate: string, months: number): string {
  if (!Number.isInteger(months)) throw new RangeError(`Months must be a whole number; got ${months}.`);
  const { year, month, day } = parseIsoDate(isoDate);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  const targetDay = Math.min(day, daysInMonth(targetYear, targetMonth));
  return formatIsoDate(targetYear, targetMonth, targetDay);
}

export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function assertIsoDate(value: string): void {
  if (!isIsoDate(value)) throw new RangeError(`"${value}" is not a real date written as yyyy-mm-dd.`);
}

function parseIsoDate(value: string): { year: number; month: number; day: number } {
  assertIsoDate(value);
  const [year, month, day] = value.split('-').map(Number);
  return { year: year ?? 0, month: month ?? 1, day: day ?? 1 };
}

function formatIsoDate(year: number, month: number, day: number): string {
  if (year < 0 || year > 9999) throw new RangeError(`The year ${year} cannot be written as yyyy-mm-dd.`);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

import type { FeeRates } from '../../shared/api';

/**
 * Money arithmetic for fees: integers only (pence, whole minutes, tenths of a mile), so every sum
 * is exact. The rounding rules, stated once:
 * - hourly pay for M minutes at R pence an hour is R × M / 60 pence, rounded to the nearest penny,
 *   a half penny rounding up (R × M is an integer, so this is exact integer division);
 * - mileage for T tenths of a mile at R pence a mile is R × T / 10 pence, rounded the same way;
 * - a day's time is paid by the hour, but never more than the half-day rate for up to 4 hours, nor
 *   more than the day rate for a longer day;
 * - totals are plain sums of those whole-penny amounts (no rounding after adding).
 */

export const HALF_DAY_MINUTES = 4 * 60;

/** a × b / c rounded to the nearest integer, halves up, for non-negative integers. */
function roundedRatio(a: number, b: number, c: number): number {
  return Math.floor((a * b * 2 + c) / (2 * c));
}

export function hourlyPence(hourlyRatePence: number, minutes: number): number {
  return roundedRatio(hourlyRatePence, minutes, 60);
}

export function mileagePence(pencePerMile: number, milesTenths: number): number {
  return roundedRatio(pencePerMile, milesTenths, 10);
}

/** What one day's time (all activities together) is paid. */
export function dayTimePence(rates: FeeRates, minutes: number): number {
  const cap = minutes <= HALF_DAY_MINUTES ? rates.halfDayRatePence : rates.dayRatePence;
  return Math.min(hourlyPence(rates.hourlyRatePence, minutes), cap);
}

export function sumPence(amounts: readonly number[]): number {
  return amounts.reduce((sum, amount) => sum + amount, 0);
}

/** 123456 → "£1,234.56"; built from the integer, never through a float. */
export function formatPounds(pence: number): string {
  const sign = pence < 0 ? '-' : '';
  const whole = Math.abs(pence);
  const pounds = Math.floor(whole / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}£${pounds}.${String(whole % 100).padStart(2, '0')}`;
}

/** 123456 → "1234.56", for the finance office's spreadsheet. */
export function plainPounds(pence: number): string {
  const whole = Math.abs(pence);
  return `${pence < 0 ? '-' : ''}${Math.floor(whole / 100)}.${String(whole % 100).padStart(2, '0')}`;
}

/** "12.5" (pounds as typed) → 1250 pence; null when it is not an amount of money. */
export function penceFromPounds(text: string): number | null {
  const match = /^£?(\d{1,6})(?:\.(\d{1,2}))?$/.exec(text.trim().replace(/,/g, ''));
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

/** 150 → "2 h 30 min". */
export function formatHours(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** 125 → "12.5". */
export function formatMiles(tenths: number): string {
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

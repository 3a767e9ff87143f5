import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, daysInMonth, isIsoDate, validityDates, validityOn } from '../../../src/shared/scoring';

describe('validity dates', () => {
  it('is valid for 3 years, with an interim review at 18 months', () => {
    expect(validityDates('2025-01-15')).toEqual({
      decisionDate: '2025-01-15',
      interimReviewDue: '2026-07-15',
      validUntil: '2028-01-15',
    });
  });

  it('handles 29 February: the date falls back to the last day of February', () => {
    expect(validityDates('2024-02-29')).toEqual({
      decisionDate: '2024-02-29',
      interimReviewDue: '2025-08-29',
      validUntil: '2027-02-28',
    });
    expect(addMonths('2024-02-29', 48)).toBe('2028-02-29');
  });

  it('handles month ends that do not exist 18 months later', () => {
    expect(validityDates('2023-08-31').interimReviewDue).toBe('2025-02-28');
    expect(validityDates('2022-08-31').interimReviewDue).toBe('2024-02-29');
    expect(validityDates('2024-12-31').interimReviewDue).toBe('2026-06-30');
    expect(validityDates('2024-07-31').validUntil).toBe('2027-07-31');
  });

  it('refuses dates that are not real yyyy-mm-dd dates', () => {
    for (const bad of [
      '2023-02-29',
      '2024-13-01',
      '2024-1-1',
      '2024-04-31',
      '15/01/2025',
      '',
      '2024-00-10',
    ]) {
      expect(isIsoDate(bad)).toBe(false);
      expect(() => validityDates(bad)).toThrow(RangeError);
    }
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('1900-02-29')).toBe(false);
  });

  it('says where an award stands on a given day', () => {
    expect(validityOn('2024-02-29', '2024-02-28')).toBe('not_yet_valid');
    expect(validityOn('2024-02-29', '2024-02-29')).toBe('valid');
    expect(validityOn('2024-02-29', '2025-08-28')).toBe('valid');
    expect(validityOn('2024-02-29', '2025-08-29')).toBe('interim_review_due');
    expect(validityOn('2024-02-29', '2027-02-28')).toBe('interim_review_due');
    expect(validityOn('2024-02-29', '2027-03-01')).toBe('expired');
  });

  const isoDate = fc
    .record({
      year: fc.integer({ min: 1990, max: 2200 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 31 }),
    })
    .map(
      ({ year, month, day }) =>
        `${year}-${String(month).padStart(2, '0')}-${String(Math.min(day, daysInMonth(year, month))).padStart(2, '0')}`,
    );

  it('always gives a real date, in order, keeping the day unless the month is shorter', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 120 }), (date, months) => {
        const later = addMonths(date, months);
        expect(isIsoDate(later)).toBe(true);
        expect(later >= date).toBe(true);
        const day = Number(date.slice(8));
        const laterDay = Number(later.slice(8));
        const [y, m] = later.split('-').map(Number);
        expect(laterDay).toBe(Math.min(day, daysInMonth(y ?? 0, m ?? 0)));
        const { interimReviewDue, validUntil } = validityDates(date);
        expect(date < interimReviewDue && interimReviewDue < validUntil).toBe(true);
      }),
    );
  });

  it('agrees with the JavaScript calendar when the day exists in the target month', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -60, max: 60 }), (date, months) => {
        const [y, m, d] = date.split('-').map(Number);
        const expected = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1 + months, d));
        fc.pre(expected.getUTCDate() === d);
        expect(addMonths(date, months)).toBe(expected.toISOString().slice(0, 10));
      }),
    );
  });
});

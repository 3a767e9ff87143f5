import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  claimAmounts,
  csvCell,
  dayTimePence,
  formatPounds,
  hourlyPence,
  mileagePence,
  penceFromPounds,
  plainPounds,
  sumPence,
} from '../../../src/main/fees';
import { FEE_ACTIVITIES, type FeeRates } from '../../../src/shared/api';

const RATES: FeeRates = {
  dayRatePence: 10_000,
  halfDayRatePence: 6_000,
  hourlyRatePence: 1_500,
  mileagePencePerMile: 45,
};

describe('money arithmetic, in whole pence', () => {
  it('rounds hourly pay and mileage to the nearest penny, a half penny up', () => {
    expect(hourlyPence(1_500, 90)).toBe(2_250);
    expect(hourlyPence(1_001, 1)).toBe(17); // 16.683… → 17
    expect(hourlyPence(1_002, 3)).toBe(50); // 50.1 → 50
    expect(hourlyPence(1_010, 3)).toBe(51); // 50.5 → 51 (half up)
    expect(mileagePence(45, 246)).toBe(1_107); // 24.6 miles × 45p = 1107
    expect(mileagePence(45, 1)).toBe(5); // 4.5p → 5p
    expect(mileagePence(44, 1)).toBe(4); // 4.4p → 4p
  });

  it('pays a day by the hour, capped at the half-day rate up to 4 hours and the day rate beyond', () => {
    expect(dayTimePence(RATES, 150)).toBe(3_750);
    expect(dayTimePence(RATES, 240)).toBe(6_000); // 4 h by the hour = £60 = the half-day cap
    expect(dayTimePence({ ...RATES, halfDayRatePence: 5_000 }, 240)).toBe(5_000);
    expect(dayTimePence(RATES, 390)).toBe(9_750);
    expect(dayTimePence(RATES, 480)).toBe(10_000);
    expect(dayTimePence(RATES, 1_440)).toBe(10_000);
  });

  it('writes and reads pounds without floating point', () => {
    expect(formatPounds(12_097)).toBe('£120.97');
    expect(formatPounds(123_456_789)).toBe('£1,234,567.89');
    expect(formatPounds(5)).toBe('£0.05');
    expect(plainPounds(10_000)).toBe('100.00');
    expect(penceFromPounds('£1,234.5')).toBe(123_450);
    expect(penceFromPounds('0.1')).toBe(10);
    expect(penceFromPounds('12.345')).toBeNull();
    expect(penceFromPounds('-3')).toBeNull();
    expect(penceFromPounds('1e3')).toBeNull();
  });

  it('a claim’s total is always the sum of its lines (property)', () => {
    const rates = fc
      .tuple(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 1_000 }),
      )
      .map(([a, b, c, mileagePencePerMile]): FeeRates => {
        const [hourlyRatePence, halfDayRatePence, dayRatePence] = [a, b, c].sort((x, y) => x - y) as [
          number,
          number,
          number,
        ];
        return { dayRatePence, halfDayRatePence, hourlyRatePence, mileagePencePerMile };
      });
    const claim = fc.record({
      time: fc.uniqueArray(
        fc.record({
          activity: fc.constantFrom(...FEE_ACTIVITIES),
          minutes: fc.integer({ min: 1, max: 288 }),
        }),
        { selector: (line) => line.activity, maxLength: 5 },
      ),
      milesTenths: fc.integer({ min: 0, max: 20_000 }),
      expenses: fc.array(
        fc.record({
          id: fc.constant('x'),
          description: fc.constant('Train'),
          amountPence: fc.integer({ min: 1, max: 10_000_000 }),
          receiptName: fc.constant('r.pdf'),
          receiptSha256: fc.constant(''),
        }),
        { maxLength: 20 },
      ),
    });
    fc.assert(
      fc.property(rates, claim, (r, c) => {
        const amounts = claimAmounts(c, r);
        for (const value of Object.values(amounts)) expect(Number.isSafeInteger(value)).toBe(true);
        expect(amounts.expensesPence).toBe(sumPence(c.expenses.map((e) => e.amountPence)));
        expect(amounts.timePence).toBeLessThanOrEqual(r.dayRatePence);
        const total = amounts.timePence + amounts.mileagePence + amounts.expensesPence;
        expect(formatPounds(total).replace(/[£,]/g, '')).toBe(plainPounds(total));
      }),
      { numRuns: 300 },
    );
  });
});

describe('CSV for the finance office', () => {
  it('never lets a cell run as a formula, and quotes what needs quoting', () => {
    expect(csvCell('=HYPERLINK("http://x","click")')).toBe('"\'=HYPERLINK(""http://x"",""click"")"');
    expect(csvCell('+44 20')).toBe("'+44 20");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('Smith, Jo')).toBe('"Smith, Jo"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(120)).toBe('120');
    expect(csvCell('120.97')).toBe('120.97');
  });
});

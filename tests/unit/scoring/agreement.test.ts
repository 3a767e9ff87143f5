import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { krippendorffAlpha, measureAgreement, type MeasurementLevel } from '../../../src/shared/scoring';

const _ = null;
const levels: MeasurementLevel[] = ['nominal', 'ordinal', 'interval'];

/**
 * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four observers,
 * twelve units, missing data. Published values: nominal 0.743, ordinal 0.815, interval 0.849.
 */
const fourObserversTwelveUnits = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
];

describe("Krippendorff's alpha against the literature", () => {
  it('matches the 4 observers × 12 units example with missing data (Krippendorff 2011, section C)', () => {
    expect(krippendorffAlpha(fourObserversTwelveUnits, 'nominal')).toBeCloseTo(0.743, 3);
    expect(krippendorffAlpha(fourObserversTwelveUnits, 'ordinal')).toBeCloseTo(0.815, 3);
    expect(krippendorffAlpha(fourObserversTwelveUnits, 'interval')).toBeCloseTo(0.849, 3);
  });

  it('gives that example its exact nominal value, 113/152, with no rounding drift', () => {
    expect(krippendorffAlpha(fourObserversTwelveUnits, 'nominal')).toBeCloseTo(113 / 152, 12);
  });

  it('matches the binary example: two observers, ten units, alpha 0.095 (Krippendorff 2011, section A)', () => {
    const matrix = [
      [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
      [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
    ];
    expect(krippendorffAlpha(matrix, 'nominal')).toBeCloseTo(0.095, 3);
  });

  it('matches the nominal example: two observers, twelve units, alpha 0.692 (Krippendorff 2011, section B)', () => {
    const code = (letters: string): number[] => [...letters].map((letter) => letter.charCodeAt(0));
    expect(
      krippendorffAlpha([code('aabbdcccedda'), code('babbbcccеddd'.replace('е', 'e'))], 'nominal'),
    ).toBeCloseTo(0.692, 3);
  });
});

describe("Krippendorff's alpha: definitions and edge cases", () => {
  it('is 1 for perfect agreement with any number of raters, units and gaps', () => {
    const perfect = fc
      .tuple(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 2, max: 6 }),
        fc.nat(),
      )
      .map(([truth, raters, seed]) =>
        Array.from({ length: raters }, (_r, rater) =>
          truth.map((value, unit) => (rater >= 2 && (seed + rater * 7 + unit) % 3 === 0 ? null : value)),
        ),
      );
    fc.assert(
      fc.property(perfect, fc.constantFrom(...levels), (matrix, level) => {
        expect(krippendorffAlpha(matrix, level)).toBe(1);
      }),
    );
  });

  it('is 1, not NaN, when every pairable value is the same (no variation)', () => {
    for (const level of levels) {
      expect(
        krippendorffAlpha(
          [
            [2, 2, 2],
            [2, 2, 2],
          ],
          level,
        ),
      ).toBe(1);
      expect(
        measureAgreement(
          [
            [2, 2],
            [2, 2],
          ],
          level,
        ).expectedDisagreement,
      ).toBe(0);
    }
  });

  it('drops units with fewer than two values, and missing values do not count', () => {
    const withLoners = fourObserversTwelveUnits.map((row, rater) => [...row, rater === 0 ? 3 : _, _]);
    for (const level of levels) {
      expect(krippendorffAlpha(withLoners, level)).toBeCloseTo(
        krippendorffAlpha(fourObserversTwelveUnits, level),
        12,
      );
    }
    const ragged = [
      [1, 2, 3],
      [1, 2],
    ];
    expect(measureAgreement(ragged, 'interval').pairableUnits).toBe(2);
    expect(measureAgreement(fourObserversTwelveUnits, 'nominal')).toMatchObject({
      pairableUnits: 11,
      pairableValues: 40,
    });
  });

  it('cannot be measured when nothing can be paired: RangeError from krippendorffAlpha, null from measureAgreement', () => {
    for (const matrix of [
      [],
      [[1, 2, 3]],
      [
        [1, _],
        [_, 2],
      ],
    ]) {
      expect(() => krippendorffAlpha(matrix, 'ordinal')).toThrow(RangeError);
      const measure = measureAgreement(matrix, 'ordinal');
      expect(measure.alpha).toBeNull();
      expect(measure.explanation).toMatch(/cannot be measured/);
    }
  });

  it('refuses non-finite numbers', () => {
    expect(() =>
      krippendorffAlpha(
        [
          [1, Number.NaN],
          [1, 2],
        ],
        'interval',
      ),
    ).toThrow(RangeError);
  });

  it('goes below zero for systematic disagreement', () => {
    expect(
      krippendorffAlpha(
        [
          [0, 3, 0, 3],
          [3, 0, 3, 0],
        ],
        'interval',
      ),
    ).toBeLessThan(0);
  });

  const matrices = fc
    .tuple(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 2, max: 12 }))
    .chain(([raters, units]) =>
      fc.array(
        fc.array(fc.option(fc.integer({ min: 0, max: 3 }), { freq: 4 }), {
          minLength: units,
          maxLength: units,
        }),
        { minLength: raters, maxLength: raters },
      ),
    )
    .filter((matrix) => measureAgreement(matrix, 'nominal').pairableValues > 0);

  it('does not depend on the order of raters or of units', () => {
    fc.assert(
      fc.property(matrices, fc.constantFrom(...levels), (matrix, level) => {
        const alpha = krippendorffAlpha(matrix, level);
        expect(krippendorffAlpha([...matrix].reverse(), level)).toBeCloseTo(alpha, 10);
        expect(
          krippendorffAlpha(
            matrix.map((row) => [...row].reverse()),
            level,
          ),
        ).toBeCloseTo(alpha, 10);
      }),
    );
  });

  it('ordinal alpha depends only on the order of values; interval alpha survives shifting and scaling', () => {
    const stretch = (value: number | null): number | null => (value === null ? null : value ** 3 + 10);
    const affine = (value: number | null): number | null => (value === null ? null : 5 * value - 2);
    fc.assert(
      fc.property(matrices, (matrix) => {
        expect(
          krippendorffAlpha(
            matrix.map((row) => row.map(stretch)),
            'ordinal',
          ),
        ).toBeCloseTo(krippendorffAlpha(matrix, 'ordinal'), 10);
        expect(
          krippendorffAlpha(
            matrix.map((row) => row.map(affine)),
            'interval',
          ),
        ).toBeCloseTo(krippendorffAlpha(matrix, 'interval'), 10);
        expect(
          krippendorffAlpha(
            matrix.map((row) => row.map(stretch)),
            'nominal',
          ),
        ).toBeCloseTo(krippendorffAlpha(matrix, 'nominal'), 10);
      }),
    );
  });

  it('never exceeds 1 and is never NaN', () => {
    fc.assert(
      fc.property(matrices, fc.constantFrom(...levels), (matrix, level) => {
        const alpha = krippendorffAlpha(matrix, level);
        expect(Number.isNaN(alpha)).toBe(false);
        expect(alpha).toBeLessThanOrEqual(1 + 1e-12);
      }),
    );
  });
});

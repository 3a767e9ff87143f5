import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CALIBRATION_THRESHOLDS,
  practiceCaseMaterial,
  type PracticeCaseMaterial,
} from '../../../src/shared/api';
import type { ScorePoint } from '../../../src/shared/scale';
import { calibrationStatusFrom, compareWithReference } from '../../../src/main/scheme';

/** A practice case with one criterion per reference score (S1.1, S1.2, …). */
function practiceCase(reference: readonly ScorePoint[]): PracticeCaseMaterial {
  const ids = reference.map((_, index) => `S${Math.floor(index / 9) + 1}.${(index % 9) + 1}`);
  return practiceCaseMaterial.parse({
    title: 'Practice (fictional)',
    organisation: 'Example Trust (fictional)',
    fictional: true,
    standard: { id: 'coproduction-standard', version: 2, sha256: 'a'.repeat(64) },
    criteria: ids.map((id) => ({
      id,
      statementNumber: Number(id.slice(1, 2)),
      title: `Criterion ${id}`,
      whatGoodLooksLike: '',
      descriptors: { '1': 'one', '2': 'two', '3': 'three' },
      evidence: [],
    })),
    reference: ids.map((criterionId, index) => ({
      criterionId,
      score: reference[index],
      rationale: `Reason for ${criterionId}`,
    })),
  });
}

function scoresFor(
  material: PracticeCaseMaterial,
  scores: readonly ScorePoint[],
): Record<string, ScorePoint> {
  return Object.fromEntries(material.criteria.map((criterion, index) => [criterion.id, scores[index] ?? 0]));
}

describe('comparing practice scores with the reference', () => {
  /*
   * Worked by hand. Assessor 1,2,3,3; reference 1,2,2,3. Coincidences o11=2, o22=2, o23=o32=1,
   * o33=2; n1=2, n2=3, n3=3, n=8. Ordinal distances: d12=(5-2.5)²=6.25, d23=(6-3)²=9,
   * d13=(8-2.5)²=30.25. Do=(9+9)/8=2.25; De=2(6·6.25+9·9+6·30.25)/(8·7)=600/56.
   * alpha = 1 - 2.25·56/600 = 1 - 0.21 = 0.79.
   */
  it('gives exact 75%, within-one 100% and alpha 0.790 for the hand-worked example, and calls it calibrated', () => {
    const material = practiceCase([1, 2, 2, 3]);
    const result = compareWithReference(
      material,
      scoresFor(material, [1, 2, 3, 3]),
      DEFAULT_CALIBRATION_THRESHOLDS,
    );
    expect(result).toMatchObject({
      criteria: 4,
      exact: 3,
      withinOne: 4,
      exactPercent: 75,
      withinOnePercent: 100,
      alpha: '0.790',
      differedByTwoOrMore: [],
      calibrated: true,
    });
    expect(result.verdict).toMatch(
      /^Calibrated: 100% of criteria within one point of the reference and alpha 0\.790\./,
    );
    expect(result.byCriterion[2]).toEqual({
      criterionId: 'S1.3',
      title: 'Criterion S1.3',
      assessorScore: 3,
      referenceScore: 2,
      apart: 1,
      rationale: 'Reason for S1.3',
    });
  });

  /*
   * Assessor 3,2,2,3; reference 1,2,2,3. o13=o31=1, o22=4, o33=2; n1=1, n2=4, n3=3, n=8.
   * d13=(8-2)²=36, d12=(5-2.5)²=6.25, d23=(7-3.5)²=12.25. Do=72/8=9; De=2(25+108+147)/56=10.
   * alpha = 1 - 9/10 = 0.1.
   */
  it('names a criterion two points apart and is not calibrated when alpha and within-one fall short', () => {
    const material = practiceCase([1, 2, 2, 3]);
    const result = compareWithReference(
      material,
      scoresFor(material, [3, 2, 2, 3]),
      DEFAULT_CALIBRATION_THRESHOLDS,
    );
    expect(result).toMatchObject({
      exactPercent: 75,
      withinOnePercent: 75,
      alpha: '0.100',
      differedByTwoOrMore: ['S1.1'],
      calibrated: false,
    });
    expect(result.verdict).toContain('75% of criteria were within one point and alpha was 0.100');
    expect(result.verdict).toContain('at least 90% within one point and alpha of at least 0.67');
  });

  it('decides the thresholds on whole numbers: 17 of 19 within one is short of 90%, 9 of 10 meets it', () => {
    const reference: ScorePoint[] = [0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2];
    const nineteen = practiceCase(reference);
    const twoOff = reference.map((score, index): ScorePoint => (index < 2 ? (score === 0 ? 2 : 3) : score));
    const short = compareWithReference(nineteen, scoresFor(nineteen, twoOff), DEFAULT_CALIBRATION_THRESHOLDS);
    expect([short.withinOne, short.withinOnePercent, short.calibrated]).toEqual([17, 89, false]);

    const ten = practiceCase([0, 1, 2, 3, 0, 1, 2, 3, 0, 1]);
    const oneOff: ScorePoint[] = [2, 1, 2, 3, 0, 1, 2, 3, 0, 1];
    const enough = compareWithReference(ten, scoresFor(ten, oneOff), {
      withinOnePercent: 90,
      alphaThousandths: 0,
    });
    expect([enough.withinOne, enough.withinOnePercent, enough.calibrated]).toEqual([9, 90, true]);
  });

  it('compares alpha as shown, in thousandths, with the scheme’s threshold', () => {
    const material = practiceCase([1, 2, 2, 3]);
    const scores = scoresFor(material, [1, 2, 3, 3]);
    expect(
      compareWithReference(material, scores, { withinOnePercent: 90, alphaThousandths: 790 }).calibrated,
    ).toBe(true);
    expect(
      compareWithReference(material, scores, { withinOnePercent: 90, alphaThousandths: 791 }).calibrated,
    ).toBe(false);
  });

  it('never reports more agreement than there is (property)', () => {
    const scores = fc.array(fc.constantFrom<ScorePoint>(0, 1, 2, 3), { minLength: 2, maxLength: 19 });
    fc.assert(
      fc.property(scores, scores, (reference, given) => {
        const material = practiceCase(reference);
        const result = compareWithReference(
          material,
          scoresFor(material, given),
          DEFAULT_CALIBRATION_THRESHOLDS,
        );
        const exact = reference.filter((score, index) => (given[index] ?? 0) === score).length;
        const within = reference.filter((score, index) => Math.abs((given[index] ?? 0) - score) <= 1).length;
        expect(result.exact).toBe(exact);
        expect(result.withinOne).toBe(within);
        expect(result.exactPercent * reference.length).toBeLessThanOrEqual(exact * 100);
        if (exact === reference.length) expect(result.alpha).toBe('1.000');
        if (result.calibrated) expect(within * 100).toBeGreaterThanOrEqual(90 * reference.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('calibration status', () => {
  it('is not calibrated without a calibrated attempt (or only one dated after today)', () => {
    expect(calibrationStatusFrom([], 2, '2026-11-27')).toEqual({ state: 'not_calibrated' });
    expect(calibrationStatusFrom(['2026-12-01'], 2, '2026-11-27')).toEqual({ state: 'not_calibrated' });
  });

  it('expires with the refresher: the same period after the latest calibration, expired from the day after', () => {
    expect(calibrationStatusFrom(['2023-05-01', '2024-02-29'], 2, '2026-02-28')).toEqual({
      state: 'calibrated',
      calibratedOn: '2024-02-29',
      expiresOn: '2026-02-28',
    });
    expect(calibrationStatusFrom(['2024-02-29'], 2, '2026-03-01').state).toBe('calibration_expired');
  });
});

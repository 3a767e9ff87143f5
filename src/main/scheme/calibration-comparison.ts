import type {
  CalibrationComparison,
  CalibrationThresholds,
  CriterionComparison,
  PracticeCaseMaterial,
} from '../../shared/api';
import type { ScorePoint } from '../../shared/scale';
import { agreementShares, describeAgreement, measureAgreement } from '../../shared/scoring';

/**
 * Compares an assessor's practice scores with the reference agreed scores. The statistics are the
 * moderation screen's own (src/shared/scoring/agreement.ts), with the assessor and the reference as
 * the two raters and each criterion as a unit:
 * - exact and within-one agreement: the share of criteria scored the same / at most one point apart,
 *   shown as whole percentages cut down (89.9% shows 89%, never 90%);
 * - Krippendorff's alpha (ordinal), cut to three decimals as the panel reads it.
 * "Calibrated" is decided on whole numbers, never on rounded ones: within-one criteria × 100 ≥ the
 * threshold percentage × criteria, and alpha in thousandths (as shown) ≥ the threshold.
 */
export function compareWithReference(
  material: PracticeCaseMaterial,
  scores: Readonly<Record<string, ScorePoint>>,
  thresholds: CalibrationThresholds,
): CalibrationComparison & { byCriterion: CriterionComparison[] } {
  const byCriterion = material.reference.map((reference): CriterionComparison => {
    const assessorScore = scores[reference.criterionId];
    if (assessorScore === undefined) throw new RangeError(`No practice score for ${reference.criterionId}.`);
    return {
      criterionId: reference.criterionId,
      title: material.criteria.find((criterion) => criterion.id === reference.criterionId)?.title ?? '',
      assessorScore,
      referenceScore: reference.score,
      apart: Math.abs(assessorScore - reference.score),
      rationale: reference.rationale,
    };
  });
  const matrix = [byCriterion.map((row) => row.assessorScore), byCriterion.map((row) => row.referenceScore)];
  const shares = agreementShares(matrix);
  const inWords = describeAgreement(matrix, measureAgreement(matrix, 'ordinal'));
  const criteria = shares?.pairs ?? 0;
  const exact = shares?.exact ?? 0;
  const withinOne = shares?.withinOne ?? 0;
  const alphaThousandths = inWords.alpha === null ? null : Math.round(Number(inWords.alpha) * 1000);
  const withinOneMet = criteria > 0 && withinOne * 100 >= thresholds.withinOnePercent * criteria;
  const alphaMet = alphaThousandths !== null && alphaThousandths >= thresholds.alphaThousandths;
  const comparison: CalibrationComparison = {
    criteria,
    exact,
    withinOne,
    exactPercent: percentCutDown(exact, criteria),
    withinOnePercent: percentCutDown(withinOne, criteria),
    alpha: inWords.alpha,
    alphaInWords: inWords.verdict,
    differedByTwoOrMore: byCriterion.filter((row) => row.apart >= 2).map((row) => row.criterionId),
    calibrated: withinOneMet && alphaMet,
    verdict: '',
  };
  return { ...comparison, verdict: calibrationVerdict(comparison, thresholds), byCriterion };
}

function percentCutDown(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.floor((part * 100) / whole);
}

/** 670 → "0.67", 1000 → "1": a threshold as people write it. */
function thresholdAlpha(thousandths: number): string {
  return String(thousandths / 1000);
}

/** One plain sentence: calibrated or not, and which threshold was missed. */
function calibrationVerdict(comparison: CalibrationComparison, thresholds: CalibrationThresholds): string {
  const alpha = comparison.alpha ?? 'not measurable';
  const needs = `The scheme asks for at least ${thresholds.withinOnePercent}% within one point and alpha of at least ${thresholdAlpha(thresholds.alphaThousandths)}.`;
  if (comparison.calibrated)
    return `Calibrated: ${comparison.withinOnePercent}% of criteria within one point of the reference and alpha ${alpha}. ${needs}`;
  const missed: string[] = [];
  if (comparison.withinOne * 100 < thresholds.withinOnePercent * comparison.criteria)
    missed.push(`${comparison.withinOnePercent}% of criteria were within one point`);
  if (!comparison.alpha || Math.round(Number(comparison.alpha) * 1000) < thresholds.alphaThousandths)
    missed.push(`alpha was ${alpha}`);
  return `Not calibrated yet: ${missed.join(' and ')}. ${needs} Read the reference reasons below, then try the practice case again.`;
}

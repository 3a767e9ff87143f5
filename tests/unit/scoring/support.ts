import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { loadStandard } from '../../../src/main/standards';
import { allCriteria, type Standard } from '../../../src/shared/standard';
import { NOT_ENOUGH_EVIDENCE, type Score, type AgreedScores } from '../../../src/shared/scoring';

export const defaultStandard: Standard = loadStandard(
  fileURLToPath(new URL('../../../resources/standards/coproduction-standard-v1.json', import.meta.url)),
);

export const criterionIds = (standard: Standard = defaultStandard): string[] =>
  allCriteria(standard).map((criterion) => criterion.id);

/** A score or no agreed score at all (undefined). */
export const scoreOrMissing: fc.Arbitrary<Score | undefined> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom<Score>(0, 1, 2, 3) },
  { weight: 1, arbitrary: fc.constant<Score>(NOT_ENOUGH_EVIDENCE) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

/**
 * Agreed scores for every criterion of the standard: a panel-wide base score, with some criteria
 * at 3 and a few anything at all (including "not enough evidence" and missing), so every outcome is reached often.
 */
export function agreedScoresFor(standard: Standard = defaultStandard): fc.Arbitrary<AgreedScores> {
  const ids = criterionIds(standard);
  return fc.constantFrom<Score>(0, 1, 2, 2, 3, 3).chain((base) => {
    const perCriterion = fc.oneof(
      { weight: 12, arbitrary: fc.constant<Score | undefined>(base) },
      { weight: 6, arbitrary: fc.constant<Score | undefined>(3) },
      { weight: 1, arbitrary: scoreOrMissing },
    );
    return fc.array(perCriterion, { minLength: ids.length, maxLength: ids.length }).map((scores) => {
      const agreed: Record<string, Score | undefined> = {};
      ids.forEach((id, i) => {
        const score = scores[i];
        if (score !== undefined) agreed[id] = score;
      });
      return agreed;
    });
  });
}

export function allScores(score: Score, standard: Standard = defaultStandard): Record<string, Score> {
  return Object.fromEntries(criterionIds(standard).map((id) => [id, score]));
}

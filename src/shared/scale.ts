import { z } from 'zod';

/**
 * The scoring scale for one criterion.
 * 0 = not yet met; 1, 2, 3 = the level met; 'not_enough_evidence' = the panel could not judge.
 * For the outcome rules, 'not enough evidence' (and a missing score) counts as not met, that is 0.
 */
export const SCORE_POINTS = [0, 1, 2, 3] as const;
export type ScorePoint = (typeof SCORE_POINTS)[number];

export const NOT_ENOUGH_EVIDENCE = 'not_enough_evidence' as const;
export type NotEnoughEvidence = typeof NOT_ENOUGH_EVIDENCE;

export type Score = ScorePoint | NotEnoughEvidence;

export const scorePointSchema = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)], {
  error: 'should be 0, 1, 2 or 3',
});
export const scoreSchema = z.union([scorePointSchema, z.literal(NOT_ENOUGH_EVIDENCE)], {
  error: `should be 0, 1, 2, 3 or "${NOT_ENOUGH_EVIDENCE}"`,
});

/** The levels a standard can award. */
export const AWARD_LEVELS = [1, 2, 3] as const;
export type AwardLevel = (typeof AWARD_LEVELS)[number];
export const awardLevelSchema = z.union([z.literal(1), z.literal(2), z.literal(3)], {
  error: 'should be 1, 2 or 3',
});

export function isScorePoint(value: unknown): value is ScorePoint {
  return value === 0 || value === 1 || value === 2 || value === 3;
}

/**
 * The number a score counts as when the rules are applied: 'not enough evidence',
 * a missing score (undefined or null) and anything that is not on the scale all count as 0 (not met).
 */
export function scoreForRules(score: Score | null | undefined): ScorePoint {
  return isScorePoint(score) ? score : 0;
}

/** A score as a panel would say it aloud: "0 (not yet met)", "2", "not enough evidence". */
export function describeScore(score: Score | null | undefined): string {
  if (score === undefined || score === null) return 'no agreed score yet';
  if (score === NOT_ENOUGH_EVIDENCE) return 'not enough evidence';
  if (score === 0) return '0 (not yet met)';
  return String(score);
}

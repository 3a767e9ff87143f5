import { isScorePoint, NOT_ENOUGH_EVIDENCE, type Score } from '../../shared/scoring';

/**
 * How a score is kept in the case file's integer columns (score.score, moderation_record.agreed_score):
 * 0 to 3 as themselves, "not enough evidence" as -1. A null column means "not scored".
 */
const NOT_ENOUGH_EVIDENCE_COLUMN = -1;

export function scoreToColumn(score: Score): number {
  return score === NOT_ENOUGH_EVIDENCE ? NOT_ENOUGH_EVIDENCE_COLUMN : score;
}

export function scoreFromColumn(value: number | null): Score | null {
  if (value === null) return null;
  if (value === NOT_ENOUGH_EVIDENCE_COLUMN) return NOT_ENOUGH_EVIDENCE;
  if (isScorePoint(value)) return value;
  throw new RangeError(`The case file holds a score of ${value}, which is not on the scale.`);
}

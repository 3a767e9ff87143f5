import type { Criterion, Standard } from '../../../../shared/standard';
import { NOT_ENOUGH_EVIDENCE, type Score } from '../../../../shared/scoring';
import type { Choice } from '../../ui/fields';

/** A score as the value of a radio button. */
export type ScoreValue = '0' | '1' | '2' | '3' | typeof NOT_ENOUGH_EVIDENCE;

export function scoreToValue(score: Score | null): ScoreValue | null {
  if (score === null) return null;
  return score === NOT_ENOUGH_EVIDENCE ? NOT_ENOUGH_EVIDENCE : (String(score) as ScoreValue);
}

export function valueToScore(value: ScoreValue): Score {
  return value === NOT_ENOUGH_EVIDENCE ? NOT_ENOUGH_EVIDENCE : (Number(value) as 0 | 1 | 2 | 3);
}

/** The short name of a score, as on the score choice: "2 — Level 2 met", "Not enough evidence". */
export function scoreName(standard: Standard, score: Score): string {
  if (score === NOT_ENOUGH_EVIDENCE) return standard.scale.notEnoughEvidence.label;
  const point = standard.scale.points.find((p) => p.score === score);
  return `${score} — ${point?.label ?? (score === 0 ? 'Not yet met' : `Level ${score} met`)}`;
}

/** The score choices for one criterion, each with the level descriptor beside it. */
export function scoreChoices(standard: Standard, criterion: Criterion): Choice<ScoreValue>[] {
  const zero = standard.scale.points.find((p) => p.score === 0);
  return [
    {
      value: '0',
      label: scoreName(standard, 0),
      description: zero?.meaning ?? 'The evidence does not yet show Level 1.',
    },
    { value: '1', label: scoreName(standard, 1), description: criterion.descriptors['1'] },
    { value: '2', label: scoreName(standard, 2), description: criterion.descriptors['2'] },
    { value: '3', label: scoreName(standard, 3), description: criterion.descriptors['3'] },
    {
      value: NOT_ENOUGH_EVIDENCE,
      label: standard.scale.notEnoughEvidence.label,
      description: standard.scale.notEnoughEvidence.meaning,
    },
  ];
}

/** A rationale is required for the extremes of the scale: 0 (not yet met) and 3. */
export function rationaleRequired(score: Score | null): boolean {
  return score === 0 || score === 3;
}

/** A score in a table cell or a sentence: "2", "0", "Not enough evidence", "Not scored". */
export function shortScore(score: Score | null): string {
  if (score === null) return 'Not scored';
  if (score === NOT_ENOUGH_EVIDENCE) return 'Not enough evidence';
  return String(score);
}

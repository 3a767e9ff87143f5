import type { Criterion, Standard } from '../../../../shared/standard';
import { NOT_ENOUGH_EVIDENCE, type Score } from '../../../../shared/scoring';
import type { Choice } from '../../ui/fields';

/** A score as the value of a radio button. */
export type ScoreValue = '0' | '1' | '2' | '3' | typeof NOT_ENOUGH_EVIDENCE;

/** One score on the sheet: its short name ("Level 2 met") and what it means for this criterion. */
export interface ScoreChoice {
  value: ScoreValue;
  /** The score as printed on the paper sheet: "0", "2", "?" for not enough evidence. */
  mark: string;
  /** The radio's accessible name, short: "Level 2 met". */
  name: string;
  /** The level text, read as the radio's description. */
  description: string;
}

export function scoreToValue(score: Score | null): ScoreValue | null {
  if (score === null) return null;
  return score === NOT_ENOUGH_EVIDENCE ? NOT_ENOUGH_EVIDENCE : (String(score) as ScoreValue);
}

export function valueToScore(value: ScoreValue): Score {
  return value === NOT_ENOUGH_EVIDENCE ? NOT_ENOUGH_EVIDENCE : (Number(value) as 0 | 1 | 2 | 3);
}

/** What a score is called on its own, as a score choice is named: "Level 2 met", "Not yet met". */
export function scoreLevelName(standard: Standard, score: Score): string {
  if (score === NOT_ENOUGH_EVIDENCE) return standard.scale.notEnoughEvidence.label;
  const point = standard.scale.points.find((p) => p.score === score);
  return point?.label ?? (score === 0 ? 'Not yet met' : `Level ${score} met`);
}

/** A score with its number, for tables and sentences: "2 — Level 2 met", "Not enough evidence". */
export function scoreName(standard: Standard, score: Score): string {
  if (score === NOT_ENOUGH_EVIDENCE) return scoreLevelName(standard, score);
  return `${score} — ${scoreLevelName(standard, score)}`;
}

/** What level 0 means on this standard's scale. */
function notYetMetMeaning(standard: Standard): string {
  return (
    standard.scale.points.find((p) => p.score === 0)?.meaning ?? 'The evidence does not yet show Level 1.'
  );
}

/** The score choices for one criterion, each with the level descriptor beside it. */
export function scoreChoices(standard: Standard, criterion: Criterion): Choice<ScoreValue>[] {
  return [
    { value: '0', label: scoreName(standard, 0), description: notYetMetMeaning(standard) },
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

/**
 * The score sheet's choices for one criterion, as on the paper sheet: each named short
 * ("Level 2 met") with the criterion's level text as its description.
 */
export function scoreSheetChoices(standard: Standard, criterion: Criterion): ScoreChoice[] {
  const level = (score: 1 | 2 | 3): ScoreChoice => ({
    value: String(score) as ScoreValue,
    mark: String(score),
    name: scoreLevelName(standard, score),
    description: criterion.descriptors[String(score) as '1' | '2' | '3'],
  });
  return [
    { value: '0', mark: '0', name: scoreLevelName(standard, 0), description: notYetMetMeaning(standard) },
    level(1),
    level(2),
    level(3),
    {
      value: NOT_ENOUGH_EVIDENCE,
      mark: '?',
      name: scoreLevelName(standard, NOT_ENOUGH_EVIDENCE),
      description: standard.scale.notEnoughEvidence.meaning,
    },
  ];
}

/** A score in a table cell or a sentence: "2", "0", "Not enough evidence", "Not scored". */
export function shortScore(score: Score | null): string {
  if (score === null) return 'Not scored';
  if (score === NOT_ENOUGH_EVIDENCE) return 'Not enough evidence';
  return String(score);
}

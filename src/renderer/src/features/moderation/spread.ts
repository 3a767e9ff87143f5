import {
  type CriterionModeration,
  type Score,
  type ScorePoint,
  formatMedian,
  isScorePoint,
} from '../../../../shared/scoring';

/** One dot of the spread plot: which score, and how high it sits in its stack. */
export interface Dot {
  score: ScorePoint;
  /** 0 for the first dot on a score, 1 for the next one stacked above it, and so on. */
  stack: number;
}

/** The dots for a criterion's scores: one per 0–3 score, stacked where members gave the same score. */
export function spreadDots(scores: readonly (Score | null)[]): Dot[] {
  const counts = [0, 0, 0, 0];
  return scores
    .filter(isScorePoint)
    .sort((a, b) => a - b)
    .map((score) => {
      const stack = counts[score] ?? 0;
      counts[score] = stack + 1;
      return { score, stack };
    });
}

/** The words that stand in for the plot: "Scores 1, 2 and 3 on the 0 to 3 scale; median 2, spread 2. …" */
export function describeSpread(
  row: Pick<CriterionModeration, 'scores' | 'median' | 'range' | 'notEnoughEvidence' | 'unscoredCount'>,
): string {
  const points = row.scores
    .map((s) => s.score)
    .filter(isScorePoint)
    .sort((a, b) => a - b);
  const parts: string[] = [];
  if (points.length === 0) {
    parts.push('No scores from 0 to 3.');
  } else {
    const list = joinWords(points.map(String));
    const stats =
      row.median !== null && row.range !== null
        ? `; median ${formatMedian(row.median)}, spread ${row.range}`
        : '';
    parts.push(`${points.length === 1 ? 'Score' : 'Scores'} ${list} on the 0 to 3 scale${stats}.`);
  }
  if (row.notEnoughEvidence.length > 0) {
    parts.push(`Not enough evidence: ${joinWords(row.notEnoughEvidence.map((m) => m.memberName))}.`);
  }
  if (row.unscoredCount > 0) parts.push(`${row.unscoredCount} not scored.`);
  return parts.join(' ');
}

/**
 * Whether an agreed score lies outside what the panel itself said, so that the lead is asked why:
 * a score outside the members' 0–3 range, or "not enough evidence" when nobody said that.
 * (A hint for showing the field early; the server decides and says so if a reason is missing.)
 */
export function outsideRange(
  score: Score | null,
  row: Pick<CriterionModeration, 'min' | 'max' | 'notEnoughEvidence'>,
): boolean {
  if (score === null) return false;
  if (!isScorePoint(score)) return row.notEnoughEvidence.length === 0;
  if (row.min === null || row.max === null) return true;
  return score < row.min || score > row.max;
}

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1] ?? ''}`;
}

import type { Score } from '../scale';

/** What stops one criterion of a score sheet being submitted. */
export interface SheetProblem {
  criterionId: string;
  problem: string;
}

/** The problem said of a criterion with no score yet. */
export const NOT_SCORED_YET = 'Not scored yet.';

/** A reason is required for the extremes of the scale: 0 (not yet met) and 3. */
export function needsRationale(score: Score | null): boolean {
  return score === 0 || score === 3;
}

/**
 * What stops a sheet being submitted: every criterion scored, and reasons given for a 0 or a 3. The
 * server refuses a submit with these; the screen lists them, live, before it offers the submit.
 */
export function sheetProblems(
  entries: readonly { criterionId: string; score: Score | null; rationale: string }[],
): SheetProblem[] {
  return entries.flatMap((entry) => {
    if (entry.score === null) return [{ criterionId: entry.criterionId, problem: NOT_SCORED_YET }];
    if (needsRationale(entry.score) && entry.rationale.trim() === '') {
      return [
        { criterionId: entry.criterionId, problem: `Give your reasons for a score of ${entry.score}.` },
      ];
    }
    return [];
  });
}

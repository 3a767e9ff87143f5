/** Plain-English wording shared by the documents. */
import { ROLE_NAMES, type MemberRole } from '../../shared/vocabulary';
import type { Score } from './types';

/** "2026-03-02" → "2 March 2026" (the verifier words dates the same way without loading the documents). */
export { dateInWords } from '../../shared/dates';

export function roleInWords(role: MemberRole): string {
  return ROLE_NAMES[role];
}

/** An agreed score as the report prints it. */
export function scoreInWords(score: Score | undefined): string {
  if (score === undefined) return 'No agreed score';
  if (score === 'not_enough_evidence') return 'Not enough evidence';
  if (score === 0) return '0 – not yet met';
  return `${score} – Level ${score}`;
}

export function standardInWords(title: string, version: string | number): string {
  return `${title}, version ${version}`;
}

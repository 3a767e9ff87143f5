import { type OutcomeDecision, isIsoDate } from '../../../../shared/scoring';
import type { FieldErrors } from '../../ui/formSupport';

/** "Level 2: Co-designing", "Level 1 — Engaged", or "Not yet awarded". */
export function levelWords(decision: Pick<OutcomeDecision, 'level' | 'levelName'>): string {
  if (decision.level === 'not_yet_awarded') return 'Not yet awarded';
  const name = decision.levelName ?? '';
  if (name.toLowerCase().startsWith(`level ${decision.level}`)) return name;
  return name ? `Level ${decision.level} — ${name}` : `Level ${decision.level}`;
}

export const DATE_HINT = 'Write it as year-month-day, for example 2026-03-14.';

/** Checks what the lead can fix before the decision is sent. The server checks everything again. */
export function checkDecision(
  decisionDate: string,
  conditions: { text: string; dueDate: string }[],
): FieldErrors {
  const errors: FieldErrors = {};
  if (!isIsoDate(decisionDate.trim())) errors.decisionDate = `Enter the decision date. ${DATE_HINT}`;
  conditions.forEach((condition, index) => {
    if (!condition.text.trim())
      errors[`conditions.${index}.text`] = 'Write the condition, or remove this row.';
    if (!isIsoDate(condition.dueDate.trim()))
      errors[`conditions.${index}.dueDate`] = `Enter the date it is due. ${DATE_HINT}`;
  });
  return errors;
}

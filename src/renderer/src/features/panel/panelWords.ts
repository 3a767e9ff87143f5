import { type ConflictState, type PanelMember, SCORING_ROLES } from '../../../../shared/api';
import { formatDate } from '../../ui/format';

/** Who recorded a declaration, in plain words, when it was not the member themselves. */
export function whoRecorded(conflict: ConflictState): string | null {
  if (conflict.status === 'not_declared' || conflict.declaredBy === 'themselves') return null;
  return conflict.declaredBy === 'lead'
    ? 'Recorded by the lead assessor'
    : 'Recorded before the app kept who made each declaration';
}

/** A member's conflict of interest, in plain words. */
export function describeConflict(conflict: ConflictState): { headline: string; detail: string[] } {
  const recorded = whoRecorded(conflict);
  const byWhom = recorded ? [recorded] : [];
  switch (conflict.status) {
    case 'not_declared':
      return { headline: 'Not declared yet', detail: [] };
    case 'none':
      return {
        headline: `No conflict of interest (declared ${formatDate(conflict.declaredAt)})`,
        detail: byWhom,
      };
    case 'declared': {
      const said = `They declared: “${conflict.text}”`;
      if (!conflict.decision)
        return { headline: 'Declared — waiting for the lead assessor’s decision', detail: [said, ...byWhom] };
      const reason = `The lead assessor’s reason: ${conflict.decision.reason}`;
      return conflict.decision.outcome === 'allowed'
        ? { headline: 'Declared — allowed to take part', detail: [said, ...byWhom, reason] }
        : { headline: 'Declared — excluded from scoring', detail: [said, ...byWhom, reason] };
    }
  }
}

const SHEET_WORDS = {
  not_started: 'Not started',
  in_progress: 'In progress',
  submitted: 'Submitted',
  excluded: 'Left out of moderation',
} as const;

/** How far a member has got with their score sheet (never the scores themselves). */
export function describeSheet(member: PanelMember): string {
  if (!(SCORING_ROLES as readonly string[]).includes(member.role))
    return 'Does not score (observers watch and listen)';
  const { status, scoredCount, criteriaCount, exclusionReason, enteredFromPaper } = member.sheet;
  const count = `${scoredCount} of ${criteriaCount} scored`;
  if (status === 'excluded')
    return `${SHEET_WORDS.excluded}${exclusionReason ? `: ${exclusionReason}` : ''} (${count})`;
  return `${SHEET_WORDS[status]} — ${count}${enteredFromPaper ? ', entered from a paper sheet' : ''}`;
}

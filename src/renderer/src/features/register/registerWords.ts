import { dateInWords } from '../../../../shared/dates';
import type {
  RegisterCondition,
  RegisterEntry,
  RegisterEventKind,
  RegisterStatus,
  RegisterStatusState,
  Reminder,
} from '../../../../shared/api';

/** A calendar date in words ("3 May 2027"), or the text as it came if it is not one. */
export function inWords(date: string): string {
  try {
    return dateInWords(date);
  } catch {
    return date;
  }
}

/** A certificate's status in a few plain words, e.g. "Interim review overdue since 3 May 2027". */
export function statusHeadline(status: RegisterStatus): string {
  const on = status.date ? inWords(status.date) : '';
  switch (status.state) {
    case 'not_yet_valid':
      return `Not valid until ${on}`;
    case 'valid':
      return `Valid until ${on}`;
    case 'interim_review_due':
      return `Interim review due by ${on}`;
    case 'interim_review_overdue':
      return `Interim review overdue since ${on}`;
    case 'conditions_due':
      return `A condition is due by ${on}`;
    case 'conditions_overdue':
      return `A condition is overdue since ${on}`;
    case 'expired':
      return `Expired on ${on}`;
    case 'suspended':
      return `Suspended since ${on}${status.reason ? `: ${status.reason}` : ''}`;
    case 'revoked':
      return `Withdrawn on ${on}${status.reason ? `: ${status.reason}` : ''}`;
    case 'superseded':
      return `Replaced on ${on}${status.supersededBy ? ` by certificate ${status.supersededBy}` : ''}`;
  }
}

/** The status's full sentence as the register words it, with its dates in words. */
export function statusSentence(status: RegisterStatus): string {
  return status.words.replace(/\b\d{4}-\d{2}-\d{2}\b/g, inWords);
}

/** The status filter on the register list: each a set of states. */
export const STATUS_FILTERS = {
  all: { label: 'All', states: null },
  attention: {
    label: 'Needs attention',
    states: ['interim_review_due', 'interim_review_overdue', 'conditions_due', 'conditions_overdue'],
  },
  valid: { label: 'Valid', states: ['valid', 'not_yet_valid'] },
  suspended: { label: 'Suspended', states: ['suspended'] },
  withdrawn: { label: 'Withdrawn', states: ['revoked'] },
  ended: { label: 'Expired or replaced', states: ['expired', 'superseded'] },
} as const satisfies Record<string, { label: string; states: readonly RegisterStatusState[] | null }>;
export type StatusFilter = keyof typeof STATUS_FILTERS;

/** Whether the entry matches what was typed (organisation or number, any case) and the status filter. */
export function matchesSearch(entry: RegisterEntry, text: string, filter: StatusFilter): boolean {
  const states: readonly RegisterStatusState[] | null = STATUS_FILTERS[filter].states;
  if (states && !states.includes(entry.status.state)) return false;
  const wanted = text.trim().toLocaleLowerCase('en-GB');
  return (
    !wanted ||
    entry.organisation.toLocaleLowerCase('en-GB').includes(wanted) ||
    entry.certificateNumber.toLocaleLowerCase('en-GB').includes(wanted)
  );
}

/** A condition's state on `today` in plain words: "Due on 3 March 2028", "Overdue since …", "Met on …". */
export function conditionInWords(
  condition: Pick<RegisterCondition, 'dueOn' | 'metOn'>,
  today: string,
): string {
  if (condition.metOn !== null) return `Met on ${inWords(condition.metOn)}`;
  if (condition.dueOn < today) return `Overdue since ${inWords(condition.dueOn)}`;
  return `Due on ${inWords(condition.dueOn)}`;
}

export const EVENT_NAMES: Record<RegisterEventKind, string> = {
  revoked: 'Withdrawn',
  suspended: 'Suspended',
  reinstated: 'Reinstated',
  superseded: 'Replaced',
  interim_review_done: 'Interim review done',
};

export const REMINDER_NAMES: Record<Reminder['kind'], string> = {
  interim_review: 'Interim review',
  condition: 'Condition',
  renewal: 'Renewal',
};

/** Whether a state counts as a warning on screen (shown with a mark and words, never colour alone). */
export function needsAttention(state: RegisterStatusState): boolean {
  return state !== 'valid' && state !== 'not_yet_valid';
}

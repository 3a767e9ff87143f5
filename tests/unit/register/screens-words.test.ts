import { describe, expect, it } from 'vitest';
import {
  conditionInWords,
  matchesSearch,
  statusHeadline,
  statusSentence,
} from '../../../src/renderer/src/features/register/registerWords';
import { registerEntryOn } from './entry';

const entry = (
  today: string,
  statusFacts: NonNullable<Parameters<typeof registerEntryOn>[1]>['statusFacts'] = {},
) => registerEntryOn(today, { statusFacts });

describe('the register screens’ words', () => {
  it('says each status in plain words with the date in words', () => {
    expect(statusHeadline(entry('2026-01-01').status)).toBe('Valid until 2 November 2028');
    expect(statusHeadline(entry('2027-04-01').status)).toBe('Interim review due by 3 May 2027');
    expect(statusHeadline(entry('2027-05-04').status)).toBe('Interim review overdue since 3 May 2027');
    expect(statusHeadline(entry('2028-11-03').status)).toBe('Expired on 2 November 2028');
    const withdrawn = entry('2027-01-01', {
      events: [{ kind: 'revoked', onDate: '2026-12-24', reason: 'Conditions not met', supersededBy: null }],
    });
    expect(statusHeadline(withdrawn.status)).toBe('Withdrawn on 24 December 2026: Conditions not met');
    expect(statusSentence(withdrawn.status)).toBe(
      'Withdrawn on 24 December 2026: Conditions not met. Do not rely on it.',
    );
  });

  it('searches by organisation or number, in any case, within a status', () => {
    const overdue = entry('2027-05-04');
    expect(matchesSearch(overdue, 'riverside', 'all')).toBe(true);
    expect(matchesSearch(overdue, 'cps-2025-0a1b', 'all')).toBe(true);
    expect(matchesSearch(overdue, 'harbour', 'all')).toBe(false);
    expect(matchesSearch(overdue, '', 'attention')).toBe(true);
    expect(matchesSearch(overdue, '', 'valid')).toBe(false);
  });

  it('says a condition’s state on the day: due on its date, overdue from the day after, met once recorded', () => {
    const condition = { dueOn: '2028-03-03', metOn: null };
    expect(conditionInWords(condition, '2028-01-01')).toBe('Due on 3 March 2028');
    expect(conditionInWords(condition, '2028-03-03')).toBe('Due on 3 March 2028');
    expect(conditionInWords(condition, '2028-03-04')).toBe('Overdue since 3 March 2028');
    expect(conditionInWords({ ...condition, metOn: '2028-03-10' }, '2028-04-01')).toBe(
      'Met on 10 March 2028',
    );
  });
});

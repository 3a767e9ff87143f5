import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  interimReviewDate,
  londonDate,
  registerStatus,
  type RegisterStatusInput,
} from '../../../src/main/register';
import { validityDates } from '../../../src/shared/scoring';

/** An award decided on a day, with its dates as the certificate states them. */
function award(decisionDate: string, extra: Partial<RegisterStatusInput> = {}): RegisterStatusInput {
  const dates = validityDates(decisionDate);
  return { ...dates, conditions: [], events: [], ...extra };
}

const state = (input: RegisterStatusInput, today: string, dueSoonDays?: number) =>
  registerStatus(input, today, dueSoonDays).state;

describe('the status of a certificate in the register', () => {
  it.each([
    // [decision, today, expected]
    ['2025-03-14', '2025-03-13', 'not_yet_valid'],
    ['2025-03-14', '2025-03-14', 'valid'],
    ['2025-03-14', '2026-07-15', 'valid'], // 61 days before the interim review date
    ['2025-03-14', '2026-07-16', 'interim_review_due'], // 60 days before
    ['2025-03-14', '2026-09-14', 'interim_review_due'], // 18 months: the day itself
    ['2025-03-14', '2026-09-15', 'interim_review_overdue'],
    ['2025-03-14', '2028-03-14', 'interim_review_overdue'], // 3 years: last valid day
    ['2025-03-14', '2028-03-15', 'expired'],
    // leap days: 29 February decisions fall back to 28 February
    ['2024-02-29', '2025-08-29', 'interim_review_due'],
    ['2024-02-29', '2025-08-30', 'interim_review_overdue'],
    ['2024-02-29', '2027-02-28', 'interim_review_overdue'],
    ['2024-02-29', '2027-03-01', 'expired'],
    // 31 August + 18 months = 29 February in a leap year
    ['2023-08-31', '2025-02-28', 'interim_review_due'],
    ['2023-08-31', '2025-03-01', 'interim_review_overdue'],
    ['2022-08-31', '2024-02-29', 'interim_review_due'],
    ['2022-08-31', '2024-03-01', 'interim_review_overdue'],
  ])('decided %s, on %s: %s', (decision, today, expected) => {
    expect(state(award(decision), today)).toBe(expected);
  });

  it('the interim review date is 18 months on, clamped to a shorter month', () => {
    expect(interimReviewDate('2024-02-29')).toBe('2025-08-29');
    expect(interimReviewDate('2023-08-31')).toBe('2025-02-28');
    expect(interimReviewDate('2022-08-31')).toBe('2024-02-29');
  });

  it('a recorded interim review keeps it valid until it expires', () => {
    const reviewed = award('2025-03-14', {
      events: [{ kind: 'interim_review_done', onDate: '2026-09-01', reason: null, supersededBy: null }],
    });
    expect(state(reviewed, '2026-08-31')).toBe('interim_review_due');
    expect(state(reviewed, '2026-09-01')).toBe('valid');
    expect(state(reviewed, '2028-03-14')).toBe('valid');
    expect(state(reviewed, '2028-03-15')).toBe('expired');
  });

  it('conditions: due within the window, overdue from the day after, and met', () => {
    const conditional = award('2025-03-14', { conditions: [{ dueOn: '2025-09-30', metOn: null }] });
    expect(state(conditional, '2025-07-31')).toBe('valid');
    expect(state(conditional, '2025-08-01')).toBe('conditions_due');
    expect(state(conditional, '2025-09-30')).toBe('conditions_due');
    expect(state(conditional, '2025-10-01')).toBe('conditions_overdue');
    const met = award('2025-03-14', { conditions: [{ dueOn: '2025-09-30', metOn: '2025-09-20' }] });
    expect(state(met, '2025-09-19')).toBe('conditions_due');
    expect(state(met, '2025-10-01')).toBe('valid');
  });

  it('withdrawn, superseded and suspended from their day, in that order of precedence', () => {
    const revoked = award('2025-03-14', {
      events: [
        { kind: 'suspended', onDate: '2025-05-01', reason: 'under appeal', supersededBy: null },
        {
          kind: 'revoked',
          onDate: '2025-06-01',
          reason: 'the panel’s decision was overturned',
          supersededBy: null,
        },
      ],
    });
    expect(state(revoked, '2025-04-30')).toBe('valid');
    expect(registerStatus(revoked, '2025-05-01')).toMatchObject({
      state: 'suspended',
      reason: 'under appeal',
    });
    expect(registerStatus(revoked, '2025-06-01')).toMatchObject({
      state: 'revoked',
      reason: 'the panel’s decision was overturned',
    });
    expect(registerStatus(revoked, '2025-06-01').words).toContain('Do not rely on it');
    const reinstated = award('2025-03-14', {
      events: [
        { kind: 'suspended', onDate: '2025-05-01', reason: 'investigation', supersededBy: null },
        { kind: 'reinstated', onDate: '2025-05-20', reason: null, supersededBy: null },
      ],
    });
    expect(state(reinstated, '2025-05-19')).toBe('suspended');
    expect(state(reinstated, '2025-05-20')).toBe('valid');
    const superseded = award('2025-03-14', {
      events: [{ kind: 'superseded', onDate: '2026-01-10', reason: null, supersededBy: 'CPS-2026-0002' }],
    });
    expect(registerStatus(superseded, '2026-01-10')).toMatchObject({
      state: 'superseded',
      supersededBy: 'CPS-2026-0002',
    });
    expect(state(superseded, '2030-01-01')).toBe('superseded');
  });

  it('a decided appeal lifts only its own hold: a suspension for another reason stays in force', () => {
    const event = (kind: 'suspended' | 'reinstated', onDate: string, reason: string | null) => ({
      kind,
      onDate,
      reason,
      supersededBy: null,
    });
    const investigated = award('2025-03-14', {
      events: [
        event('suspended', '2025-05-01', 'complaint under investigation'),
        event('suspended', '2025-05-10', 'under appeal'),
        event('reinstated', '2025-06-01', 'appeal dismissed'),
        event('reinstated', '2025-07-01', null),
      ],
    });
    expect(registerStatus(investigated, '2025-05-10')).toMatchObject({
      state: 'suspended',
      reason: 'under appeal',
    });
    expect(registerStatus(investigated, '2025-06-01')).toMatchObject({
      state: 'suspended',
      reason: 'complaint under investigation',
      date: '2025-05-01',
    });
    expect(state(investigated, '2025-07-01')).toBe('valid');
    const plainAppeal = award('2025-03-14', {
      events: [
        event('suspended', '2025-05-10', 'under appeal'),
        event('reinstated', '2025-06-01', 'appeal upheld'),
      ],
    });
    expect(state(plainAppeal, '2025-06-01')).toBe('valid');
    const suspendedDuringAppeal = award('2025-03-14', {
      events: [
        event('suspended', '2025-05-10', 'under appeal'),
        event('suspended', '2025-05-20', 'complaint under investigation'),
        event('reinstated', '2025-06-01', 'appeal dismissed'),
      ],
    });
    expect(registerStatus(suspendedDuringAppeal, '2025-06-01')).toMatchObject({
      state: 'suspended',
      reason: 'complaint under investigation',
    });
  });

  it('dates are UK calendar dates: just after midnight in London in summer is already the next day', () => {
    expect(londonDate(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(londonDate(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
    expect(londonDate(new Date('2026-03-29T00:30:00Z'))).toBe('2026-03-29');
  });

  it('for any award and day: never valid after its valid-until date, never expired on or before it', () => {
    const day = fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2090-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: -400, max: 1500 }), (decision, offset) => {
        const input = award(decision);
        const today = addDays(decision, offset);
        const result = state(input, today);
        if (today > input.validUntil) expect(result).toBe('expired');
        else if (today < decision) expect(result).toBe('not_yet_valid');
        else expect(['valid', 'interim_review_due', 'interim_review_overdue']).toContain(result);
        if (result === 'interim_review_overdue') expect(today > input.interimReviewDue).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a day that is not a calendar date', () => {
    expect(() => registerStatus(award('2025-03-14'), '14/03/2025')).toThrow(RangeError);
  });
});

describe('the status words with a reason that ends its own sentence', () => {
  const withdrawnFor = (reason: string) =>
    registerStatus(
      award('2025-03-14', {
        events: [{ kind: 'revoked', onDate: '2025-06-01', reason, supersededBy: null }],
      }),
      '2025-06-01',
    ).words;

  it('never doubles the full stop, and keeps a question or exclamation mark as typed', () => {
    expect(withdrawnFor('The organisation closed the service (fictional).')).toBe(
      'Withdrawn on 2025-06-01: The organisation closed the service (fictional). Do not rely on it.',
    );
    expect(withdrawnFor('The organisation closed the service (fictional)')).toBe(
      'Withdrawn on 2025-06-01: The organisation closed the service (fictional). Do not rely on it.',
    );
    expect(withdrawnFor('Was the review ever arranged?')).toBe(
      'Withdrawn on 2025-06-01: Was the review ever arranged? Do not rely on it.',
    );
    expect(withdrawnFor('It said “closed.”')).toBe(
      'Withdrawn on 2025-06-01: It said “closed.” Do not rely on it.',
    );
    expect(withdrawnFor('Closed...')).toBe('Withdrawn on 2025-06-01: Closed... Do not rely on it.');
  });
});

import { describe, expect, it } from 'vitest';
import {
  LOCKOUT_MS,
  MAX_WRONG_PINS,
  pauseAfter,
  pauseInWords,
  requireAgreementExplained,
} from '../../../src/main/panel';
import { criterionModeration, type MemberScore, type Score } from '../../../src/shared/scoring';
import { UserFacingError } from '../../../src/shared/errors';

const row = (...scores: (Score | null)[]) =>
  criterionModeration(
    'S1.1',
    'A criterion',
    1,
    false,
    scores.map((score, index): MemberScore => ({
      memberId: `m${index}`,
      memberName: `Member ${index}`,
      score,
    })),
  );

const codeOf = (work: () => unknown): string | null => {
  try {
    work();
    return null;
  } catch (error) {
    return error instanceof UserFacingError ? error.code : 'not a user-facing error';
  }
};

describe('the rules for an agreed score', () => {
  it('needs no rationale when the panel agreed and the score is the median', () => {
    expect(
      requireAgreementExplained(row(2, 2, 2), { criterionId: 'S1.1', score: 2, rationale: '' }),
    ).toBeNull();
  });

  it('needs a rationale when the score differs from the median, or the criterion was flagged', () => {
    expect(
      codeOf(() => requireAgreementExplained(row(1, 2, 2), { criterionId: 'S1.1', score: 1, rationale: '' })),
    ).toBe('RATIONALE_REQUIRED');
    expect(
      codeOf(() =>
        requireAgreementExplained(row(0, 2, 1), { criterionId: 'S1.1', score: 1, rationale: ' ' }),
      ),
    ).toBe('RATIONALE_REQUIRED');
    expect(
      codeOf(() =>
        requireAgreementExplained(row(2, 'not_enough_evidence', 2), {
          criterionId: 'S1.1',
          score: 2,
          rationale: '',
        }),
      ),
    ).toBe('RATIONALE_REQUIRED');
    expect(
      requireAgreementExplained(row(1, 2, 2), { criterionId: 'S1.1', score: 1, rationale: 'Because.' }),
    ).toBeNull();
  });

  it('needs no rationale for either whole score next to a median ending in .5 (an even-sized panel)', () => {
    // Median 1.5: 1 and 2 are the nearest whole scores, so neither needs a reason just for the median.
    expect(requireAgreementExplained(row(1, 2), { criterionId: 'S1.1', score: 1, rationale: '' })).toBeNull();
    expect(requireAgreementExplained(row(1, 2), { criterionId: 'S1.1', score: 2, rationale: '' })).toBeNull();
    expect(
      requireAgreementExplained(row(1, 1, 2, 2), { criterionId: 'S1.1', score: 2, rationale: '' }),
    ).toBeNull();
    // Median 2.5 from 2, 2, 3, 3: agreeing 2 or 3 needs none; a score further away still does.
    expect(
      requireAgreementExplained(row(2, 2, 3, 3), { criterionId: 'S1.1', score: 3, rationale: '' }),
    ).toBeNull();
    expect(
      codeOf(() =>
        requireAgreementExplained(row(1, 2, 2, 2), { criterionId: 'S1.1', score: 1, rationale: '' }),
      ),
    ).toBe('RATIONALE_REQUIRED');
  });

  it('needs a reason to go outside the panel’s range, and keeps it', () => {
    const input = { criterionId: 'S1.1', score: 3 as const, rationale: 'New evidence in the room.' };
    expect(codeOf(() => requireAgreementExplained(row(1, 2, 2), input))).toBe('RATIONALE_REQUIRED');
    expect(
      requireAgreementExplained(row(1, 2, 2), { ...input, outsideRangeReason: 'Shown after scoring.' }),
    ).toBe('Shown after scoring.');
  });

  it('treats "not enough evidence" as inside the range only when a member said it', () => {
    const agreed = {
      criterionId: 'S1.1',
      score: 'not_enough_evidence' as const,
      rationale: 'Nothing on file.',
    };
    expect(requireAgreementExplained(row('not_enough_evidence', 2), agreed)).toBeNull();
    expect(codeOf(() => requireAgreementExplained(row(2, 2), agreed))).toBe('RATIONALE_REQUIRED');
    expect(
      requireAgreementExplained(row('not_enough_evidence', 'not_enough_evidence'), {
        ...agreed,
        rationale: '',
      }),
    ).toBeNull();
  });
});

describe('wrong PINs', () => {
  it(`pause sign-in for ${LOCKOUT_MS / 1000} seconds after ${MAX_WRONG_PINS} in a row, then longer after each further one`, () => {
    for (let wrong = 0; wrong < MAX_WRONG_PINS; wrong += 1) expect(pauseAfter(wrong)).toBe(0);
    const pauses = [5, 6, 7, 8, 9, 10, 50].map((wrong) => pauseInWords(pauseAfter(wrong)));
    expect(pauses).toEqual([
      '30 seconds',
      '1 minute',
      '5 minutes',
      '15 minutes',
      '1 hour',
      '1 hour',
      '1 hour',
    ]);
    expect(pauseInWords(1)).toBe('1 second');
    expect(pauseInWords(61_000)).toBe('2 minutes');
    expect(pauseInWords(LOCKOUT_MS, 'before a noun')).toBe('30-second');
    expect(pauseInWords(60 * 60_000, 'before a noun')).toBe('1-hour');
  });
});

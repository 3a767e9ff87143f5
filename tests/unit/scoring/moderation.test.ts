import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  criterionModeration,
  medianOf,
  moderationSummary,
  type MemberScore,
  type ScoreSheet,
  krippendorffAlpha,
  type Score,
} from '../../../src/shared/scoring';
import { allScores, criterionIds, defaultStandard, scoreOrMissing } from './support';

const sheet = (memberId: string, memberName: string, scores: Record<string, Score>): ScoreSheet => ({
  memberId,
  memberName,
  scores,
});
const member = (name: string, score: Score | null): MemberScore => ({
  memberId: name.toLowerCase(),
  memberName: name,
  score,
});
const stats = (...scores: (Score | null)[]) =>
  criterionModeration(
    'S1.1',
    'Support is planned around the whole person',
    1,
    true,
    scores.map((score, i) => member(['Asha', 'Ben', 'Cal', 'Dee', 'Eli'][i] ?? `M${i}`, score)),
  );

describe('moderation statistics for one criterion', () => {
  it('gives the median, minimum, maximum and range of the 0 to 3 scores', () => {
    expect(stats(1, 2, 2)).toMatchObject({
      median: 2,
      min: 1,
      max: 2,
      range: 1,
      divergent: false,
      reasons: [],
    });
    expect(stats(1, 2, 3, 3)).toMatchObject({ median: 2.5, min: 1, max: 3, range: 2 });
    expect(medianOf([])).toBeNull();
    expect(medianOf([3, 0, 1])).toBe(1);
  });

  it('flags a range of 2 or more as divergent and says why', () => {
    const result = stats(1, 3, 2);
    expect(result.divergent).toBe(true);
    expect(result.reasons).toEqual(['Scores range from 1 to 3, a spread of 2.']);
  });

  it('names the members who scored 2 or more away from the median', () => {
    const result = stats(0, 2, 2, 3);
    expect(result.divergent).toBe(true);
    expect(result.farFromMedian).toEqual([{ memberId: 'asha', memberName: 'Asha', score: 0 }]);
    expect(result.reasons).toContain('Asha (0) scored 2 or more away from the median of 2.');
  });

  it('keeps "not enough evidence" out of the numbers, shows it separately and flags it when others scored', () => {
    const result = stats(2, 'not_enough_evidence', 2, null);
    expect(result).toMatchObject({
      median: 2,
      range: 0,
      scoredCount: 2,
      unscoredCount: 1,
      divergent: false,
      evidenceDisputed: true,
    });
    expect(result.notEnoughEvidence).toEqual([{ memberId: 'ben', memberName: 'Ben' }]);
    expect(result.reasons).toEqual(['Ben found not enough evidence, while 2 members gave a score.']);
    expect(stats('not_enough_evidence', 'not_enough_evidence')).toMatchObject({
      median: null,
      range: null,
      evidenceDisputed: false,
      divergent: false,
    });
  });

  it('is divergent exactly when the range is 2 or more (a score 2 from the median implies such a range)', () => {
    fc.assert(
      fc.property(fc.array(scoreOrMissing, { minLength: 1, maxLength: 6 }), (scores) => {
        const result = stats(...scores.map((score) => score ?? null));
        expect(result.divergent).toBe(result.range !== null && result.range >= 2);
        if (result.median !== null) {
          for (const entry of result.farFromMedian)
            expect(Math.abs(entry.score - result.median)).toBeGreaterThanOrEqual(2);
        }
      }),
    );
  });
});

describe('moderationSummary for a panel', () => {
  const ids = criterionIds();
  const base = allScores(2);

  it('lists divergent criteria first, then disputed evidence, then the rest in the standard’s order', () => {
    const summary = moderationSummary(defaultStandard, [
      sheet('asha', 'Asha', { ...base, 'S4.1': 0, 'S2.2': 'not_enough_evidence' }),
      sheet('ben', 'Ben', { ...base, 'S4.1': 3, 'S1.3': 3 }),
      sheet('cal', 'Cal', { ...base, 'S1.3': 0 }),
    ]);
    expect(summary.memberCount).toBe(3);
    expect(summary.divergentCount).toBe(2);
    expect(summary.criteria.map((row) => row.criterionId).slice(0, 4)).toEqual([
      'S1.3',
      'S4.1',
      'S2.2',
      'S1.1',
    ]);
    expect(summary.criteria).toHaveLength(ids.length);
    expect(new Set(summary.criteria.map((row) => row.criterionId))).toEqual(new Set(ids));
    expect(summary.criteria[0]?.scores.map((entry) => entry.memberName)).toEqual(['Asha', 'Ben', 'Cal']);
  });

  it('measures the panel’s agreement with ordinal and interval alpha, treating "not enough evidence" as missing', () => {
    const sheets = [
      sheet('asha', 'Asha', { ...base, 'S1.1': 1, 'S2.1': 'not_enough_evidence', 'S3.1': 3 }),
      sheet('ben', 'Ben', { ...base, 'S1.1': 1, 'S2.1': 3, 'S3.1': 2 }),
      sheet('cal', 'Cal', { ...base, 'S1.1': 2, 'S2.1': 3, 'S3.1': 3 }),
    ];
    const summary = moderationSummary(defaultStandard, sheets);
    const matrix = sheets.map((s) =>
      ids.map((id) => {
        const score = s.scores[id];
        return typeof score === 'number' ? score : null;
      }),
    );
    expect(summary.agreement.ordinal.alpha).toBeCloseTo(krippendorffAlpha(matrix, 'ordinal'), 12);
    expect(summary.agreement.interval.alpha).toBeCloseTo(krippendorffAlpha(matrix, 'interval'), 12);
    expect(summary.agreement.ordinal.pairableValues).toBe(ids.length * 3 - 1);
  });

  it('shows perfect agreement as 1 and explains it', () => {
    const summary = moderationSummary(defaultStandard, [sheet('a', 'Asha', base), sheet('b', 'Ben', base)]);
    expect(summary.agreement.ordinal.alpha).toBe(1);
    expect(summary.agreement.interval.alpha).toBe(1);
    expect(summary.divergentCount).toBe(0);
  });

  it('says agreement cannot be measured with a single sheet, instead of showing a number', () => {
    const summary = moderationSummary(defaultStandard, [sheet('a', 'Asha', base)]);
    expect(summary.agreement.ordinal.alpha).toBeNull();
    expect(summary.agreement.ordinal.explanation).toBe(
      'Agreement cannot be measured: no criterion has scores from two or more people to compare.',
    );
  });

  it('ignores scores for ids that are not in the standard and treats absent ones as unscored', () => {
    const summary = moderationSummary(defaultStandard, [
      sheet('a', 'Asha', { 'S9.9': 3, 'S1.1': 2 }),
      sheet('b', 'Ben', { 'S1.1': 2 }),
    ]);
    const first = summary.criteria.find((row) => row.criterionId === 'S1.1');
    const other = summary.criteria.find((row) => row.criterionId === 'S1.2');
    expect(first).toMatchObject({ scoredCount: 2, unscoredCount: 0, median: 2 });
    expect(other).toMatchObject({ scoredCount: 0, unscoredCount: 2, median: null });
  });
});

import { describe, expect, it } from 'vitest';
import { describeAlpha, moderationSummary, type Score, type ScoreSheet } from '../../../src/shared/scoring';
import { allScores, criterionIds, defaultStandard } from './support';

/**
 * The words the moderation screen and the report use for the panel's agreement: alpha beside the
 * share of matching scores, no "scored very differently" when nearly every score is the same, and
 * never a number rounded into a band it is not in.
 */

const ids = criterionIds();
const sheet = (name: string, scores: Record<string, Score>): ScoreSheet => ({
  memberId: name.toLowerCase(),
  memberName: name,
  scores,
});

describe('the agreement in words', () => {
  it('does not call 75 of 76 identical scores low agreement, and shows the shares that match', () => {
    expect(ids).toHaveLength(19);
    const sheets = [
      sheet('Asha', allScores(2)),
      sheet('Ben', allScores(2)),
      sheet('Cal', allScores(2)),
      sheet('Dee', { ...allScores(2), 'S3.2': 3 }),
    ];
    const { agreement } = moderationSummary(defaultStandard, sheets);
    expect(agreement.ordinal.alpha).toBeLessThanOrEqual(0);
    const words = agreement.words;
    expect(words.verdict).not.toMatch(/very differently|\blow\b|no agreement/i);
    expect(words.verdict).toBe(
      'Alpha says little here: 75 of 76 scores are 2, and when nearly every score is the same one different score moves alpha a long way. The shares of matching scores below are the better guide.',
    );
    // 19 criteria x 6 pairs of members = 114 pairs; Dee's 3 differs from 3 of them.
    expect(words.shares).toBe(
      '111 of 114 pairs of scores (97%) are exactly the same; 114 (100%) are within one point of each other.',
    );
    expect(agreement.shares).toEqual({ pairs: 114, exact: 111, withinOne: 114 });
  });

  it('reads alpha as before when the scores vary: a real disagreement is still called low', () => {
    const spread = (offset: number) =>
      Object.fromEntries(ids.map((id, i) => [id, ((i + offset) % 4) as Score])) as Record<string, Score>;
    const { agreement } = moderationSummary(defaultStandard, [
      sheet('Asha', spread(0)),
      sheet('Ben', spread(2)),
    ]);
    expect(agreement.words.verdict).toMatch(/^There is no agreement beyond chance \(-?\d\.\d{3}\)/);
    expect(agreement.words.shares).toMatch(/^0 of 19 pairs of scores \(0%\) are exactly the same/);
  });

  it('never rounds alpha into a band it is not in: 0.7999 is moderate and reads 0.799', () => {
    expect(describeAlpha(0.7999)).toBe(
      'Agreement is moderate (0.799): talk through the criteria where scores differ.',
    );
    expect(describeAlpha(0.8)).toMatch(/^Agreement is high \(0\.800\)/);
    expect(describeAlpha(0.6669)).toMatch(/^Agreement is low \(0\.666\)/);
    expect(describeAlpha(0.667)).toMatch(/^Agreement is moderate \(0\.667\)/);
    expect(describeAlpha(0.0004)).toMatch(/^There is no agreement beyond chance \(0\.000\)/);
    for (let thousandths = -1000; thousandths <= 1000; thousandths += 1) {
      for (const nudge of [-1e-7, 0, 1e-7]) {
        const alpha = thousandths / 1000 + nudge;
        const shown = Number(/\((-?\d\.\d{3})\)/.exec(describeAlpha(alpha))?.[1]);
        expect(describeAlpha(shown).split('(')[0], `alpha ${alpha}`).toBe(describeAlpha(alpha).split('(')[0]);
      }
    }
  });

  it('says so plainly when everyone gave the same score, or when nothing can be compared', () => {
    const same = moderationSummary(defaultStandard, [
      sheet('Asha', allScores(2)),
      sheet('Ben', allScores(2)),
    ]);
    expect(same.agreement.words).toEqual({
      alpha: '1.000',
      verdict:
        'Everyone gave the same value wherever scores can be compared, so agreement is counted as perfect (1).',
      shares:
        '19 of 19 pairs of scores (100%) are exactly the same; 19 (100%) are within one point of each other.',
    });
    const alone = moderationSummary(defaultStandard, [sheet('Asha', allScores(2))]);
    expect(alone.agreement.words).toEqual({
      alpha: null,
      verdict: 'Agreement cannot be measured: no criterion has scores from two or more people to compare.',
      shares: null,
    });
  });

  it('does not call scores all within one point "very differently": the walk’s panel (1s, 2s, one 1 among 2s)', () => {
    const sheets = [
      sheet('Lead', allScores(1)),
      sheet('Cal', allScores(2)),
      sheet('Dee', { ...allScores(2), 'S1.2': 1 }),
    ];
    const summary = moderationSummary(defaultStandard, sheets);
    expect(summary.agreement.ordinal.alpha).toBeLessThan(0);
    expect(summary.divergentCount).toBe(0);
    expect(summary.agreement.words.verdict).not.toMatch(/no agreement|often scored differently/i);
    expect(summary.agreement.words.verdict).toBe(
      `Every criterion’s scores are within one point of each other. The agreement figure is low (${summary.agreement.words.alpha}) because nearly everyone gave the same few scores, so each one-point difference counts for a lot; it does not mean the panel scored very differently.`,
    );
  });

  it('words alpha by band, and by whether every pair of scores is within one point, at the bands’ edges', () => {
    const calm = (alpha: string) =>
      `Every criterion’s scores are within one point of each other. The agreement figure is low (${alpha}) because nearly everyone gave the same few scores, so each one-point difference counts for a lot; it does not mean the panel scored very differently.`;
    const table: [alpha: number, allWithinOnePoint: boolean, words: string][] = [
      [0.8, true, 'Agreement is high (0.800): the panel mostly scored alike.'],
      [0.8, false, 'Agreement is high (0.800): the panel mostly scored alike.'],
      [0.7999, true, 'Agreement is moderate (0.799): talk through the criteria where scores differ.'],
      [0.667, true, 'Agreement is moderate (0.667): talk through the criteria where scores differ.'],
      [0.6669, true, calm('0.666')],
      [
        0.6669,
        false,
        'Agreement is low (0.666): the panel often scored differently, so moderation matters here.',
      ],
      [0.0011, true, calm('0.001')],
      [0.0004, true, calm('0.000')],
      [0.0004, false, 'There is no agreement beyond chance (0.000): the panel scored very differently.'],
      [-0.438, true, calm('-0.438')],
      [-0.438, false, 'There is no agreement beyond chance (-0.438): the panel scored very differently.'],
    ];
    for (const [alpha, allWithinOnePoint, words] of table)
      expect(describeAlpha(alpha, { allWithinOnePoint }), `${alpha} ${allWithinOnePoint}`).toBe(words);
  });
});

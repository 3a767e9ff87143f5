import { describe, expect, it } from 'vitest';
import { criterionModeration } from '../../../src/shared/scoring';
import {
  describeSpread,
  outsideRange,
  spreadDots,
} from '../../../src/renderer/src/features/moderation/spread';

const row = (scores: (0 | 1 | 2 | 3 | 'not_enough_evidence' | null)[]) =>
  criterionModeration(
    'S1.1',
    'Support is planned around the whole person',
    1,
    true,
    scores.map((score, i) => ({
      memberId: `m${i}`,
      memberName: ['Alex', 'Sam', 'Priya', 'Jo'][i] ?? `M${i}`,
      score,
    })),
  );

describe('the spread of scores in moderation', () => {
  it('stacks equal scores and leaves out "not enough evidence" and missing scores', () => {
    expect(spreadDots([1, 3, 1, 'not_enough_evidence', null])).toEqual([
      { score: 1, stack: 0 },
      { score: 1, stack: 1 },
      { score: 3, stack: 0 },
    ]);
  });

  it('says in words what the dot plot shows', () => {
    expect(describeSpread(row([1, 3, 2]))).toBe('Scores 1, 2 and 3 on the 0 to 3 scale; median 2, spread 2.');
    expect(describeSpread(row([0, 'not_enough_evidence', null]))).toBe(
      'Score 0 on the 0 to 3 scale; median 0, spread 0. Not enough evidence: Sam. 1 not scored.',
    );
    expect(describeSpread(row(['not_enough_evidence']))).toBe(
      'No scores from 0 to 3. Not enough evidence: Alex.',
    );
  });

  it('knows when an agreed score goes outside the panel’s range', () => {
    expect(outsideRange(3, row([1, 2]))).toBe(true);
    expect(outsideRange(0, row([1, 2]))).toBe(true);
    expect(outsideRange(2, row([1, 2]))).toBe(false);
    expect(outsideRange('not_enough_evidence', row([1, 2]))).toBe(true);
    expect(outsideRange('not_enough_evidence', row([1, 'not_enough_evidence']))).toBe(false);
    expect(outsideRange(2, row(['not_enough_evidence']))).toBe(true);
    expect(outsideRange(null, row([1, 2]))).toBe(false);
  });
});

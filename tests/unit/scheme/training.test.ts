import { describe, expect, it } from 'vitest';
import { refresherDueDate, trainingStatus } from '../../../src/main/scheme';

describe('training status', () => {
  it('is untrained with no course, or only a course dated after today', () => {
    expect(trainingStatus([], 2, '2026-11-27')).toEqual({ state: 'untrained' });
    expect(trainingStatus(['2026-12-01'], 2, '2026-11-27')).toEqual({ state: 'untrained' });
  });

  it('falls due the refresher years after the most recent course; overdue from the day after', () => {
    const courses = ['2022-03-14', '2024-05-10', '2023-01-02'];
    expect(trainingStatus(courses, 2, '2026-05-10')).toEqual({
      state: 'trained',
      lastTrainedOn: '2024-05-10',
      refresherDue: '2026-05-10',
    });
    expect(trainingStatus(courses, 2, '2026-05-11').state).toBe('refresher_overdue');
    expect(trainingStatus(courses, 3, '2026-05-11').state).toBe('trained');
  });

  it('moves 29 February to 28 February in a year without it', () => {
    expect(refresherDueDate('2024-02-29', 2)).toBe('2026-02-28');
    expect(refresherDueDate('2024-02-29', 4)).toBe('2028-02-29');
    expect(refresherDueDate('2025-12-31', 1)).toBe('2026-12-31');
  });
});

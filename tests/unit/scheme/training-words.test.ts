import { describe, expect, it } from 'vitest';
import type { TrainingStatus } from '../../../src/shared/api';
import { TRAINING_LABELS, trainingInWords } from '../../../src/renderer/src/features/scheme/trainingWords';

/** The directory card's line: the label, then the sentence after it. */
const line = (training: TrainingStatus) => `${TRAINING_LABELS[training.state]}. ${trainingInWords(training)}`;

describe('a person’s training in the directory', () => {
  it('says where they stand once: the sentence after the label never repeats it', () => {
    expect(line({ state: 'trained', lastTrainedOn: '2026-08-27', refresherDue: '2028-08-27' })).toBe(
      'Trained. Refresher due by 27 August 2028.',
    );
    expect(line({ state: 'untrained' })).toBe('Not trained. No course recorded yet.');
    expect(
      line({ state: 'refresher_overdue', lastTrainedOn: '2020-03-02', refresherDue: '2022-03-02' }),
    ).toBe('Refresher overdue. It was due on 2 March 2022; last trained 2 March 2020.');
  });
});

import type { AssessorRole, TrainingStatus } from '../../../../shared/api';
import { formatDate } from '../../ui/format';

export const ROLE_NAMES: Record<AssessorRole, string> = {
  lead: 'Lead assessor',
  assessor: 'Expert by Experience assessor',
  co_assessor: 'Co-assessor',
};

/** Where a person stands with training, in one plain sentence. */
export function trainingInWords(training: TrainingStatus): string {
  switch (training.state) {
    case 'untrained':
      return 'Not trained yet: no course recorded.';
    case 'trained':
      return `Trained. Refresher due by ${formatDate(training.refresherDue)}.`;
    case 'refresher_overdue':
      return `Refresher overdue since ${formatDate(training.refresherDue)}. Last trained ${formatDate(training.lastTrainedOn)}.`;
  }
}

/** A short label for the status, shown beside the sentence. */
export const TRAINING_LABELS: Record<TrainingStatus['state'], string> = {
  untrained: 'Not trained',
  trained: 'Trained',
  refresher_overdue: 'Refresher overdue',
};

import type { AssessorRole, TrainingStatus } from '../../../../shared/api';
import { formatDate } from '../../ui/format';

export const ROLE_NAMES: Record<AssessorRole, string> = {
  lead: 'Lead assessor',
  assessor: 'Expert by Experience assessor',
  co_assessor: 'Co-assessor',
};

/**
 * Where a person stands with training, in one plain sentence that follows its label
 * (TRAINING_LABELS): "Trained. Refresher due by 2 March 2030." — the sentence never repeats the label.
 */
export function trainingInWords(training: TrainingStatus): string {
  switch (training.state) {
    case 'untrained':
      return 'No course recorded yet.';
    case 'trained':
      return `Refresher due by ${formatDate(training.refresherDue)}.`;
    case 'refresher_overdue':
      return `It was due on ${formatDate(training.refresherDue)}; last trained ${formatDate(training.lastTrainedOn)}.`;
  }
}

/** A short label for the status, shown beside the sentence. */
export const TRAINING_LABELS: Record<TrainingStatus['state'], string> = {
  untrained: 'Not trained',
  trained: 'Trained',
  refresher_overdue: 'Refresher overdue',
};

/** How far ahead a refresher counts as "due" in the directory's filter. */
export const REFRESHER_DUE_WITHIN_DAYS = 90;

/** The directory filter's training states: "trained" splits into due soon and not. */
export type TrainingFilterState = 'trained' | 'refresher_due' | 'refresher_overdue' | 'untrained';

export const TRAINING_FILTER_LABELS: Record<TrainingFilterState, string> = {
  trained: 'Trained',
  refresher_due: 'Refresher due soon',
  refresher_overdue: 'Refresher overdue',
  untrained: 'Not trained',
};

/** Where a person stands for the filter on `today` (YYYY-MM-DD): a refresher due within 90 days is "due soon". */
export function trainingFilterState(training: TrainingStatus, today: string): TrainingFilterState {
  if (training.state !== 'trained' || !training.refresherDue) return training.state;
  const soon = new Date(`${today}T00:00:00Z`);
  soon.setUTCDate(soon.getUTCDate() + REFRESHER_DUE_WITHIN_DAYS);
  return training.refresherDue <= soon.toISOString().slice(0, 10) ? 'refresher_due' : 'trained';
}

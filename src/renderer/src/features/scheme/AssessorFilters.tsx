import type { Assessor, AssessorRole, CalibrationStatus } from '../../../../shared/api';
import { ASSESSOR_ROLES } from '../../../../shared/api';
import { ChoiceGroup, TextField } from '../../ui/fields';
import {
  REFRESHER_DUE_WITHIN_DAYS,
  ROLE_NAMES,
  TRAINING_FILTER_LABELS,
  trainingFilterState,
  type TrainingFilterState,
} from './trainingWords';

/**
 * The assessor directory's filters (issue 14 item 5): by role, by training, by calibration, and a
 * search by name. Each is a labelled control; how many people are shown is announced politely.
 */

type CalibrationState = CalibrationStatus['state'];

export interface AssessorFilter {
  role: AssessorRole | 'any';
  training: TrainingFilterState | 'any';
  calibration: CalibrationState | 'any';
  name: string;
}

export const NO_FILTER: AssessorFilter = { role: 'any', training: 'any', calibration: 'any', name: '' };

const CALIBRATION_LABELS: Record<CalibrationState, string> = {
  calibrated: 'Calibrated',
  calibration_expired: 'Calibration expired',
  not_calibrated: 'Not calibrated',
};

const TRAINING_STATES = Object.keys(TRAINING_FILTER_LABELS) as TrainingFilterState[];
const CALIBRATION_STATES = Object.keys(CALIBRATION_LABELS) as CalibrationState[];

/** Lower case without accents, so "Sian" finds "Siân". */
function folded(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/** The people the filter keeps, in the directory's order. */
export function filterAssessors(
  assessors: readonly Assessor[],
  filter: AssessorFilter,
  calibrationOf: (id: string) => CalibrationStatus | undefined,
  today: string,
): Assessor[] {
  const name = folded(filter.name);
  return assessors.filter(
    (assessor) =>
      (filter.role === 'any' || assessor.roles.includes(filter.role)) &&
      (filter.training === 'any' || trainingFilterState(assessor.training, today) === filter.training) &&
      (filter.calibration === 'any' ||
        (calibrationOf(assessor.id)?.state ?? 'not_calibrated') === filter.calibration) &&
      (name === '' || folded(assessor.name).includes(name)),
  );
}

export function AssessorFilters({
  filter,
  onChange,
  shown,
  total,
}: {
  filter: AssessorFilter;
  onChange: (next: AssessorFilter) => void;
  shown: number;
  total: number;
}) {
  const set =
    <K extends keyof AssessorFilter>(key: K) =>
    (value: AssessorFilter[K]) =>
      onChange({ ...filter, [key]: value });
  return (
    <div role="search" aria-label="Filter the directory">
      <TextField label="Search by name" value={filter.name} onChange={set('name')} />
      <ChoiceGroup
        label="Role"
        orientation="horizontal"
        value={filter.role}
        onChange={set('role')}
        choices={[
          { value: 'any', label: 'Any role' },
          ...ASSESSOR_ROLES.map((role) => ({ value: role, label: ROLE_NAMES[role] })),
        ]}
      />
      <ChoiceGroup
        label="Training"
        description={`“Refresher due soon” means due within ${REFRESHER_DUE_WITHIN_DAYS} days.`}
        orientation="horizontal"
        value={filter.training}
        onChange={set('training')}
        choices={[
          { value: 'any', label: 'Any training' },
          ...TRAINING_STATES.map((state) => ({ value: state, label: TRAINING_FILTER_LABELS[state] })),
        ]}
      />
      <ChoiceGroup
        label="Practice case"
        orientation="horizontal"
        value={filter.calibration}
        onChange={set('calibration')}
        choices={[
          { value: 'any', label: 'Any calibration' },
          ...CALIBRATION_STATES.map((state) => ({ value: state, label: CALIBRATION_LABELS[state] })),
        ]}
      />
      <p role="status" className="assessor-count">
        {countInWords(shown, total)}
      </p>
    </div>
  );
}

/** "Showing all 3 people.", "Showing 1 of 3 people.", "Showing the 1 person.". */
function countInWords(shown: number, total: number): string {
  if (total === 1 && shown === 1) return 'Showing the 1 person.';
  return shown === total
    ? `Showing all ${total} people.`
    : `Showing ${shown} of ${total} ${total === 1 ? 'person' : 'people'}.`;
}

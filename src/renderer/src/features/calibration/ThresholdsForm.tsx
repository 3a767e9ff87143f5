import type { CalibrationThresholds } from '../../../../shared/api';
import type { Change } from '../../app/operations';
import { CheckedForm } from '../../ui/CheckedForm';
import { CheckedTextField, useCheckedFields } from '../../ui/CheckedTextField';
import { refusalInWords, type FieldErrors } from '../../ui/formSupport';
import { RecordFormEnd } from '../../ui/RecordFormEnd';
import { useFieldChecks } from '../../ui/useFieldChecks';
import { useRecordSave, type ShownRecord } from '../../ui/useShownRecord';

type Typed = Record<keyof CalibrationThresholds, string>;

const LABELS: Typed = {
  withinOnePercent: 'Criteria within one point of the reference (%)',
  alphaThousandths: 'Agreement (Krippendorff’s alpha)',
};

/** The thresholds' fields, each with what it accepts. */
const THRESHOLD_FIELDS = [
  {
    name: 'withinOnePercent',
    description:
      'The share of criteria an assessor must score within one point of the reference. From 50 to 100; the default is 90.',
    inputMode: 'numeric',
  },
  {
    name: 'alphaThousandths',
    description:
      'How closely their scores agree with the reference overall, from 0 to 1; the default is 0.67.',
    inputMode: 'decimal',
  },
] as const satisfies readonly { name: keyof CalibrationThresholds; description: string; inputMode: string }[];

/** The thresholds as typed, checked as the contract checks them (src/main checks them again). */
function thresholdProblems(typed: Typed): FieldErrors {
  const problems: FieldErrors = {};
  const percent = Number(typed.withinOnePercent);
  if (!/^\s*\d+\s*$/.test(typed.withinOnePercent) || percent < 50 || percent > 100)
    problems.withinOnePercent = 'Enter a whole number of percent from 50 to 100.';
  if (!/^\s*(0(\.\d{1,3})?|1(\.0{1,3})?|\.\d{1,3})\s*$/.test(typed.alphaThousandths))
    problems.alphaThousandths = 'Enter a number from 0 to 1 with at most 3 decimal places, like 0.67.';
  return problems;
}

/** The scheme's thresholds for calibrated, refused if another tab (or person) changed them meanwhile. */
export function ThresholdsForm({ thresholds }: { thresholds: CalibrationThresholds }) {
  const save = useRecordSave('calibration.setThresholds', thresholds, (now) => now);
  return <ThresholdFields key={save.shown.key} {...save} />;
}

function ThresholdFields({
  shown,
  change,
  saved,
  onEdit,
}: {
  shown: ShownRecord<CalibrationThresholds>;
  change: Change<'calibration.setThresholds'>;
  saved: boolean;
  onEdit: () => void;
}) {
  const checks = useFieldChecks();
  const fields = useCheckedFields<keyof CalibrationThresholds>(
    {
      withinOnePercent: String(shown.record.withinOnePercent),
      alphaThousandths: String(shown.record.alphaThousandths / 1000),
    },
    checks,
    onEdit,
  );
  const errors = checks.errors(change.error);
  const refusal = change.error ? refusalInWords(change.error, errors, LABELS) : '';
  return (
    <CheckedForm
      checks={checks}
      check={() => thresholdProblems(fields.values)}
      send={() =>
        change.mutate({
          withinOnePercent: Number(fields.values.withinOnePercent),
          alphaThousandths: Math.round(Number(fields.values.alphaThousandths) * 1000),
          savedBefore: shown.record,
        })
      }
      change={change}
      aria-labelledby="thresholds-heading"
    >
      <h2 id="thresholds-heading">What counts as calibrated</h2>
      {THRESHOLD_FIELDS.map(({ name, description, inputMode }) => (
        <CheckedTextField
          key={name}
          fields={fields}
          errors={errors}
          name={name}
          label={LABELS[name]}
          description={description}
          isRequired
          inputMode={inputMode}
        />
      ))}
      <RecordFormEnd
        refusal={refusal ? { title: 'The thresholds were not saved', message: refusal } : null}
        shown={shown}
        savedMessage={saved ? 'The thresholds for calibrated were saved.' : null}
        isPending={change.isPending}
        submitLabel="Save the thresholds"
      />
    </CheckedForm>
  );
}

import { useState } from 'react';
import type { SchemeSettings, TrainingPolicy } from '../../../../shared/api';
import { useRead, type Change } from '../../app/operations';
import { CheckedForm } from '../../ui/CheckedForm';
import { ErrorNotice } from '../../ui/feedback';
import { CheckedTextField, useCheckedFields } from '../../ui/CheckedTextField';
import { ChoiceGroup } from '../../ui/fields';
import { refusalInWords, type FieldErrors } from '../../ui/formSupport';
import { RecordFormEnd } from '../../ui/RecordFormEnd';
import { useFieldChecks } from '../../ui/useFieldChecks';
import { useRecordSave, type ShownRecord } from '../../ui/useShownRecord';

const LABELS: Record<string, string> = {
  refresherYears: 'Years before a refresher is due',
  trainingPolicy: 'When a panel member is not trained',
  appealDays: 'Days allowed for an appeal',
};

const POLICY_CHOICES = [
  {
    value: 'warn' as const,
    label: 'Warn, and ask the lead assessor for a reason',
    description:
      'Scoring can open with an untrained member, or one whose refresher is overdue, once the lead gives a reason. The reason is recorded.',
  },
  {
    value: 'block' as const,
    label: 'Do not open scoring',
    description: 'Scoring stays closed until every member on the panel is trained and up to date.',
  },
];

/** The scheme's own rules: how long training lasts, and what happens when it has run out. */
export function SchemeSettingsSection() {
  const settings = useRead('scheme.settings', {});
  if (settings.isPending) return <p role="status">Reading the scheme’s settings…</p>;
  if (settings.isError) return <ErrorNotice message={settings.error.message} />;
  return <SchemeSettingsForm settings={settings.data} />;
}

/** What each number setting accepts, in the words its refusal uses (the contract checks it again). */
const NUMBER_SETTINGS = {
  refresherYears: { min: 1, max: 10, problem: 'Enter a whole number of years from 1 to 10.' },
  appealDays: { min: 7, max: 90, problem: 'Enter a whole number of days from 7 to 90.' },
} as const;

type NumberSetting = keyof typeof NUMBER_SETTINGS;

function numberProblems(typed: Record<NumberSetting, string>): FieldErrors {
  const problems: FieldErrors = {};
  for (const key of Object.keys(NUMBER_SETTINGS) as NumberSetting[]) {
    const { min, max, problem } = NUMBER_SETTINGS[key];
    const value = Number(typed[key]);
    if (!/^\s*\d+\s*$/.test(typed[key]) || value < min || value > max) problems[key] = problem;
  }
  return problems;
}

/** The settings, refused if another tab (or person) changed them after this page showed them. */
function SchemeSettingsForm({ settings }: { settings: SchemeSettings }) {
  const save = useRecordSave('scheme.changeSettings', settings, (now) => now);
  return <SettingsFields key={save.shown.key} {...save} />;
}

function SettingsFields({
  shown,
  change,
  saved,
  onEdit,
}: {
  shown: ShownRecord<SchemeSettings>;
  change: Change<'scheme.changeSettings'>;
  saved: boolean;
  onEdit: () => void;
}) {
  const checks = useFieldChecks();
  const settings = shown.record;
  const fields = useCheckedFields(
    { refresherYears: String(settings.refresherYears), appealDays: String(settings.appealDays) },
    checks,
    onEdit,
  );
  const [policy, setPolicy] = useState<TrainingPolicy | null>(settings.trainingPolicy);
  const errors = checks.errors(change.error, 'settings.');
  const refusal = change.error ? refusalInWords(change.error, errors, LABELS) : '';
  return (
    <CheckedForm
      checks={checks}
      check={() => numberProblems(fields.values)}
      send={() =>
        change.mutate({
          settings: {
            refresherYears: Number(fields.values.refresherYears),
            appealDays: Number(fields.values.appealDays),
            ...(policy ? { trainingPolicy: policy } : {}),
          },
          savedBefore: shown.record,
        })
      }
      change={change}
      aria-label="The scheme’s settings"
    >
      <h2>Training</h2>
      <CheckedTextField
        fields={fields}
        errors={errors}
        name="refresherYears"
        label="Years before a refresher is due"
        description="Counted from the most recent course a person attended. Most schemes use 2 years."
        isRequired
        inputMode="numeric"
      />
      <ChoiceGroup
        label="When a panel member is not trained, or their refresher is overdue"
        choices={POLICY_CHOICES}
        value={policy}
        onChange={(value) => {
          onEdit();
          setPolicy(value);
        }}
      />
      <h2>Appeals</h2>
      <CheckedTextField
        fields={fields}
        errors={errors}
        name="appealDays"
        label="Days allowed for an appeal"
        description="Counted from the day of the panel’s decision: an organisation may appeal within this many days. From 7 to 90; most schemes use 28."
        isRequired
        inputMode="numeric"
      />
      <RecordFormEnd
        refusal={refusal ? { title: 'The settings were not saved', message: refusal } : null}
        shown={shown}
        savedMessage={saved ? 'The scheme’s settings were saved.' : null}
        isPending={change.isPending}
        submitLabel="Save the settings"
      />
    </CheckedForm>
  );
}

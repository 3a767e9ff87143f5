import { useState } from 'react';
import type { SchemeSettings, TrainingPolicy } from '../../../../shared/api';
import { useChange, useRead } from '../../app/operations';
import { Button } from '../../ui/Button';
import { CheckedForm } from '../../ui/CheckedForm';
import { ErrorNotice, StatusNotice } from '../../ui/feedback';
import { ChoiceGroup, TextField } from '../../ui/fields';
import type { FieldErrors } from '../../ui/formSupport';
import { useFieldChecks } from '../../ui/useFieldChecks';

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

function SchemeSettingsForm({ settings }: { settings: SchemeSettings }) {
  const checks = useFieldChecks();
  const [years, setYears] = useState(String(settings.refresherYears));
  const [policy, setPolicy] = useState<TrainingPolicy | null>(settings.trainingPolicy);
  const [saved, setSaved] = useState(false);
  const change = useChange('scheme.changeSettings', { onSuccess: () => setSaved(true) });
  const errors = checks.errors(change.error, 'settings.');
  const parsedYears = Number(years);
  return (
    <CheckedForm
      checks={checks}
      check={(): FieldErrors =>
        Number.isInteger(parsedYears) && parsedYears >= 1 && parsedYears <= 10
          ? {}
          : { refresherYears: 'Enter a whole number of years from 1 to 10.' }
      }
      send={() =>
        change.mutate({
          settings: { refresherYears: parsedYears, ...(policy ? { trainingPolicy: policy } : {}) },
        })
      }
      change={change}
      aria-labelledby="scheme-settings-heading"
    >
      <h2 id="scheme-settings-heading">Training</h2>
      <TextField
        label="Years before a refresher is due"
        description="Counted from the most recent course a person attended. Most schemes use 2 years."
        isRequired
        inputMode="numeric"
        value={years}
        onChange={(value) => {
          checks.clear('refresherYears');
          setSaved(false);
          setYears(value);
        }}
        errorMessage={errors.refresherYears}
      />
      <ChoiceGroup
        label="When a panel member is not trained, or their refresher is overdue"
        choices={POLICY_CHOICES}
        value={policy}
        onChange={(value) => {
          setSaved(false);
          setPolicy(value);
        }}
      />
      {change.error && <ErrorNotice title="The settings were not saved" message={change.error.message} />}
      {saved && <StatusNotice tone="success">The scheme’s settings were saved.</StatusNotice>}
      <Button type="submit" variant="primary" isPending={change.isPending} pendingLabel="Saving…">
        Save the settings
      </Button>
    </CheckedForm>
  );
}

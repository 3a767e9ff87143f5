import { useState } from 'react';
import { organisationFields, textLimit, type Organisation } from '../../../../shared/api';
import type { Change } from '../../app/operations';
import { SECTION_NAMES, useNavigation } from '../../app/navigation';
import { Button } from '../../ui/Button';
import { ErrorNotice } from '../../ui/feedback';
import { TextField } from '../../ui/fields';
import { CheckedForm } from '../../ui/CheckedForm';
import { refusalInWords } from '../../ui/formSupport';
import { Page } from '../../ui/Page';
import { RecordFormEnd } from '../../ui/RecordFormEnd';
import { useRecordSave, type ShownRecord } from '../../ui/useShownRecord';
import { useFieldChecks } from '../../ui/useFieldChecks';
import { useCaseProgress, useOpenCase } from './useCase';
import { CaseFileSection } from './CaseFileSection';

const STATE_WORDS = {
  done: 'Done',
  current: 'In progress',
  open: 'Ready to start',
  not_yet_open: 'Not yet open',
  attention: 'Needs attention',
} as const;

const STATE_MARKERS = { done: '✓', current: '●', open: '●', not_yet_open: '○', attention: '⚠' } as const;

/** The case at a glance: where the assessment has got to, what to do next, and the organisation's details. */
export function OverviewSection({ caseId }: { caseId: string }) {
  const openCase = useOpenCase(caseId);
  const progress = useCaseProgress(caseId);
  const { go } = useNavigation();
  const isLead = openCase.data?.signedIn?.role === 'lead';

  return (
    <Page title="Overview">
      {progress.isError && <ErrorNotice message={progress.error.message} />}
      {progress.data && (
        <section aria-labelledby="your-next-step-heading" className="your-next-step">
          <h2 id="your-next-step-heading">Your next step</h2>
          <p className="next-step">{progress.data.yourNextStep ?? progress.data.nextStep}</p>
        </section>
      )}
      {progress.data && (
        <section aria-labelledby="progress-heading">
          <h2 id="progress-heading">Where the assessment has got to</h2>
          <ol className="progress-path">
            {progress.data.stages.map((stage) => (
              <li key={stage.name} className={`progress-step progress-step-${stage.state}`}>
                <span className="progress-step-marker" aria-hidden="true">
                  {STATE_MARKERS[stage.state]}
                </span>
                <div>
                  <p className="progress-step-title">
                    {SECTION_NAMES[stage.name]} — <span>{STATE_WORDS[stage.state]}</span>
                  </p>
                  <p className="progress-step-text">{stage.explanation}</p>
                  {stage.state !== 'not_yet_open' && (
                    <Button variant="link" onPress={() => go({ name: 'case', caseId, section: stage.name })}>
                      Go to {SECTION_NAMES[stage.name].toLowerCase()}
                    </Button>
                  )}
                </div>
              </li>
            ))}
          </ol>
        </section>
      )}
      {openCase.data && (
        <OrganisationDetails caseId={caseId} organisation={openCase.data.organisation} canEdit={isLead} />
      )}
      {isLead && openCase.data && <CaseFileSection caseId={caseId} caseFilePath={openCase.data.path} />}
    </Page>
  );
}

const FIELDS: { key: keyof Organisation; label: string; multiline?: boolean; description?: string }[] = [
  { key: 'name', label: 'Name' },
  { key: 'address', label: 'Address', multiline: true },
  {
    key: 'registrationNumber',
    label: 'Registration number',
    description: 'For example a charity or company number.',
  },
  {
    key: 'servicesInScope',
    label: 'Services in scope',
    multiline: true,
    description: 'Which of the organisation’s services this assessment covers.',
  },
  { key: 'contactName', label: 'Contact name' },
  { key: 'contactEmail', label: 'Contact email' },
  { key: 'contactPhone', label: 'Contact phone' },
];

/**
 * The organisation's details; the lead edits them here. The form keeps the details as they were
 * when it showed them (useShownRecord), not the ones a refreshed read brings while the lead types,
 * and sends those as `savedBefore`: a change made meanwhile in another tab is refused
 * (CHANGED_ELSEWHERE), never overwritten.
 */
function OrganisationDetails({
  caseId,
  organisation,
  canEdit,
}: {
  caseId: string;
  organisation: Organisation;
  canEdit: boolean;
}) {
  const save = useRecordSave('organisation.update', organisation, (saved) => saved);
  if (!canEdit) {
    return (
      <section aria-labelledby="organisation-heading">
        <h2 id="organisation-heading">The organisation</h2>
        <dl className="facts">
          {FIELDS.map((f) => (
            <div key={f.key} className="facts-row">
              <dt>{f.label}</dt>
              <dd>{organisation[f.key] || 'Not given'}</dd>
            </div>
          ))}
        </dl>
      </section>
    );
  }
  return (
    <section aria-labelledby="organisation-heading">
      <h2 id="organisation-heading">The organisation</h2>
      <OrganisationForm key={save.shown.key} caseId={caseId} {...save} />
    </section>
  );
}

/** The lead's form, starting from the details as shown (again from what is saved, if the lead chooses that). */
function OrganisationForm({
  caseId,
  change: save,
  shown,
  saved,
  onEdit,
}: {
  caseId: string;
  change: Change<'organisation.update'>;
  shown: ShownRecord<Organisation>;
  saved: boolean;
  onEdit: () => void;
}) {
  const [draft, setDraft] = useState<Organisation>(shown.record);
  const checks = useFieldChecks();
  const fieldErrors = checks.errors(save.error, 'organisation.');
  const labels = Object.fromEntries(FIELDS.map((f) => [f.key, f.label]));
  const refusal = save.error ? refusalInWords(save.error, fieldErrors, labels) : '';
  return (
    <CheckedForm
      checks={checks}
      check={() => ({})}
      send={() => save.mutate({ caseId, organisation: draft, savedBefore: shown.record })}
      change={save}
    >
      {FIELDS.map((f) => (
        <TextField
          key={f.key}
          label={f.label}
          description={f.description}
          multiline={f.multiline}
          rows={3}
          value={draft[f.key]}
          onChange={(value) => {
            checks.clear(f.key);
            onEdit();
            setDraft((d) => ({ ...d, [f.key]: value }));
          }}
          maxLength={textLimit(organisationFields.shape[f.key])}
          isRequired={f.key === 'name'}
          errorMessage={fieldErrors[f.key]}
        />
      ))}
      <RecordFormEnd
        refusal={refusal ? { title: 'The details were not saved', message: refusal } : null}
        shown={shown}
        savedMessage={saved ? 'The organisation’s details are saved.' : null}
        isPending={save.isPending}
        submitLabel="Save the organisation’s details"
      />
    </CheckedForm>
  );
}

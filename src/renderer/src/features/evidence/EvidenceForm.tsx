import { Checkbox, CheckboxGroup, Label, Text } from 'react-aria-components';
import {
  CONSENT_STATUSES,
  EVIDENCE_KINDS,
  evidenceFieldsOf,
  type EvidenceItem,
} from '../../../../shared/api';
import type { Standard } from '../../../../shared/standard';
import { useChange } from '../../app/operations';
import { Button } from '../../ui/Button';
import { CheckedForm } from '../../ui/CheckedForm';
import { ErrorNotice } from '../../ui/feedback';
import { ChoiceGroup, TextField } from '../../ui/fields';
import { checkEvidenceDraft, draftFrom, EVIDENCE_FIELD_LABELS, type EvidenceDraft } from './evidenceDraft';
import { useDraftOf } from '../../ui/useDraftOf';
import { OutOfDateChoice } from '../../ui/OutOfDateChoice';
import { CONSENT_WORDS, KIND_NAMES } from './evidenceWords';
import { describeFieldErrors, type FieldErrors } from '../../ui/formSupport';
import { useFieldChecks } from '../../ui/useFieldChecks';

/** Adds an item to the evidence register, or changes one. */
export function EvidenceForm({
  caseId,
  standard,
  item,
  onSaved,
  onCancel,
}: {
  caseId: string;
  standard: Standard | undefined;
  item?: EvidenceItem;
  onSaved: (saved: EvidenceItem) => void;
  onCancel: () => void;
}) {
  const checks = useFieldChecks();
  const add = useChange('evidence.add', { onSuccess: onSaved });
  const update = useChange('evidence.update', { onSuccess: onSaved });
  const save = item ? update : add;
  // `item` is the saved item as the register shows it now; the draft starts from it when the form opens.
  const { draft, setDraft, shown } = useDraftOf(item, draftFrom, update);
  const startedFrom = shown.record;
  const send = () => {
    const evidence = { ...draft, date: draft.date.trim() === '' ? null : draft.date.trim() };
    if (item)
      update.mutate({
        caseId,
        evidenceId: item.id,
        evidence,
        ...(startedFrom && { savedBefore: evidenceFieldsOf(startedFrom) }),
      });
    else add.mutate({ caseId, evidence });
  };
  const set = <K extends keyof EvidenceDraft>(key: K, value: EvidenceDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    checks.clear(key);
  };
  const headingId = item ? 'evidence-form-edit' : 'evidence-form-add';

  return (
    <section aria-labelledby={headingId} className="evidence-form card">
      <h2 id={headingId}>{item ? `Edit “${item.title}”` : 'Add evidence'}</h2>
      <CheckedForm
        key={shown.key}
        checks={checks}
        check={() => checkEvidenceDraft(draft)}
        send={send}
        change={save}
      >
        <EvidenceFields
          draft={draft}
          set={set}
          standard={standard}
          errors={checks.errors(save.error, 'evidence.')}
        />
        {Object.keys(checks.checked).length > 0 && (
          <ErrorNotice
            title="The evidence is not saved yet"
            message={describeFieldErrors(checks.checked, EVIDENCE_FIELD_LABELS)}
          />
        )}
        {save.isError && <ErrorNotice title="The evidence was not saved" message={save.error.message} />}
        <OutOfDateChoice shown={shown} />
        <div className="form-actions">
          <Button type="submit" variant="primary" isPending={save.isPending} pendingLabel="Saving…">
            {item ? 'Save the changes' : 'Add to the register'}
          </Button>
          <Button onPress={onCancel} isDisabled={save.isPending}>
            Cancel
          </Button>
        </div>
      </CheckedForm>
    </section>
  );
}

/** The evidence form's fields, each with its hint and its error. */
function EvidenceFields({
  draft,
  set,
  standard,
  errors,
}: {
  draft: EvidenceDraft;
  set: <K extends keyof EvidenceDraft>(key: K, value: EvidenceDraft[K]) => void;
  standard: Standard | undefined;
  errors: FieldErrors;
}) {
  return (
    <>
      <TextField
        label="Title"
        isRequired
        autoFocus
        description="A short name for this evidence, for example “Carers’ survey 2025”."
        value={draft.title}
        onChange={(v) => set('title', v)}
        errorMessage={errors.title}
      />
      <ChoiceGroup
        label="Kind of evidence"
        orientation="horizontal"
        choices={EVIDENCE_KINDS.map((kind) => ({ value: kind, label: KIND_NAMES[kind] }))}
        value={draft.kind}
        onChange={(v) => set('kind', v)}
        errorMessage={errors.kind}
      />
      <TextField
        label="Source"
        description="Who or where it came from, for example “Family and friends group” or “Quality report”."
        value={draft.source}
        onChange={(v) => set('source', v)}
        errorMessage={errors.source}
      />
      <TextField
        label="Date"
        description="Write it as year-month-day, for example 2026-03-14. Leave it empty if there is no date."
        inputMode="numeric"
        value={draft.date}
        onChange={(v) => set('date', v)}
        errorMessage={errors.date}
      />
      <CriteriaChoice
        standard={standard}
        value={draft.criteria}
        onChange={(v) => set('criteria', v)}
        errorMessage={errors.criteria}
      />
      <ChoiceGroup
        label="Consent to quote"
        description="For quoted lived experience: did the person agree to be quoted? A quote is only ever shown in the report when consent is given."
        choices={CONSENT_STATUSES.map((status) => ({
          value: status,
          label: CONSENT_WORDS[status].short,
          description: CONSENT_WORDS[status].explanation,
        }))}
        value={draft.consent}
        onChange={(v) => set('consent', v)}
        errorMessage={errors.consent}
      />
      <TextField
        label="Quote"
        multiline
        rows={4}
        description="The person’s own words, exactly as they said them. Leave it empty if there is no quote."
        value={draft.quote}
        onChange={(v) => set('quote', v)}
        errorMessage={errors.quote}
      />
      <TextField
        label="Notes"
        multiline
        rows={4}
        description="Anything the panel should know about this evidence."
        value={draft.notes}
        onChange={(v) => set('notes', v)}
        errorMessage={errors.notes}
      />
    </>
  );
}

/** The criteria an item supports: checkboxes grouped by I Statement, each showing id and title. */
function CriteriaChoice({
  standard,
  value,
  onChange,
  errorMessage,
}: {
  standard: Standard | undefined;
  value: string[];
  onChange: (value: string[]) => void;
  errorMessage?: string | undefined;
}) {
  if (!standard) return <p role="status">Loading the criteria…</p>;
  return (
    <fieldset className="criteria-choice">
      <legend className="field-label">Criteria this evidence supports</legend>
      <p className="field-description">
        Tick every criterion this evidence helps the panel to judge. You can change this later.
      </p>
      {errorMessage && <p className="field-error">{errorMessage}</p>}
      {standard.statements.map((statement) => {
        const ids = statement.criteria.map((c) => c.id);
        return (
          <CheckboxGroup
            key={statement.number}
            className="criteria-group"
            value={value.filter((id) => ids.includes(id))}
            onChange={(chosen) => onChange([...value.filter((id) => !ids.includes(id)), ...chosen])}
          >
            <Label className="criteria-group-label">I Statement {statement.number}</Label>
            <Text slot="description" className="criteria-group-statement">
              “{statement.text}”
            </Text>
            <div className="criteria-options">
              {statement.criteria.map((criterion) => (
                <Checkbox key={criterion.id} value={criterion.id} className="checkbox">
                  {({ isSelected }) => (
                    <>
                      <span className="checkbox-mark" aria-hidden="true">
                        {isSelected ? '✓' : ''}
                      </span>
                      <span className="choice-text">
                        <span className="choice-label">
                          {criterion.id} {criterion.title}
                        </span>
                      </span>
                    </>
                  )}
                </Checkbox>
              ))}
            </div>
          </CheckboxGroup>
        );
      })}
    </fieldset>
  );
}

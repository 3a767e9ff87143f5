import type { DecidedOutcome } from '../../../../shared/api';
import type { OutcomeDecision } from '../../../../shared/scoring';
import type { Standard } from '../../../../shared/standard';
import { Button } from '../../ui/Button';
import { CheckedForm } from '../../ui/CheckedForm';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorNotice } from '../../ui/feedback';
import { TextField } from '../../ui/fields';
import { formatDate } from '../../ui/format';
import type { FieldErrors } from '../../ui/formSupport';
import { DATE_HINT, levelWords } from './decisionWords';
import { useDecisionForm, type DecisionFormState, type NotesByStatement } from './useDecisionForm';

/** Lead: conditions, strengths and recommendations, the decision date, then record the decision. */
export function DecisionForm({
  caseId,
  standard,
  preview,
  onDecided,
}: {
  caseId: string;
  standard: Standard;
  preview: OutcomeDecision;
  onDecided: (outcome: DecidedOutcome) => void;
}) {
  const form = useDecisionForm({ caseId, standard, onDecided });
  const { checks, decide } = form;
  const errors = checks.errors(decide.error);
  const awarded = preview.level !== 'not_yet_awarded';
  return (
    <section aria-labelledby="decide-heading" className="decision-form">
      <h2 id="decide-heading" tabIndex={-1}>
        Record the panel’s decision
      </h2>
      <CheckedForm
        checks={checks}
        check={form.check}
        send={() => form.setConfirming(true)}
        change={decide}
        // A refusal is shown in the question the form opened, which keeps focus.
        focusOnRefusal={false}
      >
        <TextField
          label="Decision date"
          isRequired
          description={`${DATE_HINT} It is today’s date unless the panel decided on another day.`}
          inputMode="numeric"
          value={form.decisionDate}
          onChange={form.changeDecisionDate}
          errorMessage={errors.decisionDate}
        />
        {awarded && form.validity && (
          <p className="decision-validity">
            The award will be valid until <strong>{formatDate(form.validity.validUntil)}</strong>, with an
            interim review due on <strong>{formatDate(form.validity.interimReviewDue)}</strong>.
          </p>
        )}
        <ConditionsFields form={form} errors={errors} />
        <StatementNotesFields
          standard={standard}
          strengths={form.strengths}
          recommendations={form.recommendations}
          onStrengths={form.setStrengths}
          onRecommendations={form.setRecommendations}
        />
        {Object.keys(checks.checked).length > 0 && (
          <ErrorNotice
            title="The decision is not recorded yet"
            message="Some answers need checking. They are marked above."
            details={Object.values(checks.checked)}
          />
        )}
        {decide.isError && !form.confirming && (
          <ErrorNotice title="The decision was not recorded" message={decide.error.message} />
        )}
        <Button type="submit" variant="primary">
          Record the decision
        </Button>
      </CheckedForm>
      <ConfirmDecision form={form} preview={preview} awarded={awarded} />
    </section>
  );
}

/** Anything the organisation must do, each with the date it is due; rows are added and removed. */
function ConditionsFields({ form, errors }: { form: DecisionFormState; errors: FieldErrors }) {
  const { conditions } = form;
  return (
    <fieldset className="decision-group">
      <legend className="field-label">Conditions</legend>
      <p className="field-description">
        Anything the organisation must do, each with the date it is due. Leave this empty if there are none.
      </p>
      {conditions.length === 0 && <p>No conditions.</p>}
      <ol className="condition-list">
        {conditions.map((row, index) => (
          <li key={row.key} className="condition-row">
            <TextField
              label={`Condition ${index + 1}`}
              multiline
              rows={2}
              autoFocus={form.focusConditionKey === row.key}
              value={row.text}
              onChange={(text) => form.changeCondition(row.key, index, { text })}
              errorMessage={errors[`conditions.${index}.text`]}
            />
            <TextField
              label={`Due date for condition ${index + 1}`}
              description={DATE_HINT}
              inputMode="numeric"
              value={row.dueDate}
              onChange={(dueDate) => form.changeCondition(row.key, index, { dueDate })}
              errorMessage={errors[`conditions.${index}.dueDate`]}
            />
            <Button variant="danger" onPress={() => form.removeCondition(row.key)}>
              Remove condition {index + 1}
            </Button>
          </li>
        ))}
      </ol>
      <Button data-focus-key="add-condition" onPress={form.addCondition}>
        Add a condition
      </Button>
    </fieldset>
  );
}

/** For each I Statement, what the organisation does well and what it could do better. */
function StatementNotesFields({
  standard,
  strengths,
  recommendations,
  onStrengths,
  onRecommendations,
}: {
  standard: Standard;
  strengths: NotesByStatement;
  recommendations: NotesByStatement;
  onStrengths: (change: (notes: NotesByStatement) => NotesByStatement) => void;
  onRecommendations: (change: (notes: NotesByStatement) => NotesByStatement) => void;
}) {
  return (
    <div className="decision-group">
      <h3 className="decision-notes-heading">Strengths and recommendations</h3>
      <p className="field-description">
        For each I Statement, what the organisation does well and what it could do better. Leave a box empty
        if there is nothing to say.
      </p>
      {standard.statements.map((statement) => (
        <fieldset key={statement.number} className="decision-statement-notes">
          <legend className="decision-statement-legend">
            <span className="decision-statement-number">I Statement {statement.number}</span>
            <span className="decision-statement-text">“{statement.text}”</span>
          </legend>
          <TextField
            label={`Strengths for I Statement ${statement.number}`}
            multiline
            rows={3}
            value={strengths[statement.number] ?? ''}
            onChange={(v) => onStrengths((s) => ({ ...s, [statement.number]: v }))}
          />
          <TextField
            label={`Recommendations for I Statement ${statement.number}`}
            multiline
            rows={3}
            value={recommendations[statement.number] ?? ''}
            onChange={(v) => onRecommendations((s) => ({ ...s, [statement.number]: v }))}
          />
        </fieldset>
      ))}
    </div>
  );
}

/** "Record the decision?": the outcome, dates and how much was written, read back before it is recorded. */
function ConfirmDecision({
  form,
  preview,
  awarded,
}: {
  form: DecisionFormState;
  preview: OutcomeDecision;
  awarded: boolean;
}) {
  const { decide, conditions, validity } = form;
  return (
    <ConfirmDialog
      isOpen={form.confirming}
      onOpenChange={form.setConfirming}
      title="Record the decision?"
      confirmLabel="Yes, record the decision"
      pendingLabel="Recording the decision…"
      isPending={decide.isPending}
      error={decide.error?.message}
      onConfirm={form.record}
    >
      <p>
        The outcome: <strong>{levelWords(preview)}</strong>.
      </p>
      <p>
        Decision date: {formatDate(form.decisionDate.trim())}.
        {awarded && validity && <> Valid until {formatDate(validity.validUntil)}.</>}
      </p>
      <p>
        {conditions.length === 0
          ? 'No conditions.'
          : `${conditions.length} ${conditions.length === 1 ? 'condition' : 'conditions'}.`}{' '}
        Strengths for {form.notes(form.strengths).length} and recommendations for{' '}
        {form.notes(form.recommendations).length} of the six I Statements.
      </p>
      <p>Once recorded, the decision is the basis of the certificate and the report.</p>
    </ConfirmDialog>
  );
}

import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Form } from 'react-aria-components';
import type { Condition, DecidedOutcome, StatementNote } from '../../../../shared/api';
import type { OutcomeDecision } from '../../../../shared/scoring/outcome';
import { isIsoDate, validityDates } from '../../../../shared/scoring/validity';
import type { Standard } from '../../../../shared/standard/schema';
import { useCall } from '../../app/client-context';
import { Button } from '../../ui/Button';
import { ErrorNotice } from '../../ui/feedback';
import { formatDate } from '../../ui/format';
import { TextField } from '../../ui/fields';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { focusFirstInvalid, serverFieldErrors, todayIso, type FieldErrors } from '../../ui/formSupport';
import { checkDecision, DATE_HINT, levelWords } from './decisionWords';

interface ConditionRow {
  key: number;
  text: string;
  dueDate: string;
}

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
  onDecided: (outcome: DecidedOutcome) => Promise<void> | void;
}) {
  const call = useCall();
  const formRef = useRef<HTMLFormElement>(null);
  const nextKey = useRef(1);
  const [decisionDate, setDecisionDate] = useState(() => todayIso());
  const [conditions, setConditions] = useState<ConditionRow[]>([]);
  const [strengths, setStrengths] = useState<Record<number, string>>({});
  const [recommendations, setRecommendations] = useState<Record<number, string>>({});
  const [checked, setChecked] = useState<FieldErrors>({});
  const [confirming, setConfirming] = useState(false);
  const [focusConditionKey, setFocusConditionKey] = useState<number | null>(null);

  const notes = (byStatement: Record<number, string>): StatementNote[] =>
    standard.statements
      .map((s) => ({ statementNumber: s.number, text: (byStatement[s.number] ?? '').trim() }))
      .filter((note) => note.text !== '');
  const cleanConditions = (): Condition[] =>
    conditions.map((c) => ({ text: c.text.trim(), dueDate: c.dueDate.trim() }));

  const decide = useMutation({
    mutationFn: () =>
      call('outcome.decide', {
        caseId,
        decisionDate: decisionDate.trim(),
        conditions: cleanConditions(),
        strengths: notes(strengths),
        recommendations: notes(recommendations),
      }),
    onSuccess: async (outcome) => {
      await onDecided(outcome);
      setConfirming(false);
    },
  });
  const errors: FieldErrors = { ...serverFieldErrors(decide.error), ...checked };
  const clear = (key: string) => {
    if (checked[key]) setChecked(({ [key]: _fixed, ...rest }) => rest);
  };
  const awarded = preview.level !== 'not_yet_awarded';
  const validity = isIsoDate(decisionDate.trim()) ? validityDates(decisionDate.trim()) : null;

  const addCondition = () => {
    const key = nextKey.current++;
    setConditions((rows) => [...rows, { key, text: '', dueDate: '' }]);
    setFocusConditionKey(key);
  };
  const removeCondition = (key: number) => {
    setConditions((rows) => rows.filter((row) => row.key !== key));
    setChecked({});
    requestAnimationFrame(() =>
      formRef.current?.querySelector<HTMLElement>('[data-focus-key="add-condition"]')?.focus(),
    );
  };

  return (
    <section aria-labelledby="decide-heading" className="decision-form">
      <h2 id="decide-heading" tabIndex={-1}>
        Record the panel’s decision
      </h2>
      <Form
        ref={formRef}
        className="form"
        validationBehavior="aria"
        onSubmit={(event) => {
          event.preventDefault();
          const found = checkDecision(decisionDate, conditions);
          setChecked(found);
          decide.reset();
          if (Object.keys(found).length > 0) return focusFirstInvalid(formRef.current);
          setConfirming(true);
        }}
      >
        <TextField
          label="Decision date"
          isRequired
          description={`${DATE_HINT} It is today’s date unless the panel decided on another day.`}
          inputMode="numeric"
          value={decisionDate}
          onChange={(v) => {
            setDecisionDate(v);
            clear('decisionDate');
          }}
          errorMessage={errors.decisionDate}
        />
        {awarded && validity && (
          <p className="decision-validity">
            The award will be valid until <strong>{formatDate(validity.validUntil)}</strong>, with an interim
            review due on <strong>{formatDate(validity.interimReviewDue)}</strong>.
          </p>
        )}

        <fieldset className="decision-group">
          <legend className="field-label">Conditions</legend>
          <p className="field-description">
            Anything the organisation must do, each with the date it is due. Leave this empty if there are
            none.
          </p>
          {conditions.length === 0 && <p>No conditions.</p>}
          <ol className="condition-list">
            {conditions.map((row, index) => (
              <li key={row.key} className="condition-row">
                <TextField
                  label={`Condition ${index + 1}`}
                  multiline
                  rows={2}
                  autoFocus={focusConditionKey === row.key}
                  value={row.text}
                  onChange={(v) => {
                    setConditions((rows) => rows.map((r) => (r.key === row.key ? { ...r, text: v } : r)));
                    clear(`conditions.${index}.text`);
                  }}
                  errorMessage={errors[`conditions.${index}.text`]}
                />
                <TextField
                  label={`Due date for condition ${index + 1}`}
                  description={DATE_HINT}
                  inputMode="numeric"
                  value={row.dueDate}
                  onChange={(v) => {
                    setConditions((rows) => rows.map((r) => (r.key === row.key ? { ...r, dueDate: v } : r)));
                    clear(`conditions.${index}.dueDate`);
                  }}
                  errorMessage={errors[`conditions.${index}.dueDate`]}
                />
                <Button variant="danger" onPress={() => removeCondition(row.key)}>
                  Remove condition {index + 1}
                </Button>
              </li>
            ))}
          </ol>
          <Button data-focus-key="add-condition" onPress={addCondition}>
            Add a condition
          </Button>
        </fieldset>

        <div className="decision-group">
          <h3 className="decision-notes-heading">Strengths and recommendations</h3>
          <p className="field-description">
            For each I Statement, what the organisation does well and what it could do better. Leave a box
            empty if there is nothing to say.
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
                onChange={(v) => setStrengths((s) => ({ ...s, [statement.number]: v }))}
              />
              <TextField
                label={`Recommendations for I Statement ${statement.number}`}
                multiline
                rows={3}
                value={recommendations[statement.number] ?? ''}
                onChange={(v) => setRecommendations((s) => ({ ...s, [statement.number]: v }))}
              />
            </fieldset>
          ))}
        </div>

        {Object.keys(checked).length > 0 && (
          <ErrorNotice
            title="The decision is not recorded yet"
            message="Some answers need checking. They are marked above."
            details={Object.values(checked)}
          />
        )}
        {decide.isError && !confirming && (
          <ErrorNotice title="The decision was not recorded" message={decide.error.message} />
        )}
        <Button type="submit" variant="primary">
          Record the decision
        </Button>
      </Form>

      <ConfirmDialog
        isOpen={confirming}
        onOpenChange={setConfirming}
        title="Record the decision?"
        confirmLabel="Yes, record the decision"
        pendingLabel="Recording the decision…"
        isPending={decide.isPending}
        error={decide.error?.message}
        onConfirm={() => decide.mutate()}
      >
        <p>
          The outcome: <strong>{levelWords(preview)}</strong>.
        </p>
        <p>
          Decision date: {formatDate(decisionDate.trim())}.
          {awarded && validity && <> Valid until {formatDate(validity.validUntil)}.</>}
        </p>
        <p>
          {conditions.length === 0
            ? 'No conditions.'
            : `${conditions.length} ${conditions.length === 1 ? 'condition' : 'conditions'}.`}{' '}
          Strengths for {notes(strengths).length} and recommendations for {notes(recommendations).length} of
          the six I Statements.
        </p>
        <p>Once recorded, the decision is the basis of the certificate and the report.</p>
      </ConfirmDialog>
    </section>
  );
}

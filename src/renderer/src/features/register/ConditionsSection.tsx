import { useState } from 'react';
import type { RegisterCondition, RegisterEntry } from '../../../../shared/api';
import { useChange } from '../../app/operations';
import { Button } from '../../ui/Button';
import { CheckedForm } from '../../ui/CheckedForm';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorNotice } from '../../ui/feedback';
import { TextField } from '../../ui/fields';
import { refusalInWords, type FieldErrors } from '../../ui/formSupport';
import { useFieldChecks } from '../../ui/useFieldChecks';
import { useFocusAfterChange } from '../../ui/useHeadingFocus';
import { conditionInWords, inWords } from './registerWords';

const DATE_HINT = 'Write it as year-month-day, for example 2028-03-03.';
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
const LABELS: Record<string, string> = {
  condition: 'What must be done',
  dueOn: 'Due by',
  metOn: 'Met on',
  note: 'Note',
};

/**
 * The conditions of the award on a certificate's page: each with its state in plain words (due,
 * overdue, met), a form to add one and a question before recording one met. `today` is the day the
 * register judged the statuses on (the app's clock).
 */
export function ConditionsSection({ entry, today }: { entry: RegisterEntry; today: string }) {
  const [done, setDone] = useState('');
  // "Record as met…" is gone once the condition is met: focus goes to the words saying so.
  const { ref: doneRef, focusAfterChange } = useFocusAfterChange<HTMLParagraphElement>(done);
  const met = (words: string) => {
    if (words) focusAfterChange();
    setDone(words);
  };
  const ended = ['revoked', 'superseded', 'expired'].includes(entry.status.state);
  return (
    <section aria-labelledby="conditions-heading">
      <h3 id="conditions-heading">Conditions of the award</h3>
      <div role="status">
        {done && (
          <p className="notice notice-success" ref={doneRef} tabIndex={-1}>
            <span aria-hidden="true">✓ </span>
            {done}
          </p>
        )}
      </div>
      {entry.conditions.length === 0 ? (
        <p>No conditions were set for this award.</p>
      ) : (
        <ul aria-label="Conditions" className="plain-list">
          {entry.conditions.map((condition) => (
            <ConditionItem
              key={condition.id}
              condition={condition}
              entry={entry}
              today={today}
              canRecord={entry.status.state !== 'revoked' && entry.status.state !== 'superseded'}
              onMet={met}
            />
          ))}
        </ul>
      )}
      {ended ? (
        <p>No condition can be added: this certificate is no longer in force.</p>
      ) : (
        <AddConditionForm entry={entry} onAdded={setDone} />
      )}
    </section>
  );
}

function ConditionItem({
  condition,
  entry,
  today,
  canRecord,
  onMet,
}: {
  condition: RegisterCondition;
  entry: RegisterEntry;
  today: string;
  canRecord: boolean;
  onMet: (words: string) => void;
}) {
  const state = conditionInWords(condition, today);
  const overdue = condition.metOn === null && condition.dueOn < today;
  return (
    <li className="register-condition">
      <p>
        <strong>{condition.condition}</strong>
      </p>
      <p className={overdue ? 'notice notice-warning' : undefined}>
        {overdue && <span aria-hidden="true">⚠ </span>}
        {state}
        {condition.metOn && condition.metRecordedBy ? `, recorded by ${condition.metRecordedBy}` : ''}.
        {condition.metNote ? ` Note: ${condition.metNote}` : ''}
      </p>
      {condition.metOn === null && canRecord && (
        <RecordMet condition={condition} entry={entry} today={today} onMet={onMet} />
      )}
    </li>
  );
}

/** "Record as met…": asks for the date (today unless changed) and a note, then records it. */
function RecordMet({
  condition,
  entry,
  today,
  onMet,
}: {
  condition: RegisterCondition;
  entry: RegisterEntry;
  today: string;
  onMet: (words: string) => void;
}) {
  const [asking, setAsking] = useState(false);
  const [metOn, setMetOn] = useState(today);
  const [note, setNote] = useState('');
  const meet = useChange('register.meetCondition', {
    onSuccess: (_entry, input) => {
      setAsking(false);
      onMet(
        `The condition “${condition.condition}” was recorded as met on ${inWords(input.metOn ?? today)}.`,
      );
    },
  });
  return (
    <>
      <Button
        onPress={() => {
          meet.reset();
          setMetOn(today);
          setNote('');
          onMet('');
          setAsking(true);
        }}
      >
        Record as met…
      </Button>
      {asking && (
        <ConfirmDialog
          isOpen
          role="dialog"
          onOpenChange={(isOpen) => !isOpen && setAsking(false)}
          title="Record this condition as met?"
          confirmLabel="Record it as met"
          isPending={meet.isPending}
          pendingLabel="Recording…"
          error={meet.error?.message}
          onConfirm={() =>
            meet.mutate({
              conditionId: condition.id,
              metOn: metOn.trim(),
              ...(note.trim() ? { note } : {}),
            })
          }
        >
          <p>
            {entry.organisation}, certificate {entry.certificateNumber}: “{condition.condition}”, due by{' '}
            {inWords(condition.dueOn)}.
          </p>
          <p>Once recorded, it counts as met in the register and in its reminders; this cannot be undone.</p>
          <TextField
            label={LABELS.metOn!}
            description={`${DATE_HINT} It is today’s date unless it was met on another day.`}
            isRequired
            autoFocus
            inputMode="numeric"
            value={metOn}
            onChange={setMetOn}
          />
          <TextField
            label={LABELS.note!}
            description="How you know it was met, for example what you saw and where."
            multiline
            rows={3}
            maxLength={1000}
            value={note}
            onChange={setNote}
          />
        </ConfirmDialog>
      )}
    </>
  );
}

function AddConditionForm({ entry, onAdded }: { entry: RegisterEntry; onAdded: (words: string) => void }) {
  const checks = useFieldChecks();
  const [condition, setCondition] = useState('');
  const [dueOn, setDueOn] = useState('');
  const add = useChange('register.addCondition', {
    onSuccess: (_entry, input) => {
      setCondition('');
      setDueOn('');
      onAdded(`The condition was added, due by ${inWords(input.dueOn)}.`);
    },
  });
  const errors = checks.errors(add.error);
  const refusal = add.error ? refusalInWords(add.error, errors, LABELS) : '';
  const changing = (key: string, set: (value: string) => void) => (value: string) => {
    checks.clear(key);
    set(value);
  };
  return (
    <CheckedForm
      checks={checks}
      check={(): FieldErrors => ({
        ...(condition.trim().length < 3 ? { condition: 'Say what must be done, in a few words.' } : {}),
        ...(CALENDAR_DATE.test(dueOn.trim()) ? {} : { dueOn: DATE_HINT }),
      })}
      send={() => {
        onAdded('');
        add.mutate({ certificateNumber: entry.certificateNumber, condition, dueOn: dueOn.trim() });
      }}
      change={add}
      aria-labelledby="add-condition-heading"
    >
      <h4 id="add-condition-heading">Add a condition</h4>
      <p>
        A condition must fall due on or after the award ({inWords(entry.decisionDate)}) and before the
        certificate expires ({inWords(entry.validUntil)}).
      </p>
      <TextField
        label={LABELS.condition!}
        isRequired
        multiline
        rows={3}
        maxLength={1000}
        value={condition}
        onChange={changing('condition', setCondition)}
        errorMessage={errors.condition}
      />
      <TextField
        label={LABELS.dueOn!}
        description={DATE_HINT}
        isRequired
        inputMode="numeric"
        value={dueOn}
        onChange={changing('dueOn', setDueOn)}
        errorMessage={errors.dueOn}
      />
      {refusal && <ErrorNotice title="The condition was not added" message={refusal} />}
      <Button type="submit" variant="primary" isPending={add.isPending} pendingLabel="Adding…">
        Add the condition
      </Button>
    </CheckedForm>
  );
}

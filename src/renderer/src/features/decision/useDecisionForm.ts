import { useRef, useState } from 'react';
import type { Condition, DecidedOutcome, StatementNote } from '../../../../shared/api';
import { isIsoDate, validityDates } from '../../../../shared/scoring';
import type { Standard } from '../../../../shared/standard';
import { useChange } from '../../app/operations';
import { todayIso, useFocusAfterRender } from '../../ui/formSupport';
import { useFieldChecks } from '../../ui/useFieldChecks';
import { checkDecision } from './decisionWords';

export interface ConditionRow {
  key: number;
  text: string;
  dueDate: string;
}

/** Strengths or recommendations, by I Statement number, as typed. */
export type NotesByStatement = Record<number, string>;

/**
 * The lead's decision as it is being written: the decision date (and the validity it gives),
 * conditions, strengths and recommendations per I Statement, the checks before asking "Record
 * the decision?", and recording it.
 */
export function useDecisionForm({
  caseId,
  standard,
  onDecided,
}: {
  caseId: string;
  standard: Standard;
  onDecided: (outcome: DecidedOutcome) => void;
}) {
  const nextKey = useRef(1);
  const focusAfterRender = useFocusAfterRender();
  const [decisionDate, setDecisionDate] = useState(() => todayIso());
  const [conditions, setConditions] = useState<ConditionRow[]>([]);
  const [strengths, setStrengths] = useState<NotesByStatement>({});
  const [recommendations, setRecommendations] = useState<NotesByStatement>({});
  const [confirming, setConfirming] = useState(false);
  const [focusConditionKey, setFocusConditionKey] = useState<number | null>(null);
  const checks = useFieldChecks();
  const decide = useChange('outcome.decide', {
    onSuccess: (outcome) => {
      onDecided(outcome);
      setConfirming(false);
    },
  });

  const notes = (byStatement: NotesByStatement): StatementNote[] =>
    standard.statements
      .map((s) => ({ statementNumber: s.number, text: (byStatement[s.number] ?? '').trim() }))
      .filter((note) => note.text !== '');
  const cleanConditions = (): Condition[] =>
    conditions.map((c) => ({ text: c.text.trim(), dueDate: c.dueDate.trim() }));
  const changeCondition = (key: number, index: number, patch: Partial<Omit<ConditionRow, 'key'>>) => {
    setConditions((rows) => rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));
    for (const field of Object.keys(patch)) checks.clear(`conditions.${index}.${field}`);
  };

  return {
    checks,
    decide,
    decisionDate,
    validity: isIsoDate(decisionDate.trim()) ? validityDates(decisionDate.trim()) : null,
    conditions,
    focusConditionKey,
    strengths,
    recommendations,
    confirming,
    setConfirming,
    notes,
    setStrengths,
    setRecommendations,
    changeDecisionDate(value: string) {
      setDecisionDate(value);
      checks.clear('decisionDate');
    },
    changeCondition,
    addCondition() {
      const key = nextKey.current++;
      setConditions((rows) => [...rows, { key, text: '', dueDate: '' }]);
      setFocusConditionKey(key);
    },
    /** Removes a row; the rows after it are renumbered, so earlier checks no longer fit and are cleared. */
    removeCondition(key: number) {
      setConditions((rows) => rows.filter((row) => row.key !== key));
      checks.reset();
      focusAfterRender('add-condition');
    },
    check: () => checkDecision(decisionDate, conditions),
    record() {
      decide.mutate({
        caseId,
        decisionDate: decisionDate.trim(),
        conditions: cleanConditions(),
        strengths: notes(strengths),
        recommendations: notes(recommendations),
      });
    },
  };
}

export type DecisionFormState = ReturnType<typeof useDecisionForm>;

import { useState } from 'react';
import { useShownRecord } from './useShownRecord';

/**
 * A form's draft of a saved record, for a form that keeps its draft in one state rather than in
 * fields started from `shown.record` (useShownRecord, whose choices it shares): the draft starts
 * from the record the form was shown, which the form sends as `savedBefore`. After a refusal
 * because the record was changed elsewhere, the draft stays as typed until the user chooses
 * (OutOfDateChoice): their words, or the saved details, which start the draft again from what is
 * saved now. Give the form `key={shown.key}`, so that words no longer in it stop counting as
 * unsaved.
 */
export function useDraftOf<S, D>(
  latest: S,
  draftOf: (saved: S) => D,
  change: { error: { code: string } | null; reset(): void },
) {
  const shown = useShownRecord(latest, change);
  const [state, setState] = useState(() => ({ key: shown.key, draft: draftOf(shown.record) }));
  // Adjusted while rendering: only when the user chose the saved details.
  if (state.key !== shown.key) setState({ key: shown.key, draft: draftOf(shown.record) });
  return {
    draft: state.draft,
    shown,
    setDraft: (next: (draft: D) => D) => setState((current) => ({ ...current, draft: next(current.draft) })),
  };
}

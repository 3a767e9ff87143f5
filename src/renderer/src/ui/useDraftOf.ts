import { useState } from 'react';

/**
 * A form's draft of a saved record, and the record it started from (which the form sends as
 * `savedBefore`). When a save is refused because the record was changed elsewhere
 * (CHANGED_ELSEWHERE: another window or tab), useChange asks for what is saved now, and the draft
 * starts again from it once it arrives; the refusal stays on show until the next save.
 */
export function useDraftOf<S, D>(
  saved: S,
  draftOf: (saved: S) => D,
  change: { error: { code: string } | null },
) {
  const [state, setState] = useState(() => ({ startedFrom: saved, draft: draftOf(saved) }));
  // Adjusted while rendering: only after that refusal, so nothing typed is lost otherwise.
  if (
    change.error?.code === 'CHANGED_ELSEWHERE' &&
    JSON.stringify(saved) !== JSON.stringify(state.startedFrom)
  ) {
    setState({ startedFrom: saved, draft: draftOf(saved) });
  }
  return {
    draft: state.draft,
    startedFrom: state.startedFrom,
    setDraft: (next: (draft: D) => D) => setState((current) => ({ ...current, draft: next(current.draft) })),
  };
}

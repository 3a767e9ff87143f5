import { useState } from 'react';
import type { OutputOf } from '../../../shared/api';
import { useChange, type Change, type ChangeName } from '../app/operations';

/**
 * The saved record a whole-record form was shown, which the form sends as `savedBefore` so that
 * src/main refuses it (CHANGED_ELSEWHERE, naming the fields that changed) if the record was changed
 * meanwhile in another window or tab, or by someone else. After that refusal what the user typed
 * stays in the form (nothing typed is lost) and `outOfDate` is true, until they choose
 * (OutOfDateChoice): `keepMine` keeps their words and moves the form on to what is saved now (the
 * reads are refreshed on that refusal, see useChange), so their next save replaces it; `showSaved`
 * starts the form again from what is saved now, so they can make their changes again on top of it.
 * Give the form `key={shown.key}` and start its fields from `shown.record` (or use useDraftOf);
 * after a save, call `saved` with the record as saved so the next save starts from it.
 */
export interface ShownRecord<S> {
  record: S;
  key: number;
  outOfDate: boolean;
  /** The user chose their words over the change made elsewhere, and has not saved them yet. */
  keptMine: boolean;
  keepMine(): void;
  showSaved(): void;
  saved(record: S): void;
}

export function useShownRecord<S>(
  latest: S,
  change: { error: { code: string } | null; reset(): void },
): ShownRecord<S> {
  const [shown, setShown] = useState({ record: latest, key: 0, keptMine: false });
  return {
    record: shown.record,
    key: shown.key,
    outOfDate: change.error?.code === 'CHANGED_ELSEWHERE',
    keptMine: shown.keptMine,
    keepMine() {
      change.reset();
      setShown((before) => ({ record: latest, key: before.key, keptMine: true }));
    },
    showSaved() {
      change.reset();
      setShown((before) => ({ record: latest, key: before.key + 1, keptMine: false }));
    },
    saved(record) {
      setShown((before) => ({ ...before, record, keptMine: false }));
    },
  };
}

/**
 * A whole-record form's save: the change, the record it was shown (useShownRecord, moved on to the
 * record as saved after each save, by `recordOf` the save's answer), and whether "saved" is on
 * show (until the next edit: `onEdit`).
 */
export function useRecordSave<N extends ChangeName, S>(
  name: N,
  latest: S,
  recordOf: (saved: OutputOf<N>) => S,
): { change: Change<N>; shown: ShownRecord<S>; saved: boolean; onEdit: () => void } {
  const [saved, setSaved] = useState(false);
  const change = useChange(name, {
    onSuccess: (value) => {
      shown.saved(recordOf(value));
      setSaved(true);
    },
  });
  const shown = useShownRecord(latest, change);
  return { change, shown, saved, onEdit: () => setSaved(false) };
}

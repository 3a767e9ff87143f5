import { UserFacingError } from '../shared/errors';

/** The fields a form saves whole, each with its name in words ("contact name"). */
export type FieldNames<T> = { readonly [K in keyof T]: string };

/**
 * How a field's value is compared: text trimmed, no answer (null) the same as empty text, a list in
 * any order, anything else as it is.
 */
function asCompared(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value)) return JSON.stringify(value.map(asCompared).sort());
  return JSON.stringify(value);
}

/** The names of the fields whose saved value differs between two versions of a record. */
function changedFields<T>(before: T, now: T, fieldNames: FieldNames<T>): string[] {
  return (Object.keys(fieldNames) as (keyof T)[])
    .filter((key) => asCompared(before[key]) !== asCompared(now[key]))
    .map((key) => fieldNames[key]);
}

/**
 * One check for every form that saves a whole record, in a case file (the organisation, a panel
 * member, an evidence item) and in the scheme file (an assessor, the scheme's settings, the
 * calibration thresholds, the fee schedule, an organisation's contact).
 *
 * A form saves its whole record, so a form showing a record that was changed meanwhile (in another
 * window or tab, or by someone else) would silently undo that change. Given what the form started
 * from (`savedBefore`; none from the CLI or the demo, which save as before), refuses when what is
 * saved now differs from it, naming the changed fields. Call it inside the saving transaction.
 * `details` names the record, e.g. "The organisation’s details"; `saved` is
 * read inside that transaction, so nothing can change between the check and the save.
 */
export function requireUnchangedSince<T>(
  saved: T,
  savedBefore: T | undefined,
  fieldNames: FieldNames<T>,
  details: string,
): void {
  if (savedBefore === undefined) return;
  const changed = changedFields(savedBefore, saved, fieldNames);
  if (changed.length === 0) return;
  throw new UserFacingError(
    'CHANGED_ELSEWHERE',
    `${details} were changed in another window or tab, or by someone else, after this page showed them (the ${changed.join(', ')}), so your changes were not saved: saving would have undone that change. Look at the saved details, then make your changes again.`,
  );
}

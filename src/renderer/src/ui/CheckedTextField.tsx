import { useState } from 'react';
import { TextField, type TextFieldProps } from './fields';
import type { FieldErrors } from './formSupport';
import type { FieldChecks } from './useFieldChecks';

/**
 * The text fields of a checked form (`useFieldChecks`), by their keys: what is typed in each, and
 * what typing does — it forgets that field's problem (the form's own and the server's) and then
 * runs `onEdit` (to take down a "Saved" notice, say).
 */
export interface CheckedFields<K extends string> {
  values: Readonly<Record<K, string>>;
  change(key: K, value: string): void;
  /** Puts every field back as given (after a save that empties the form). */
  reset(values: Record<K, string>): void;
}

export function useCheckedFields<K extends string>(
  initial: Record<K, string>,
  checks: FieldChecks,
  onEdit?: () => void,
): CheckedFields<K> {
  const [values, setValues] = useState(initial);
  return {
    values,
    change(key, value) {
      checks.clear(key);
      onEdit?.();
      setValues((before) => ({ ...before, [key]: value }));
    },
    reset: setValues,
  };
}

/**
 * One labelled text field of a checked form, named by its key: its value and its change come from
 * `fields`, the problem shown beside it from `errors` (the form's checks over the server's).
 */
export function CheckedTextField<K extends string>({
  fields,
  errors,
  name,
  ...props
}: { fields: CheckedFields<K>; errors: FieldErrors; name: K } & Omit<
  TextFieldProps,
  'value' | 'onChange' | 'errorMessage'
>) {
  return (
    <TextField
      {...props}
      value={fields.values[name]}
      onChange={(value) => fields.change(name, value)}
      errorMessage={errors[name]}
    />
  );
}

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
 * What a field of a checked form shows and does, named by its key: its value and its change from
 * `fields`, the problem beside it from `errors` (the form's checks over the server's). For fields
 * other than CheckedTextField (a PIN, a reason), spread into them.
 */
export function checkedFieldProps<K extends string>(fields: CheckedFields<K>, errors: FieldErrors, name: K) {
  return {
    value: fields.values[name],
    onChange: (value: string) => fields.change(name, value),
    errorMessage: errors[name],
  };
}

/** One labelled text field of a checked form, named by its key (checkedFieldProps). */
export function CheckedTextField<K extends string>({
  fields,
  errors,
  name,
  ...props
}: { fields: CheckedFields<K>; errors: FieldErrors; name: K } & Omit<
  TextFieldProps,
  'value' | 'onChange' | 'errorMessage'
>) {
  return <TextField {...props} {...checkedFieldProps(fields, errors, name)} />;
}

/** How every form asks for an email address and a phone number. */
const EMAIL_AND_PHONE = [
  { name: 'email', label: 'Email', type: 'email', maxLength: 254 },
  { name: 'phone', label: 'Phone', type: 'tel', maxLength: 40 },
] as const;

/** A person's or an organisation's email and phone, as every form asks for them. */
export function EmailAndPhoneFields({
  fields,
  errors,
}: {
  fields: CheckedFields<'email' | 'phone'>;
  errors: FieldErrors;
}) {
  return EMAIL_AND_PHONE.map((field) => (
    <CheckedTextField key={field.name} fields={fields} errors={errors} {...field} />
  ));
}

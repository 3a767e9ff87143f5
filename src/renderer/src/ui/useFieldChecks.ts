import { useState } from 'react';
import { focusFirstInvalid, serverFieldErrors, type FieldErrors } from './formSupport';

/**
 * A form's own checks before anything is sent, shared by every form: what needs fixing, by field;
 * the problem with a field is forgotten once the person changes it; and the errors to show beside
 * the fields are these checks over the server's own per-field problems.
 */
export interface FieldChecks {
  /** What the form's own checks found, by field. */
  checked: FieldErrors;
  /** The person changed this field: forget its problem. */
  clear(key: string): void;
  /** Marks what `found` says needs fixing and moves focus to the first such field; true when nothing does. */
  passes(found: FieldErrors, form: HTMLElement | null): boolean;
  /** Forget every problem found (the form changed shape). */
  reset(): void;
  /** The errors to show beside the fields: these checks, over the server's problems after `prefix`. */
  errors(serverError: unknown, prefix?: string): FieldErrors;
}

export function useFieldChecks(): FieldChecks {
  const [checked, setChecked] = useState<FieldErrors>({});
  return {
    checked,
    clear(key: string): void {
      if (checked[key]) setChecked(({ [key]: _fixed, ...rest }) => rest);
    },
    passes(found: FieldErrors, form: HTMLElement | null): boolean {
      setChecked(found);
      if (Object.keys(found).length === 0) return true;
      focusFirstInvalid(form);
      return false;
    },
    reset(): void {
      setChecked({});
    },
    errors(serverError: unknown, prefix?: string): FieldErrors {
      return { ...serverFieldErrors(serverError, prefix), ...checked };
    },
  };
}

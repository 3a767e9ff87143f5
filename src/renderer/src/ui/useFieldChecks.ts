import { useRef, useState } from 'react';
import { focusFirstInvalid, serverFieldErrors, type FieldErrors } from './formSupport';

/**
 * A form's own checks before anything is sent, shared by every form: what needs fixing, by field;
 * the problem with a field is forgotten once the person changes it; and the errors to show beside
 * the fields are these checks over the server's own per-field problems.
 */
export interface FieldChecks {
  /** What the form's own checks found, by field. */
  checked: FieldErrors;
  /** The person changed this field: forget its problem, the form's own and the server's. */
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
  // The server's refusal last shown, and the fields changed since: their problems are no longer shown.
  const shownRefusal = useRef<unknown>(null);
  const [changed, setChanged] = useState<{ refusal: unknown; keys: ReadonlySet<string> }>({
    refusal: null,
    keys: new Set(),
  });
  return {
    checked,
    clear(key: string): void {
      if (checked[key]) setChecked(({ [key]: _fixed, ...rest }) => rest);
      const refusal = shownRefusal.current;
      if (refusal === null || refusal === undefined) return;
      setChanged((prev) =>
        prev.refusal === refusal && prev.keys.has(key)
          ? prev
          : { refusal, keys: new Set([...(prev.refusal === refusal ? prev.keys : []), key]) },
      );
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
      shownRefusal.current = serverError;
      const fromServer = serverFieldErrors(serverError, prefix);
      if (changed.refusal === serverError) for (const key of changed.keys) delete fromServer[key];
      return { ...fromServer, ...checked };
    },
  };
}

import { useCallback, useEffect, useRef } from 'react';
import { ApiCallError } from '../app/client-context';

/** Field errors by field name, e.g. { title: 'Give the evidence a title.' }. */
export type FieldErrors = Record<string, string>;

/**
 * The server's per-field problems (field ['evidence', 'title']: "Give the evidence a title.") as
 * field errors, keyed by the path after `prefix` ("title"). Problems outside the prefix are left out.
 */
export function serverFieldErrors(error: unknown, prefix = ''): FieldErrors {
  const errors: FieldErrors = {};
  if (!(error instanceof ApiCallError) || !error.details) return errors;
  for (const detail of error.details) {
    const path = detail.field.join('.');
    if (!path || (prefix && !path.startsWith(prefix))) continue;
    const key = path.slice(prefix.length);
    if (key && errors[key] === undefined) errors[key] = detail.message;
  }
  return errors;
}

/**
 * A plain sentence listing what to fix, for the announced summary above a form: in the order of
 * `labels` (written in the form's order), whatever order the problems were found in.
 */
export function describeFieldErrors(errors: FieldErrors, labels: Record<string, string>): string {
  const order = Object.keys(labels);
  const place = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  const parts = Object.entries(errors)
    .sort(([a], [b]) => place(a) - place(b))
    .map(([key, message]) => `${labels[key] ?? key}: ${message}`);
  return parts.length === 0
    ? ''
    : `Please check ${parts.length === 1 ? 'this' : 'these'}. ${parts.join(' ')}`;
}

/**
 * What a refused form says above its button: the problems beside the fields, by the fields' labels
 * ("Your PIN: A PIN is 4 to 8 digits."), or the server's own sentence when no field is to blame.
 * Empty once every field it blamed has been changed.
 */
export function refusalInWords(error: unknown, errors: FieldErrors, labels: Record<string, string>): string {
  if (Object.keys(serverFieldErrors(error)).length > 0) return describeFieldErrors(errors, labels);
  return error instanceof Error ? error.message : '';
}

/** Puts focus on the first field marked invalid inside `container`, after React has drawn it. */
export function focusFirstInvalid(container: HTMLElement | null): void {
  requestAnimationFrame(() => {
    container
      ?.querySelector<HTMLElement>(
        'input[aria-invalid="true"], textarea[aria-invalid="true"], [data-invalid] input, [data-invalid] textarea',
      )
      ?.focus();
  });
}

/**
 * Puts focus on the first control inside `container` (a field, else a button), after React has
 * drawn it: where a form that starts afresh after a save keeps the keyboard's place, instead of
 * focus falling to the page itself.
 */
export function focusFirstControl(container: HTMLElement | null): void {
  requestAnimationFrame(() => {
    const first =
      container?.querySelector<HTMLElement>('input:not([type="file"]), textarea') ??
      container?.querySelector<HTMLElement>('button:not([disabled])');
    first?.focus();
  });
}

/**
 * Moves focus, after the next render, to the element marked `data-focus-key="…"` — for example
 * back to the button that opened a form once the form closes, so keyboard users keep their place.
 */
export function useFocusAfterRender(): (key: string) => void {
  const pending = useRef<string | null>(null);
  useEffect(() => {
    const key = pending.current;
    if (!key) return;
    pending.current = null;
    document.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(key)}"]`)?.focus();
  });
  return useCallback((key: string) => {
    pending.current = key;
  }, []);
}

/** Today's date on this computer, as yyyy-mm-dd. */
export function todayIso(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

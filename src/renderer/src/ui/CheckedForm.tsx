import { useEffect, useRef } from 'react';
import { Form } from 'react-aria-components';
import { focusFirstInvalid, type FieldErrors } from './formSupport';
import { SAVED_WHEN_SAVE_SUCCEEDS, wordsSaved } from './leaveWarning';
import type { FieldChecks } from './useFieldChecks';

/**
 * A form that checks what the person can fix before anything is sent, shared by every form that
 * saves through a change: on submit the last refusal is cleared, the form's own checks run (focus
 * goes to the first field that needs fixing), and only then is `send` called. When the server
 * refuses, focus goes to the first field it marked, so keyboard and screen-reader users land on it.
 * What was typed counts as unsaved (leaving the page asks first) until the change succeeds, not
 * merely until it is sent: a refused save keeps guarding the words.
 */
export function CheckedForm({
  checks,
  check,
  send,
  change,
  focusOnRefusal = true,
  className = 'form',
  children,
  ...labelling
}: {
  checks: FieldChecks;
  /** The form's own checks: what needs fixing, by field (empty when nothing does). */
  check: () => FieldErrors;
  send: () => void;
  /** The change the form sends: its refusal is cleared on submit. */
  change: { reset: () => void; error: unknown; isSuccess: boolean };
  /** False when the refusal is shown elsewhere (in a question the form opened). */
  focusOnRefusal?: boolean;
  className?: string;
  children: React.ReactNode;
  'aria-labelledby'?: string;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const refused = change.error !== null && change.error !== undefined;
  useEffect(() => {
    if (refused && focusOnRefusal) focusFirstInvalid(formRef.current);
  }, [refused, focusOnRefusal]);
  useEffect(() => {
    if (change.isSuccess) wordsSaved(formRef.current);
  }, [change.isSuccess]);
  return (
    <Form
      ref={formRef}
      className={className}
      validationBehavior="aria"
      {...{ [SAVED_WHEN_SAVE_SUCCEEDS]: '' }}
      {...labelling}
      onSubmit={(event) => {
        event.preventDefault();
        change.reset();
        if (checks.passes(check(), formRef.current)) send();
      }}
    >
      {children}
    </Form>
  );
}

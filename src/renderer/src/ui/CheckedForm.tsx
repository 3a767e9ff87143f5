import { useEffect, useRef } from 'react';
import { Form } from 'react-aria-components';
import { focusFirstInvalid, type FieldErrors } from './formSupport';
import type { FieldChecks } from './useFieldChecks';

/**
 * A form that checks what the person can fix before anything is sent, shared by every form that
 * saves through a change: on submit the last refusal is cleared, the form's own checks run (focus
 * goes to the first field that needs fixing), and only then is `send` called. When the server
 * refuses, focus goes to the first field it marked, so keyboard and screen-reader users land on it.
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
  change: { reset: () => void; error: unknown };
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
  return (
    <Form
      ref={formRef}
      className={className}
      validationBehavior="aria"
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

import { useRef } from 'react';
import { Button } from './Button';
import type { ShownRecord } from './useShownRecord';

/**
 * Under a refusal because the record was changed elsewhere (useShownRecord; the refusal names what
 * changed): says that what was typed is still in the form, and offers the choice between the user's
 * words (saved over that change when they save again) and the saved details (to make their changes
 * again on them).
 */
export function OutOfDateChoice({
  shown,
}: {
  shown: Pick<ShownRecord<unknown>, 'outOfDate' | 'keptMine' | 'keepMine' | 'showSaved'>;
}) {
  const choice = useRef<HTMLDivElement>(null);
  if (!shown.outOfDate)
    return shown.keptMine ? (
      <p className="out-of-date-choice" role="status">
        Your words are kept. Save them to replace the details that were changed elsewhere.
      </p>
    ) : null;
  const keepMine = () => {
    // The choice goes away: focus goes on to the form's save button, the next step.
    choice.current?.closest('form')?.querySelector<HTMLElement>('button[type="submit"]')?.focus();
    shown.keepMine();
  };
  return (
    <div className="out-of-date-choice" ref={choice}>
      <p>
        What you typed is still in the form. Use your words to save them in place of that change, or show the
        saved details and make your changes again on them.
      </p>
      <div className="form-actions">
        <Button onPress={keepMine}>Use my words</Button>
        <Button onPress={shown.showSaved}>Show the saved details</Button>
      </div>
    </div>
  );
}

import { Button } from './Button';
import type { ShownRecord } from './useShownRecord';

/**
 * Under a refusal because the record was changed elsewhere (useShownRecord): says that what was
 * typed is still in the form, and offers to show what is saved now, to make the changes again on it.
 */
export function OutOfDateChoice({ shown }: { shown: Pick<ShownRecord<unknown>, 'outOfDate' | 'showSaved'> }) {
  if (!shown.outOfDate) return null;
  return (
    <div className="out-of-date-choice">
      <p>
        What you typed is still in the form, so you can copy anything you want to keep. Then show the saved
        details and make your changes again on them.
      </p>
      <Button onPress={shown.showSaved}>Show the saved details</Button>
    </div>
  );
}

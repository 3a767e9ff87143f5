import { Button } from './Button';
import { ErrorNotice, StatusNotice } from './feedback';
import { OutOfDateChoice } from './OutOfDateChoice';
import type { ShownRecord } from './useShownRecord';

/**
 * The end of a form that saves a whole record (useRecordSave): why it was not saved, the choice
 * after it was changed elsewhere, that it was saved (`savedMessage`, null when nothing to say), and
 * its save button.
 */
export function RecordFormEnd({
  refusal,
  shown,
  savedMessage,
  isPending,
  submitLabel,
}: {
  refusal: { title: string; message: string } | null;
  shown?: ShownRecord<unknown> | undefined;
  savedMessage: string | null;
  isPending: boolean;
  submitLabel: string;
}) {
  return (
    <>
      {refusal && <ErrorNotice title={refusal.title} message={refusal.message} />}
      {shown && <OutOfDateChoice shown={shown} />}
      {savedMessage && !isPending && !refusal && <StatusNotice tone="success">{savedMessage}</StatusNotice>}
      <Button type="submit" variant="primary" isPending={isPending} pendingLabel="Saving…">
        {submitLabel}
      </Button>
    </>
  );
}

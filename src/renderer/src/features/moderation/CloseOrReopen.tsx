import { useState } from 'react';
import { errorDetails } from '../../app/client-context';
import { useChange } from '../../app/operations';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { StatusNotice } from '../../ui/feedback';
import { TextField } from '../../ui/fields';
import { showModerationView } from './moderationView';

/** The lead's way out of moderation (close, locking the agreed scores) and back in (reopen, with a reason). */
export function CloseOrReopen({
  caseId,
  open,
  agreedCount,
  total,
}: {
  caseId: string;
  open: boolean;
  agreedCount: number;
  total: number;
}) {
  const [done, setDone] = useState<string | null>(null);
  return (
    <section className="moderation-finish" aria-labelledby="finish-heading">
      <h2 id="finish-heading">{open ? 'Close moderation' : 'Reopen moderation'}</h2>
      {done && <StatusNotice tone="success">{done}</StatusNotice>}
      {open ? (
        <CloseModeration caseId={caseId} remaining={total - agreedCount} onClosed={setDone} />
      ) : (
        <ReopenModeration caseId={caseId} onReopened={setDone} />
      )}
    </section>
  );
}

/** A refusal shown in a question, with its title and any details. */
function refusal(title: string, error: Error | null) {
  return error ? { title, message: error.message, details: errorDetails(error) } : null;
}

function CloseModeration({
  caseId,
  remaining,
  onClosed,
}: {
  caseId: string;
  remaining: number;
  onClosed: (message: string) => void;
}) {
  const [asking, setAsking] = useState(false);
  const close = useChange('moderation.close', {
    writeReads: showModerationView(caseId),
    onSuccess: () => {
      setAsking(false);
      onClosed(
        'Moderation is closed. The agreed scores are locked, and the panel can go on to the decision.',
      );
    },
  });
  const stillToAgree = `${remaining} ${remaining === 1 ? 'criterion has' : 'criteria have'} no agreed score yet.`;
  return (
    <>
      <p>
        When the panel has agreed a score for every criterion, close moderation. This locks the agreed scores
        so the panel can decide the level. {remaining > 0 ? stillToAgree : ''}
      </p>
      <Button
        variant="primary"
        onPress={() => {
          close.reset();
          setAsking(true);
        }}
      >
        Close moderation
      </Button>
      <ConfirmDialog
        isOpen={asking}
        onOpenChange={(isOpen) => {
          if (!isOpen && !close.isPending) setAsking(false);
        }}
        title="Close moderation?"
        confirmLabel="Yes, close moderation"
        onConfirm={() => close.mutate({ caseId })}
        isPending={close.isPending}
        pendingLabel="Closing moderation…"
        error={refusal('Moderation was not closed', close.error)}
      >
        <p>
          The agreed scores will be locked and the panel can go on to the decision. You can reopen moderation
          later, with a reason.
        </p>
        {remaining > 0 && (
          <p>
            <strong>{stillToAgree}</strong>
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}

function ReopenModeration({ caseId, onReopened }: { caseId: string; onReopened: (message: string) => void }) {
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  const reopen = useChange('moderation.reopen', {
    writeReads: showModerationView(caseId),
    onSuccess: () => {
      setAsking(false);
      setReason('');
      onReopened('Moderation is open again. The reason is kept in the history.');
    },
  });
  return (
    <>
      <p>If something needs to change, reopen moderation and say why. The reason is kept in the history.</p>
      <Button
        onPress={() => {
          reopen.reset();
          setReasonError(undefined);
          setAsking(true);
        }}
      >
        Reopen moderation
      </Button>
      <ConfirmDialog
        role="dialog"
        isOpen={asking}
        onOpenChange={(isOpen) => {
          if (!isOpen && !reopen.isPending) setAsking(false);
        }}
        title="Reopen moderation"
        confirmLabel="Reopen moderation"
        onConfirm={() => {
          if (reason.trim() === '') {
            setReasonError('Give a reason for reopening moderation.');
            return;
          }
          reopen.mutate({ caseId, reason });
        }}
        isPending={reopen.isPending}
        pendingLabel="Reopening…"
        error={refusal('Moderation was not reopened', reopen.error)}
      >
        <p>The agreed scores can then be changed again. Everyone’s original scores stay as they are.</p>
        <TextField
          label="Reason for reopening"
          description="For example: the panel found evidence it had missed for S2.3."
          isRequired
          autoFocus
          multiline
          rows={3}
          value={reason}
          onChange={(value) => {
            setReason(value);
            setReasonError(undefined);
          }}
          errorMessage={reasonError}
        />
      </ConfirmDialog>
    </>
  );
}

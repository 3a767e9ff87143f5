import { useState } from 'react';
import { reason as reasonField, textLimit, type PinResetRequest } from '../../../../shared/api';
import { useChange, useRead } from '../../app/operations';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { TextField } from '../../ui/fields';
import { timeOfDay } from './roomWords';

/** How often the lead's screen asks whether a member is asking for a new PIN. */
const ASK_EVERY_MS = 2_000;

type Decision = 'confirm' | 'refuse';

/**
 * Members who forgot their PIN and asked, from their own device, to choose a new one: the lead
 * confirms (the member then chooses it there, and the lead never learns it) or refuses, with a reason.
 */
export function PinResetRequests({ caseId }: { caseId: string }) {
  const requests = useRead('panel.pinResetRequests', { caseId }, { refreshEvery: () => ASK_EVERY_MS });
  const [deciding, setDeciding] = useState<{ request: PinResetRequest; decision: Decision } | null>(null);
  if (!requests.data || requests.data.length === 0) return null;
  return (
    <section aria-labelledby="room-pin-resets-heading" className="room-pin-resets">
      <h2 id="room-pin-resets-heading">Forgotten PINs</h2>
      <ul>
        {requests.data.map((request) => (
          <li key={request.id}>
            <p>
              <strong>{request.memberName}</strong> asks to reset their PIN from their {request.deviceKind}{' '}
              (asked at {timeOfDay(request.requestedAt)}). Check it is them before you confirm: they then
              choose a new PIN on that {request.deviceKind}, and you will not see it.
            </p>
            <div className="page-actions">
              <Button variant="primary" onPress={() => setDeciding({ request, decision: 'confirm' })}>
                Confirm for {request.memberName}
              </Button>
              <Button onPress={() => setDeciding({ request, decision: 'refuse' })}>
                Refuse for {request.memberName}
              </Button>
            </div>
          </li>
        ))}
      </ul>
      {deciding && (
        <DecidePinReset
          caseId={caseId}
          request={deciding.request}
          decision={deciding.decision}
          onDone={() => setDeciding(null)}
        />
      )}
    </section>
  );
}

/** The question before the lead's answer, with the reason it needs (kept in the case file's audit log). */
function DecidePinReset({
  caseId,
  request,
  decision,
  onDone,
}: {
  caseId: string;
  request: PinResetRequest;
  decision: Decision;
  onDone: () => void;
}) {
  const [reason, setReason] = useState('');
  const decide = useChange('panel.decidePinReset', { onSuccess: onDone });
  const confirming = decision === 'confirm';
  return (
    <ConfirmDialog
      isOpen
      role="dialog"
      onOpenChange={(open) => {
        if (!open) onDone();
      }}
      title={
        confirming ? `Let ${request.memberName} choose a new PIN?` : `Refuse ${request.memberName}’s request?`
      }
      confirmLabel={confirming ? 'Confirm' : 'Refuse'}
      pendingLabel={confirming ? 'Confirming…' : 'Refusing…'}
      variant={confirming ? 'primary' : 'danger'}
      isPending={decide.isPending}
      error={decide.error?.message}
      onConfirm={() => decide.mutate({ caseId, requestId: request.id, decision, reason })}
    >
      <p>
        {confirming
          ? `${request.memberName} will choose a new PIN on their ${request.deviceKind}, within 10 minutes. Their saved scores stay sealed and theirs. The whole panel will see this reset and your reason.`
          : `${request.memberName} will be told you said no, with your reason.`}
      </p>
      <TextField
        label="Reason"
        isRequired
        autoFocus
        maxLength={textLimit(reasonField)}
        value={reason}
        onChange={setReason}
      />
    </ConfirmDialog>
  );
}

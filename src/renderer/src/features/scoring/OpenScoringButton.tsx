import { useState } from 'react';
import { reason as reasonField, textLimit } from '../../../../shared/api';
import type { Change } from '../../app/operations';
import { ActionButton } from '../../ui/ActionButton';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/fields';
import { useUnsavedWords } from '../../ui/leaveWarning';

/**
 * The lead's "Open scoring", with the server's plain reason above it when scoring cannot open yet.
 * When the scheme's training policy is to warn and a member is untrained or overdue, the server
 * asks for the lead's reason (TRAINING_REASON_REQUIRED): it is asked for here and sent with the
 * opening, which records it.
 */
export function OpenScoringButton({
  caseId,
  opening,
  onPress,
}: {
  caseId: string;
  opening: Change<'scoring.open'>;
  onPress?: () => void;
}) {
  const [trainingReason, setTrainingReason] = useState('');
  useUnsavedWords(trainingReason.trim() !== '' && !opening.isSuccess);
  const asked = opening.error?.code === 'TRAINING_REASON_REQUIRED' || trainingReason !== '';
  return (
    <>
      <ActionButton
        label="Open scoring"
        pendingLabel="Opening scoring…"
        failedTitle="Scoring did not open"
        isPending={opening.isPending}
        error={opening.error}
        onPress={() => {
          onPress?.();
          opening.mutate({ caseId });
        }}
      />
      {asked && (
        <div className="card">
          <TextField
            label="Why the panel goes ahead"
            description="Recorded with the opening of scoring, for the scheme office."
            isRequired
            multiline
            maxLength={textLimit(reasonField)}
            value={trainingReason}
            onChange={setTrainingReason}
          />
          <Button
            variant="primary"
            isDisabled={trainingReason.trim() === ''}
            isPending={opening.isPending}
            onPress={() => {
              onPress?.();
              opening.mutate({ caseId, trainingReason });
            }}
          >
            Open scoring with this reason
          </Button>
        </div>
      )}
    </>
  );
}

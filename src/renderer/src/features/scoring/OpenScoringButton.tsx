import type { Change } from '../../app/operations';
import { ActionButton } from '../../ui/ActionButton';

/** The lead's "Open scoring", with the server's plain reason above it when scoring cannot open yet. */
export function OpenScoringButton({
  caseId,
  opening,
  onPress,
}: {
  caseId: string;
  opening: Change<'scoring.open'>;
  onPress?: () => void;
}) {
  return (
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
  );
}

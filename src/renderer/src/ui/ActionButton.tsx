import { errorDetails } from '../app/client-context';
import { Button } from './Button';
import { ErrorNotice } from './feedback';

/**
 * The main action of a stage ("Open scoring", "Open moderation"), with the server's plain reason
 * shown above it when the action is refused.
 */
export function ActionButton(props: {
  label: string;
  pendingLabel: string;
  failedTitle: string;
  isPending: boolean;
  error: Error | null;
  onPress: () => void;
}) {
  return (
    <>
      {props.error && (
        <ErrorNotice
          title={props.failedTitle}
          message={props.error.message}
          details={errorDetails(props.error)}
        />
      )}
      <Button
        variant="primary"
        onPress={props.onPress}
        isPending={props.isPending}
        pendingLabel={props.pendingLabel}
      >
        {props.label}
      </Button>
    </>
  );
}

import { useRead, type Read } from '../../app/operations';
import { Button } from '../../ui/Button';
import { ReadGate, type ReadGateProps } from '../../ui/ReadGate';

/**
 * The scheme office's read screens (the register, Due soon, the directory) behind the one gate:
 * loading, then either the failure alone or the answer. A screen never shows an empty answer
 * ("nothing is overdue") under a failure. When the failure is that no scheme file is open (closed
 * in another window or tab), the way back to opening one is offered under it.
 */
export function SchemeReadGate<const R extends readonly Read<unknown>[]>(props: ReadGateProps<R>) {
  const closed = props.reads.some((read) => read.error?.code === 'SCHEME_FILE_NOT_OPEN');
  return <ReadGate {...props} afterFailure={closed ? <BackToSchemeFileDoor /> : props.afterFailure} />;
}

/** Asks again which scheme file is open, so the Scheme office shows its door (open or create one). */
function BackToSchemeFileDoor() {
  const state = useRead('scheme.state', {});
  return (
    <p>
      <Button onPress={() => void state.refetch()} isPending={state.isFetching}>
        Open a scheme file
      </Button>
    </p>
  );
}

import { useState, type ReactNode } from 'react';
import type { InputOf, OutputOf } from '../../../shared/api';
import type { ApiCallError } from '../app/client-context';
import { useChange, type ChangeName } from '../app/operations';
import { ConfirmDialog } from './ConfirmDialog';

/** Asking "Remove …?" about one thing at a time, and removing it when the answer is yes. */
export interface Removal<T> {
  /** The thing asked about (kept while the question closes, so its words do not vanish). */
  item: T | null;
  isAsking: boolean;
  ask(item: T): void;
  close(): void;
  remove: { mutate: (item: T) => void; isPending: boolean; error: ApiCallError | null };
}

/**
 * The removal change and the question before it, wired once: asking clears any earlier refusal;
 * once the removal succeeds (and the reads are refreshed) the question closes and `onRemoved` runs,
 * so a screen can say what happened and move focus in the same render.
 */
export function useRemoval<N extends ChangeName, T>(
  name: N,
  options: { input: (item: T) => InputOf<N>; onRemoved?: (item: T, value: OutputOf<N>) => void },
): Removal<T> {
  const [item, setItem] = useState<T | null>(null);
  const [isAsking, setAsking] = useState(false);
  const remove = useChange(name, {
    prepare: options.input,
    onSuccess: (value, removed) => {
      setAsking(false);
      options.onRemoved?.(removed, value);
    },
  });
  return {
    item,
    isAsking,
    ask: (next) => {
      remove.reset();
      setItem(() => next);
      setAsking(true);
    },
    close: () => setAsking(false),
    remove: { mutate: (removed) => remove.mutate(removed), isPending: remove.isPending, error: remove.error },
  };
}

/** The "Remove …?" question: a danger button to confirm, "Go back" to leave it; the server's reason if refused. */
export function RemoveDialog<T>({
  removal,
  title,
  confirmLabel,
  pendingLabel,
  children,
}: {
  removal: Removal<T>;
  title: string;
  confirmLabel: string;
  pendingLabel: string;
  /** What will be removed, in words. */
  children: (item: T) => ReactNode;
}) {
  const { item, remove } = removal;
  return (
    <ConfirmDialog
      isOpen={removal.isAsking}
      onOpenChange={(open) => {
        if (!open) removal.close();
      }}
      title={title}
      confirmLabel={confirmLabel}
      pendingLabel={pendingLabel}
      variant="danger"
      isPending={remove.isPending}
      error={remove.error?.message}
      onConfirm={() => item !== null && remove.mutate(item)}
    >
      {item !== null && children(item)}
    </ConfirmDialog>
  );
}

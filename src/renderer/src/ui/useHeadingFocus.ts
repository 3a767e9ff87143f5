import { useEffect, useRef } from 'react';

/**
 * The heading of something shown one at a time (a criterion being scored or discussed): when the
 * person moves to another one, focus goes to its heading once it is drawn, so screen-reader users
 * hear where they are and keyboard users carry on from the top of it.
 */
export function useHeadingFocus(shown: unknown) {
  const ref = useRef<HTMLHeadingElement>(null);
  const pending = useRef(false);
  useEffect(() => {
    if (pending.current) {
      pending.current = false;
      ref.current?.focus();
    }
  }, [shown]);
  return {
    ref,
    /** Focus the heading after the next change of what is shown. */
    focusAfterChange: () => {
      pending.current = true;
    },
    focusNow: () => ref.current?.focus(),
  };
}

import { useEffect, useRef } from 'react';

/**
 * Focus that moves to an element once what is shown changes. Used where the control a person
 * pressed is gone afterwards (a question's "Withdraw…" button after the certificate is withdrawn,
 * "Record as met…" once it is met): focus would otherwise fall back to the page's top (`<body>`),
 * so it goes to what now says what happened (give that element `tabIndex={-1}`).
 */
export function useFocusAfterChange<E extends HTMLElement>(shown: unknown) {
  const ref = useRef<E>(null);
  const pending = useRef(false);
  useEffect(() => {
    if (pending.current) {
      pending.current = false;
      ref.current?.focus();
    }
  }, [shown]);
  return {
    ref,
    /** Focus the element after the next change of what is shown. */
    focusAfterChange: () => {
      pending.current = true;
    },
    focusNow: () => ref.current?.focus(),
  };
}

/**
 * The heading of something shown one at a time (a criterion being scored or discussed): when the
 * person moves to another one, focus goes to its heading once it is drawn, so screen-reader users
 * hear where they are and keyboard users carry on from the top of it.
 */
export function useHeadingFocus(shown: unknown) {
  return useFocusAfterChange<HTMLHeadingElement>(shown);
}

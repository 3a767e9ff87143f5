import { useQueryClient, type Query, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

/**
 * Keeps the scheme office's screens showing what the scheme file holds now, when another tab or
 * window changes it (tabs of one browser share the one open scheme file): its reads are asked again
 * when the page is looked at again, when another tab showing the scheme office saved a change, and
 * after a change of this page's was refused (a stale form, a person already in the directory: the
 * reason is often something this page did not show yet).
 */

const SCHEME_CHANNEL = 'copanel.scheme-changed';

/** A read of the scheme office: not one of a case (those name their case), and one that can change. */
function isSchemeRead(query: Query): boolean {
  const input = query.queryKey[1];
  const namesCase = typeof input === 'object' && input !== null && 'caseId' in input;
  return !namesCase && query.meta?.unchanging !== true;
}

function askSchemeReadsAgain(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ predicate: isSchemeRead, refetchType: 'active' });
}

function schemeChannel(): BroadcastChannel | null {
  return typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(SCHEME_CHANNEL);
}

/** Mounted by the scheme office screen while it is shown. */
export function useSchemeFollowsOtherTabs(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const askAgain = () => askSchemeReadsAgain(queryClient);
    const whenShown = () => {
      if (document.visibilityState === 'visible') askAgain();
    };
    const channel = schemeChannel();
    channel?.addEventListener('message', askAgain);
    window.addEventListener('focus', askAgain);
    document.addEventListener('visibilitychange', whenShown);
    const stopWatchingChanges = queryClient.getMutationCache().subscribe((event) => {
      if (event.type !== 'updated' || event.action.type === 'pending') return;
      if (event.action.type === 'success') channel?.postMessage('changed');
      if (event.action.type === 'error') askAgain();
    });
    return () => {
      stopWatchingChanges();
      channel?.close();
      window.removeEventListener('focus', askAgain);
      document.removeEventListener('visibilitychange', whenShown);
    };
  }, [queryClient]);
}

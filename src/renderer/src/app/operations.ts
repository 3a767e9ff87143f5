import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type Query,
  type QueryClient,
  type QueryKey,
  type UseMutationResult,
  type UseQueryResult,
} from '@tanstack/react-query';
import { useCallback } from 'react';
import {
  type Contract,
  type InputOf,
  type OperationName,
  type OutputOf,
  type Result,
} from '../../../shared/api';
import { asShownMember } from '../client';

export { asShownMember, shownMemberIn, type SentToCase } from '../client';
import { ApiCallError, useConnectedClient } from './client-context';
import { askWhoIsSignedIn, memberShownFor, tellOtherTabs } from './session';

/**
 * The renderer's two ways to use the API, chosen by each operation's `effect` in the contract:
 * `useRead` for an operation that only reads (a cached query), `useChange` for one that changes
 * something (after which the reads it can have affected are asked again). Calling a 'read'
 * through `useChange`, or a 'change' through `useRead`, does not typecheck. Every error a screen
 * meets is an `ApiCallError`: a stable `code` and a plain-English `message`.
 */

/** The operations that only read. */
export type ReadName = {
  [N in OperationName]: Contract[N]['effect'] extends 'read' ? N : never;
}[OperationName];
/** The operations that change something. */
export type ChangeName = {
  [N in OperationName]: Contract[N]['effect'] extends 'change' ? N : never;
}[OperationName];

/** A read as a screen sees it. */
export type Read<T> = UseQueryResult<T, ApiCallError>;
/** A change as a screen sees it: `mutate(args)` runs it; `error` is typed. */
export type Change<N extends OperationName, A = InputOf<N>> = UseMutationResult<OutputOf<N>, ApiCallError, A>;

/** Anything thrown on the way (the transport, a check before sending) as the one error type. */
export function asApiCallError(error: unknown): ApiCallError {
  if (error instanceof ApiCallError) return error;
  return new ApiCallError({
    code: 'INTERNAL',
    message: error instanceof Error ? error.message : 'Something went wrong. Try again.',
  });
}

type Call = <N extends OperationName>(name: N, input: InputOf<N>) => Promise<OutputOf<N>>;

function useCall(): Call {
  const { client } = useConnectedClient();
  return useCallback<Call>(async (name, input) => unwrap(await client.call(name, input)), [client]);
}

/** Refused because someone else is signed in now: the page asks who, and shows them. */
function whenSignedInElsewhere(queryClient: QueryClient, input: unknown, error: ApiCallError): void {
  const caseId = caseIdOf(input);
  if (error.code === 'SIGNED_IN_ELSEWHERE' && caseId !== null)
    void askWhoIsSignedIn(queryClient, { caseId, refusal: error.message });
}

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new ApiCallError(result.error);
  return result.value;
}

// ---- reads ----------------------------------------------------------------------------------

/**
 * A read's cache key: the operation's name and its input, so two screens asking the same thing
 * share one answer. `asMember` is added for answers that differ by who is signed in.
 */
function readKey<N extends ReadName>(name: N, input: InputOf<N>, asMember?: string): QueryKey {
  return asMember === undefined ? [name, input] : [name, input, { asMember }];
}

export interface ReadOptions<T = unknown> {
  /** False while the read cannot be answered yet (e.g. before scoring opens); nothing is asked. */
  enabled?: boolean;
  /**
   * The member the answer belongs to, for answers that differ by who is signed in (your own score
   * sheet): after a hand-over, one member's cached answer is never shown to the next, and the app
   * refuses to answer with someone else's while this page shows this member.
   */
  asMember?: string;
  /** The answer can never change (the standard a case is pinned to): read once, never refreshed. */
  unchanging?: boolean;
  /**
   * While a new input is asked (the next page, another search), keep showing the last answer
   * instead of "Loading…", so the controls a person just used stay where they are.
   */
  keepPreviousWhileAsking?: boolean;
  /**
   * Ask again every so many milliseconds while the answer says there is more to come (a check
   * running in the background): the smallest progress channel, a read the page polls.
   */
  refreshEvery?: (answer: T | undefined) => number | false;
}

/** Asks a read-only operation, cached by its name and input. */
export function useRead<N extends ReadName>(
  name: N,
  input: InputOf<N>,
  options: ReadOptions<OutputOf<N>> = {},
): Read<OutputOf<N>> {
  const call = useCall();
  const queryClient = useQueryClient();
  return useQuery<OutputOf<N>, ApiCallError>({
    queryKey: readKey(name, input, options.asMember),
    queryFn: () =>
      call(name, asShownMember(input, options.asMember)).catch((error: unknown) => {
        const refused = asApiCallError(error);
        whenSignedInElsewhere(queryClient, input, refused);
        return Promise.reject(refused);
      }),
    enabled: options.enabled ?? true,
    ...(options.unchanging ? { staleTime: Infinity, meta: { unchanging: true } } : {}),
    ...(options.keepPreviousWhileAsking ? { placeholderData: keepPreviousData } : {}),
    ...(options.refreshEvery
      ? { refetchInterval: (query) => options.refreshEvery?.(query.state.data) ?? false }
      : {}),
  });
}

/**
 * Asks a read-only operation when the person presses something (download a PDF, check a
 * certificate), rather than caching it for a screen. Shaped like a change, refreshes nothing.
 */
export function useReadOnDemand<N extends ReadName>(
  name: N,
  options?: OperationOptions<N, InputOf<N>>,
): Change<N, InputOf<N>>;
export function useReadOnDemand<N extends ReadName, A>(
  name: N,
  options: OperationOptions<N, A> & { prepare: (args: A) => InputOf<N> | Promise<InputOf<N>> },
): Change<N, A>;
export function useReadOnDemand<N extends ReadName, A>(
  name: N,
  options: OperationOptions<N, A> = {},
): Change<N, A> {
  const call = useCall();
  return useMutation<OutputOf<N>, ApiCallError, A>({
    mutationFn: async (args) => {
      try {
        return await call(name, await prepared(options, args));
      } catch (error) {
        throw asApiCallError(error);
      }
    },
    ...callbacks(options),
  });
}

// ---- changes --------------------------------------------------------------------------------

/** The reads in the cache, for a change that writes its own answer into them. */
export interface ReadCache {
  set<N extends ReadName>(name: N, input: InputOf<N>, value: OutputOf<N>, asMember?: string): void;
  /** Changes a cached answer, if there is one. */
  update<N extends ReadName>(
    name: N,
    input: InputOf<N>,
    change: (value: OutputOf<N>) => OutputOf<N>,
    asMember?: string,
  ): void;
}

interface OperationOptions<N extends OperationName, A> {
  /**
   * Builds the operation's input from what the screen passes to `mutate` (an item, a chosen file),
   * checking it first; what it throws is shown like the server's own refusal.
   */
  prepare?: (args: A) => InputOf<N> | Promise<InputOf<N>>;
  onSuccess?: (value: OutputOf<N>, args: A) => unknown;
  onError?: (error: ApiCallError, args: A) => unknown;
  onSettled?: () => unknown;
}

export interface ChangeOptions<N extends ChangeName, A> extends OperationOptions<N, A> {
  /**
   * Sends the change another way than a plain call (a file streamed into the case file in browser
   * mode). It is still this operation, and its reads are refreshed the same way.
   */
  send?: (input: InputOf<N>, args: A) => Promise<Result<OutputOf<N>>>;
  /**
   * The member the change is made for (the score sheet's owner), named to the app so that it is
   * refused if someone else is signed in now. Without it, the member the page shows as signed in
   * to the case (its `case.get`) is named, if any.
   */
  asMember?: string;
  /** Writes the change's own answer into cached reads at once (the sheet after a save, a case just opened). */
  writeReads?: (reads: ReadCache, value: OutputOf<N>, input: InputOf<N>) => void;
  /**
   * What then happens to the reads the change can have affected: asked again now ('refresh', the
   * default); only marked out of date, to be asked again when next shown ('mark', when `writeReads`
   * already put the answer on screen, as autosave does); or dropped ('forget', the case is closed).
   */
  affectedReads?: 'refresh' | 'mark' | 'forget';
}

/**
 * Runs an operation that changes something. Once it succeeds (and only then), the reads it can
 * have affected are asked again before `onSuccess` runs, so a screen's next render shows the change.
 *
 * Which reads: a change whose input names a case (`caseId`) refreshes the reads of that case, and
 * only those. Everything a case operation changes lives in that case's file, and every read of a
 * case names it, so this is exact; reads of another open case or of the app's own settings
 * (identities, recent files) cannot have changed. A change that names no case (opening or creating
 * a case file, settings, identities) may touch any read, so it refreshes them all. Refreshing
 * asks again only for reads a screen is showing; the rest are marked out of date and asked when
 * next shown, so a broad refresh stays cheap.
 */
export function useChange<N extends ChangeName>(
  name: N,
  options?: ChangeOptions<N, InputOf<N>>,
): Change<N, InputOf<N>>;
export function useChange<N extends ChangeName, A>(
  name: N,
  options: ChangeOptions<N, A> & { prepare: (args: A) => InputOf<N> | Promise<InputOf<N>> },
): Change<N, A>;
export function useChange<N extends ChangeName, A>(name: N, options: ChangeOptions<N, A> = {}): Change<N, A> {
  const call = useCall();
  const queryClient = useQueryClient();
  return useMutation<OutputOf<N>, ApiCallError, A>({
    mutationFn: async (args) => {
      const input = await prepared(options, args).catch((error: unknown) => {
        throw asApiCallError(error);
      });
      const caseId = caseIdOf(input);
      const sent = asShownMember(
        input,
        options.asMember ?? (caseId === null ? undefined : memberShownFor(queryClient, caseId)),
      );
      try {
        const value = options.send ? unwrap(await options.send(sent, args)) : await call(name, sent);
        options.writeReads?.(readCache(queryClient), value, input);
        tellOtherTabs(name);
        await settleAffectedReads(queryClient, input, options.affectedReads ?? 'refresh');
        return value;
      } catch (error) {
        const refused = asApiCallError(error);
        whenSignedInElsewhere(queryClient, input, refused);
        // Refused because what the form started from was changed elsewhere: show what is saved now.
        if (refused.code === 'CHANGED_ELSEWHERE') await settleAffectedReads(queryClient, input, 'refresh');
        throw refused;
      }
    },
    ...callbacks(options),
  });
}

async function prepared<N extends OperationName, A>(
  options: OperationOptions<N, A>,
  args: A,
): Promise<InputOf<N>> {
  // Without `prepare`, the overloads make `args` the operation's input itself.
  return options.prepare ? options.prepare(args) : (args as unknown as InputOf<N>);
}

function callbacks<N extends OperationName, A>(options: OperationOptions<N, A>) {
  return {
    ...(options.onSuccess && {
      onSuccess: (value: OutputOf<N>, args: A) => options.onSuccess?.(value, args),
    }),
    ...(options.onError && { onError: (error: ApiCallError, args: A) => options.onError?.(error, args) }),
    ...(options.onSettled && { onSettled: () => options.onSettled?.() }),
  };
}

function caseIdOf(input: unknown): string | null {
  if (typeof input !== 'object' || input === null || !('caseId' in input)) return null;
  return typeof input.caseId === 'string' ? input.caseId : null;
}

/** The reads a change with this input can have affected (see `useChange`). */
function affectedBy(input: unknown): (query: Query) => boolean {
  const caseId = caseIdOf(input);
  return (query) => caseId === null || caseIdOf(query.queryKey[1]) === caseId;
}

function settleAffectedReads(
  queryClient: QueryClient,
  input: unknown,
  afterwards: 'refresh' | 'mark' | 'forget',
): Promise<void> {
  const affected = affectedBy(input);
  if (afterwards === 'forget') {
    queryClient.removeQueries({ predicate: affected });
    return Promise.resolve();
  }
  return queryClient.invalidateQueries({
    predicate: (query) => affected(query) && query.meta?.unchanging !== true,
    refetchType: afterwards === 'mark' ? 'none' : 'active',
  });
}

function readCache(queryClient: QueryClient): ReadCache {
  return {
    set: (name, input, value, asMember) => queryClient.setQueryData(readKey(name, input, asMember), value),
    update: (name, input, change, asMember) =>
      queryClient.setQueryData<OutputOf<typeof name>>(readKey(name, input, asMember), (value) =>
        value === undefined ? undefined : change(value),
      ),
  };
}

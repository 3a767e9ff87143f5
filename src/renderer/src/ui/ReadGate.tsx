import type { ReactNode } from 'react';
import type { Read } from '../app/operations';
import { ErrorNotice } from './feedback';
import { Page } from './Page';

type Answers<R extends readonly Read<unknown>[]> = {
  [K in keyof R]: R[K] extends Read<infer T> ? T : never;
};

export interface ReadGateProps<R extends readonly Read<unknown>[]> {
  reads: R;
  /** What is being loaded, as a sentence: "Loading the panel…" (nothing is shown without it). */
  loading?: string;
  /** The failure's title: "The panel could not be shown". */
  failedTitle?: string;
  page?: string;
  /** Shown under the failure, e.g. a way back. */
  afterFailure?: ReactNode;
  children: (...answers: Answers<R>) => ReactNode;
}

/**
 * The one gate for a screen (or part of one) that needs reads answered first: the first failure in
 * plain words, otherwise "Loading…" (read out politely) while any is still being asked, otherwise
 * the content, given the answers in the order of `reads`. With `page`, the message stands under
 * that page's heading, so the heading is there (and takes focus) from the start.
 */
export function ReadGate<const R extends readonly Read<unknown>[]>({
  reads,
  loading,
  failedTitle,
  page,
  afterFailure,
  children,
}: ReadGateProps<R>) {
  const failed = reads.find((read) => read.isError)?.error;
  const waiting = reads.some((read) => read.isPending);
  if (!failed && !waiting) return <>{children(...(reads.map((read) => read.data) as Answers<R>))}</>;
  const message = failed ? (
    <>
      <ErrorNotice {...(failedTitle ? { title: failedTitle } : {})} message={failed.message} />
      {afterFailure}
    </>
  ) : loading ? (
    <p role="status">{loading}</p>
  ) : null;
  return page ? <Page title={page}>{message}</Page> : message;
}

import { createContext, useContext } from 'react';
import { detailInWords, type ApiError, type ErrorDetail } from '../../../shared/api';
import type { ConnectedClient } from '../client';

const ClientContext = createContext<ConnectedClient | null>(null);
export const ClientProvider = ClientContext.Provider;

export function useConnectedClient(): ConnectedClient {
  const connected = useContext(ClientContext);
  if (!connected) throw new Error('useConnectedClient must be used inside ClientProvider.');
  return connected;
}

/** An API error carried through TanStack Query as a thrown value, keeping its code and plain message. */
export class ApiCallError extends Error {
  readonly code: ApiError['code'];
  readonly details?: ErrorDetail[];
  constructor(error: ApiError) {
    super(error.message);
    this.code = error.code;
    if (error.details) this.details = error.details;
  }
}

/** The per-problem details of a failed call (e.g. every criterion still to score), in words, when it has any. */
export function errorDetails(error: unknown): string[] | undefined {
  return error instanceof ApiCallError ? error.details?.map(detailInWords) : undefined;
}

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type {
  CopanelClient,
  InputOf,
  OperationName,
  OutputOf,
  PanelMember,
  Result,
} from '../../../src/shared/api';
import { ClientProvider } from '../../../src/renderer/src/app/client-context';
import { browserFileTransfers } from '../../../src/renderer/src/client';

export const CASE_A = '6f1c1e1a-0000-4000-8000-00000000000a';
export const CASE_B = '6f1c1e1a-0000-4000-8000-00000000000b';

/** How the fake app answers one operation, given its input and how often it was asked before (for that case). */
export type Answer = (input: Record<string, unknown>, asked: number) => Result<unknown>;

/**
 * The screens' side of the app for renderer tests: a client answering like the app would (each
 * answer may depend on how often it was asked, so a refreshed read visibly shows the new answer),
 * every call recorded, and the providers the screens expect. An operation with no answer is refused.
 */
export function fakeApp(answers: Partial<Record<OperationName, Answer>>) {
  const calls: { name: OperationName; input: Record<string, unknown> }[] = [];
  const client: CopanelClient = {
    call: async <N extends OperationName>(name: N, input: InputOf<N>) => {
      const fields = input as Record<string, unknown>;
      const asked = calls.filter((c) => c.name === name && c.input.caseId === fields.caseId).length;
      calls.push({ name, input: fields });
      const answer = answers[name];
      const result: Result<unknown> = answer
        ? answer(fields, asked)
        : {
            ok: false,
            error: { code: 'UNKNOWN_OPERATION', message: `The fake app does not answer ${name}.` },
          };
      return result as Result<OutputOf<N>>;
    },
  };
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <ClientProvider value={{ client, transport: 'browser', files: browserFileTransfers() }}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </ClientProvider>
  );
  /** How often an operation was asked, optionally for one case. */
  const asked = (name: OperationName, caseId?: string) =>
    calls.filter((c) => c.name === name && (caseId === undefined || c.input.caseId === caseId)).length;
  return { calls, asked, wrapper, queryClient };
}

/** A panel member who has not started scoring. */
export function member(name: string): PanelMember {
  return {
    id: name.toLowerCase(),
    name,
    role: 'assessor',
    consentToBeNamed: true,
    hasPin: true,
    pinToChoose: false,
    conflict: { status: 'not_declared' },
    sheet: {
      status: 'not_started',
      scoredCount: 0,
      criteriaCount: 19,
      exclusionReason: null,
      enteredFromPaper: false,
    },
  };
}

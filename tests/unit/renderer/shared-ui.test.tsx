import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  CopanelClient,
  InputOf,
  OperationName,
  OutputOf,
  PanelMember,
  Result,
} from '../../../src/shared/api';
import { ClientProvider } from '../../../src/renderer/src/app/client-context';
import { useRead } from '../../../src/renderer/src/app/operations';
import { browserFileTransfers } from '../../../src/renderer/src/client/files';
import { ReadGate } from '../../../src/renderer/src/ui/ReadGate';
import { RemoveDialog, useRemoval } from '../../../src/renderer/src/ui/RemoveDialog';

// jsdom has no CSS.escape, which React Aria's modal uses; a plain escape is enough for these tests.
globalThis.CSS ??= { escape: (value: string) => value.replace(/[^\w-]/g, (c) => `\\${c}`) } as typeof CSS;

const CASE = '6f1c1e1a-0000-4000-8000-00000000000a';

const member = (id: string, name: string): PanelMember => ({
  id,
  name,
  role: 'assessor',
  consentToBeNamed: true,
  hasPin: true,
  conflict: { status: 'not_declared' },
  sheet: {
    status: 'not_started',
    scoredCount: 0,
    criteriaCount: 19,
    exclusionReason: null,
    enteredFromPaper: false,
  },
});

/** A small panel kept by a fake app: removing a member takes them off, or is refused when told to. */
function fakePanel(options: { refuseRemoval?: string } = {}) {
  let members = [member('sam', 'Sam'), member('alex', 'Alex')];
  const asked: OperationName[] = [];
  const client: CopanelClient = {
    call: async <N extends OperationName>(name: N, input: InputOf<N>) => {
      asked.push(name);
      const answer = (value: unknown) => ({ ok: true, value }) as Result<OutputOf<N>>;
      if (name === 'panel.list') return answer(members);
      if (name === 'panel.removeMember') {
        if (options.refuseRemoval) {
          return { ok: false, error: { code: 'WRONG_STAGE', message: options.refuseRemoval } } as Result<
            OutputOf<N>
          >;
        }
        const { memberId } = input as InputOf<'panel.removeMember'>;
        members = members.filter((m) => m.id !== memberId);
        return answer({ removed: true });
      }
      return { ok: false, error: { code: 'UNKNOWN_OPERATION', message: `No ${name} here.` } } as Result<
        OutputOf<N>
      >;
    },
  };
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const Wrapper = ({ children }: { children: ReactNode }) => (
    <ClientProvider value={{ client, transport: 'browser', files: browserFileTransfers() }}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </ClientProvider>
  );
  return { Wrapper, asked };
}

/** A screen using both shared pieces: the gate around the panel, and "Remove …?" for each member. */
function PanelList({ onRemoved }: { onRemoved: (name: string) => void }) {
  const panel = useRead('panel.list', { caseId: CASE });
  const removal = useRemoval('panel.removeMember', {
    input: (m: PanelMember) => ({ caseId: CASE, memberId: m.id }),
    onRemoved: (m) => onRemoved(m.name),
  });
  return (
    <>
      <ReadGate reads={[panel]} loading="Loading the panel…" failedTitle="The panel could not be shown">
        {(members) => (
          <ul>
            {members.map((m) => (
              <li key={m.id}>
                {m.name} <button onClick={() => removal.ask(m)}>Remove {m.name}</button>
              </li>
            ))}
          </ul>
        )}
      </ReadGate>
      <RemoveDialog
        removal={removal}
        title="Remove this member?"
        confirmLabel="Yes, remove them"
        pendingLabel="Removing…"
      >
        {(m) => <p>{m.name} will be taken off the panel.</p>}
      </RemoveDialog>
    </>
  );
}

afterEach(cleanup);

describe('the shared "Remove …?" question and the loading gate', () => {
  it('says it is loading, then shows the list; removing asks first, then the list is fresh', async () => {
    const user = userEvent.setup();
    const removed: string[] = [];
    const { Wrapper, asked } = fakePanel();
    render(<PanelList onRemoved={(name) => removed.push(name)} />, { wrapper: Wrapper });
    expect(screen.getByRole('status').textContent).toBe('Loading the panel…');
    await user.click(await screen.findByRole('button', { name: 'Remove Sam' }));

    const question = await screen.findByRole('alertdialog', { name: 'Remove this member?' });
    expect(question.textContent).toContain('Sam will be taken off the panel.');
    expect(asked).not.toContain('panel.removeMember');

    await user.click(screen.getByRole('button', { name: 'Yes, remove them' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(removed).toEqual(['Sam']);
    expect(screen.queryByText(/^Sam/)).toBeNull();
    expect(screen.getByRole('button', { name: 'Remove Alex' })).toBeTruthy();
    expect(asked.filter((name) => name === 'panel.list')).toHaveLength(2);
  });

  it('"Go back" removes nothing; a refusal is said in the question, which stays open', async () => {
    const user = userEvent.setup();
    const { Wrapper, asked } = fakePanel({
      refuseRemoval: 'Scoring has opened: the panel can no longer change.',
    });
    render(<PanelList onRemoved={() => undefined} />, { wrapper: Wrapper });
    await user.click(await screen.findByRole('button', { name: 'Remove Alex' }));
    await user.click(await screen.findByRole('button', { name: 'Go back' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(asked).not.toContain('panel.removeMember');

    await user.click(screen.getByRole('button', { name: 'Remove Alex' }));
    await user.click(await screen.findByRole('button', { name: 'Yes, remove them' }));
    const refusal = await screen.findByRole('alert');
    expect(refusal.textContent).toContain('Scoring has opened: the panel can no longer change.');
    expect(screen.getByRole('alertdialog', { name: 'Remove this member?' })).toBeTruthy();
    expect(asked.filter((name) => name === 'panel.list')).toHaveLength(1);
  });

  it('says in plain words when the reads behind a screen failed', async () => {
    const client: CopanelClient = {
      call: async () => ({
        ok: false,
        error: { code: 'CASE_NOT_OPEN', message: 'That case file is not open.' },
      }),
    };
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <ClientProvider value={{ client, transport: 'browser', files: browserFileTransfers() }}>
        <QueryClientProvider client={queryClient}>
          <PanelList onRemoved={() => undefined} />
        </QueryClientProvider>
      </ClientProvider>,
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The panel could not be shown');
    expect(alert.textContent).toContain('That case file is not open.');
  });
});

import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { PanelMember } from '../../../src/shared/api';
import { useRead } from '../../../src/renderer/src/app/operations';
import { ReadGate } from '../../../src/renderer/src/ui/ReadGate';
import { RemoveDialog, useRemoval } from '../../../src/renderer/src/ui/RemoveDialog';
import { CASE_A, fakeApp, member } from './fake-app';

// jsdom has no CSS.escape, which React Aria's modal uses; a plain escape is enough for these tests.
globalThis.CSS ??= { escape: (value: string) => value.replace(/[^\w-]/g, (c) => `\\${c}`) } as typeof CSS;

/** A small panel kept by the fake app: removing a member takes them off, or is refused when told to. */
function fakePanel(options: { refuseRemoval?: string } = {}) {
  let members = [member('Sam'), member('Alex')];
  return fakeApp({
    'panel.list': () => ({ ok: true, value: members }),
    'panel.removeMember': ({ memberId }) => {
      if (options.refuseRemoval) {
        return { ok: false, error: { code: 'WRONG_STAGE', message: options.refuseRemoval } };
      }
      members = members.filter((m) => m.id !== memberId);
      return { ok: true, value: { removed: true } };
    },
  });
}

/** A screen using both shared pieces: the gate around the panel, and "Remove …?" for each member. */
function PanelList({ onRemoved }: { onRemoved: (name: string) => void }) {
  const panel = useRead('panel.list', { caseId: CASE_A });
  const removal = useRemoval('panel.removeMember', {
    input: (m: PanelMember) => ({ caseId: CASE_A, memberId: m.id }),
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
    const app = fakePanel();
    render(<PanelList onRemoved={(name) => removed.push(name)} />, { wrapper: app.wrapper });
    expect(screen.getByRole('status').textContent).toBe('Loading the panel…');
    await user.click(await screen.findByRole('button', { name: 'Remove Sam' }));

    const question = await screen.findByRole('alertdialog', { name: 'Remove this member?' });
    expect(question.textContent).toContain('Sam will be taken off the panel.');
    expect(app.asked('panel.removeMember')).toBe(0);

    await user.click(screen.getByRole('button', { name: 'Yes, remove them' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(removed).toEqual(['Sam']);
    expect(screen.queryByText(/^Sam/)).toBeNull();
    expect(screen.getByRole('button', { name: 'Remove Alex' })).toBeTruthy();
    expect(app.asked('panel.list')).toBe(2);
  });

  it('"Go back" removes nothing; a refusal is said in the question, which stays open', async () => {
    const user = userEvent.setup();
    const app = fakePanel({ refuseRemoval: 'Scoring has opened: the panel can no longer change.' });
    render(<PanelList onRemoved={() => undefined} />, { wrapper: app.wrapper });
    await user.click(await screen.findByRole('button', { name: 'Remove Alex' }));
    await user.click(await screen.findByRole('button', { name: 'Go back' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(app.asked('panel.removeMember')).toBe(0);

    await user.click(screen.getByRole('button', { name: 'Remove Alex' }));
    await user.click(await screen.findByRole('button', { name: 'Yes, remove them' }));
    const refusal = await screen.findByRole('alert');
    expect(refusal.textContent).toContain('Scoring has opened: the panel can no longer change.');
    expect(screen.getByRole('alertdialog', { name: 'Remove this member?' })).toBeTruthy();
    expect(app.asked('panel.list')).toBe(1);
  });

  it('says in plain words when the reads behind a screen failed', async () => {
    const { wrapper } = fakeApp({
      'panel.list': () => ({
        ok: false,
        error: { code: 'CASE_NOT_OPEN', message: 'That case file is not open.' },
      }),
    });
    render(<PanelList onRemoved={() => undefined} />, { wrapper });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The panel could not be shown');
    expect(alert.textContent).toContain('That case file is not open.');
  });
});

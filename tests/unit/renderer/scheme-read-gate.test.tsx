import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { DueSoonSection } from '../../../src/renderer/src/features/register/DueSoonSection';
import { fakeApp } from './fake-app';

afterEach(cleanup);

const CLOSED = {
  ok: false as const,
  error: {
    code: 'SCHEME_FILE_NOT_OPEN' as const,
    message:
      'No scheme file is open. Open the scheme file from the Scheme office screen (you need its passphrase), then try again.',
  },
};

describe('a scheme office read screen when the scheme file was closed elsewhere (walk 6, F11)', () => {
  it('shows only the failure and the way back to opening a scheme file, never the empty answer or the calendar', async () => {
    const user = userEvent.setup();
    const app = fakeApp({
      // Open at first (nothing due); then another tab closes the scheme file.
      'register.dueSoon': (input, asked) =>
        asked === 0
          ? { ok: true, value: { asOf: '2026-11-27', withinDays: input.withinDays, reminders: [] } }
          : CLOSED,
      'scheme.state': () => ({ ok: true, value: null }),
    });
    render(<DueSoonSection />, { wrapper: app.wrapper });
    expect(await screen.findByText(/nothing is overdue/)).toBeTruthy();

    // Asked again (a wider window): the last answer is kept while asking, but not under the failure.
    await user.click(screen.getByRole('radio', { name: 'A year' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('No scheme file is open');
    expect(screen.queryByText(/nothing is overdue/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Download as a calendar (.ics)' })).toBeNull();

    const before = app.asked('scheme.state');
    await user.click(screen.getByRole('button', { name: 'Open a scheme file' }));
    await waitFor(() => expect(app.asked('scheme.state')).toBe(before + 1));
  });
});

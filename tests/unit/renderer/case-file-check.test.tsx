import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseFileCheckProgress } from '../../../src/shared/api';
import { CaseFileCheckBanner } from '../../../src/renderer/src/features/case/CaseFileCheckBanner';
import { CASE_A, fakeApp } from './fake-app';

/** The background check as the page polls it: 30%, then 80% with damage found, then finished. */
const STEPS: CaseFileCheckProgress[] = [
  {
    state: 'running',
    startedBecause: 'opened_large_file',
    percent: 30,
    description: 'Checking every page of the file: 300 of 1000.',
    damage: [],
    summary: null,
  },
  {
    state: 'running',
    startedBecause: 'opened_large_file',
    percent: 80,
    description: 'Reading back every attached file and receipt: 40 MB of 80 MB.',
    damage: [
      {
        kind: 'attachment',
        name: 'carers-forum.mp3',
        detail: 'the attached file “carers-forum.mp3”: part 1 of 2 cannot be read',
      },
    ],
    summary: null,
  },
];

function checkingApp() {
  return fakeApp({
    'case.checkProgress': (_input, asked) => ({ ok: true, value: STEPS[Math.min(asked, STEPS.length - 1)] }),
    'case.cancelCheck': () => ({ ok: true, value: { ...STEPS[1]!, state: 'cancelled' } }),
  });
}

afterEach(cleanup);

describe('the background check of a large case file', () => {
  it('shows its progress as it goes, and damage as soon as it is found, while still running', async () => {
    const app = checkingApp();
    render(<CaseFileCheckBanner caseId={CASE_A} caseFilePath="/cases/riverside.copanel" isLead />, {
      wrapper: app.wrapper,
    });
    const bar = await screen.findByRole('progressbar', { name: 'Checking the whole case file' });
    expect(bar.getAttribute('aria-valuenow')).toBe('30');
    expect(screen.getByText('Checking every page of the file: 300 of 1000.')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();

    // The page asks again while the check runs: the next answer moves the bar and names the damage.
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('80'), { timeout: 4000 });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('This case file is damaged');
    expect(alert.textContent).toContain('“carers-forum.mp3”: part 1 of 2 cannot be read');
    expect(alert.textContent).toContain('it goes on checking the rest');
    expect(screen.getByRole('button', { name: 'Save what can be read to a new file' })).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Stop the check' }));
    await waitFor(() => expect(app.asked('case.cancelCheck', CASE_A)).toBe(1));
  });

  it('offers a member who is not the lead no way to stop or save, and says who can', async () => {
    const app = checkingApp();
    render(<CaseFileCheckBanner caseId={CASE_A} caseFilePath="/cases/riverside.copanel" isLead={false} />, {
      wrapper: app.wrapper,
    });
    await screen.findByRole('progressbar', { name: 'Checking the whole case file' });
    expect(screen.queryByRole('button', { name: 'Stop the check' })).toBeNull();
    const alert = await screen.findByRole('alert', {}, { timeout: 4000 });
    expect(alert.textContent).toContain('Ask the lead assessor to save what can be read to a new file.');
    expect(screen.queryByRole('button', { name: 'Save what can be read to a new file' })).toBeNull();
  });
});

import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import standardJson from '../../../resources/standards/coproduction-standard-v1.json';
import { SIGNED_IN_AS_FIELD, type MySheet, type SignedInMember } from '../../../src/shared/api';
import { parseStandard, type Standard } from '../../../src/shared/standard';
import { askWhoIsSignedIn } from '../../../src/renderer/src/app/session';
import { useRead } from '../../../src/renderer/src/app/operations';
import { AnswersNotSavedNotice } from '../../../src/renderer/src/features/scoring/AnswersNotSavedNotice';
import { ScoreSheetEditor } from '../../../src/renderer/src/features/scoring/ScoreSheetEditor';
import { CASE_A, fakeApp } from './fake-app';

const parsed = parseStandard(standardJson);
const STANDARD: Standard = parsed.ok ? parsed.standard : (undefined as never);

const SIAN: SignedInMember = { memberId: 'sian', name: 'Siân', role: 'lead' };
const DAFYDD: SignedInMember = { memberId: 'dafydd', name: 'Dafydd', role: 'assessor' };

function emptySheet(memberId: string): MySheet {
  return { memberId, status: 'in_progress', entries: [], scoredCount: 0, criteriaCount: 19, problems: [] };
}

/**
 * One tab of a browser: Siân signed in, until another tab (the same session) signs Dafydd in. The
 * app refuses a save naming anyone but whoever is signed in now, as src/main does.
 */
function tabOfSharedSession() {
  const session = { signedIn: SIAN };
  const app = fakeApp({
    'case.get': () => ({ ok: true, value: { caseId: CASE_A, signedIn: session.signedIn } }),
    'scoring.saveScore': (input) =>
      input[SIGNED_IN_AS_FIELD] === session.signedIn.memberId
        ? { ok: true, value: { ...input, updatedAt: '2026-11-27T21:00:00Z' } }
        : { ok: false, error: { code: 'SIGNED_IN_ELSEWHERE', message: 'Someone else has signed in…' } },
  });
  return { app, session };
}

/** The score sheet of whoever the page shows as signed in, as the Scoring section shows it. */
function SheetOfShownMember() {
  const opened = useRead('case.get', { caseId: CASE_A });
  const memberId = opened.data?.signedIn?.memberId;
  return (
    <>
      <AnswersNotSavedNotice />
      {memberId && (
        <ScoreSheetEditor
          key={memberId}
          caseId={CASE_A}
          memberId={memberId}
          standard={STANDARD}
          sheet={emptySheet(memberId)}
          evidence={[]}
          evidenceError={null}
          onRefused={() => undefined}
        />
      )}
    </>
  );
}

afterEach(cleanup);

describe('a reason typed, not yet saved, when another tab signs someone else in', () => {
  it(
    'is not saved as the new member: the page says whose it was and keeps the words to copy until dismissed',
    { timeout: 60_000 },
    async () => {
      const user = userEvent.setup();
      const { app, session } = tabOfSharedSession();
      render(<SheetOfShownMember />, { wrapper: app.wrapper });
      const reason = await screen.findByRole('textbox', { name: /^Why did you choose this\?/ });
      await user.type(reason, 'Plans in their own words');
      // Before the pause after typing has passed, another tab signs Dafydd in and tells this one.
      session.signedIn = DAFYDD;
      await act(() => askWhoIsSignedIn(app.queryClient));

      const notSaved = await screen.findByTestId('answers-not-saved');
      expect(notSaved.textContent).toContain('Siân’s answer for S1.1 was not saved');
      expect(screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Reason typed for S1.1' }).value).toBe(
        'Plans in their own words',
      );
      // Nothing was saved for Dafydd: every save named Siân, and was refused.
      const saves = app.calls.filter((c) => c.name === 'scoring.saveScore');
      expect(saves.map((c) => c.input[SIGNED_IN_AS_FIELD])).toEqual(saves.map(() => 'sian'));
      expect(saves.length).toBeGreaterThan(0);

      await user.click(screen.getByRole('button', { name: 'Dismiss' }));
      await waitFor(() => expect(screen.queryByTestId('answers-not-saved')).toBeNull());
    },
  );
});

import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { PanelMember } from '../../../src/shared/api';
import { useRead } from '../../../src/renderer/src/app/operations';
import { FeesSection } from '../../../src/renderer/src/features/fees/FeesSection';
import { EditMemberForm } from '../../../src/renderer/src/features/panel/MemberForms';
import { useWarnBeforeLeaving } from '../../../src/renderer/src/ui/leaveWarning';
import { CASE_A, fakeApp, member } from './fake-app';

/** Whether leaving the page now (reload, close) would ask first. */
function leavingAsks(): boolean {
  const leaving = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(leaving);
  return leaving.defaultPrevented;
}

function Frame({ children }: { children: React.ReactNode }) {
  useWarnBeforeLeaving();
  return <>{children}</>;
}

const CHANGED_ELSEWHERE = {
  code: 'CHANGED_ELSEWHERE' as const,
  message:
    'The member’s details were changed in another window or tab, or by someone else, after this page showed them (the name), so your changes were not saved.',
};

/**
 * A panel whose member Sam is renamed "Sam Okafor" in another tab after the edit form opened: the
 * first save from the form is refused as changed elsewhere, and the panel read then answers with
 * the renamed member. Later saves are recorded.
 */
function panelChangedElsewhere() {
  let sam = member('Sam');
  const app = fakeApp({
    'panel.list': () => ({ ok: true, value: [sam] }),
    'panel.updateMember': (input, asked) => {
      if (asked === 0) {
        sam = { ...sam, name: 'Sam Okafor' };
        return { ok: false, error: CHANGED_ELSEWHERE };
      }
      sam = { ...sam, name: String(input.name) };
      return { ok: true, value: sam };
    },
  });
  return app;
}

/** The edit form on the member as the panel read shows them now; it stays open after a save. */
function EditSam({ done }: { done: string[] }) {
  const panel = useRead('panel.list', { caseId: CASE_A });
  const sam: PanelMember | undefined = panel.data?.[0];
  if (!sam) return null;
  return (
    <Frame>
      <EditMemberForm
        caseId={CASE_A}
        member={sam}
        reasonNeeded={false}
        onDone={(message) => done.push(message)}
        onCancel={() => undefined}
      />
    </Frame>
  );
}

afterEach(cleanup);

// Each test types and saves through the real screens: slow on a busy machine, never timed.
const THROUGH_THE_SCREENS = { timeout: 60_000 };

describe('a case-file form after a save refused because the record changed elsewhere', () => {
  it(
    'keeps the typed words and guards them; "Use my words" saves them over the saved record',
    THROUGH_THE_SCREENS,
    async () => {
      const user = userEvent.setup();
      const app = panelChangedElsewhere();
      const done: string[] = [];
      render(<EditSam done={done} />, { wrapper: app.wrapper });
      const name = await screen.findByRole('textbox', { name: /^Name/ });
      await user.clear(name);
      await user.type(name, 'Samuel');
      await user.click(screen.getByRole('button', { name: 'Save the changes' }));

      const refusal = await screen.findByRole('alert');
      expect(refusal.textContent).toContain('(the name)');
      expect(screen.getByRole<HTMLInputElement>('textbox', { name: /^Name/ }).value).toBe('Samuel');
      expect(leavingAsks()).toBe(true);

      await user.click(screen.getByRole('button', { name: 'Use my words' }));
      expect(screen.queryByRole('alert')).toBeNull();
      expect(screen.getByRole('status').textContent).toContain('Your words are kept.');
      expect(screen.getByRole('button', { name: 'Save the changes' })).toBe(document.activeElement);
      await user.click(screen.getByRole('button', { name: 'Save the changes' }));

      await waitFor(() => expect(done).toEqual(['The changes to Samuel are saved.']));
      // The second save started from the record as saved elsewhere, so it was not refused.
      expect(
        app.calls.filter((c) => c.name === 'panel.updateMember').map((c) => c.input.savedBefore),
      ).toEqual([
        { name: 'Sam', role: 'assessor', consentToBeNamed: true },
        { name: 'Sam Okafor', role: 'assessor', consentToBeNamed: true },
      ]);
      expect(leavingAsks()).toBe(false);
    },
  );

  it(
    '"Show the saved details" starts the form again from what is saved now',
    THROUGH_THE_SCREENS,
    async () => {
      const user = userEvent.setup();
      const app = panelChangedElsewhere();
      render(<EditSam done={[]} />, { wrapper: app.wrapper });
      const name = await screen.findByRole('textbox', { name: /^Name/ });
      await user.clear(name);
      await user.type(name, 'Samuel');
      await user.click(screen.getByRole('button', { name: 'Save the changes' }));
      await screen.findByRole('alert');

      await user.click(screen.getByRole('button', { name: 'Show the saved details' }));
      expect(screen.getByRole<HTMLInputElement>('textbox', { name: /^Name/ }).value).toBe('Sam Okafor');
      expect(screen.queryByRole('alert')).toBeNull();
      expect(screen.queryByRole('button', { name: 'Use my words' })).toBeNull();
      // The words typed before are no longer in the form, so leaving does not ask about them.
      expect(leavingAsks()).toBe(false);
    },
  );
});

describe('the fee claim form', () => {
  function feesApp() {
    return fakeApp({
      'case.get': () => ({
        ok: true,
        value: { signedIn: { memberId: 'sam', name: 'Sam', role: 'assessor' } },
      }),
      'fees.claims': () => ({ ok: true, value: [] }),
      'fees.recordClaim': (input, asked) =>
        asked === 0
          ? { ok: false, error: { code: 'INVALID_INPUT', message: 'The day worked is not a date.' } }
          : {
              ok: true,
              value: { workedOn: (input.claim as { workedOn: string }).workedOn, expenses: [] },
            },
    });
  }

  it(
    'guards what was entered until the claim is recorded, also after a refusal; then all but the day empty',
    THROUGH_THE_SCREENS,
    async () => {
      const user = userEvent.setup();
      const app = feesApp();
      render(
        <Frame>
          <FeesSection caseId={CASE_A} />
        </Frame>,
        { wrapper: app.wrapper },
      );
      const visit = await screen.findByRole('textbox', { name: /^Visit/ });
      expect(leavingAsks()).toBe(false);
      const day = screen.getByRole<HTMLInputElement>('textbox', { name: /^Day worked/ });
      await user.clear(day);
      await user.type(day, '2026-10-01');
      await user.type(visit, '90');
      await user.type(screen.getByRole('textbox', { name: 'Where from and to' }), 'Leeds to York');
      expect(leavingAsks()).toBe(true);

      await user.click(screen.getByRole('button', { name: 'Record my claim' }));
      expect((await screen.findByRole('alert')).textContent).toContain('The day worked is not a date.');
      expect(screen.getByRole<HTMLInputElement>('textbox', { name: /^Visit/ }).value).toBe('90');
      expect(leavingAsks()).toBe(true);

      await user.click(screen.getByRole('button', { name: 'Record my claim' }));
      await screen.findByText(/is recorded\. Saved\./);
      expect(screen.getByRole<HTMLInputElement>('textbox', { name: /^Visit/ }).value).toBe('');
      expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Where from and to' }).value).toBe('');
      expect(screen.getByRole<HTMLInputElement>('textbox', { name: /^Day worked/ }).value).toBe('2026-10-01');
      expect(leavingAsks()).toBe(false);
    },
  );
});

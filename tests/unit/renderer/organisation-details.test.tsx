import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Organisation } from '../../../src/shared/api';
import { NavigationProvider } from '../../../src/renderer/src/app/navigation';
import { OverviewSection } from '../../../src/renderer/src/features/case/OverviewSection';
import { CASE_A, fakeApp } from './fake-app';

const ORGANISATION: Organisation = {
  name: 'Cymru Community Mind (fictional)',
  address: '1 Heol y Felin',
  registrationNumber: '',
  servicesInScope: 'Crisis café',
  contactName: '',
  contactEmail: '',
  contactPhone: '',
};
/** What another tab saved while this one was typing. */
const CHANGED_IN_ANOTHER_TAB: Organisation = { ...ORGANISATION, servicesInScope: 'Crisis café, peer groups' };

/**
 * The lead's Overview: the first `case.get` shows the organisation as it was; every later one (the
 * cache refreshed while the lead types, as after any change or a look at the tab again) shows the
 * change another tab made. The save is refused, as the app refuses a savedBefore that is out of date.
 */
function overviewChangedElsewhere() {
  return fakeApp({
    'case.get': (_input, asked) => ({
      ok: true,
      value: {
        caseId: CASE_A,
        path: '/cases/cymru.copanel',
        organisation: asked === 0 ? ORGANISATION : CHANGED_IN_ANOTHER_TAB,
        signedIn: { memberId: 'lead', name: 'Siân', role: 'lead' },
      },
    }),
    'organisation.update': (input) =>
      JSON.stringify(input.savedBefore) === JSON.stringify(CHANGED_IN_ANOTHER_TAB)
        ? { ok: true, value: input.organisation }
        : {
            ok: false,
            error: {
              code: 'CHANGED_ELSEWHERE',
              message:
                'The organisation’s details were changed in another window or tab, or by someone else, after this page showed them (the services in scope), so your changes were not saved.',
            },
          },
  });
}

afterEach(cleanup);

describe('the organisation’s details on the Overview', () => {
  it(
    'sends the details as they were when editing began, so a change made meanwhile in another tab is refused, not overwritten; the typed words stay',
    { timeout: 60_000 },
    async () => {
      const user = userEvent.setup();
      const app = overviewChangedElsewhere();
      render(
        <app.wrapper>
          <NavigationProvider>
            <OverviewSection caseId={CASE_A} />
          </NavigationProvider>
        </app.wrapper>,
      );
      const name = await screen.findByRole('textbox', { name: /^Name/ });
      await user.clear(name);
      await user.type(name, 'Cymru Mind (fictional)');
      // While the lead types, the page's reads are asked again and bring the other tab's change.
      await app.queryClient.invalidateQueries();
      await waitFor(() => expect(app.asked('case.get')).toBeGreaterThan(1));
      expect(screen.getByRole<HTMLInputElement>('textbox', { name: /^Name/ }).value).toBe(
        'Cymru Mind (fictional)',
      );

      await user.click(screen.getByRole('button', { name: 'Save the organisation’s details' }));
      expect(await screen.findByText(/\(the services in scope\)/)).toBeTruthy();
      expect(
        app.calls.filter((c) => c.name === 'organisation.update').map((c) => c.input.savedBefore),
      ).toEqual([ORGANISATION]);
      expect(screen.getByRole<HTMLInputElement>('textbox', { name: /^Name/ }).value).toBe(
        'Cymru Mind (fictional)',
      );
      expect(screen.queryByText('The organisation’s details are saved.')).toBeNull();
    },
  );
});

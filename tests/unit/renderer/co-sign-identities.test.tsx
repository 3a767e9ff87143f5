import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AssessorIdentity, OpenCase } from '../../../src/shared/api';
import { NavigationProvider } from '../../../src/renderer/src/app/navigation';
import { SignPanel } from '../../../src/renderer/src/features/certificate/SignPanel';
import { CASE_A, fakeApp, member } from './fake-app';

const identity = (id: string, name: string): AssessorIdentity => ({
  id,
  name,
  role: 'Expert by Experience assessor',
  serialNumber: id,
  issuer: 'Coproduction Standard Scheme (test)',
  validFrom: '2026-01-01T00:00:00Z',
  validTo: '2028-01-01T00:00:00Z',
  fingerprint: id.repeat(4),
});

/** A laptop holding the lead's and Sam's identities, with Sam signed in to co-sign. */
function laptop(signedInName: string) {
  const opened: OpenCase = {
    caseId: CASE_A,
    path: '/cases/a.copanel',
    organisation: {} as OpenCase['organisation'],
    standard: {} as OpenCase['standard'],
    createdAt: '2026-01-01T00:00:00Z',
    signedIn: { memberId: 'sam', name: signedInName, role: 'assessor' },
  };
  return fakeApp({
    'identity.list': () => ({
      ok: true,
      value: [identity('aaaa0000aaaa0000', 'Alex Morgan'), identity('bbbb0000bbbb0000', 'Sam Rivers')],
    }),
    'case.get': () => ({ ok: true, value: opened }),
    'panel.list': () => ({ ok: true, value: [member('Sam Rivers')] }),
  });
}

afterEach(cleanup);

describe('the co-sign screen', () => {
  it('lists only the signed-in member’s own signing identities, and chooses theirs', async () => {
    const { wrapper: Wrapper } = laptop('sam  rivers');
    render(
      <Wrapper>
        <NavigationProvider>
          <SignPanel caseId={CASE_A} mode="co-sign" />
        </NavigationProvider>
      </Wrapper>,
    );
    const group = await screen.findByRole('radiogroup', { name: /Your signing identity/ });
    const radios = await within(group).findAllByRole('radio');
    expect(radios.map((radio) => radio.closest('label')?.textContent ?? '')).toEqual([
      expect.stringContaining('Sam Rivers'),
    ]);
    expect((radios[0] as HTMLInputElement).checked).toBe(true);
    expect(screen.queryByText(/Alex Morgan/)).toBeNull();
  });

  it('says so plainly when none of the identities here is the signed-in member’s', async () => {
    const { wrapper: Wrapper } = laptop('Jo Okafor');
    render(
      <Wrapper>
        <NavigationProvider>
          <SignPanel caseId={CASE_A} mode="co-sign" />
        </NavigationProvider>
      </Wrapper>,
    );
    expect(
      await screen.findByText(/No signing identity for Jo Okafor is set up on this computer/),
    ).toBeTruthy();
    expect(screen.queryByRole('radiogroup')).toBeNull();
  });
});

import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { MySheet, SheetEntry } from '../../../src/shared/api';
import { standardSchema } from '../../../src/shared/standard';
import standardJson from '../../../resources/standards/coproduction-standard-v1.json';
import { ApiCallError } from '../../../src/renderer/src/app/client-context';
import { useChange, useRead, useReadOnDemand } from '../../../src/renderer/src/app/operations';
import { useScoreSheet } from '../../../src/renderer/src/features/scoring/useScoreSheet';
import { CASE_A, CASE_B, fakeApp, member, type Answer } from './fake-app';

/** The panel grows by one member each time it is asked, so a refreshed list is visibly new. */
const growingPanel: Answer = (_input, asked) => ({
  ok: true,
  value: ['Priya', 'Sam', 'Alex', 'Jo'].slice(0, asked + 1).map(member),
});
const refused: Answer = () => ({
  ok: false,
  error: { code: 'FORBIDDEN', message: 'Only the lead assessor can add members.' },
});

afterEach(cleanup);

describe('reading and changing through the contract', () => {
  it('a change refreshes the reads of its own case, and no other case’s or the app’s', async () => {
    const app = fakeApp({
      'panel.list': growingPanel,
      'identity.list': () => ({ ok: true, value: [] }),
      'panel.addMember': (input) => ({ ok: true, value: member(String(input.name)) }),
    });
    const { result } = renderHook(
      () => ({
        panelA: useRead('panel.list', { caseId: CASE_A }),
        panelB: useRead('panel.list', { caseId: CASE_B }),
        identities: useRead('identity.list', {}),
        add: useChange('panel.addMember'),
      }),
      { wrapper: app.wrapper },
    );
    await waitFor(() =>
      expect(result.current.identities.isSuccess && result.current.panelB.isSuccess).toBe(true),
    );
    await waitFor(() => expect(result.current.panelA.data?.map((m) => m.name)).toEqual(['Priya']));

    await act(() =>
      result.current.add.mutateAsync({
        caseId: CASE_A,
        name: 'Sam',
        role: 'assessor',
        consentToBeNamed: true,
      }),
    );

    // The refresh has finished before the change reports success: the screen shows the new panel.
    expect(result.current.panelA.data?.map((m) => m.name)).toEqual(['Priya', 'Sam']);
    expect(app.asked('panel.list', CASE_A)).toBe(2);
    expect(app.asked('panel.list', CASE_B)).toBe(1);
    expect(app.asked('identity.list')).toBe(1);
  });

  it('a change that names no case refreshes every read', async () => {
    const app = fakeApp({
      'panel.list': growingPanel,
      'identity.list': () => ({ ok: true, value: [] }),
      'identity.remove': () => ({ ok: true, value: { removed: true } }),
    });
    const { result } = renderHook(
      () => ({
        panelA: useRead('panel.list', { caseId: CASE_A }),
        identities: useRead('identity.list', {}),
        remove: useChange('identity.remove'),
      }),
      { wrapper: app.wrapper },
    );
    await waitFor(() =>
      expect(result.current.panelA.isSuccess && result.current.identities.isSuccess).toBe(true),
    );
    await act(() => result.current.remove.mutateAsync({ identityId: 'id-1' }));
    expect(app.asked('panel.list', CASE_A)).toBe(2);
    expect(app.asked('identity.list')).toBe(2);
  });

  it('a refused change refreshes nothing, and its error keeps the code and the plain message', async () => {
    const app = fakeApp({ 'panel.list': growingPanel, 'panel.addMember': refused });
    let succeeded = false;
    const { result } = renderHook(
      () => ({
        panelA: useRead('panel.list', { caseId: CASE_A }),
        add: useChange('panel.addMember', { onSuccess: () => (succeeded = true) }),
      }),
      { wrapper: app.wrapper },
    );
    await waitFor(() => expect(result.current.panelA.isSuccess).toBe(true));
    act(() =>
      result.current.add.mutate({ caseId: CASE_A, name: '', role: 'assessor', consentToBeNamed: false }),
    );
    await waitFor(() => expect(result.current.add.isError).toBe(true));

    const error = result.current.add.error;
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error?.code).toBe('FORBIDDEN');
    expect(error?.message).toBe('Only the lead assessor can add members.');
    expect(succeeded).toBe(false);
    expect(app.asked('panel.list', CASE_A)).toBe(1);
    expect(result.current.panelA.data?.map((m) => m.name)).toEqual(['Priya']);
  });

  it('a refused read comes back as the same typed error', async () => {
    const app = fakeApp({
      'case.get': () => ({
        ok: false,
        error: {
          code: 'CASE_NOT_OPEN',
          message: 'That case file is not open. Open it again from the start.',
        },
      }),
    });
    const { result } = renderHook(() => useRead('case.get', { caseId: CASE_A }), { wrapper: app.wrapper });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toBeInstanceOf(ApiCallError);
    expect(result.current.error?.code).toBe('CASE_NOT_OPEN');
  });

  it('a check before sending is refused the same way, and nothing is sent or refreshed', async () => {
    const app = fakeApp({ 'identity.list': () => ({ ok: true, value: [] }) });
    const { result } = renderHook(
      () => ({
        identities: useRead('identity.list', {}),
        importIdentity: useChange('identity.import', {
          prepare: (file: File | null) => {
            if (!file) throw new Error('Choose the identity file first.');
            return { fileName: file.name, base64: '', password: '' };
          },
        }),
      }),
      { wrapper: app.wrapper },
    );
    await waitFor(() => expect(result.current.identities.isSuccess).toBe(true));
    act(() => result.current.importIdentity.mutate(null));
    await waitFor(() => expect(result.current.importIdentity.isError).toBe(true));
    expect(result.current.importIdentity.error).toBeInstanceOf(ApiCallError);
    expect(result.current.importIdentity.error?.message).toBe('Choose the identity file first.');
    expect(app.asked('identity.import')).toBe(0);
    expect(app.asked('identity.list')).toBe(1);
  });

  it('a read asked on demand (a download) refreshes nothing', async () => {
    const app = fakeApp({
      'panel.list': growingPanel,
      'certificate.scoreSheet': () => ({
        ok: true,
        value: { fileName: 'sheet.pdf', base64: 'JVBERi0=', sizeBytes: 5 },
      }),
    });
    const { result } = renderHook(
      () => ({
        panelA: useRead('panel.list', { caseId: CASE_A }),
        sheet: useReadOnDemand('certificate.scoreSheet'),
      }),
      { wrapper: app.wrapper },
    );
    await waitFor(() => expect(result.current.panelA.isSuccess).toBe(true));
    const file = await act(() => result.current.sheet.mutateAsync({ caseId: CASE_A }));
    expect(file.fileName).toBe('sheet.pdf');
    expect(app.asked('panel.list', CASE_A)).toBe(1);
  });

  it('closing a case drops its reads instead of asking a closed case again', async () => {
    const app = fakeApp({
      'panel.list': growingPanel,
      'identity.list': () => ({ ok: true, value: [] }),
      'case.close': () => ({ ok: true, value: { closed: true } }),
    });
    // As in the app: the case's screen reads the panel, and leaves once the case is closed.
    const caseScreen = renderHook(() => useRead('panel.list', { caseId: CASE_A }), { wrapper: app.wrapper });
    const { result } = renderHook(
      () => ({
        identities: useRead('identity.list', {}),
        close: useChange('case.close', { affectedReads: 'forget', onSuccess: () => caseScreen.unmount() }),
      }),
      { wrapper: app.wrapper },
    );
    await waitFor(() =>
      expect(caseScreen.result.current.isSuccess && result.current.identities.isSuccess).toBe(true),
    );
    await act(() => result.current.close.mutateAsync({ caseId: CASE_A }));

    const cached = (name: string) =>
      app.queryClient.getQueryCache().findAll({ predicate: (q) => q.queryKey[0] === name });
    expect(cached('panel.list')).toEqual([]);
    expect(app.asked('panel.list', CASE_A)).toBe(1);
    // Reads that name no case are the app's own and stay as they were.
    expect(cached('identity.list')).toHaveLength(1);
    expect(app.asked('identity.list')).toBe(1);
  });

  it('keeps one member’s own answers apart from the next member’s after a hand-over', async () => {
    const app = fakeApp({
      'scoring.mySheet': (_input, asked) => ({
        ok: true,
        value: { memberId: asked === 0 ? 'sam' : 'priya' },
      }),
    });
    const { result, rerender } = renderHook(
      ({ memberId }: { memberId: string }) =>
        useRead('scoring.mySheet', { caseId: CASE_A }, { asMember: memberId }),
      { wrapper: app.wrapper, initialProps: { memberId: 'sam' } },
    );
    await waitFor(() => expect(result.current.data?.memberId).toBe('sam'));
    rerender({ memberId: 'priya' });
    // Priya's sheet is asked for, never taken from Sam's cached answer.
    expect(result.current.data).toBeUndefined();
    await waitFor(() => expect(result.current.data?.memberId).toBe('priya'));
  });
});

describe('autosave of a score sheet through the contract', () => {
  const standard = standardSchema.parse(standardJson);
  const emptySheet: MySheet = {
    memberId: 'sam',
    status: 'not_started',
    entries: [],
    scoredCount: 0,
    criteriaCount: 19,
    problems: [],
  };

  it('puts the entry each save returns into the cached sheet, and asks for nothing again', async () => {
    const saved: SheetEntry[] = [];
    const app = fakeApp({
      'scoring.mySheet': () => ({ ok: true, value: emptySheet }),
      'panel.list': growingPanel,
      'scoring.saveScore': (input) => {
        const entry: SheetEntry = {
          criterionId: String(input.criterionId),
          score: input.score as SheetEntry['score'],
          rationale: String(input.rationale),
          evidenceIds: [],
          updatedAt: '2026-03-14T10:00:00.000Z',
        };
        saved.push(entry);
        return { ok: true, value: entry };
      },
    });
    const { result } = renderHook(
      () => ({
        sheet: useRead('scoring.mySheet', { caseId: CASE_A }, { asMember: 'sam' }),
        panel: useRead('panel.list', { caseId: CASE_A }),
        scoring: useScoreSheet({ caseId: CASE_A, memberId: 'sam', standard, sheet: emptySheet }),
      }),
      { wrapper: app.wrapper },
    );
    await waitFor(() => expect(result.current.sheet.isSuccess && result.current.panel.isSuccess).toBe(true));
    const first = result.current.scoring.criterion?.id;

    act(() => result.current.scoring.update({ score: 2, rationale: 'The care plans are co-written.' }));
    await act(async () => {
      result.current.scoring.saveNow();
    });
    await waitFor(() => expect(result.current.scoring.saveStates[first ?? '']).toEqual({ kind: 'saved' }));

    expect(app.asked('scoring.saveScore')).toBe(1);
    expect(result.current.sheet.data?.entries).toEqual(saved);
    expect(result.current.sheet.data?.scoredCount).toBe(1);
    expect(result.current.sheet.data?.status).toBe('in_progress');
    // Neither the sheet nor the panel on screen is asked for again after a save…
    expect(app.asked('scoring.mySheet')).toBe(1);
    expect(app.asked('panel.list')).toBe(1);
    // …but the panel's progress is out of date, so it is asked again when next shown.
    const panelQuery = app.queryClient.getQueryCache().find({ queryKey: ['panel.list', { caseId: CASE_A }] });
    expect(panelQuery?.isStale()).toBe(true);
  });
});

/** Never called: these lines only have to typecheck (or, marked, fail to). */
export function useWrongEffectDoesNotTypecheck() {
  // @ts-expect-error 'case.get' only reads: it cannot be sent as a change.
  useChange('case.get');
  // @ts-expect-error 'panel.addMember' changes the case: it cannot be cached as a read.
  useRead('panel.addMember', { caseId: CASE_A, name: 'Sam', role: 'assessor', consentToBeNamed: true });
  // @ts-expect-error a change's error is an ApiCallError, whose code is one of the contract's codes.
  const code: 'NOT_A_CODE' = useChange('panel.signOut').error!.code;
  return code;
}

describe('a change names the member the page shows as signed in', () => {
  const signedIn = (memberId: string) => ({
    caseId: CASE_A,
    path: '/cases/a.copanel',
    organisation: {},
    standard: {},
    createdAt: '2026-11-27T00:00:00Z',
    signedIn: { memberId, name: memberId, role: 'lead' },
  });

  it('the member its case screen shows, or the member the change is made for; refused, it asks who is signed in now', async () => {
    const sent: Record<string, unknown>[] = [];
    const app = fakeApp({
      'case.get': (_input, asked) => ({ ok: true, value: signedIn(asked < 2 ? 'sian' : 'gwen') }),
      'panel.addMember': (input) => {
        sent.push(input);
        return { ok: true, value: member(String(input.name)) };
      },
      'scoring.submitSheet': (input) => {
        sent.push(input);
        return {
          ok: false,
          error: { code: 'SIGNED_IN_ELSEWHERE', message: 'Someone else has signed in. Nothing was saved.' },
        };
      },
    });
    const { result } = renderHook(
      () => ({
        opened: useRead('case.get', { caseId: CASE_A }),
        add: useChange('panel.addMember'),
        submit: useChange('scoring.submitSheet', { asMember: 'sian-sheet' }),
      }),
      { wrapper: app.wrapper },
    );
    await waitFor(() => expect(result.current.opened.data?.signedIn?.memberId).toBe('sian'));

    await act(() =>
      result.current.add.mutateAsync({
        caseId: CASE_A,
        name: 'Sam',
        role: 'assessor',
        consentToBeNamed: true,
      }),
    );
    expect(sent[0]).toMatchObject({ signedInAs: 'sian' });

    await act(() => result.current.submit.mutateAsync({ caseId: CASE_A }).catch(() => undefined));
    expect(sent[1]).toEqual({ caseId: CASE_A, signedInAs: 'sian-sheet' });
    // Refused as signed in elsewhere: the page asks again who is signed in, and shows them.
    await waitFor(() => expect(result.current.opened.data?.signedIn?.memberId).toBe('gwen'));
  });
});

import { describe, expect, it } from 'vitest';
import { OPERATION_NAMES, contract } from '../../../src/shared/api';
import { dispatch, handlers, localApiContext, type ApiContext } from '../../../src/main/api';
import { nodeRuntime } from '../../../src/main/runtime';

const ctx = (): ApiContext => localApiContext(nodeRuntime('cli'));

/** Inputs that no operation accepts: wrong types, unknown fields, nonsense. */
const malformedInputs: unknown[] = [
  42,
  'text',
  [],
  true,
  { unexpectedField: 'x', caseId: 12345 },
  { caseId: { nested: true }, __proto__: null },
];

describe('the API contract', () => {
  it('has a handler for every operation', () => {
    for (const name of OPERATION_NAMES) expect(typeof handlers[name]).toBe('function');
  });

  it('describes every operation in one plain sentence', () => {
    for (const name of OPERATION_NAMES) expect(contract[name].summary).toMatch(/^[A-Z].*\.$/);
  });

  it.each(OPERATION_NAMES)(
    '%s rejects malformed input with a typed error and no stack trace',
    async (name) => {
      for (const input of malformedInputs) {
        const result = await dispatch(handlers, name, input, ctx());
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(result.error.code).toBe('INVALID_INPUT');
          expect(result.error.message).not.toMatch(/at .*\.(ts|js):\d+/);
        }
      }
    },
  );

  it('refuses an operation it does not know', async () => {
    const result = await dispatch(handlers, 'files.deleteEverything', {}, ctx());
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'UNKNOWN_OPERATION' }) });
  });

  it('answers app.info with the version from package.json', async () => {
    const result = await dispatch(handlers, 'app.info', {}, ctx());
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(result.value).toMatchObject({ name: 'Coproduction Panel', version: '0.1.0', mode: 'cli' });
  });

  it('reports that encryption is available', async () => {
    const result = await dispatch(handlers, 'app.health', {}, ctx());
    expect(result).toEqual({ ok: true, value: expect.objectContaining({ status: 'ok', encryption: true }) });
  });
});

describe('validation, once, at the contract', () => {
  const evidence = {
    title: 'Carers’ survey',
    kind: 'survey',
    source: '',
    date: null,
    criteria: ['S2.1'],
    consent: 'given',
    quote: 'q',
    notes: '',
  };
  const caseId = '7d3f0c9e-2a41-4c52-9d3b-0b6f7a1e5c21';
  const evidenceAdd = contract['evidence.add'].input;

  it('says, field by field, what is wrong with evidence, as structured details', async () => {
    const result = await dispatch(
      handlers,
      'evidence.add',
      { caseId, evidence: { ...evidence, title: '  ', date: '30/04/2025' } },
      ctx(),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (result.ok) return;
    expect(result.error.details).toEqual([
      { field: ['evidence', 'title'], message: 'Give the evidence a title.' },
      { field: ['evidence', 'date'], message: 'Use a date like 2026-03-14.' },
    ]);
  });

  it('holds one limit per field: a quote of 5,000 characters, an organisation name of 200', () => {
    expect(
      evidenceAdd.safeParse({ caseId, evidence: { ...evidence, quote: 'q'.repeat(5000) } }).success,
    ).toBe(true);
    expect(
      evidenceAdd.safeParse({ caseId, evidence: { ...evidence, quote: 'q'.repeat(5001) } }).success,
    ).toBe(false);
    const organisation = {
      name: 'n'.repeat(200),
      address: '',
      registrationNumber: '',
      servicesInScope: '',
      contactName: '',
      contactEmail: '',
      contactPhone: '',
    };
    const update = contract['organisation.update'].input;
    expect(update.safeParse({ caseId, organisation }).success).toBe(true);
    expect(
      update.safeParse({ caseId, organisation: { ...organisation, name: 'n'.repeat(201) } }).success,
    ).toBe(false);
    expect(
      contract['case.create'].input.safeParse({
        fileName: 'f',
        organisationName: 'n'.repeat(201),
        passphrase: 'p',
        leadName: 'L',
        leadPin: '1234',
      }).success,
    ).toBe(false);
  });

  it('takes only real calendar dates', () => {
    const on = (date: string) => evidenceAdd.safeParse({ caseId, evidence: { ...evidence, date } }).success;
    expect(on('2024-02-29')).toBe(true);
    expect(on('2025-02-29')).toBe(false);
    expect(on('2025-13-01')).toBe(false);
  });
});

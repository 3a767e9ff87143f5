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

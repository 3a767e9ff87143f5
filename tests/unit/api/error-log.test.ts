import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { dispatch, handlers, localApiContext, type Handlers } from '../../../src/main/api';
import { ERROR_LOG_MAX_BYTES, ERROR_LOG_NAME } from '../../../src/main/error-log';
import { nodeRuntime } from '../../../src/main/runtime';

/**
 * An internal error (a bug) never reaches the user as a stack trace: the call answers INTERNAL in
 * plain words, the console gets one plain line, and the stack goes to a bounded log in the user
 * data folder.
 */

const userDataDir = mkdtempSync(join(tmpdir(), 'copanel-error-log-'));
afterAll(() => rmSync(userDataDir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const log = join(userDataDir, ERROR_LOG_NAME);
const older = join(userDataDir, 'copanel-errors.1.log');

/** The handlers with `app.health` broken by a bug deep inside. */
const broken: Handlers = {
  ...handlers,
  'app.health': () => {
    throw new Error('the disk caught fire in checkEncryption()');
  },
};

async function failOnce() {
  const printed: unknown[][] = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void printed.push(args));
  const result = await dispatch(
    broken,
    'app.health',
    {},
    localApiContext(nodeRuntime('cli', { userDataDir })),
  );
  return { result, printed };
}

describe('an internal error', () => {
  it('answers in plain words, prints one plain line, and keeps the stack in the error log', async () => {
    const { result, printed } = await failOnce();
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toMatch(/disk caught fire|\bat .*\.ts:\d+/);
    expect(printed).toHaveLength(1);
    expect(printed[0]).toHaveLength(1);
    const line = String(printed[0]![0]);
    expect(line).not.toContain('\n');
    expect(line).toBe(`[copanel] app.health failed. The details are in ${log}.`);
    const kept = readFileSync(log, 'utf8');
    expect(kept).toContain('app.health failed');
    expect(kept).toContain('Error: the disk caught fire in checkEncryption()');
    expect(kept).toMatch(/\n\s+at .*error-log\.test\.ts:\d+/);
  });

  it('keeps the log at most 1 MiB: a full log becomes copanel-errors.1.log and a new one starts', async () => {
    writeFileSync(log, 'x'.repeat(ERROR_LOG_MAX_BYTES - 100));
    await failOnce();
    expect(statSync(older).size).toBe(ERROR_LOG_MAX_BYTES - 100);
    expect(statSync(log).size).toBeLessThan(64 * 1024);
    expect(readFileSync(log, 'utf8')).toContain('the disk caught fire');
    await failOnce();
    expect(statSync(older).size).toBe(ERROR_LOG_MAX_BYTES - 100);
    expect(existsSync(log)).toBe(true);
  });

  it('cuts one enormous error short, so the log stays bounded', async () => {
    rmSync(log, { force: true });
    const huge: Handlers = {
      ...handlers,
      'app.health': () => {
        throw new Error('y'.repeat(5 * ERROR_LOG_MAX_BYTES));
      },
    };
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await dispatch(huge, 'app.health', {}, localApiContext(nodeRuntime('cli', { userDataDir })));
    expect(statSync(log).size).toBeLessThan(ERROR_LOG_MAX_BYTES);
    expect(readFileSync(log, 'utf8')).toContain('[cut]');
  });
});

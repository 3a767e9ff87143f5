import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';

/**
 * Internal errors (bugs, not the typed errors a user can meet) are written with their stack to a
 * log in the user data folder, for the scheme team to ask for; the user sees a plain sentence and
 * the console one plain line. The log is bounded: when the next entry would take it past 1 MiB it
 * becomes copanel-errors.1.log (replacing the one before) and a new log starts.
 */
export const ERROR_LOG_NAME = 'copanel-errors.log';
export const ERROR_LOG_MAX_BYTES = 1024 * 1024;
/** One entry is cut to this size, so a single huge error cannot fill the log. */
const ENTRY_MAX_CHARACTERS = 64 * 1024;

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function entryFor(what: string, error: unknown, at: Date): string {
  const details =
    error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : inspect(error);
  const cause =
    error instanceof Error && error.cause !== undefined ? `\nCaused by: ${inspect(error.cause)}` : '';
  const text = `${at.toISOString()} ${what}\n${details}${cause}`;
  return `${text.length > ENTRY_MAX_CHARACTERS ? `${text.slice(0, ENTRY_MAX_CHARACTERS)}\n[cut]` : text}\n\n`;
}

/**
 * Appends an internal error, stack and all, to the error log in `userDataDir`. Returns the log's
 * path, or undefined when it could not be written (then nothing more is done: logging never fails a call).
 */
export function logInternalError(userDataDir: string, what: string, error: unknown): string | undefined {
  const log = join(userDataDir, ERROR_LOG_NAME);
  try {
    const entry = entryFor(what, error, new Date());
    mkdirSync(userDataDir, { recursive: true });
    if (sizeOf(log) + Buffer.byteLength(entry) > ERROR_LOG_MAX_BYTES) {
      renameSync(log, join(userDataDir, ERROR_LOG_NAME.replace(/\.log$/, '.1.log')));
    }
    appendFileSync(log, entry, { mode: 0o600 });
    return log;
  } catch {
    return undefined;
  }
}

/** One plain line for the console about an internal error: what failed and where its details are. */
export function reportInternalError(userDataDir: string, what: string, error: unknown): void {
  const log = logInternalError(userDataDir, what, error);
  console.error(`[copanel] ${what}.${log ? ` The details are in ${log}.` : ''}`);
}

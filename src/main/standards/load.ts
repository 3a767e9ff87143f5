import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { generalDetails, UserFacingError } from '../../shared/errors';
import { parseStandard, type Standard } from '../../shared/standard';

/**
 * Reads and validates a standard file. Throws UserFacingError('INVALID_STANDARD') when the file
 * cannot be read, is not JSON, or is not a valid standard; `details` then lists every problem.
 */
export function loadStandard(file: string): Standard {
  const name = basename(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UserFacingError(
      'INVALID_STANDARD',
      `The standard file "${name}" could not be read (${describeReadError(error)}). Check the file is there and try again.`,
    );
  }
  return loadStandardFromText(text, name);
}

/** Validates a standard given as JSON text (e.g. an imported file's contents); `sourceName` names it in messages. */
export function loadStandardFromText(text: string, sourceName: string): Standard {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'it is not valid JSON';
    throw new UserFacingError(
      'INVALID_STANDARD',
      `The standard file "${sourceName}" is not valid JSON, so it cannot be used. Fix the file and import it again.`,
      generalDetails([reason]),
    );
  }
  const parsed = parseStandard(json);
  if (parsed.ok) return parsed.standard;
  const count = parsed.problems.length;
  throw new UserFacingError(
    'INVALID_STANDARD',
    `The standard file "${sourceName}" has ${count} ${count === 1 ? 'problem' : 'problems'}, so it cannot be used. Fix ${count === 1 ? 'it' : 'them'} and import the file again.`,
    generalDetails(parsed.problems),
  );
}

function describeReadError(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (code === 'ENOENT') return 'there is no file with that name';
  if (code === 'EACCES' || code === 'EPERM') return 'the app is not allowed to open it';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  return 'the system refused to open it';
}

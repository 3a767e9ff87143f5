import { readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { unusableFile } from '../../shared/file-words';
import { UserFacingError } from '../../shared/errors';
import { PDF_LIMITS } from '../signing';
import { UsageError } from './command';

/**
 * A certificate PDF named on the command line (`copanel verify`, `copanel case verify-audit
 * --against`): an empty file, or one larger than any certificate can be, is refused before it is
 * read, in the words every file door in the app uses (src/shared/file-words.ts).
 */
export function readCertificateFile(path: string): Buffer {
  const full = resolve(path);
  let size: number;
  try {
    size = statSync(full).size;
  } catch {
    throw new UsageError(`could not read the certificate “${path}”.`);
  }
  const problem = unusableFile({ name: basename(path), size }, 'a certificate', PDF_LIMITS.fileBytes);
  if (problem !== undefined)
    throw new UserFacingError(size === 0 ? 'NOT_A_PDF' : 'PDF_NOT_SUPPORTED', problem);
  try {
    return readFileSync(full);
  } catch {
    throw new UsageError(`could not read the certificate “${path}”.`);
  }
}

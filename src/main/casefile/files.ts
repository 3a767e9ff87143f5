import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  fsyncSync,
  linkSync,
  openSync,
  readSync,
  renameSync,
  statfsSync,
  statSync,
  unlinkSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { otherKindOfFile } from './other-file-kinds';
import { caseFileFailures, errorCode, storageFailure, type StoredFileFailures } from './failures';
import { SQLCIPHER4 } from './sqlcipher4-format';

/** File-system steps around a case file: checks before opening, and putting finished files in place. */

export const CASE_FILE_EXTENSION = '.copanel';
/** The scheme office's file (src/main/scheme): the same format as a case file. */
export const SCHEME_FILE_EXTENSION = '.copanel-scheme';
const PLAINTEXT_SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** The first bytes of a file, or fewer if it is shorter. */
export function readFileStart(path: string, length: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const bytesRead = readSync(fd, buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    closeSync(fd);
  }
}

export function isPlaintextSqlite(path: string): boolean {
  return readFileStart(path, PLAINTEXT_SQLITE_HEADER.length).equals(PLAINTEXT_SQLITE_HEADER);
}

/**
 * Everything that can be told about a case file without its passphrase (a scheme file, given its
 * failures): that it exists, is a file, looks like SQLCipher pages rather than something else, and
 * (for writing) can be written.
 */
export function inspectCaseFileOnDisk(
  path: string,
  options: { forWriting: boolean; failures?: StoredFileFailures },
): void {
  const failures = options.failures ?? caseFileFailures;
  const { noun } = failures.words;
  let size: number;
  let mode: number;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) throw failures.notThisKind(path, 'it is a folder, not a file');
    ({ size, mode } = stats);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw failures.missing(path);
    throw storageFailure(error, path, failures) ?? error;
  }
  if (size === 0) throw failures.empty(path);
  if (isPlaintextSqlite(path))
    throw failures.notThisKind(path, 'it is an ordinary database that is not encrypted');
  // Not whole pages: a file of another kind (named by its first bytes: a PDF, a ZIP) or one cut short.
  if (size % SQLCIPHER4.pageSize !== 0)
    throw failures.notThisKind(
      path,
      otherKindOfFile(path, failures.words) ??
        `its size does not fit an encrypted ${noun}: if it was one, it has been cut short, for example by a copy that did not finish, so open your most recent backup or saved copy instead`,
    );
  if (options.forWriting && !canWrite(path, mode)) throw failures.readOnly(path);
}

/**
 * Everything that can be told about a file chosen to open as a case file before its passphrase is
 * asked (the open screen asks this first): a scheme file by its name (its contents are encrypted
 * like a case file's), then what inspectCaseFileOnDisk finds — missing, empty, a PDF or ZIP, an
 * unencrypted database, a file cut short.
 */
export function checkCaseFileBeforePassphrase(path: string): void {
  if (path.toLowerCase().endsWith(SCHEME_FILE_EXTENSION))
    throw caseFileFailures.notACaseFile(
      path,
      'it is a scheme file, which holds the scheme office’s register and assessor directory: open it from Scheme office on the start screen',
    );
  inspectCaseFileOnDisk(path, { forWriting: false });
}

/**
 * Whether the file and its folder (where SQLite writes its journal) can be written. The file's
 * own read-only flag is honoured even for administrators, who could otherwise write anyway.
 */
function canWrite(path: string, mode: number): boolean {
  if ((mode & 0o222) === 0) return false;
  try {
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Flushes a finished file to the disk. */
export function syncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Flushes a folder's list of names to the disk, so that a file just renamed or linked into it is
 * still there after a power cut. Where a folder cannot be opened or flushed (Windows), the
 * rename itself is as durable as that system makes it.
 */
export function syncFolder(folder: string): void {
  let fd: number;
  try {
    fd = openSync(folder, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch (error) {
    const code = errorCode(error);
    if (code !== 'EINVAL' && code !== 'EISDIR' && code !== 'EPERM' && code !== 'EBADF') throw error;
  } finally {
    closeSync(fd);
  }
}

/**
 * Moves a finished temporary file to `target`. Without `replace` it never overwrites: a hard link
 * fails if the target appeared meanwhile (on disks without hard links, e.g. FAT USB sticks, it
 * falls back to a checked rename).
 */
export function moveIntoPlace(temporary: string, target: string, options: { replace?: boolean } = {}): void {
  if (options.replace) {
    renameSync(temporary, target);
  } else {
    try {
      linkSync(temporary, target);
      unlinkSync(temporary);
    } catch (error) {
      if (errorCode(error) === 'EEXIST') throw caseFileFailures.exists(target);
      if (existsSync(target)) throw caseFileFailures.exists(target);
      renameSync(temporary, target);
    }
  }
  syncFolder(dirname(target));
}

/** Deletes a file if it is there, ignoring any error (used to clean up after a failure). */
export function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // nothing to clean up
  }
}

/**
 * Refuses, before anything is written, a change that cannot fit on the disk. A write that runs out
 * of space part-way is still rolled back safely, but SQLCipher re-encrypts the pages it restores
 * (fresh IVs), so only this early check leaves the file's bytes exactly as they were.
 */
export function requireFreeSpace(caseFilePath: string, bytesNeeded: number): void {
  let available: number;
  try {
    const stats = statfsSync(dirname(caseFilePath));
    available = stats.bavail * stats.bsize;
  } catch {
    return; // the disk cannot say; SQLite will report SQLITE_FULL if it comes to that
  }
  if (available < bytesNeeded) throw caseFileFailures.diskFull(caseFilePath);
}

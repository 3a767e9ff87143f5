import { constants, copyFileSync, linkSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { errorCode, storageFailure } from './failures';
import { removeQuietly, syncFile, syncFolder } from './files';
import { temporaryPathFor } from './leftovers';

/**
 * Copies kept beside a file: byte-for-byte backups before its layout is changed, and the broken
 * file kept when one is rebuilt. A copy is complete before it gets its name (a backup is copied
 * under a temporary name, flushed, then linked to its name), and that name is never one an
 * earlier copy has: a name taken means "try the next one", never "replace it". Nothing here ever
 * deletes a kept copy, on any path; only the temporary copy of an unfinished backup is removed.
 */

const MAX_COPIES_PER_SECOND = 1000;

/** `<stem>.<label>-<UTC time>[-N]<extension>` beside `path`. */
function keptCopyPath(path: string, label: string, at: Date, copy: number): string {
  const extension = extname(path);
  const stem = basename(path, extension);
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const number = copy > 1 ? `-${copy}` : '';
  return join(dirname(path), `${stem}.${label}-${stamp}${number}${extension || '.copanel'}`);
}

/**
 * Gives the complete file `source` an extra name, `target`, without ever replacing a file there:
 * a hard link, or on disks without them (FAT USB sticks) a copy. False when `target` is taken.
 */
function addNameNoReplace(source: string, target: string): boolean {
  try {
    linkSync(source, target);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
  }
  try {
    copyFileSync(source, target, constants.COPYFILE_EXCL);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
  syncFile(target);
  return true;
}

/** Names `source` (complete, flushed) as the first free kept copy `<stem>.<label>-<time>[-N]` beside `path`. */
function nameKeptCopy(source: string, path: string, label: string): string {
  const at = new Date();
  for (let copy = 1; copy <= MAX_COPIES_PER_SECOND; copy += 1) {
    const kept = keptCopyPath(path, label, at, copy);
    if (addNameNoReplace(source, kept)) {
      syncFolder(dirname(path));
      return kept;
    }
  }
  throw new Error(`There are too many copies named “${label}” with the same time in their name.`);
}

/** Copies the closed file, whole, to a new backup name beside it and returns that name. */
export function backUpBeforeUpdate(path: string, fromSchema: number): string {
  const temporary = temporaryPathFor(path, 'backing-up');
  try {
    copyFileSync(path, temporary, constants.COPYFILE_EXCL);
    syncFile(temporary);
    return nameKeptCopy(temporary, path, `backup-layout-${fromSchema}`);
  } catch (error) {
    throw storageFailure(error, path) ?? error;
  } finally {
    removeQuietly(temporary);
  }
}

/**
 * Keeps a broken file exactly as it is, with its journal, under a new name beside it (hard links,
 * so no space is used and nothing is moved), before the file is rebuilt. Returns the kept name.
 */
export function keepBrokenFile(path: string, journal: string): string {
  const kept = nameKeptCopy(path, path, 'before-recovery');
  if (!addNameNoReplace(journal, `${kept}-journal`))
    throw new Error(
      `“${basename(kept)}-journal” is already there, so the broken file's journal could not be kept.`,
    );
  syncFolder(dirname(path));
  return kept;
}

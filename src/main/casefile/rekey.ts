import { renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { caseFileFailures, storageFailure } from './failures';
import { isPlaintextSqlite, removeQuietly, requireFreeSpace, syncFile, syncFolder } from './files';
import { temporaryPathFor } from './leftovers';
import { journalPathFor } from './rollback-journal';
import {
  applyCaseFileSettings,
  openSqlite,
  reEncryptPrivateCopy,
  type SqliteDatabase,
  unlockWithPassphrase,
} from './sqlcipher';
import { cipherIntegrityCheck } from './sqlcipher4-format';

/**
 * Changing an encrypted file's passphrase without ever putting the file itself at risk.
 *
 * The file is never re-encrypted in place (a crash while SQLite3 Multiple Ciphers' in-place rekey
 * had its journal live left a file that opened with neither passphrase: page 1 had the new salt,
 * the journal could only be read with the old key). Instead:
 *   1. a complete copy is written beside it (VACUUM INTO, a temporary name in the same folder),
 *   2. the copy — which no one else can see — is re-encrypted under the new passphrase,
 *   3. `inNewCopy` writes into it (the audit entry for the change), so the record and the change
 *      become visible together,
 *   4. every page of the copy is checked against the new passphrase, the copy is flushed to disk,
 *   5. the open connection is closed, the copy is renamed over the file (atomic), the folder is
 *      flushed, and the file is opened again with the new passphrase.
 * Until the rename the original is untouched and opens with the old passphrase; after it, the new
 * file opens with the new one. A crash at any point leaves one or the other, never neither, plus a
 * temporary file that the next open clears (leftovers.ts). Nothing here depends on the case
 * file's tables: it works for any file in the case file format.
 */

export interface PassphraseChangeSteps {
  /** Writes into the re-encrypted copy before it replaces the file; throwing abandons the change. */
  inNewCopy?: (copy: SqliteDatabase) => Promise<void>;
  /** Opens the file with a passphrase once it is in place again, ready for use. */
  reopen: (passphrase: string) => SqliteDatabase;
}

/** Room for the copy and the journal of its re-encryption, with some to spare. */
function spaceNeeded(path: string): number {
  return 2 * statSync(path).size + 8 * 1024 * 1024;
}

/**
 * Changes the passphrase of the file open as `live` (which must be between transactions and is
 * closed) from `current` to `next`, and returns the file opened again through `steps.reopen`.
 * If anything fails before the rename, the file is reopened with `current` and the error thrown.
 */
export async function changePassphraseByCopy(
  live: SqliteDatabase,
  path: string,
  current: string,
  next: string,
  steps: PassphraseChangeSteps,
): Promise<SqliteDatabase> {
  requireFreeSpace(path, spaceNeeded(path));
  const copy = temporaryPathFor(path, 'rekeying');
  try {
    live.prepare('vacuum into ?').run(copy);
    await reEncryptCopy(copy, current, next, steps.inNewCopy);
    syncFile(copy);
  } catch (error) {
    removeCopy(copy);
    throw storageFailure(error, path) ?? error;
  }
  live.close();
  try {
    renameSync(copy, path);
  } catch (error) {
    removeCopy(copy);
    steps.reopen(current);
    throw storageFailure(error, path) ?? error;
  }
  syncFolder(dirname(path));
  try {
    return steps.reopen(next);
  } catch {
    throw caseFileFailures.changedButNotReopened(path);
  }
}

/** Re-encrypts the private copy, lets the caller write into it, and checks every page opens with `next`. */
async function reEncryptCopy(
  copy: string,
  current: string,
  next: string,
  inNewCopy: PassphraseChangeSteps['inNewCopy'],
): Promise<void> {
  const database = openSqlite(copy, { fileMustExist: true });
  try {
    unlockWithPassphrase(database, current);
    // Nobody else can see the copy and a crash only costs the copy, so it need not be synced yet.
    database.pragma('synchronous = OFF');
    database.prepare('select count(*) from sqlite_master').get();
    reEncryptPrivateCopy(database, next);
    applyCaseFileSettings(database, { readOnly: false });
    await inNewCopy?.(database);
  } finally {
    database.close();
  }
  if (isPlaintextSqlite(copy)) throw new Error('The re-encrypted copy was not encrypted.');
  const check = await cipherIntegrityCheck(copy, next);
  if (!check.ok)
    throw new Error(
      `The re-encrypted copy did not check out (${check.problem ?? `pages ${check.failedPages.join(', ')}`}).`,
    );
}

function removeCopy(copy: string): void {
  removeQuietly(copy);
  removeQuietly(journalPathFor(copy));
}

import { closeSync, fstatSync, openSync, readSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { keepBrokenFile } from './backups';
import { caseFileFailures, storageFailure } from './failures';
import { removeQuietly, requireFreeSpace, syncFile, syncFolder } from './files';
import { temporaryPathFor } from './leftovers';
import { journalChecksum, journalPathFor, RollbackJournalReader } from './rollback-journal';
import {
  decryptPage,
  deriveSqlcipher4Keys,
  isLockBytePage,
  pageHmacMatches,
  SQLCIPHER4,
  type Sqlcipher4Keys,
} from './sqlcipher4-format';

/**
 * Rebuilds a file left half-way through the old in-place passphrase change (before issue 17).
 *
 * The pages the change had already rewritten are under the new key, but their earlier contents
 * are in the journal, under the old key (that is what SQLite journals: the pages as they were).
 * The pages it had not reached are still under the old key in the file. So the file as it was
 * before the change is: the file's pages, with every page the journal holds put back, cut to the
 * size the journal records — which is what SQLite's rollback does, done here with the old
 * passphrase's keys taken from the journal's copy of page 1, where SQLite cannot (it derives the
 * key from the file's page 1, which already has the new salt).
 *
 * The rebuilt file is written under a temporary name and every page is checked against the old
 * passphrase before it replaces anything; the broken file and its journal are kept beside it
 * (hard links) under `<name>.before-recovery-<time>`. Only the caller's old passphrase is needed.
 */

export interface RebuiltFile {
  /** Where the broken file was kept, with its journal beside it (`…-journal`). */
  keptAs: string;
  pages: number;
  pagesFromJournal: number;
}

const PAGES_PER_COPY = 256;

export async function rebuildFromInterruptedPassphraseChange(
  path: string,
  oldPassphrase: string,
): Promise<RebuiltFile> {
  const journal = RollbackJournalReader.openHot(path);
  if (!journal) throw caseFileFailures.notRebuilt(path, 'its journal is no longer there');
  const temporary = temporaryPathFor(path, 'recovering');
  try {
    const page1 = journal.recordFor(1);
    if (!page1) throw caseFileFailures.notRebuilt(path, 'the journal has no copy of the first page');
    const keys = await deriveSqlcipher4Keys(
      oldPassphrase,
      journal.readPage(page1).subarray(0, SQLCIPHER4.saltBytes),
    );
    const pages = journal.journal.originalPages;
    requireFreeSpace(path, pages * SQLCIPHER4.pageSize + 8 * 1024 * 1024);
    const output = openSync(temporary, 'wx+', 0o600);
    let pagesFromJournal = 0;
    try {
      copyUntouchedPages(path, output, pages);
      pagesFromJournal = putBackJournaledPages(journal, output, pages, keys, path);
      requireEveryPageOpens(output, pages, keys, path);
    } finally {
      closeSync(output);
    }
    syncFile(temporary);
    journal.close();
    const keptAs = keepBrokenFile(path, journalPathFor(path));
    renameSync(temporary, path);
    syncFolder(dirname(path));
    // Were the app stopped before this, SQLite would play the journal onto the rebuilt file, which
    // already holds exactly those pages: harmless. Now it is no longer needed.
    unlinkSync(journalPathFor(path));
    syncFolder(dirname(path));
    return { keptAs, pages, pagesFromJournal };
  } catch (error) {
    removeQuietly(temporary);
    throw storageFailure(error, path) ?? error;
  } finally {
    journal.close();
  }
}

/** The file's own pages, up to the size it had before the change (pages beyond it are left as zeros). */
function copyUntouchedPages(path: string, output: number, pages: number): void {
  const input = openSync(path, 'r');
  try {
    const available = Math.min(pages, Math.floor(fstatSync(input).size / SQLCIPHER4.pageSize));
    const buffer = Buffer.alloc(SQLCIPHER4.pageSize * PAGES_PER_COPY);
    for (let first = 0; first < available; first += PAGES_PER_COPY) {
      const count = Math.min(PAGES_PER_COPY, available - first);
      const bytes = readSync(input, buffer, 0, count * SQLCIPHER4.pageSize, first * SQLCIPHER4.pageSize);
      writeSync(output, buffer, 0, bytes, first * SQLCIPHER4.pageSize);
    }
    if (available < pages) writeSync(output, Buffer.alloc(1), 0, 1, pages * SQLCIPHER4.pageSize - 1);
  } finally {
    closeSync(input);
  }
}

/** Writes back each page the journal holds, as SQLite's rollback would; stops where SQLite would stop. */
function putBackJournaledPages(
  journal: RollbackJournalReader,
  output: number,
  pages: number,
  keys: Sqlcipher4Keys,
  path: string,
): number {
  const done = new Set<number>();
  for (const record of journal.records()) {
    if (record.pageNumber === 0 || record.pageNumber > pages || done.has(record.pageNumber)) continue;
    const page = journal.readPage(record);
    if (!pageHmacMatches(page, record.pageNumber, keys.hmacKey))
      throw caseFileFailures.notRebuilt(path, `the journal's copy of page ${record.pageNumber} is damaged`);
    if (journalChecksum(plainPage(page, record.pageNumber, keys), record.checksumSeed) !== record.checksum)
      break;
    writeSync(output, page, 0, page.length, (record.pageNumber - 1) * SQLCIPHER4.pageSize);
    done.add(record.pageNumber);
  }
  return done.size;
}

/** The page as SQLite holds it in memory: for the checksum, which samples every 200th byte. */
function plainPage(page: Buffer, pageNumber: number, keys: Sqlcipher4Keys): Buffer {
  const plain = Buffer.alloc(SQLCIPHER4.pageSize);
  decryptPage(page, pageNumber, keys.encryptionKey).copy(plain, pageNumber === 1 ? SQLCIPHER4.saltBytes : 0);
  return plain;
}

function requireEveryPageOpens(output: number, pages: number, keys: Sqlcipher4Keys, path: string): void {
  const page = Buffer.alloc(SQLCIPHER4.pageSize);
  for (let pageNumber = 1; pageNumber <= pages; pageNumber += 1) {
    if (isLockBytePage(pageNumber)) continue;
    readSync(output, page, 0, page.length, (pageNumber - 1) * SQLCIPHER4.pageSize);
    if (!pageHmacMatches(page, pageNumber, keys.hmacKey))
      throw caseFileFailures.notRebuilt(
        path,
        `page ${pageNumber} could not be restored with the old passphrase`,
      );
  }
}

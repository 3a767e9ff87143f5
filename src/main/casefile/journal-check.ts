import { caseFileFailures } from './failures';
import { readFileStart } from './files';
import { rebuildFromInterruptedPassphraseChange, type RebuiltFile } from './rekey-recovery';
import { RollbackJournalReader } from './rollback-journal';
import { deriveSqlcipher4Keys, pageHmacMatches, SQLCIPHER4 } from './sqlcipher4-format';

/**
 * What to make of a hot rollback journal (left by a crash) before SQLite may play it back.
 *
 * SQLite3 Multiple Ciphers decrypts the journal with whatever key the connection was given: with
 * a wrong passphrase it "restores" garbage, cuts the file to its old size and reports it damaged.
 * So the passphrase is checked here first, in Node, against page 1's HMAC and the first page in
 * the journal; SQLite only sees the file once the passphrase is known to be right.
 *
 * It also recognises a file left by the old in-place passphrase change (before issue 17): page 1
 * already has the new passphrase's salt, while the journal's copy of page 1 still has the old one.
 */
export type HotJournalFinding =
  | { kind: 'none' }
  /** A change was cut off; the journal will undo it. Whether the passphrase opens the file. */
  | { kind: 'unfinished-change'; passphraseFits: boolean }
  /** An in-place passphrase change was cut off: which passphrase this one is. */
  | { kind: 'interrupted-passphrase-change'; passphrase: 'old' | 'new' | 'neither' };

/** Reads the file's first page and its journal (if hot) and checks the passphrase against both. Changes nothing. */
async function checkHotJournal(path: string, passphrase: string): Promise<HotJournalFinding> {
  const journal = RollbackJournalReader.openHot(path);
  if (!journal) return { kind: 'none' };
  try {
    if (journal.journal.pageSize !== SQLCIPHER4.pageSize) return { kind: 'none' };
    const filePage1 = readFileStart(path, SQLCIPHER4.pageSize);
    const fileSalt = filePage1.subarray(0, SQLCIPHER4.saltBytes);
    const journalRecord1 = journal.recordFor(1);
    const journalPage1 = journalRecord1 ? journal.readPage(journalRecord1) : undefined;
    if (journalPage1 && !journalPage1.subarray(0, SQLCIPHER4.saltBytes).equals(fileSalt))
      return await interruptedPassphraseChange(passphrase, filePage1, journalPage1);

    const { hmacKey } = await deriveSqlcipher4Keys(passphrase, fileSalt);
    const first = journal.firstRecord();
    const fits =
      (filePage1.length === SQLCIPHER4.pageSize && pageHmacMatches(filePage1, 1, hmacKey)) ||
      (first !== undefined && pageHmacMatches(journal.readPage(first), first.pageNumber, hmacKey));
    return { kind: 'unfinished-change', passphraseFits: fits };
  } finally {
    journal.close();
  }
}

async function interruptedPassphraseChange(
  passphrase: string,
  filePage1: Buffer,
  journalPage1: Buffer,
): Promise<HotJournalFinding> {
  const before = await deriveSqlcipher4Keys(passphrase, journalPage1.subarray(0, SQLCIPHER4.saltBytes));
  if (pageHmacMatches(journalPage1, 1, before.hmacKey))
    return { kind: 'interrupted-passphrase-change', passphrase: 'old' };
  const after = await deriveSqlcipher4Keys(passphrase, filePage1.subarray(0, SQLCIPHER4.saltBytes));
  const isNew = filePage1.length === SQLCIPHER4.pageSize && pageHmacMatches(filePage1, 1, after.hmacKey);
  return { kind: 'interrupted-passphrase-change', passphrase: isNew ? 'new' : 'neither' };
}

/**
 * What must happen before SQLite may open the file with this passphrase: nothing; refusing a wrong
 * passphrase while a hot journal is there (no byte changed); or rebuilding a file left half-way
 * through an old in-place passphrase change (only for editing, only with the old passphrase).
 */
export async function prepareToOpen(
  path: string,
  passphrase: string,
  options: { readOnly: boolean },
): Promise<{ rebuilt?: RebuiltFile }> {
  const finding = await checkHotJournal(path, passphrase);
  if (finding.kind === 'none') return {};
  if (finding.kind === 'unfinished-change') {
    if (!finding.passphraseFits) throw caseFileFailures.wrongPassphrase(path);
    return {};
  }
  if (finding.passphrase === 'neither') throw caseFileFailures.wrongPassphrase(path);
  if (finding.passphrase === 'new')
    throw caseFileFailures.passphraseChangeInterrupted(path, 'new-passphrase');
  if (options.readOnly) throw caseFileFailures.passphraseChangeInterrupted(path, 'read-only');
  return { rebuilt: await rebuildFromInterruptedPassphraseChange(path, passphrase) };
}

import { emptyFileMessage } from '../../shared/file-words';
import { fileNameOf, quotedFileName } from '../../shared/hidden-characters';
import { isUserFacingError, UserFacingError } from '../../shared/errors';

/**
 * Plain-English errors for everything that can go wrong with a case file (or a scheme file) on disk, and the mapping
 * from SQLite and file-system error codes to them. Every message names the file, says what
 * happened, and says what to do next.
 */

const named = quotedFileName;

/**
 * A file that is not the kind asked for, with what was found inside (`why`) and what to do next:
 * a file already named like that kind is not told to choose a file with that name.
 */
export function notThisKindWords(path: string, why: string, noun: string, extension: string): string {
  const next = path.toLowerCase().endsWith(extension)
    ? `Its name ends in ${extension}, but what is inside is not a ${noun}. Choose another file.`
    : `Choose a ${noun}; their names end in ${extension}.`;
  return `${named(path)} is not a Coproduction Panel ${noun} (${why}). ${next}`;
}

/** How a kind of stored file is named in its refusals: "case file", "scheme file". */
export interface StoredFileWords {
  noun: string;
  extension: string;
  /** The code of the refusal for a file that is not of this kind. */
  notThisKindCode: 'NOT_A_CASE_FILE' | 'NOT_A_SCHEME_FILE';
}

export const CASE_FILE_WORDS: StoredFileWords = {
  noun: 'case file',
  extension: '.copanel',
  notThisKindCode: 'NOT_A_CASE_FILE',
};

export const SCHEME_FILE_WORDS: StoredFileWords = {
  noun: 'scheme file',
  extension: '.copanel-scheme',
  notThisKindCode: 'NOT_A_SCHEME_FILE',
};

/**
 * The refusals for one kind of stored file, each naming it as that kind: a scheme file's say
 * "scheme file" where a case file's say "case file". The codes are the same for both kinds (the
 * API's contract), but for the refusal of a file that is not of this kind.
 */
export function storedFileFailures(words: StoredFileWords) {
  const { noun } = words;
  return {
    words,
    missing: (path: string) =>
      new UserFacingError(
        'CASE_FILE_MISSING',
        `There is no ${noun} at ${named(path)}. It may have been moved or renamed, or be on a USB stick that is not plugged in. Choose the file again.`,
      ),
    exists: (path: string) =>
      new UserFacingError(
        'CASE_FILE_EXISTS',
        `There is already a file called ${named(path)} there. Choose another name, or open the existing ${noun}.`,
      ),
    readOnly: (path: string) =>
      new UserFacingError(
        'CASE_FILE_READ_ONLY',
        `${named(path)} cannot be changed because the file or its folder is read-only. Open it read-only to look at it, or save a copy somewhere you can write to.`,
      ),
    openedReadOnly: (path: string) =>
      new UserFacingError(
        'CASE_FILE_READ_ONLY',
        `${named(path)} is open read-only, so it cannot be changed. Close it and open it again for editing.`,
      ),
    wrongPassphrase: (path: string) =>
      new UserFacingError(
        'WRONG_PASSPHRASE',
        `That passphrase does not open ${named(path)}. Check it (capital letters, spaces and punctuation count) and try again. If you are sure it is right, the start of the file may be damaged: open a backup copy instead.`,
      ),
    /** An empty file chosen to open, said as every file door says it (src/shared/file-words.ts). */
    empty: (path: string) => new UserFacingError('NOT_A_CASE_FILE', emptyFileMessage(fileNameOf(path))),
    notThisKind: (path: string, why: string) =>
      new UserFacingError(words.notThisKindCode, notThisKindWords(path, why, noun, words.extension)),
    tooNew: (path: string, fileSchema: number, appVersion: string | undefined) =>
      new UserFacingError(
        'CASE_FILE_TOO_NEW',
        `${named(path)} was saved by a newer version of Coproduction Panel${appVersion ? ` (${appVersion})` : ''} and uses layout ${fileSchema}, which this version does not understand. Install the latest version of Coproduction Panel to open it. The file has not been changed.`,
      ),
    needsRecovery: (path: string) =>
      new UserFacingError(
        'CASE_FILE_READ_ONLY',
        `${named(path)} was not closed properly last time (the computer or the app stopped while saving), so it cannot be opened read-only yet. Open it for editing once: the unfinished change is undone and everything saved before it is kept.`,
      ),
    needsUpdate: (path: string) =>
      new UserFacingError(
        'CASE_FILE_NEEDS_UPDATE',
        `${named(path)} was made by an earlier version of Coproduction Panel and needs a one-off update before it can be read. Open it for editing once (a backup is made first), then it can be opened read-only.`,
      ),
    damaged: (path: string, which: string) =>
      new UserFacingError(
        'CASE_FILE_DAMAGED',
        `${named(path)} is damaged: ${which}. Nothing has been changed. Open your most recent backup or saved copy, and keep this file in case it can be recovered.`,
      ),
    updateFailed: (path: string, backup: string, reason: string) =>
      new UserFacingError(
        'CASE_FILE_DAMAGED',
        `${named(path)} could not be updated to this version’s layout (${reason}), so it was left as it was; a backup copy, ${named(backup)}, was made first. Please report this problem, and carry on with an earlier version of Coproduction Panel meanwhile.`,
      ),
    recordRewritten: (path: string, problems: string[], readOnly: boolean) =>
      new UserFacingError(
        'AUDIT_CHAIN_BROKEN',
        `${named(path)} has been changed outside Coproduction Panel: ${problems.join('; ')}. ${
          readOnly
            ? 'It is open read-only so you can look at it; do not sign a certificate from it.'
            : 'So that no certificate is signed from a rewritten history, it will not open for editing. Nothing has been changed. Open your most recent backup or saved copy, or open this file read-only to look at it, and tell the scheme office.'
        }`,
      ),
    diskFull: (path: string) =>
      new UserFacingError(
        'DISK_FULL',
        `There is not enough space on the disk to save this change to ${named(path)}, so it was not saved; the ${noun} is unchanged and safe. Free some space, or move the ${noun} to a disk with more room, and try again.`,
      ),
    diskFullAtOpen: (path: string) =>
      new UserFacingError(
        'DISK_FULL',
        `There is no space left on the disk that holds ${named(path)}, so it cannot be opened for editing: the app needs a little room to note that the file is in use and to save changes. Nothing has been changed. Free some space, or move the ${noun} to a disk with more room, and try again — or open it read-only to look at it.`,
      ),
    passphraseChangeInterrupted: (path: string, how: 'new-passphrase' | 'read-only') =>
      new UserFacingError(
        'PASSPHRASE_CHANGE_INTERRUPTED',
        how === 'new-passphrase'
          ? `${named(path)}: the app or the computer stopped while its passphrase was being changed, by an earlier version of Coproduction Panel that changed it in place, so the change did not finish and the new passphrase does not open it. Nothing has been changed. Open it with the old passphrase, for editing: the app then rebuilds the file as it was before the change, from the copy SQLite kept, and keeps the broken file beside it. Then change the passphrase again.`
          : `${named(path)}: the app or the computer stopped while its passphrase was being changed, by an earlier version of Coproduction Panel that changed it in place, so it must be rebuilt before it can be read. Nothing has been changed. Open it for editing, with the old passphrase: the app then rebuilds it as it was before the change and keeps the broken file beside it.`,
      ),
    notRebuilt: (path: string, why: string) =>
      new UserFacingError(
        'CASE_FILE_DAMAGED',
        `${named(path)} was left half-way through a passphrase change, and it could not be rebuilt from the copy SQLite kept (${why}). Nothing has been changed. Open your most recent backup or saved copy, and keep this file and the file beside it whose name ends in “-journal”, in case they can be recovered.`,
      ),
    changedButNotReopened: (path: string) =>
      new UserFacingError(
        'CASE_NOT_OPEN',
        `The passphrase of ${named(path)} was changed, but the file could not be opened again afterwards (the disk may have been disconnected). Open it again with the new passphrase.`,
      ),
    nameTooLong: (path: string) =>
      new UserFacingError(
        'INVALID_INPUT',
        `The name ${named(path)} is too long for this disk. Choose a shorter file name or folder.`,
      ),
    tooManyOpenFiles: (path: string) =>
      new UserFacingError(
        'CASE_FILE_LOCKED',
        `The computer has too many files open to open ${named(path)} now. Close some other programs or windows and try again.`,
      ),
    unreachable: (path: string) =>
      new UserFacingError(
        'CASE_FILE_MISSING',
        `The computer could not read or write ${named(path)}: the USB stick or network drive it is on may have been disconnected. Reconnect it and try again; the last change was not saved.`,
      ),
    busy: (path: string) =>
      new UserFacingError(
        'CASE_FILE_LOCKED',
        `${named(path)} is being used by another program right now. Wait a moment and try again, or close the other program.`,
      ),
    closed: (path: string) =>
      new UserFacingError('CASE_NOT_OPEN', `${named(path)} has been closed. Open it again to carry on.`),
  };
}

export type StoredFileFailures = ReturnType<typeof storedFileFailures>;

const caseFileWords = storedFileFailures(CASE_FILE_WORDS);
/** The case file's refusals (and `notACaseFile`, its refusal of a file that is not a case file). */
export const caseFileFailures = { ...caseFileWords, notACaseFile: caseFileWords.notThisKind };
/** The scheme file's refusals, naming it as a scheme file. */
export const schemeFileFailures: StoredFileFailures = storedFileFailures(SCHEME_FILE_WORDS);

/** The `code` of a SQLite (better-sqlite3) or Node file-system error, if it has one. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const { code } = error as { code: unknown };
  return typeof code === 'string' ? code : undefined;
}

/**
 * Turns a storage error into the user-facing error it means, or returns undefined when it is not a
 * storage condition (a programming error, a constraint) and should be left as it is.
 */
export function storageFailure(
  error: unknown,
  path: string,
  failures: StoredFileFailures = caseFileFailures,
): UserFacingError | undefined {
  if (isUserFacingError(error)) return error;
  const code = errorCode(error);
  if (!code) return undefined;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return failures.diskFull(path);
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM')
    return failures.readOnly(path);
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return failures.damaged(path, 'part of it failed its tamper check or could not be read as a database');
  }
  if (
    code.startsWith('SQLITE_BUSY') ||
    code.startsWith('SQLITE_LOCKED') ||
    code === 'EBUSY' ||
    code === 'ETXTBSY'
  )
    return failures.busy(path);
  if (code === 'EEXIST' || code === 'ENOTEMPTY') return failures.exists(path);
  if (code === 'EISDIR') return failures.notThisKind(path, 'it is a folder, not a file');
  if (code === 'ENAMETOOLONG') return failures.nameTooLong(path);
  if (code === 'EMFILE' || code === 'ENFILE') return failures.tooManyOpenFiles(path);
  if (
    code.startsWith('SQLITE_IOERR') ||
    code === 'EIO' ||
    code === 'ENOENT' ||
    code === 'ENOTDIR' ||
    code === 'ENXIO'
  )
    return failures.unreachable(path);
  return undefined;
}

/** Rethrows `error` as its user-facing meaning when it has one. */
export function rethrowAsCaseFileError(
  error: unknown,
  path: string,
  failures: StoredFileFailures = caseFileFailures,
): never {
  throw storageFailure(error, path, failures) ?? error;
}

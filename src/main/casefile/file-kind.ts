import type { UserFacingError } from '../../shared/errors';
import { caseFileFailures } from './failures';
import { CASE_FILE_MIGRATIONS, type MigrationList } from './migrations';

/**
 * A kind of encrypted file the app keeps: the case file (one per assessment) and the scheme file
 * (one per scheme office: src/main/scheme). Both are SQLCipher 4 files opened the same way — the
 * same passphrase rules, lock, leftovers, backups before migrations, hash-chained audit log, rekey
 * and full check — and differ only in what this descriptor says.
 */
export interface StoredFileKind {
  /** What the user calls it, in messages: "case file", "scheme file". */
  readonly noun: string;
  /** The one-row table holding the file's id, layout version, app versions and audit head. */
  readonly metadataTable: string;
  /** Its numbered migrations; the latest layout version is their number. */
  readonly migrations: MigrationList;
  /** The refusal for a file that is not of this kind (another kind, or another program's database). */
  notThisKind(path: string, why: string): UserFacingError;
}

/**
 * Each kind's metadata table and what a file holding it is, so that one opened where the other kind
 * was asked for is named: "… is not a Coproduction Panel case file (it is the scheme office's
 * scheme file: …)".
 */
export const WHAT_EACH_STORED_KIND_IS: Readonly<Record<string, string>> = {
  case_metadata: 'it is a case file, for one organisation’s assessment: open it with “Open case”',
  scheme_metadata: 'it is the scheme office’s scheme file: open it from “Scheme office”',
};

export const CASE_FILE_KIND: StoredFileKind = {
  noun: 'case file',
  metadataTable: 'case_metadata',
  migrations: CASE_FILE_MIGRATIONS,
  notThisKind: caseFileFailures.notACaseFile,
};

import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Transaction } from 'kysely';
import { UserFacingError } from '../../shared/errors';
import { fileNameOf } from '../../shared/hidden-characters';
import { type AlsoAudit, type AuditEntryRequest, appendAuditEntry, type JsonValue } from './audit';
import type { AuditLogRow } from './schema';
import { caseFileKysely } from './dialect';
import { caseFileFailures, errorCode, storageFailure, type StoredFileFailures } from './failures';
import { moveIntoPlace, readFileStart, removeQuietly } from './files';
import { clearLeftovers, temporaryPathFor } from './leftovers';
import { acquireCaseFileLock, type CaseFileLock } from './lock';
import { changePassphraseByCopy } from './rekey';
import { applyCaseFileSettings, openSqlite, type SqliteDatabase, unlockWithPassphrase } from './sqlcipher';
import {
  type CipherCheck,
  cipherIntegrityCheck,
  deriveSqlcipher4Keys,
  pageHmacMatches,
  SQLCIPHER4,
} from './sqlcipher4-format';

/**
 * What a case file and a scheme file do alike, as stored files (file-kind.ts): connecting with the
 * passphrase, writing a change with its audit entry, checking the whole file, changing the
 * passphrase by copy, and being created whole under a temporary name then moved into place. Each
 * kind names itself in its refusals (its `failures`) and keeps its audit head in its own metadata
 * table (`metadataTable`, the case file's by default).
 */

/** Any stored file's tables, as far as its audit log goes. */
type AuditedTables = { audit_log: AuditLogRow };

/** What a change may record in the audit log: a value, or a value made from the change's result. */
export type AuditPayload<T> = JsonValue | ((result: T) => JsonValue);

export interface IntegrityReport {
  ok: boolean;
  /** Every page's HMAC checked (SQLCipher's cipher_integrity_check). */
  cipher: CipherCheck;
  /** SQLite's PRAGMA integrity_check: 'ok' or the problems it found. */
  database: string[];
}

/** Opens the connection and proves the passphrase by reading the schema (no hot-journal check: see prepareToOpen). */
export function connect(path: string, passphrase: string, readOnly: boolean): SqliteDatabase {
  let sqlite: SqliteDatabase;
  try {
    sqlite = openSqlite(path, { readonly: readOnly, fileMustExist: true });
  } catch (error) {
    throw storageFailure(error, path) ?? error;
  }
  try {
    unlockWithPassphrase(sqlite, passphrase);
    sqlite.prepare('select count(*) from sqlite_master').get();
    return sqlite;
  } catch (error) {
    sqlite.close();
    if (errorCode(error) === 'SQLITE_NOTADB') throw caseFileFailures.wrongPassphrase(path);
    if (errorCode(error) === 'SQLITE_READONLY_ROLLBACK') throw caseFileFailures.needsRecovery(path);
    throw storageFailure(error, path) ?? error;
  }
}

/** Opens the file again for editing, for an open file that stays open (after its passphrase changed). */
export function reconnectForEditing(path: string, passphrase: string): SqliteDatabase {
  const sqlite = connect(path, passphrase, false);
  try {
    applyCaseFileSettings(sqlite, { readOnly: false });
    return sqlite;
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/** Runs `PRAGMA <check>`; `check` may carry a table name, e.g. `quick_check("score")`. */
export function runIntegrityCheck(sqlite: SqliteDatabase, check: string): string[] {
  const rows = sqlite.pragma(check) as Record<string, unknown>[];
  return rows.map((row) => String(Object.values(row)[0]));
}

/** Checks every page's HMAC and SQLite's structure of the file open on `sqlite`. Reads only. */
export async function checkWholeFile(
  path: string,
  sqlite: SqliteDatabase,
  passphrase: string,
): Promise<IntegrityReport> {
  const cipher = await cipherIntegrityCheck(path, passphrase);
  const database = runIntegrityCheck(sqlite, 'integrity_check');
  return { ok: cipher.ok && database.length === 1 && database[0] === 'ok', cipher, database };
}

/** The change and its audit entry, in the transaction (and savepoint) it is written in. */
export async function writeAuditedChange<DB extends AuditedTables, T>(
  trx: Transaction<DB>,
  actor: string,
  action: string,
  payload: AuditPayload<T>,
  change: (trx: Transaction<DB>, alsoAudit: AlsoAudit) => Promise<T>,
  metadataTable?: string,
): Promise<T> {
  const alsoAudit: AlsoAudit = async (otherAction, otherPayload) => {
    await appendAuditEntry(trx, { actor, action: otherAction, payload: otherPayload }, metadataTable);
  };
  const result = await change(trx, alsoAudit);
  const recorded = typeof payload === 'function' ? payload(result) : payload;
  await appendAuditEntry(trx, { actor, action, payload: recorded }, metadataTable);
  return result;
}

/** Whether `passphrase` opens the file: page 1's HMAC is checked with keys derived from it. */
export async function passphraseOpens(path: string, passphrase: string): Promise<boolean> {
  const page = readFileStart(path, SQLCIPHER4.pageSize);
  if (page.length < SQLCIPHER4.pageSize) return false;
  const { hmacKey } = await deriveSqlcipher4Keys(passphrase, page.subarray(0, SQLCIPHER4.saltBytes));
  return pageHmacMatches(page, 1, hmacKey);
}

/**
 * Changes the passphrase of the file open on `live` by writing a complete copy under the new one
 * beside it and renaming it over the file (rekey.ts), with `audit` written into the new copy so it
 * appears with the change; returns the connection to the file under its new passphrase. Refused,
 * changing nothing, when `current` does not open the file.
 */
export async function changePassphraseOfOpenFile(
  live: SqliteDatabase,
  path: string,
  passphrases: { current: string; next: string },
  audit: { entry: AuditEntryRequest; metadataTable?: string; failures?: StoredFileFailures },
): Promise<SqliteDatabase> {
  if (!(await passphraseOpens(path, passphrases.current))) {
    throw new UserFacingError(
      'WRONG_PASSPHRASE',
      `The current passphrase you entered does not open “${fileNameOf(path)}”, so the passphrase was not changed. Check it and try again.`,
    );
  }
  return changePassphraseByCopy(live, path, passphrases.current, passphrases.next, {
    inNewCopy: async (copy) => {
      const db = caseFileKysely<AuditedTables>(copy, path, audit.failures);
      await db.transaction().execute(async (trx) => {
        await appendAuditEntry(trx, audit.entry, audit.metadataTable);
      });
    },
    reopen: (passphrase) => reconnectForEditing(path, passphrase),
  });
}

/**
 * Creates a new file at `path` whole or not at all: holding its lock, it is written complete under
 * a temporary name (`write`), moved into place, and opened (`open`, which keeps the lock). A crash
 * or a failure at any point never leaves half a file at `path`; the temporary file is removed and
 * the lock released. Refused when a file is already there.
 */
export async function createWhole<F>(
  path: string,
  failures: StoredFileFailures,
  steps: { write(temporary: string): Promise<void>; open(lock: CaseFileLock): Promise<F> },
): Promise<F> {
  if (existsSync(path)) throw failures.exists(path);
  const lock = acquireCaseFileLock(path);
  const temporary = temporaryPathFor(path, 'creating');
  try {
    clearLeftovers(dirname(path), { held: path });
    await steps.write(temporary);
    moveIntoPlace(temporary, path);
    return await steps.open(lock);
  } catch (error) {
    removeQuietly(temporary);
    removeQuietly(`${temporary}-journal`);
    lock.release();
    throw storageFailure(error, path, failures) ?? error;
  }
}

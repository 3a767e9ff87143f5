import Database from 'better-sqlite3-multiple-ciphers';

export type SqliteDatabase = Database.Database;

/**
 * Which compiled copy of the SQLite driver to load. Under plain Node (tests, browser mode, CLI)
 * it is the package's own build; the desktop app sets the Electron build at start-up
 * (see scripts/electron-native.mjs and the README's "Native module" note).
 */
let nativeBinding: string | undefined = process.env.COPANEL_NATIVE_BINDING || undefined;

export function useNativeBinding(path: string | undefined): void {
  nativeBinding = path;
}

export function openSqlite(
  file: string,
  options: { readonly?: boolean; fileMustExist?: boolean } = {},
): SqliteDatabase {
  return new Database(file, {
    readonly: options.readonly ?? false,
    fileMustExist: options.fileMustExist ?? false,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
}

/** True when the driver is the SQLite3 Multiple Ciphers build that can write SQLCipher 4 files. */
export function encryptionAvailable(): boolean {
  try {
    const db = openSqlite(':memory:');
    try {
      const row = db.prepare('select sqlite3mc_version() as version').get() as
        { version?: string } | undefined;
      return typeof row?.version === 'string' && row.version.includes('Multiple Ciphers');
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}

/**
 * The case file format: SQLCipher 4 exactly as Zetetic's SQLCipher 4 writes it by default
 * (AES-256-CBC, PBKDF2-HMAC-SHA512 with 256,000 iterations, HMAC-SHA512 per page, 4096-byte pages),
 * so any SQLCipher 4 tool opens a case file with its passphrase.
 */
const CASE_FILE_CIPHER = { cipher: 'sqlcipher', legacy: 4 } as const;

function selectCaseFileCipher(db: SqliteDatabase): void {
  db.pragma(`cipher = '${CASE_FILE_CIPHER.cipher}'`);
  db.pragma(`legacy = ${CASE_FILE_CIPHER.legacy}`);
}

/** Gives the connection the passphrase. Nothing is read or checked until the first query. */
export function unlockWithPassphrase(db: SqliteDatabase, passphrase: string): void {
  selectCaseFileCipher(db);
  db.key(Buffer.from(passphrase, 'utf8'));
}

/**
 * Re-encrypts every page of a private copy under a new passphrase (SQLite3 Multiple Ciphers'
 * rekey). Only for a copy that nothing else reads and that replaces nothing until it is complete
 * and checked (rekey.ts): never for a case file in place, where a crash while its journal is live
 * leaves a file that opens with neither passphrase.
 */
export function reEncryptPrivateCopy(db: SqliteDatabase, passphrase: string): void {
  selectCaseFileCipher(db);
  db.rekey(Buffer.from(passphrase, 'utf8'));
}

/**
 * The settings every case file connection uses: a rollback journal (so a closed case file is one
 * self-contained file that can be carried on a USB stick), full syncs, temporary data kept in
 * memory (never in unencrypted temporary files), foreign keys enforced.
 */
export function applyCaseFileSettings(db: SqliteDatabase, options: { readOnly: boolean }): void {
  if (!options.readOnly) {
    const mode = db.pragma('journal_mode = DELETE', { simple: true });
    if (String(mode).toLowerCase() !== 'delete')
      throw new Error(
        `The case file could not be switched to a rollback journal (it reports ${String(mode)}).`,
      );
  }
  db.pragma('synchronous = FULL');
  db.pragma('temp_store = MEMORY');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = FAST');
}

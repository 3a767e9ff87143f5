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

export function openSqlite(file: string, options: { readonly?: boolean; fileMustExist?: boolean } = {}): SqliteDatabase {
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
      const row = db.prepare('select sqlite3mc_version() as version').get() as { version?: string } | undefined;
      return typeof row?.version === 'string' && row.version.includes('Multiple Ciphers');
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}

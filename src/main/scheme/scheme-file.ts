import { randomUUID } from 'node:crypto';
import { basename, dirname, resolve } from 'node:path';
import type { CompiledQuery, Kysely, Transaction } from 'kysely';
import { UserFacingError } from '../../shared/errors';
import {
  acquireCaseFileLock,
  appendAuditEntry,
  APP_ACTOR,
  applyCaseFileSettings,
  caseFileKysely,
  changePassphraseOfOpenFile,
  checkWholeFile,
  createWhole,
  CERTIFICATES_OF_ATTENDANCE,
  checkedWholeAtOpen,
  clearLeftovers,
  GENESIS_HASH,
  inspectCaseFileOnDisk,
  isPlaintextSqlite,
  migrateFile,
  openCheckedFile,
  openCheckWithin,
  openSqlite,
  prepareToOpen,
  requireStrongPassphrase,
  rethrowAsCaseFileError,
  schemeFileFailures,
  storageFailure,
  unlockWithPassphrase,
  verifyAuditChain,
  writeAuditedChange,
  type AlsoAudit,
  type AuditPayload,
  type AuditVerification,
  type CaseFileLock,
  type FullCheckKind,
  type IntegrityReport,
  type OpenCheckRule,
  type SqliteDatabase,
} from '../casefile';
import { LATEST_SCHEME_SCHEMA_VERSION, SCHEME_FILE_KIND } from './migrations';
import type { SchemeFileDatabase } from './schema';

/**
 * The scheme file (`.copanel-scheme`): the scheme office's own encrypted file, one for many case
 * files. It is a case file's twin in storage — the same SQLCipher 4 format, passphrase rules, lock,
 * leftovers, backup before a migration, hash-chained audit log, passphrase change by copy and
 * integrity checks, all from src/main/casefile, told apart by SCHEME_FILE_KIND.
 */

const METADATA = SCHEME_FILE_KIND.metadataTable;

export type ReadableSchemeDb = Pick<Kysely<SchemeFileDatabase>, 'selectFrom' | 'fn'>;
export type WritableSchemeDb = Transaction<SchemeFileDatabase>;

export interface SchemeFileDetails {
  schemeId: string;
  schemeName: string;
  path: string;
  readOnly: boolean;
  schemaVersion: number;
  createdAt: string;
  createdByAppVersion: string;
  lastAppVersion: string;
  auditEntries: number;
}

export interface CreateSchemeFileOptions {
  path: string;
  schemeName: string;
  passphrase: string;
  appVersion: string;
  /** Who is creating it, for the audit log (a name: the scheme office has no member ids). */
  createdBy: string;
}

export interface OpenSchemeFileOptions {
  path: string;
  passphrase: string;
  readOnly?: boolean;
  takeOverLock?: boolean;
  appVersion: string;
  /** Above this size the check at open leaves out the register (default SCHEME_FILE_OPEN_CHECK's); lowered by tests. */
  fullCheckAtOpenMaxBytes?: number;
}

/**
 * A scheme file's check at open (openCheckedFile, the case file's rule). Up to 4 MiB — a register
 * of a few thousand certificates — the whole file is checked, in a few milliseconds. Above it, the
 * tables that grow with the register are left to the full check, which the app runs in the
 * background and shows as the case file's is shown (BackgroundChecks: `scheme.checkProgress`): the
 * register's own tables and the audit log, which gains an entry for every certificate added (50,000
 * certificates make a 51 MB file, 0.4 s to check whole, 0.06 s for the audit log alone), and the
 * contents of certificates of attendance (up to 100 MB each, SHA-256 checked on every save). Everything
 * else — the schema, the scheme's details and audit head, its settings, the assessor directory,
 * calibration and fees — is checked at open, and every page left out is still authenticated (its
 * HMAC) whenever it is read.
 */
export const SCHEME_FILE_OPEN_CHECK: OpenCheckRule = {
  maxBytes: 4 * 1024 * 1024,
  leftToBackground: [
    'register_entry',
    'register_event',
    'register_condition',
    'organisation_contact',
    'audit_log',
    'certificate_chunk',
  ],
};

/** The scheme file's tables in the words the app uses for them, for the full check's report. */
const SCHEME_FILE_TABLE_NAMES: Readonly<Record<string, string>> = {
  scheme_metadata: 'the scheme’s details',
  scheme_setting: 'the scheme’s settings',
  assessor: 'the assessor directory',
  training_record: 'the training records',
  certificate_chunk: 'the contents of certificates of attendance',
  register_entry: 'the register of certificates',
  register_event: 'what happened to certificates (withdrawals, suspensions, reviews)',
  register_condition: 'the conditions of awards',
  organisation_contact: 'the organisations’ contacts',
  practice_case: 'the calibration practice cases',
  calibration_attempt: 'the calibration attempts',
  calibration_threshold: 'the calibration thresholds',
  fee_schedule: 'the fee schedule',
  audit_log: 'the record of changes (audit log)',
  kysely_migration: 'the record of layout updates',
  kysely_migration_lock: 'the record of layout updates',
};

/**
 * The full check of a scheme file: every page's HMAC, every table's structure, then every
 * certificate of attendance read back against its SHA-256.
 */
export const SCHEME_FILE_FULL_CHECK: FullCheckKind = {
  tableNames: SCHEME_FILE_TABLE_NAMES,
  keptFiles: [CERTIFICATES_OF_ATTENDANCE],
  readingBackWords: 'Reading back every certificate of attendance',
  everything:
    'every table (the register, the assessor directory, the audit log…) and every certificate of attendance',
  notThisKind: SCHEME_FILE_KIND.notThisKind,
};

/** Whether opening the scheme file at `path` checked all of it (else its full check runs in the background). */
export function schemeFileCheckedWholeAtOpen(path: string, maxBytes?: number): boolean {
  return checkedWholeAtOpen(path, maxBytes ?? SCHEME_FILE_OPEN_CHECK.maxBytes);
}

interface ConnectionSlot {
  current: SqliteDatabase;
}

/** One open scheme file: its encrypted connection, its lock and the audit trail of every change. */
export class SchemeFile {
  private closed = false;
  readonly notices: string[] = [];

  private constructor(
    private readonly connection: ConnectionSlot,
    private readonly kysely: Kysely<SchemeFileDatabase>,
    readonly path: string,
    readonly schemeId: string,
    readonly readOnly: boolean,
    private readonly lock: CaseFileLock | undefined,
  ) {}

  /** @internal Used by openSchemeFile once the file has been checked. */
  static async fromConnection(
    sqlite: SqliteDatabase,
    path: string,
    readOnly: boolean,
    lock: CaseFileLock | undefined,
  ): Promise<SchemeFile> {
    const connection: ConnectionSlot = { current: sqlite };
    const db = caseFileKysely<SchemeFileDatabase>(() => connection.current, path, schemeFileFailures);
    const metadata = await db.selectFrom('scheme_metadata').select('scheme_id').executeTakeFirst();
    if (!metadata) throw SCHEME_FILE_KIND.notThisKind(path, 'its scheme details are missing');
    return new SchemeFile(connection, db, path, metadata.scheme_id, readOnly, lock);
  }

  get db(): ReadableSchemeDb {
    return this.kysely;
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  get fileName(): string {
    return basename(this.path);
  }

  /** Makes a change and records it in the audit log in the same transaction: both are saved or neither. */
  async mutate<T>(
    actor: string,
    action: string,
    payload: AuditPayload<T>,
    change: (trx: WritableSchemeDb, alsoAudit: AlsoAudit) => Promise<T>,
  ): Promise<T> {
    this.requireWritable();
    try {
      return await this.kysely
        .transaction()
        .execute((trx) => writeAuditedChange(trx, actor, action, payload, change, METADATA));
    } catch (error) {
      rethrowAsCaseFileError(error, this.path, schemeFileFailures);
    }
  }

  /**
   * A query's rows as arrays of their values, in the order it selects the columns (better-sqlite3's
   * raw mode, on a statement of its own): for reading a whole register of 50,000 certificates, where
   * an object per row is much of the time. Waits its turn on the connection like any other query.
   */
  async rowValues(query: CompiledQuery): Promise<unknown[][]> {
    this.requireOpen();
    return this.withConnection(async () =>
      this.connection.current
        .prepare(query.sql)
        .raw(true)
        .all(...query.parameters),
    ) as Promise<unknown[][]>;
  }

  async details(): Promise<SchemeFileDetails> {
    this.requireOpen();
    const row = await this.db.selectFrom('scheme_metadata').selectAll().executeTakeFirstOrThrow();
    return {
      schemeId: row.scheme_id,
      schemeName: row.scheme_name,
      path: this.path,
      readOnly: this.readOnly,
      schemaVersion: row.schema_version,
      createdAt: row.created_at,
      createdByAppVersion: row.created_by_app_version,
      lastAppVersion: row.last_app_version,
      auditEntries: row.audit_head_seq,
    };
  }

  async verifyAuditChain(): Promise<AuditVerification> {
    this.requireOpen();
    return verifyAuditChain(this.kysely, METADATA);
  }

  /** Checks every page's HMAC and SQLite's structure, as for a case file. */
  async checkIntegrity(passphrase: string): Promise<IntegrityReport> {
    this.requireOpen();
    return this.withConnection(() => checkWholeFile(this.path, this.connection.current, passphrase));
  }

  /** Changes the passphrase by writing a re-encrypted copy and renaming it over the file (rekey.ts). */
  async changePassphrase(current: string, next: string, actor: string = APP_ACTOR): Promise<void> {
    this.requireWritable();
    requireStrongPassphrase(next, [(await this.details()).schemeName]);
    await this.withConnection(async () => {
      this.connection.current = await changePassphraseOfOpenFile(
        this.connection.current,
        this.path,
        { current, next },
        {
          entry: { actor, action: 'scheme.passphrase_changed', payload: {} },
          metadataTable: METADATA,
          failures: schemeFileFailures,
        },
      );
    });
  }

  /** Closes the connection and releases the lock. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.withConnection(async () => {
      this.closed = true;
      this.connection.current.close();
    });
    this.lock?.release();
  }

  /** The writable connection, for bringing the layout up to date when the file opens (this module only). */
  writableForUpkeep(): Kysely<SchemeFileDatabase> {
    return this.kysely;
  }

  private async withConnection<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await this.kysely.connection().execute(() => work());
    } catch (error) {
      rethrowAsCaseFileError(error, this.path, schemeFileFailures);
    }
  }

  private requireOpen(): void {
    if (this.closed || !this.connection.current.open) throw schemeFileFailures.closed(this.path);
  }

  private requireWritable(): void {
    this.requireOpen();
    if (this.readOnly) throw schemeFileFailures.openedReadOnly(this.path);
  }
}

/**
 * Opens a scheme file: the same checks, in the same order, as a case file (openCaseFile) — on disk
 * without the passphrase, the lock, an interrupted passphrase change, the passphrase, the kind and
 * version (a newer file is refused untouched), damage — then a backup and the migrations if it is
 * older, and leftovers of interrupted work beside it cleared.
 */
export async function openSchemeFile(options: OpenSchemeFileOptions): Promise<SchemeFile> {
  const path = resolve(options.path);
  const readOnly = options.readOnly ?? false;
  inspectCaseFileOnDisk(path, { forWriting: !readOnly, failures: schemeFileFailures });
  const lock = readOnly ? undefined : acquireCaseFileLock(path, { takeOver: options.takeOverLock });
  try {
    await prepareToOpen(path, options.passphrase, { readOnly });
    const schemeFile = await openChecked(
      path,
      options.passphrase,
      readOnly,
      lock,
      options.appVersion,
      options.fullCheckAtOpenMaxBytes,
    );
    if (!readOnly) clearLeftovers(dirname(path), { held: path });
    return schemeFile;
  } catch (error) {
    lock?.release();
    throw storageFailure(error, path, schemeFileFailures) ?? error;
  }
}

async function openChecked(
  path: string,
  passphrase: string,
  readOnly: boolean,
  lock: CaseFileLock | undefined,
  appVersion: string,
  fullCheckAtOpenMaxBytes?: number,
): Promise<SchemeFile> {
  return openCheckedFile(
    {
      kind: SCHEME_FILE_KIND,
      auditPrefix: 'scheme',
      openCheck: openCheckWithin(SCHEME_FILE_OPEN_CHECK, fullCheckAtOpenMaxBytes),
      fromConnection: (sqlite) => SchemeFile.fromConnection(sqlite, path, readOnly, lock),
      upkeep: (schemeFile) => ({
        path: schemeFile.path,
        writable: schemeFile.writableForUpkeep() as unknown as Kysely<unknown>,
        details: () => schemeFile.details(),
        mutate: (actor, action, payload, change) =>
          schemeFile.mutate(actor, action, payload, (trx) => change(trx as unknown as Kysely<unknown>)),
      }),
    },
    { path, passphrase, readOnly, appVersion },
  );
}

/**
 * Creates a new scheme file and returns it open. It is built under a temporary name and appears at
 * `path` only when complete (createWhole), so a crash never leaves half a scheme file.
 */
export async function createSchemeFile(options: CreateSchemeFileOptions): Promise<SchemeFile> {
  const path = resolve(options.path);
  const schemeName = options.schemeName.trim();
  const createdBy = options.createdBy.trim();
  if (!schemeName) throw new UserFacingError('INVALID_INPUT', 'Enter the name of the scheme.');
  if (!createdBy)
    throw new UserFacingError('INVALID_INPUT', 'Enter your name, to record who created the scheme file.');
  requireStrongPassphrase(options.passphrase, [schemeName, createdBy]);
  return createWhole(path, schemeFileFailures, {
    write: (temporary) =>
      writeNewSchemeFile(temporary, { ...options, schemeName, createdBy }, LATEST_SCHEME_SCHEMA_VERSION),
    open: (lock) => openChecked(path, options.passphrase, false, lock, options.appVersion),
  });
}

/**
 * Writes a complete new scheme file at `file` with the layout of `schemaVersion`. Exported for
 * tests that need a file as an older version of the app would have written it.
 */
export async function writeNewSchemeFile(
  file: string,
  options: CreateSchemeFileOptions,
  schemaVersion: number,
): Promise<void> {
  const sqlite = openSqlite(file);
  try {
    unlockWithPassphrase(sqlite, options.passphrase);
    applyCaseFileSettings(sqlite, { readOnly: false });
    const db = caseFileKysely<SchemeFileDatabase>(sqlite, file, schemeFileFailures);
    await migrateFile(db as unknown as Kysely<unknown>, SCHEME_FILE_KIND, { upTo: schemaVersion });
    await db.transaction().execute(async (trx) => {
      const schemeId = randomUUID();
      await trx
        .insertInto('scheme_metadata')
        .values({
          scheme_id: schemeId,
          scheme_name: options.schemeName,
          created_by_app_version: options.appVersion,
          last_app_version: options.appVersion,
          schema_version: schemaVersion,
          created_at: new Date().toISOString(),
          audit_head_seq: 0,
          audit_head_hash: GENESIS_HASH,
        })
        .execute();
      await appendAuditEntry(
        trx,
        {
          actor: options.createdBy,
          action: 'scheme.created',
          payload: { schemeId, schemeName: options.schemeName },
        },
        METADATA,
      );
    });
  } finally {
    sqlite.close();
  }
  if (isPlaintextSqlite(file)) throw new Error('The new scheme file was not encrypted, so it was not kept.');
}

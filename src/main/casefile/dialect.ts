import {
  CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  Kysely,
  type QueryCompiler,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import { caseFileFailures, rethrowAsCaseFileError, type StoredFileFailures } from './failures';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { SqliteDatabase } from './sqlcipher';

type Statement = Database.Statement<unknown[]>;

/**
 * Kysely over one better-sqlite3 connection to a case file (or a scheme file: its `failures`). It differs from Kysely's own
 * SqliteDialect in three ways that matter for a file on a USB stick:
 * - transactions start with BEGIN IMMEDIATE, so the write lock is taken up front rather than
 *   half-way through (no SQLITE_BUSY in the middle of a change);
 * - a failed statement (say SQLITE_FULL) may already have rolled the transaction back; the
 *   rollback is then skipped so the original error reaches the caller rather than "no transaction";
 * - storage errors become the user-facing errors of failures.ts (DISK_FULL, CASE_FILE_DAMAGED…);
 * - it declares that SQLite has transactional DDL (it does), so Kysely's Migrator runs all pending
 *   migrations in ONE transaction: a file is either wholly migrated or not at all.
 * The connection may be given as a function returning it, for a file whose connection is replaced
 * while it stays open (after its passphrase is changed, the new copy is a new file).
 */
export function caseFileKysely<DB>(
  database: SqliteDatabase | (() => SqliteDatabase),
  path: string,
  failures: StoredFileFailures = caseFileFailures,
): Kysely<DB> {
  const connection = typeof database === 'function' ? database : () => database;
  return new Kysely<DB>({ dialect: new CaseFileDialect(connection, path, failures) });
}

type ConnectionSource = () => SqliteDatabase;

class CaseFileDialect implements Dialect {
  constructor(
    private readonly database: ConnectionSource,
    private readonly path: string,
    private readonly failures: StoredFileFailures,
  ) {}
  createDriver(): Driver {
    return new CaseFileDriver(this.database, this.path, this.failures);
  }
  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }
  createAdapter(): DialectAdapter {
    return new CaseFileAdapter();
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

class CaseFileAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class CaseFileDriver implements Driver {
  private readonly connection: CaseFileConnection;
  private readonly mutex = new ConnectionMutex();

  constructor(
    private readonly database: ConnectionSource,
    path: string,
    failures: StoredFileFailures,
  ) {
    this.connection = new CaseFileConnection(database, path, failures);
  }
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    await this.mutex.lock();
    return this.connection;
  }
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const database = this.database();
    if (!database.open || !database.inTransaction) return;
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }
  async releaseConnection(): Promise<void> {
    this.mutex.unlock();
  }
  async destroy(): Promise<void> {
    // The CaseFile owns the better-sqlite3 connection and closes it itself.
  }
}

class CaseFileConnection implements DatabaseConnection {
  constructor(
    private readonly database: ConnectionSource,
    private readonly path: string,
    private readonly failures: StoredFileFailures,
  ) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const database = this.database();
    if (!database.open) throw this.failures.closed(this.path);
    try {
      const statement = preparedStatement(database, compiledQuery.sql);
      const parameters = compiledQuery.parameters as unknown[];
      if (statement.reader) return { rows: statement.all(...parameters) as R[] };
      const { changes, lastInsertRowid } = statement.run(...parameters);
      return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
    } catch (error) {
      rethrowAsCaseFileError(error, this.path, this.failures);
    }
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error(
      'Streaming queries are not used with case files; read attachments chunk by chunk instead.',
    );
  }
}

/** Statements prepared once per connection and kept, so the same query is not compiled by SQLite on every call. */
const preparedStatements = new WeakMap<SqliteDatabase, Map<string, Statement>>();
/** Kysely's queries come in a few hundred shapes; past this many (lists of varying length), start again. */
const MAX_PREPARED_STATEMENTS = 500;

function preparedStatement(database: SqliteDatabase, text: string): Statement {
  let kept = preparedStatements.get(database);
  if (!kept) preparedStatements.set(database, (kept = new Map()));
  let statement = kept.get(text);
  if (!statement) {
    statement = database.prepare(text);
    if (kept.size >= MAX_PREPARED_STATEMENTS) kept.clear();
    kept.set(text, statement);
  }
  return statement;
}

class ConnectionMutex {
  private held: Promise<void> | undefined;
  private release: (() => void) | undefined;

  async lock(): Promise<void> {
    while (this.held) await this.held;
    this.held = new Promise((resolve) => {
      this.release = resolve;
    });
  }
  unlock(): void {
    const release = this.release;
    this.held = undefined;
    this.release = undefined;
    release?.();
  }
}

import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { ReadableCaseDb, WritableCaseDb } from './handles';
import { isUserFacingError, UserFacingError } from '../../shared/errors';
import { fileNameOf } from '../../shared/hidden-characters';
import type { StandardFingerprint } from '../../shared/standard';
import { auditRecordProblems, type AuditRecordProblem } from './audit-record';
import {
  APP_ACTOR,
  appendAuditEntry,
  type AlsoAudit,
  type AnchorVerification,
  type AuditVerification,
  GENESIS_HASH,
  verifyAuditAnchor,
  verifyAuditChain,
} from './audit';
import { backUpBeforeUpdate } from './backups';
import { bringFileUpToDate, type FileToBringUpToDate } from './up-to-date';
import { caseFileKysely } from './dialect';
import { caseFileFailures, errorCode, rethrowAsCaseFileError, storageFailure } from './failures';
import { inspectCaseFileOnDisk, isPlaintextSqlite, moveIntoPlace, removeQuietly, syncFile } from './files';
import { CASE_FILE_KIND, WHAT_EACH_STORED_KIND_IS, type StoredFileKind } from './file-kind';
import { prepareToOpen } from './journal-check';
import { clearLeftovers, temporaryPathFor } from './leftovers';
import { acquireCaseFileLock, type CaseFileLock } from './lock';
import { LATEST_SCHEMA_VERSION, migrateCaseFile } from './migrations';
import { requirePrintableName } from '../documents';
import { requireStrongPassphrase } from './passphrase';
import {
  type AuditPayload,
  changePassphraseOfOpenFile,
  checkWholeFile,
  connect,
  createWhole,
  type IntegrityReport,
  runIntegrityCheck,
  writeAuditedChange,
} from './stored-file';
import { ExpectedCompanions } from './group-commit';
import { hashPin } from './pin';
import type { CaseFileDatabase } from './schema';
import { applyCaseFileSettings, openSqlite, type SqliteDatabase, unlockWithPassphrase } from './sqlcipher';
import { cipherIntegrityCheck } from './sqlcipher4-format';

export { APP_ACTOR } from './audit';

export interface CreateCaseFileOptions {
  path: string;
  organisationName: string;
  passphrase: string;
  lead: { name: string; pin?: string };
  standard: StandardFingerprint;
  /** The version of the app doing this, recorded in the file. */
  appVersion: string;
}

export interface OpenCaseFileOptions {
  path: string;
  passphrase: string;
  /** Open only to look: no lock is taken and nothing can be changed. */
  readOnly?: boolean;
  /** Take over a lock held by another computer (after the user confirms it is not open there). */
  takeOverLock?: boolean;
  /** The version of the app opening it, recorded in the file when it opens for writing. */
  appVersion: string;
  /** Above this size the check at open leaves out attachment and receipt pages (default FULL_CHECK_AT_OPEN_MAX_BYTES). */
  fullCheckAtOpenMaxBytes?: number;
}

export interface CaseFileDetails {
  caseId: string;
  path: string;
  readOnly: boolean;
  schemaVersion: number;
  createdAt: string;
  createdByAppVersion: string;
  lastAppVersion: string;
  standard: StandardFingerprint;
  organisationName: string;
  auditEntries: number;
}

/**
 * The writable connection of each open case file, for this module only (bringing the layout up to
 * date when a file opens); everything else changes a case file through `mutate`.
 */
const writableConnections = new WeakMap<CaseFile, Kysely<CaseFileDatabase>>();

/** A case file as bringFileUpToDate takes it: its migrations run on the writable connection. */
function upkeepOf(caseFile: CaseFile): FileToBringUpToDate {
  return {
    path: caseFile.path,
    writable: writableConnections.get(caseFile) as unknown as Kysely<unknown>,
    details: () => caseFile.details(),
    mutate: (actor, action, payload, change) =>
      caseFile.mutate(actor, action, payload, (trx) => change(trx as unknown as Kysely<unknown>)),
  };
}

/** The connection a CaseFile uses; replaced when the passphrase changes (the file is then a new file). */
interface ConnectionSlot {
  current: SqliteDatabase;
}

/** At most this many changes share one commit, so the first of them is not kept waiting long. */
const MAX_CHANGES_PER_COMMIT = 64;

/** How many turns of the event loop a commit waits, at most, for changes being asked for at the same time. */
const MAX_TURNS_BEFORE_COMMIT = 4;

/** The savepoint each change of a shared commit is written in (fixed SQL: nothing to build or compile). */
const ONE_CHANGE = {
  begin: CompiledQuery.raw('savepoint one_change'),
  undo: CompiledQuery.raw('rollback to one_change'),
  keep: CompiledQuery.raw('release one_change'),
};

/** A change waiting to be written, and how to tell its caller once the commit is made (or not). */
interface WaitingChange {
  /** The change's audit action: changes of one kind (members' autosaves) are the ones that come together. */
  action: string;
  write(trx: WritableCaseDb): Promise<unknown>;
  saved(value: unknown): void;
  failed(error: unknown): void;
}

/** One open case file: the encrypted connection, its lock and the audit trail of every change. */
export class CaseFile {
  private closed = false;
  /** Changes waiting for the one writer (see `mutate`), and whether it is writing. */
  private readonly waitingChanges: WaitingChange[] = [];
  private writingChanges = false;
  /** What the last commit carried, so the next can wait briefly for the changes that usually come with it. */
  private readonly companions = new ExpectedCompanions();
  /** What the user should be told about opening the file (e.g. that it was rebuilt after a crash). */
  readonly notices: string[] = [];

  private constructor(
    private readonly connection: ConnectionSlot,
    /** The writable connection: used only by `mutate` (and the file's own upkeep below). */
    private readonly kysely: Kysely<CaseFileDatabase>,
    readonly path: string,
    readonly caseId: string,
    readonly readOnly: boolean,
    private readonly lock: CaseFileLock | undefined,
  ) {
    writableConnections.set(this, kysely);
  }

  /** @internal Used by openCaseFile once the file has been checked and brought up to date. */
  static async fromConnection(
    sqlite: SqliteDatabase,
    path: string,
    readOnly: boolean,
    lock: CaseFileLock | undefined,
  ): Promise<CaseFile> {
    const connection: ConnectionSlot = { current: sqlite };
    const db = caseFileKysely<CaseFileDatabase>(() => connection.current, path);
    const metadata = await db.selectFrom('case_metadata').select('case_id').executeTakeFirst();
    if (!metadata) throw caseFileFailures.notACaseFile(path, 'its case details are missing');
    return new CaseFile(connection, db, path, metadata.case_id, readOnly, lock);
  }

  private get sqlite(): SqliteDatabase {
    return this.connection.current;
  }

  /** Typed queries, read-only by type: every change goes through `mutate`, so it is audited. */
  get db(): ReadableCaseDb {
    return this.kysely;
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  get fileName(): string {
    return fileNameOf(this.path);
  }

  /**
   * Makes a change and records it in the audit log in the same transaction: either both are saved
   * or neither is. This is the only way to change a case file: `change` gets the one writable
   * handle there is, and `alsoAudit` for any further entry the change needs (by the same actor).
   *
   * Changes asked for while another is being written are written together, one after another in
   * one transaction, each in its own savepoint (group commit): a change that fails is undone alone
   * and its caller gets its error, the others are kept. Nobody hears "saved" before the commit,
   * whose full sync makes every change in it durable, so a crash loses nothing a caller was told
   * was saved — only fewer syncs are made when many members save at once (the panel room).
   */
  async mutate<T>(
    actor: string,
    action: string,
    payload: AuditPayload<T>,
    change: (trx: WritableCaseDb, alsoAudit: AlsoAudit) => Promise<T>,
  ): Promise<T> {
    this.requireWritable();
    return new Promise<T>((resolve, reject) => {
      this.waitingChanges.push({
        action,
        write: (trx) => writeAuditedChange(trx, actor, action, payload, change),
        saved: (value) => resolve(value as T),
        failed: (error) => reject(storageFailure(error, this.path) ?? error),
      });
      this.companions.changeArrived();
      if (!this.writingChanges) void this.writeWaitingChanges();
    });
  }

  /** Writes the changes that are waiting, as many together as arrived, until none are left. */
  private async writeWaitingChanges(): Promise<void> {
    this.writingChanges = true;
    try {
      while (this.waitingChanges.length > 0) {
        await this.letOthersJoin();
        await this.writeTogether(this.waitingChanges.splice(0, MAX_CHANGES_PER_COMMIT));
      }
    } finally {
      this.writingChanges = false;
    }
  }

  /**
   * Before a commit, gives the event loop a few turns so that saves already received (still being
   * opened and checked) join this commit rather than each waiting for one of their own, with its own
   * full sync: two turns, then one more as long as the last brought another change, four at most.
   * Then, only if the last commit carried several changes of the first one's kind (members saving
   * together), it waits for as many, never longer than that commit took (group-commit.ts). A change
   * made alone waits only microseconds.
   */
  private async letOthersJoin(): Promise<void> {
    for (let turn = 0; turn < MAX_TURNS_BEFORE_COMMIT; turn += 1) {
      const waiting = this.waitingChanges.length;
      await new Promise((resolve) => setImmediate(resolve));
      if (this.waitingChanges.length === waiting && turn > 0) break;
    }
    await this.companions.waitFor(this.waitingChanges);
  }

  private async writeTogether(changes: WaitingChange[]): Promise<void> {
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    const started = performance.now();
    try {
      this.requireWritable();
      await this.kysely.transaction().execute(async (trx) => {
        if (changes.length === 1) {
          outcomes.push({ ok: true, value: await changes[0]!.write(trx) });
          return;
        }
        for (const waiting of changes) {
          await trx.executeQuery(ONE_CHANGE.begin);
          try {
            outcomes.push({ ok: true, value: await waiting.write(trx) });
          } catch (error) {
            // A storage failure (the disk full) can end the whole transaction: then nothing is saved.
            if (!this.sqlite.inTransaction) throw error;
            await trx.executeQuery(ONE_CHANGE.undo);
            outcomes.push({ ok: false, error });
          }
          await trx.executeQuery(ONE_CHANGE.keep);
        }
      });
    } catch (error) {
      for (const waiting of changes) waiting.failed(error);
      return;
    }
    this.companions.committed(changes, performance.now() - started);
    changes.forEach((waiting, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) waiting.saved(outcome.value);
      else waiting.failed(outcome.error);
    });
  }

  async details(): Promise<CaseFileDetails> {
    this.requireOpen();
    const metadata = await this.db.selectFrom('case_metadata').selectAll().executeTakeFirstOrThrow();
    const organisation = await this.db.selectFrom('organisation').select('name').executeTakeFirstOrThrow();
    return {
      caseId: metadata.case_id,
      path: this.path,
      readOnly: this.readOnly,
      schemaVersion: metadata.schema_version,
      createdAt: metadata.created_at,
      createdByAppVersion: metadata.created_by_app_version,
      lastAppVersion: metadata.last_app_version,
      standard: {
        id: metadata.standard_id,
        version: metadata.standard_version,
        sha256: metadata.standard_sha256,
      },
      organisationName: organisation.name,
      auditEntries: metadata.audit_head_seq,
    };
  }

  /** What in the file differs from its record of changes, or whose protection was removed (audit-record.ts). */
  async auditRecordProblems(): Promise<AuditRecordProblem[]> {
    return auditRecordProblems(this.kysely);
  }

  /** Does the chain still hold the head a signed certificate anchored (audit.ts)? */
  async verifyAuditAnchor(anchor: { entries: number; hash: string }): Promise<AnchorVerification> {
    return verifyAuditAnchor(this.kysely, anchor);
  }

  async verifyAuditChain(): Promise<AuditVerification> {
    this.requireOpen();
    return verifyAuditChain(this.kysely);
  }

  /** Checks every page's HMAC and SQLite's structure. Reads only; takes a few seconds on a large file. */
  async checkIntegrity(passphrase: string): Promise<IntegrityReport> {
    this.requireOpen();
    return this.withConnection(() => checkWholeFile(this.path, this.sqlite, passphrase));
  }

  /**
   * Changes the passphrase by writing a complete copy under the new one beside the file and
   * renaming it over the file (rekey.ts): a crash at any moment leaves a file that opens with the
   * old passphrase or the new one. The audit entry is written into the new copy, so it appears
   * with the change. `current` must be the passphrase the file opens with.
   */
  async changePassphrase(current: string, next: string, actor: string = APP_ACTOR): Promise<void> {
    this.requireWritable();
    const organisationName = (await this.details()).organisationName;
    requireStrongPassphrase(next, [organisationName]);
    await this.withConnection(async () => {
      this.connection.current = await changePassphraseOfOpenFile(
        this.sqlite,
        this.path,
        { current, next },
        { entry: { actor, action: 'case.passphrase_changed', payload: {} } },
      );
    });
  }

  /**
   * Saves a complete, compacted copy through VACUUM INTO: it is encrypted with the same passphrase
   * (never a raw copy of the open file). The copy is written beside the target under a temporary
   * name, holding the target's lock, and moved into place only when finished and checked to be
   * encrypted; leftovers of earlier interrupted saves in that folder are cleared first. The audit
   * log records the save as started before and as saved after, so an interrupted one shows.
   */
  async saveCopyAs(target: string, options: { replace?: boolean; actor?: string } = {}): Promise<string> {
    this.requireOpen();
    const destination = resolve(target);
    if (destination === this.path) throw caseFileFailures.exists(destination);
    if (!options.replace && existsSync(destination)) throw caseFileFailures.exists(destination);
    const audit = async (action: string) => {
      if (!this.readOnly)
        await this.mutate(
          options.actor ?? APP_ACTOR,
          action,
          { fileName: basename(destination) },
          async () => undefined,
        );
    };
    const destinationLock = acquireCaseFileLock(destination);
    const temporary = temporaryPathFor(destination, 'saving');
    try {
      clearLeftovers(dirname(destination), { held: destination });
      await audit('case.copy_started');
      try {
        await this.withConnection(async () => {
          this.sqlite.prepare('vacuum into ?').run(temporary);
        });
        if (isPlaintextSqlite(temporary)) throw new Error('The copy was not encrypted, so it was deleted.');
        syncFile(temporary);
        moveIntoPlace(temporary, destination, { replace: options.replace });
      } catch (error) {
        removeQuietly(temporary);
        removeQuietly(`${temporary}-journal`);
        rethrowAsCaseFileError(error, destination);
      }
      await audit('case.copy_saved');
    } finally {
      destinationLock.release();
    }
    return destination;
  }

  /** Closes the connection and releases the lock. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.withConnection(async () => {
      this.closed = true;
      this.sqlite.close();
    });
    this.lock?.release();
  }

  /** Runs `work` holding the connection, so that no query of this process runs in between. */
  private async withConnection<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await this.kysely.connection().execute(() => work());
    } catch (error) {
      rethrowAsCaseFileError(error, this.path);
    }
  }

  private requireOpen(): void {
    if (this.closed || !this.sqlite.open) throw caseFileFailures.closed(this.path);
  }

  private requireWritable(): void {
    this.requireOpen();
    if (this.readOnly) throw caseFileFailures.openedReadOnly(this.path);
  }
}

// ---------------------------------------------------------------------------------------------
// Opening

/**
 * Opens a case file with its passphrase, checking it and bringing its layout up to date. Before
 * SQLite sees the file, a hot journal left by a crash is checked against the passphrase (and a file
 * left half-way through an old in-place passphrase change is rebuilt: journal-check.ts); after,
 * leftovers of interrupted work beside it are cleared (leftovers.ts).
 */
export async function openCaseFile(options: OpenCaseFileOptions): Promise<CaseFile> {
  const path = resolve(options.path);
  const readOnly = options.readOnly ?? false;
  inspectCaseFileOnDisk(path, { forWriting: !readOnly });
  const lock = readOnly ? undefined : lockForOpening(path, options.takeOverLock);
  try {
    const preparation = await prepareToOpen(path, options.passphrase, { readOnly });
    const caseFile = await openChecked(path, options.passphrase, readOnly, lock, options.appVersion, {
      fullCheckAtOpenMaxBytes: options.fullCheckAtOpenMaxBytes,
    });
    if (preparation.rebuilt) await recordRebuild(caseFile, preparation.rebuilt);
    if (!readOnly) clearLeftovers(dirname(path), { held: path });
    return caseFile;
  } catch (error) {
    lock?.release();
    throw storageFailure(error, path) ?? error;
  }
}

/** Takes the write lock; on a full disk, says so for opening (the lock file could not be written). */
function lockForOpening(path: string, takeOver: boolean | undefined): CaseFileLock {
  try {
    return acquireCaseFileLock(path, { takeOver });
  } catch (error) {
    if (isUserFacingError(error) && error.code === 'DISK_FULL') throw caseFileFailures.diskFullAtOpen(path);
    throw error;
  }
}

/** Tells the user, and the audit log, that the file was rebuilt from an interrupted passphrase change. */
async function recordRebuild(caseFile: CaseFile, rebuilt: { keptAs: string }): Promise<void> {
  const keptAs = basename(rebuilt.keptAs);
  await caseFile.mutate(
    APP_ACTOR,
    'case.recovered_interrupted_passphrase_change',
    { keptAs, keptJournalAs: `${keptAs}-journal` },
    async () => undefined,
  );
  caseFile.notices.push(
    `“${caseFile.fileName}” had stopped while its passphrase was being changed (by an earlier version of Coproduction Panel, which changed it in place), so neither passphrase opened it. It has been rebuilt as it was just before that change, from the copy SQLite kept, and it opens with the old passphrase — the one you just used. Nothing saved before the change was lost. The broken file was kept beside it as “${keptAs}” (with “${keptAs}-journal”); you can delete both once you are happy with the case. Change the passphrase again if you still want a new one.`,
  );
}

async function openChecked(
  path: string,
  passphrase: string,
  readOnly: boolean,
  lock: CaseFileLock | undefined,
  appVersion: string,
  check: { fullCheckAtOpenMaxBytes?: number } = {},
): Promise<CaseFile> {
  return openCheckedFile(
    {
      kind: CASE_FILE_KIND,
      auditPrefix: 'case',
      openCheck: openCheckWithin(CASE_FILE_OPEN_CHECK, check.fullCheckAtOpenMaxBytes),
      fromConnection: (sqlite) => CaseFile.fromConnection(sqlite, path, readOnly, lock),
      upkeep: upkeepOf,
      afterUpkeep: requireRecordMatches,
    },
    { path, passphrase, readOnly, appVersion },
  );
}

/** How one kind of encrypted file (case file, scheme file) is opened by `openCheckedFile`. */
export interface CheckedOpening<F> {
  kind: StoredFileKind;
  /** The audit actions' prefix for bringing the file up to date ("case", "scheme"). */
  auditPrefix: string;
  /** How much of the file is checked at open, by its size (CASE_FILE_OPEN_CHECK, SCHEME_FILE_OPEN_CHECK). */
  openCheck: OpenCheckRule;
  /** The open file around the checked, set-up connection. */
  fromConnection(sqlite: SqliteDatabase): Promise<F>;
  /** What bringing the file up to date needs of it (asked only when opened for editing). */
  upkeep(file: F): FileToBringUpToDate;
  /** A last check once the file is open and up to date; a throw closes the connection. */
  afterUpkeep?(file: F): Promise<void>;
}

/**
 * Opens an encrypted file of one kind: checks it is that kind and undamaged, keeps a backup and
 * brings an older layout up to date (editing only; read-only refuses an older layout), applies
 * the connection settings; any failure closes the connection. Case files and scheme files share it.
 */
export async function openCheckedFile<F>(
  opening: CheckedOpening<F>,
  target: { path: string; passphrase: string; readOnly: boolean; appVersion: string },
): Promise<F> {
  const { path, passphrase, readOnly, appVersion } = target;
  let sqlite = connect(path, passphrase, readOnly);
  try {
    const fileSchema = identifyFile(sqlite, path, opening.kind);
    await requireUndamaged(sqlite, path, passphrase, opening.openCheck);
    let backup: string | undefined;
    if (fileSchema < opening.kind.migrations.length) {
      if (readOnly) throw caseFileFailures.needsUpdate(path);
      sqlite.close();
      backup = backUpBeforeUpdate(path, fileSchema);
      sqlite = connect(path, passphrase, readOnly);
    }
    applyCaseFileSettings(sqlite, { readOnly });
    const file = await opening.fromConnection(sqlite);
    if (!readOnly)
      await bringFileUpToDate(opening.kind, opening.upkeep(file), {
        fileSchema,
        appVersion,
        backup,
        auditPrefix: opening.auditPrefix,
      });
    await opening.afterUpkeep?.(file);
    return file;
  } catch (error) {
    if (sqlite.open) sqlite.close();
    throw error;
  }
}

/**
 * Refuses to open for editing a file whose rows or audit protection were changed outside the app
 * (see audit-record.ts): a certificate must never be signed from a rewritten history. Read-only,
 * it opens with a notice, so the case can still be read, checked and saved elsewhere.
 */
async function requireRecordMatches(caseFile: CaseFile): Promise<void> {
  const problems = await caseFile.auditRecordProblems();
  if (problems.length === 0) return;
  const failure = caseFileFailures.recordRewritten(
    caseFile.path,
    problems.map((problem) => problem.message),
    caseFile.readOnly,
  );
  if (!caseFile.readOnly) throw failure;
  caseFile.notices.push(failure.message);
}

/** What an encrypted file that opened with the passphrase is instead, when it is the app's other kind. */
function otherKindOfStoredFile(sqlite: SqliteDatabase, kind: StoredFileKind): string | undefined {
  const tables = new Set(
    sqlite
      .prepare("select name from sqlite_master where type = 'table'")
      .pluck()
      .all()
      .filter((name): name is string => typeof name === 'string'),
  );
  return Object.entries(WHAT_EACH_STORED_KIND_IS).find(
    ([metadataTable]) => metadataTable !== kind.metadataTable && tables.has(metadataTable),
  )?.[1];
}

/** The file's layout version; refuses files that are not of `kind` (case files by default) or are too new. Reads only. */
export function identifyFile(
  sqlite: SqliteDatabase,
  path: string,
  kind: StoredFileKind = CASE_FILE_KIND,
): number {
  const hasMetadata = sqlite
    .prepare("select 1 from sqlite_master where type = 'table' and name = ?")
    .get(kind.metadataTable);
  const version = Number(sqlite.pragma('user_version', { simple: true }));
  if (!hasMetadata || version < 1)
    throw kind.notThisKind(
      path,
      otherKindOfStoredFile(sqlite, kind) ??
        'it is an encrypted database made by another program or another kind of file',
    );
  if (version > kind.migrations.length) {
    const row = sqlite.prepare(`select last_app_version as version from "${kind.metadataTable}"`).get() as
      { version?: unknown } | undefined;
    throw caseFileFailures.tooNew(path, version, typeof row?.version === 'string' ? row.version : undefined);
  }
  return version;
}

/**
 * How much of a file its check at open covers. A small file is checked whole (PRAGMA quick_check:
 * every page read, so every page's HMAC checked, and SQLite's structure). A large one is checked
 * except for the tables that make it large, so it still opens at once: the schema, the metadata,
 * the audit log and every other table are checked; the bulk tables' pages are still authenticated
 * (HMAC) whenever they are read, and the full check (full-check.ts) covers them in the background.
 */
export interface OpenCheckRule {
  /** Up to this size (bytes) the whole file is checked at open. */
  maxBytes: number;
  /** The tables a larger file's check at open leaves to the full check in the background. */
  leftToBackground: readonly string[];
}

/**
 * Above this size, opening checks every table but the attachment and receipt chunks, so a case with years of
 * evidence still opens at once. Attachment pages are still authenticated (HMAC) whenever they are
 * read, their SHA-256 is checked on every export, and `checkIntegrity` checks everything.
 */
export const FULL_CHECK_AT_OPEN_MAX_BYTES = 64 * 1024 * 1024;

export const CASE_FILE_OPEN_CHECK: OpenCheckRule = {
  maxBytes: FULL_CHECK_AT_OPEN_MAX_BYTES,
  leftToBackground: ['attachment_chunk', 'receipt_chunk'],
};

/** The rule with its size limit lowered (tests, and hosts that set one: runtime.fullCheckAtOpenMaxBytes). */
export function openCheckWithin(rule: OpenCheckRule, maxBytes: number | undefined): OpenCheckRule {
  return maxBytes === undefined ? rule : { ...rule, maxBytes };
}

/**
 * Whether opening the file at `path` checks all of it, or leaves its bulk tables to the full
 * check (which then runs in the background). `maxBytes` is lowered only by tests.
 */
export function checkedWholeAtOpen(path: string, maxBytes = FULL_CHECK_AT_OPEN_MAX_BYTES): boolean {
  return statSync(path).size <= maxBytes;
}

/** SQLite's quick check at open: the whole file when it is small, otherwise every table but the rule's bulk tables. */
function quickCheckAtOpen(sqlite: SqliteDatabase, path: string, rule: OpenCheckRule): string[] {
  if (checkedWholeAtOpen(path, rule.maxBytes)) return runIntegrityCheck(sqlite, 'quick_check');
  const leftOut = new Set(rule.leftToBackground);
  const tables = (
    sqlite.prepare("select name from sqlite_schema where type = 'table'").pluck().all() as string[]
  ).filter((table) => !leftOut.has(table));
  const problems = tables.flatMap((table) =>
    runIntegrityCheck(sqlite, `quick_check("${table.replace(/"/g, '""')}")`),
  );
  const real = problems.filter((problem) => problem !== 'ok');
  return real.length === 0 ? ['ok'] : real;
}

/** Runs SQLite's quick check; if it fails, finds out whether the encryption layer or the database is damaged. */
export async function requireUndamaged(
  sqlite: SqliteDatabase,
  path: string,
  passphrase: string,
  rule: OpenCheckRule = CASE_FILE_OPEN_CHECK,
): Promise<void> {
  let problems: string[];
  try {
    problems = quickCheckAtOpen(sqlite, path, rule);
    if (problems.length === 1 && problems[0] === 'ok') return;
  } catch (error) {
    const code = errorCode(error) ?? '';
    if (!code.startsWith('SQLITE_CORRUPT') && code !== 'SQLITE_NOTADB')
      throw storageFailure(error, path) ?? error;
    problems = [error instanceof Error ? error.message : String(error)];
  }
  throw caseFileFailures.damaged(path, await describeDamage(path, passphrase, problems));
}

async function describeDamage(path: string, passphrase: string, databaseProblems: string[]): Promise<string> {
  const cipher = await cipherIntegrityCheck(path, passphrase);
  if (cipher.problem) return `its pages do not pass the encryption's own check: ${cipher.problem}`;
  if (!cipher.ok) {
    const pages = cipher.failedPages.join(', ');
    return cipher.failedPages.length === 1
      ? `page ${pages} has been changed or damaged since it was written`
      : `pages ${pages} have been changed or damaged since they were written`;
  }
  return `the encrypted pages are intact, but the database integrity check failed (${databaseProblems.slice(0, 3).join('; ')})`;
}

// ---------------------------------------------------------------------------------------------
// Creating

/**
 * Creates a new case file for an organisation, with its lead assessor, assessed against one
 * version of the standard (its fingerprint recorded), and returns it open. The file is built under
 * a temporary name and appears at `path` only when complete (createWhole), so a crash never leaves
 * half a case file.
 */
export async function createCaseFile(options: CreateCaseFileOptions): Promise<CaseFile> {
  const path = resolve(options.path);
  const organisationName = options.organisationName.trim();
  const leadName = options.lead.name.trim();
  if (!organisationName)
    throw new UserFacingError('INVALID_INPUT', 'Enter the name of the organisation being assessed.');
  if (!leadName) throw new UserFacingError('INVALID_INPUT', 'Enter the lead assessor’s name.');
  await requirePrintableName(organisationName, {
    field: 'organisationName',
    what: 'the organisation’s name',
  });
  await requirePrintableName(leadName, { field: 'leadName', what: 'the lead assessor’s name' });
  requireStrongPassphrase(options.passphrase, [organisationName, leadName]);
  return createWhole(path, caseFileFailures, {
    write: (temporary) =>
      writeNewCaseFile(
        temporary,
        { ...options, organisationName, lead: { ...options.lead, name: leadName } },
        LATEST_SCHEMA_VERSION,
        path,
      ),
    open: (lock) => openChecked(path, options.passphrase, false, lock, options.appVersion),
  });
}

/**
 * Writes a complete new case file at `file` with the layout of `schemaVersion`. Exported for
 * tests that need a file as an older version of the app would have written it.
 */
export async function writeNewCaseFile(
  file: string,
  options: CreateCaseFileOptions,
  schemaVersion: number,
  pathForMessages: string = file,
): Promise<void> {
  const sqlite = openSqlite(file);
  try {
    unlockWithPassphrase(sqlite, options.passphrase);
    applyCaseFileSettings(sqlite, { readOnly: false });
    const db = caseFileKysely<CaseFileDatabase>(sqlite, pathForMessages);
    await migrateCaseFile(db as unknown as Kysely<unknown>, { upTo: schemaVersion });
    const pinHash = options.lead.pin ? await hashPin(options.lead.pin) : null;
    await db.transaction().execute(async (trx) => {
      await recordNewCase(trx, options, schemaVersion, pinHash);
    });
  } finally {
    sqlite.close();
  }
  if (isPlaintextSqlite(file)) throw new Error('The new case file was not encrypted, so it was not kept.');
}

async function recordNewCase(
  trx: Transaction<CaseFileDatabase>,
  options: CreateCaseFileOptions,
  schemaVersion: number,
  pinHash: string | null,
): Promise<void> {
  const now = new Date().toISOString();
  const appVersion = options.appVersion;
  const caseId = randomUUID();
  const cycleId = randomUUID();
  const leadId = randomUUID();
  await trx
    .insertInto('case_metadata')
    .values({
      case_id: caseId,
      created_by_app_version: appVersion,
      last_app_version: appVersion,
      schema_version: schemaVersion,
      standard_id: options.standard.id,
      standard_version: options.standard.version,
      standard_sha256: options.standard.sha256.toLowerCase(),
      created_at: now,
      audit_head_seq: 0,
      audit_head_hash: GENESIS_HASH,
    })
    .execute();
  await trx
    .insertInto('organisation')
    .values({ name: options.organisationName, services_in_scope_json: '[]', updated_at: now })
    .execute();
  await trx
    .insertInto('assessment_cycle')
    .values({ id: cycleId, kind: 'award', status: 'preparing', created_at: now })
    .execute();
  await trx
    .insertInto('panel_member')
    .values({
      id: leadId,
      cycle_id: cycleId,
      name: options.lead.name,
      role: 'lead',
      consent_to_be_named: 1,
      pin_hash: pinHash,
      created_at: now,
    })
    .execute();
  await appendAuditEntry(trx, {
    actor: leadId,
    action: 'case.created',
    payload: {
      caseId,
      organisationName: options.organisationName,
      standard: { ...options.standard },
      lead: { id: leadId, name: options.lead.name },
      cycleId,
    },
  });
}

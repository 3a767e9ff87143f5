import { existsSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { appendAuditEntry, verifyAuditChain } from './audit';
import { APP_ACTOR } from './case-file';
import { connect } from './stored-file';
import { caseFileKysely } from './dialect';
import { caseFileFailures, storageFailure } from './failures';
import { isPlaintextSqlite, moveIntoPlace, removeQuietly, syncFile } from './files';
import {
  CASE_FILE_FULL_CHECK,
  CASE_FILE_TABLE_NAMES,
  isDamage,
  type KeptFiles,
  keptFileProblem,
  listKeptFiles,
} from './full-check';
import { prepareToOpen } from './journal-check';
import { clearLeftovers, temporaryPathFor } from './leftovers';
import { acquireCaseFileLock } from './lock';
import { journalPathFor } from './rollback-journal';
import type { CaseFileDatabase } from './schema';
import { applyCaseFileSettings, openSqlite, type SqliteDatabase, unlockWithPassphrase } from './sqlcipher';
import { cipherIntegrityCheck } from './sqlcipher4-format';

/**
 * "Save what can be read to a new file": when a file is damaged, copies every row that can still
 * be read, table by table, into a new file with the same layout and passphrase, stepping over the
 * damaged pages (a row that cannot be read is skipped, and reading carries on after it). The
 * general part (`copyReadableContent`) works for any file in the case file format, and so does
 * reading back the files kept in chunks (`leaveOutDamagedFiles`: any FullCheckKind's, so a scheme
 * file's certificates of attendance too): one whose chunks do not add up to the SHA-256 recorded
 * when it arrived is left out whole and named. For case files (`saveWhatCanBeRead`: attachments and
 * receipts) the new file's audit log records what was done. The damaged file is only read.
 */

export interface SalvageProgress {
  /** Tables copied so far, of all of them. */
  done: number;
  total: number;
  table: string;
}

export interface TableSalvage {
  table: string;
  rowsSaved: number;
  /** Stretches of rows that could not be read and were left out (0 when the whole table came through). */
  gaps: number;
  /** The table could not be read at all. */
  lost: boolean;
}

export interface SalvageOptions {
  onProgress?: (progress: SalvageProgress) => void;
}

/** A file kept in chunks that did not come through whole, so was left out of the new file. */
export interface LostFile {
  fileName: string;
  /** What kind of file it is: "attachment", "receipt"… */
  noun: string;
  /** What was left out, in plain words, with what it belongs to when that could be read. */
  leftOut: string;
  /** What is kept in its place ("the expense is kept, without its receipt"), if anything. */
  whatStays: string | null;
}

export interface SalvageReport {
  path: string;
  tables: TableSalvage[];
  /** Files kept in chunks (attachments, receipts…) that came through whole and were saved. */
  filesSaved: number;
  /** Those that did not, and were left out. */
  filesLost: LostFile[];
  /** Whether the record of changes came through whole (its hash chain verifies). */
  auditChainIntact: boolean;
  summary: string;
}

const ROWS_PER_STEP = 64;
const LARGEST_ROWID = Number.MAX_SAFE_INTEGER;

function quoted(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

interface SchemaEntry {
  type: string;
  name: string;
  sql: string;
}

/** What the damaged file's layout says; throws (damaged) when even that cannot be read. */
function readLayout(source: SqliteDatabase, path: string): { entries: SchemaEntry[]; userVersion: number } {
  try {
    const entries = source
      .prepare(
        "select type, name, sql from sqlite_schema where sql is not null and name not like 'sqlite\\_%' escape '\\' order by rowid",
      )
      .all() as SchemaEntry[];
    return { entries, userVersion: Number(source.pragma('user_version', { simple: true })) };
  } catch (error) {
    if (isDamage(error))
      throw caseFileFailures.damaged(
        path,
        'even the list of what it holds cannot be read, so nothing can be saved from it',
      );
    throw error;
  }
}

function hasRowid(source: SqliteDatabase, table: string): boolean {
  const row = source
    .prepare('select wr from pragma_table_list where schema = ? and name = ?')
    .get('main', table) as { wr: number } | undefined;
  return row?.wr !== 1;
}

/** The first readable row at or after `rowid`, or undefined past the end; throws when the way there is damaged. */
function rowAtOrAfter(source: SqliteDatabase, table: string, rowid: number): unknown[] | undefined {
  return source
    .prepare(`select rowid, * from ${quoted(table)} where rowid >= ? order by rowid limit 1`)
    .raw()
    .get(rowid) as unknown[] | undefined;
}

function readsFrom(source: SqliteDatabase, table: string, rowid: number): boolean {
  try {
    rowAtOrAfter(source, table, rowid);
    return true;
  } catch (error) {
    if (isDamage(error)) return false;
    throw error;
  }
}

/**
 * After a damaged row or page following `lastGood`, the smallest rowid from which reading works
 * again: leaps further and further ahead until a read succeeds, then narrows back down. Undefined
 * when nothing after it can be read.
 */
function resumeAfterDamage(source: SqliteDatabase, table: string, lastGood: number): number | undefined {
  let failing = lastGood;
  let working = lastGood + 1;
  for (let step = 1; !readsFrom(source, table, working); step *= 2) {
    failing = working;
    if (working >= LARGEST_ROWID) return undefined;
    // Never past the largest rowid: from the smallest, one leap would go from 0 beyond it.
    working = Math.min(lastGood + step * 2, LARGEST_ROWID);
  }
  while (working - failing > 1) {
    const middle: number = failing + Math.floor((working - failing) / 2);
    if (readsFrom(source, table, middle)) working = middle;
    else failing = middle;
  }
  return working;
}

async function copyRowidTable(
  source: SqliteDatabase,
  target: SqliteDatabase,
  table: string,
): Promise<TableSalvage> {
  const result: TableSalvage = { table, rowsSaved: 0, gaps: 0, lost: false };
  const read = source
    .prepare(`select rowid, * from ${quoted(table)} where rowid >= ? order by rowid limit ${ROWS_PER_STEP}`)
    .raw();
  const columns = columnsOf(source, table);
  const insert = target.prepare(
    `insert into ${quoted(table)} (rowid, ${columns.map(quoted).join(', ')}) values (?, ${columns.map(() => '?').join(', ')})`,
  );
  let from = -LARGEST_ROWID;
  for (;;) {
    let rows: unknown[][];
    try {
      rows = read.all(from) as unknown[][];
    } catch (error) {
      if (!isDamage(error)) throw error;
      rows = readOneByOne(source, table, from);
      if (rows.length === 0) {
        result.gaps += 1;
        const next = resumeAfterDamage(source, table, from - 1);
        if (next === undefined) break;
        from = next;
        continue;
      }
    }
    if (rows.length === 0) break;
    for (const row of rows) insert.run(...row);
    result.rowsSaved += rows.length;
    from = Number(rows[rows.length - 1]![0]) + 1;
    await delay(0);
  }
  result.lost = result.rowsSaved === 0 && result.gaps > 0;
  return result;
}

/** Rows from `from` up to the first that cannot be read (each read on its own). */
function readOneByOne(source: SqliteDatabase, table: string, from: number): unknown[][] {
  const rows: unknown[][] = [];
  let next = from;
  for (let count = 0; count < ROWS_PER_STEP; count += 1) {
    let row: unknown[] | undefined;
    try {
      row = rowAtOrAfter(source, table, next);
    } catch (error) {
      if (isDamage(error)) break;
      throw error;
    }
    if (!row) break;
    rows.push(row);
    next = Number(row[0]) + 1;
  }
  return rows;
}

function columnsOf(source: SqliteDatabase, table: string): string[] {
  return source.prepare(`select name from pragma_table_info(?)`).pluck().all(table) as string[];
}

/** Tables without a rowid are read in key order until the first damaged page. */
function copyKeyedTable(source: SqliteDatabase, target: SqliteDatabase, table: string): TableSalvage {
  const result: TableSalvage = { table, rowsSaved: 0, gaps: 0, lost: false };
  const columns = columnsOf(source, table);
  const insert = target.prepare(
    `insert into ${quoted(table)} (${columns.map(quoted).join(', ')}) values (${columns.map(() => '?').join(', ')})`,
  );
  try {
    for (const row of source
      .prepare(`select * from ${quoted(table)}`)
      .raw()
      .iterate() as IterableIterator<unknown[]>) {
      insert.run(...row);
      result.rowsSaved += 1;
    }
  } catch (error) {
    if (!isDamage(error)) throw error;
    result.gaps = 1;
    result.lost = result.rowsSaved === 0;
  }
  return result;
}

/**
 * Copies every readable row of `source` (open, read-only) into `target` (a new, empty file),
 * recreating its tables first and its indexes and triggers after the rows.
 */
async function copyReadableContent(
  source: SqliteDatabase,
  target: SqliteDatabase,
  sourcePath: string,
  options: SalvageOptions = {},
): Promise<TableSalvage[]> {
  const { entries, userVersion } = readLayout(source, sourcePath);
  const tables = entries.filter((entry) => entry.type === 'table');
  const results: TableSalvage[] = [];
  target.exec('begin');
  try {
    for (const table of tables) target.exec(table.sql);
    for (const [index, table] of tables.entries()) {
      options.onProgress?.({ done: index, total: tables.length, table: table.name });
      results.push(
        hasRowid(source, table.name)
          ? await copyRowidTable(source, target, table.name)
          : copyKeyedTable(source, target, table.name),
      );
    }
    for (const entry of entries.filter((item) => item.type !== 'table')) target.exec(entry.sql);
    target.pragma(`user_version = ${Math.trunc(userVersion)}`);
    target.exec('commit');
  } catch (error) {
    if (target.inTransaction) target.exec('rollback');
    throw error;
  }
  options.onProgress?.({ done: tables.length, total: tables.length, table: '' });
  return results;
}

/**
 * Files kept in chunks (attachments, receipts…) are read back against the SHA-256 recorded when
 * they arrived; one that did not come through whole is left out (what it belongs to stays) and
 * named, and chunks that belong to no file that checked out are removed.
 */
async function leaveOutDamagedFiles(
  target: SqliteDatabase,
  kinds: readonly KeptFiles[],
): Promise<{ saved: number; lost: LostFile[] }> {
  const files = listKeptFiles(target, kinds);
  const lost: LostFile[] = [];
  const whole = new Map<KeptFiles, Set<string>>(kinds.map((kind) => [kind, new Set<string>()]));
  for (const { kind, file } of files) {
    if ((await keptFileProblem(target, kind, file, undefined, () => undefined)) === undefined) {
      whole.get(kind)!.add(file.id);
      continue;
    }
    lost.push({
      fileName: file.file_name,
      noun: kind.chunks.noun,
      leftOut: kind.whenDamaged.leftOut(target, file),
      whatStays: kind.whenDamaged.whatStays,
    });
    for (const statement of kind.whenDamaged.forget) target.prepare(statement).run(file.id);
  }
  for (const kind of kinds) removeChunksOfNoWholeFile(target, kind, whole.get(kind)!);
  return { saved: files.length - lost.length, lost };
}

/** Removes the chunks of `kind` that belong to none of the `whole` files, or lie past one's last chunk. */
function removeChunksOfNoWholeFile(
  target: SqliteDatabase,
  kind: KeptFiles,
  whole: ReadonlySet<string>,
): void {
  const { table, owner } = kind.chunks;
  const exists = target.prepare("select 1 from sqlite_schema where type = 'table' and name = ?").get(table);
  if (!exists) return;
  const owners = target
    .prepare(`select distinct ${quoted(owner)} from ${quoted(table)}`)
    .pluck()
    .all() as string[];
  const forget = target.prepare(`delete from ${quoted(table)} where ${quoted(owner)} = ?`);
  for (const id of owners) if (!whole.has(id)) forget.run(id);
  const files = listKeptFiles(target, [kind]);
  const beyond = target.prepare(`delete from ${quoted(table)} where ${quoted(owner)} = ? and seq >= ?`);
  for (const { file } of files) beyond.run(file.id, file.chunk_count ?? 0);
}

function tableName(table: string): string {
  return CASE_FILE_TABLE_NAMES[table] ?? `the table ${table}`;
}

function summarise(source: string, report: Omit<SalvageReport, 'summary'>): string {
  const losses = [
    ...report.tables
      .filter((table) => table.lost)
      .map((table) => `${tableName(table.table)} could not be read at all`),
    ...report.tables
      .filter((table) => !table.lost && table.gaps > 0)
      .map(
        (table) =>
          `some of ${tableName(table.table)} could not be read (${table.rowsSaved} ${table.rowsSaved === 1 ? 'entry' : 'entries'} saved)`,
      ),
    ...report.filesLost.map(
      (file) => `${file.leftOut} was damaged and left out${file.whatStays ? ` (${file.whatStays})` : ''}`,
    ),
  ];
  const saved = `Everything that could be read from “${basename(source)}” was saved to “${basename(report.path)}”, with the same passphrase`;
  const audit = report.auditChainIntact
    ? ''
    : ' The record of changes did not come through whole, so the new file’s audit check will report where it breaks.';
  if (losses.length === 0) return `${saved}; nothing was lost.${audit}`;
  const lost = losses.join('; ');
  return `${saved}. ${lost.charAt(0).toUpperCase()}${lost.slice(1)}.${audit} Keep the damaged file in case it can be repaired.`;
}

/**
 * Saves every readable row and every whole attached file and receipt of the case file at `source` to a new
 * case file at `target` (which must not exist), encrypted with the same passphrase. The new file
 * is written under a temporary name holding the target's lock and appears only when complete.
 */
export async function saveWhatCanBeRead(
  source: string,
  passphrase: string,
  target: string,
  options: SalvageOptions & { actor?: string } = {},
): Promise<SalvageReport> {
  const from = resolve(source);
  const to = resolve(target);
  if (from === to || existsSync(to)) throw caseFileFailures.exists(to);
  await prepareToOpen(from, passphrase, { readOnly: true });
  const lock = acquireCaseFileLock(to);
  const temporary = temporaryPathFor(to, 'saving');
  try {
    clearLeftovers(dirname(to), { held: to });
    const report = await writeSalvage(from, passphrase, temporary, to, options);
    if (isPlaintextSqlite(temporary)) throw new Error('The new file was not encrypted, so it was not kept.');
    const check = await cipherIntegrityCheck(temporary, passphrase);
    if (!check.ok) throw new Error('The new file did not check out after it was written.');
    syncFile(temporary);
    moveIntoPlace(temporary, to);
    return report;
  } catch (error) {
    removeQuietly(temporary);
    removeQuietly(journalPathFor(temporary));
    throw storageFailure(error, to) ?? error;
  } finally {
    lock.release();
  }
}

async function writeSalvage(
  source: string,
  passphrase: string,
  temporary: string,
  target: string,
  options: SalvageOptions & { actor?: string },
): Promise<SalvageReport> {
  const from = connect(source, passphrase, true);
  const to = openSqlite(temporary);
  try {
    unlockWithPassphrase(to, passphrase);
    applyCaseFileSettings(to, { readOnly: false });
    to.pragma('foreign_keys = OFF');
    const tables = await copyReadableContent(from, to, source, options);
    const files = await leaveOutDamagedFiles(to, CASE_FILE_FULL_CHECK.keptFiles);
    const db = caseFileKysely<CaseFileDatabase>(to, target);
    const auditChainIntact = (await verifyAuditChain(db)).ok;
    const partial = {
      path: target,
      tables,
      filesSaved: files.saved,
      filesLost: files.lost,
      auditChainIntact,
    };
    const report = { ...partial, summary: summarise(source, partial) };
    await db.transaction().execute(async (trx) => {
      await appendAuditEntry(trx, {
        actor: options.actor ?? APP_ACTOR,
        action: 'case.readable_parts_saved',
        payload: {
          fromFile: basename(source),
          tablesWithGaps: tables.filter((table) => table.gaps > 0).map((table) => table.table),
          filesLeftOut: files.lost.map((file) => ({ kind: file.noun, fileName: file.fileName })),
          auditChainIntact,
        },
      });
    });
    return report;
  } finally {
    from.close();
    to.close();
  }
}

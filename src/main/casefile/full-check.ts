import { createHash } from 'node:crypto';
import { quotedFileName } from '../../shared/hidden-characters';
import { setTimeout as delay } from 'node:timers/promises';
import { connect, runIntegrityCheck } from './stored-file';
import {
  CERTIFICATE_CHUNKS,
  type ChunkTable,
  EVIDENCE_ATTACHMENT_CHUNKS,
  RECEIPT_CHUNKS,
} from './attachments';
import { caseFileFailures, errorCode } from './failures';
import { prepareToOpen } from './journal-check';
import type { SqliteDatabase } from './sqlcipher';
import { cipherIntegrityCheck, pagesFailingNow } from './sqlcipher4-format';

/**
 * The full check of a case file: every page's HMAC, every table's structure, and every attached
 * file and receipt read back and compared with the SHA-256 recorded when it was added (a scheme
 * file's certificates of attendance likewise: FullCheckKind). Opening a file over
 * 64 MiB leaves the attachment pages out (see FULL_CHECK_AT_OPEN_MAX_BYTES), so this runs after
 * opening, in the background: it reads through its own read-only connection in small steps,
 * yielding between them (the app stays responsive and its own writes go on), reports progress,
 * and stops when asked or when the case is closed. It never writes.
 *
 * What is damaged is named in plain words: the table ("the evidence register") or the attached
 * file and the evidence it belongs to. `saveWhatCanBeRead` (salvage.ts) then rescues the rest.
 */

export type FullCheckStage = 'pages' | 'tables' | 'attachments';

/** Progress of one stage: pages checked, tables checked, or bytes of kept files (attachments, receipts…) read. */
export interface FullCheckProgress {
  stage: FullCheckStage;
  done: number;
  total: number;
}

export interface DamageFound {
  kind: 'pages' | 'table' | 'attachment';
  /** What is damaged, in plain words: a table's name for people, or a kept file's name (attachment, receipt…). */
  name: string;
  /** More about it: which table, which evidence, what the check found. */
  detail: string;
}

export interface FullCheckReport {
  ok: boolean;
  /** Stopped before the end (asked to, or the case was closed); `damage` holds what was found so far. */
  cancelled: boolean;
  pages: number;
  /** Pages whose HMAC does not match (the first 20). */
  damagedPages: number[];
  damage: DamageFound[];
  /** One paragraph for the user. */
  summary: string;
}

export interface FullCheckOptions {
  signal?: AbortSignal;
  onProgress?: (progress: FullCheckProgress) => void;
  /**
   * Called as soon as damage is found, so the user can be told at once: first (kind 'pages') when
   * the page check finds pages that fail, then for each table and attached file it turns out they
   * belong to. The report at the end has the final list.
   */
  onDamage?: (damage: DamageFound) => void;
}

/** Where the stages put what they find. */
type Found = (damage: DamageFound) => void;

/** The case file's tables in the words the app uses for them. */
export const CASE_FILE_TABLE_NAMES: Readonly<Record<string, string>> = {
  case_metadata: 'the case details',
  organisation: 'the organisation’s details',
  assessment_cycle: 'the assessments',
  panel_member: 'the panel members',
  evidence_item: 'the evidence register',
  evidence_criterion: 'the links between evidence and criteria',
  evidence_attachment: 'the list of attached files',
  attachment_chunk: 'the contents of attached files',
  receipt_chunk: 'the contents of receipts for expenses',
  score_sheet: 'the score sheets',
  score: 'the scores',
  score_evidence: 'the evidence linked to scores',
  moderation_state: 'the moderation steps',
  moderation_record: 'the agreed scores',
  moderation_dissent: 'the notes of disagreement',
  outcome: 'the decision',
  withdrawn_outcome: 'the withdrawn decisions',
  certificate: 'the certificates',
  assessor_identity: 'the signing identities',
  audit_log: 'the record of changes (audit log)',
  kysely_migration: 'the record of layout updates',
  kysely_migration_lock: 'the record of layout updates',
};

/**
 * What the full check of one kind of file reads and how it names it: every page's HMAC and every
 * table's structure; then every file kept in it in chunks (a case's attachments and receipts, a
 * scheme's certificates of attendance) read back against its SHA-256.
 */
export interface FullCheckKind {
  /** Its tables in the words the app uses for them. */
  tableNames: Readonly<Record<string, string>>;
  /** The files kept in chunks, read back after the tables (their chunk tables are not quick_checked). */
  keptFiles: readonly KeptFiles[];
  /** What reading them back is called while it runs: "Reading back every attached file and receipt". */
  readingBackWords: string;
  /** What "checks out completely" covers, after the pages: "every table and every attached file". */
  everything: string;
  /** The refusal for a file that cannot be read as this kind at all. */
  notThisKind(path: string, why: string): Error;
}

/** A table's name for people, with its own name for whoever has to repair it. */
function describeTable(kind: FullCheckKind, table: string): string {
  const name = kind.tableNames[table];
  return name ? `${name} (table ${table})` : `the table ${table}`;
}

class Cancelled extends Error {}

const BUSY_RETRY_MS = 50;
const RECHECK_AFTER_MS = 200;

/** Runs one short read; while this app's own connection is writing, waits and tries again. */
async function whenNotBusy<T>(read: () => T, signal: AbortSignal | undefined): Promise<T> {
  for (;;) {
    if (signal?.aborted) throw new Cancelled();
    try {
      return read();
    } catch (error) {
      const code = errorCode(error) ?? '';
      if (!code.startsWith('SQLITE_BUSY') && !code.startsWith('SQLITE_LOCKED')) throw error;
      await delay(BUSY_RETRY_MS);
    }
  }
}

/** Whether a read failed because the file is damaged (rather than, say, the disk going away). */
export function isDamage(error: unknown): boolean {
  const code = errorCode(error) ?? '';
  return code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' || code === 'SQLITE_MISMATCH';
}

/** What is wrong with one table (and its indexes), in plain words, or undefined when it checks out. */
async function tableProblem(
  db: SqliteDatabase,
  table: string,
  signal: AbortSignal | undefined,
): Promise<string | undefined> {
  let problems: string[];
  try {
    problems = await whenNotBusy(
      () => runIntegrityCheck(db, `quick_check("${table.replace(/"/g, '""')}")`),
      signal,
    );
  } catch (error) {
    if (!isDamage(error)) throw error;
    return 'part of it cannot be read: a page it uses has been changed or damaged';
  }
  const real = problems.filter((problem) => problem !== 'ok');
  if (real.length === 0) return undefined;
  return `its structure does not check out (SQLite's check found: ${real.slice(0, 2).join('; ')})`;
}

/** Checks every table's structure (quick_check per table), except the kept files' chunks (read back instead). */
async function checkTables(
  db: SqliteDatabase,
  kind: FullCheckKind,
  options: FullCheckOptions,
  found: Found,
): Promise<void> {
  const readBack = new Set(kind.keptFiles.map((kept) => kept.chunks.table));
  const tables = (
    db.prepare("select name from sqlite_schema where type = 'table' order by name").pluck().all() as string[]
  ).filter((table) => !readBack.has(table));
  for (const [index, table] of tables.entries()) {
    await delay(0);
    const problem = await tableProblem(db, table, options.signal);
    if (problem !== undefined)
      found({
        kind: 'table',
        name: kind.tableNames[table] ?? `the table ${table}`,
        detail: `${describeTable(kind, table)}: ${problem}`,
      });
    options.onProgress?.({ stage: 'tables', done: index + 1, total: tables.length });
  }
}

/** What the checks read about an attached file. */
export interface AttachmentRow {
  id: string;
  evidence_id: string;
  file_name: string;
  size: number;
  sha256: string;
  chunk_count: number;
}

/** The title of the evidence an attached file belongs to; null when it cannot be read. */
export function evidenceTitle(db: SqliteDatabase, evidenceId: string): string | null {
  const row = readIfIntact<{ title: string }>(db, 'select title from evidence_item where id = ?', evidenceId);
  return row?.title ?? null;
}

/** One row found with `query`; undefined when there is none or it cannot be read (damage is told elsewhere). */
function readIfIntact<T>(db: SqliteDatabase, query: string, id: string): T | undefined {
  try {
    return db.prepare(query).get(id) as T | undefined;
  } catch {
    return undefined;
  }
}

/** A file kept in chunks as the full check lists it: what its chunks must add up to (null: not recorded). */
export interface KeptFileRow {
  id: string;
  file_name: string;
  size: number | null;
  sha256: string;
  chunk_count: number | null;
}

/**
 * One kind of file kept in chunks (attachments.ts) that the full check reads back against the
 * SHA-256 recorded when it arrived: evidence attachments and receipts in a case file, certificates
 * of attendance in a scheme file.
 */
export interface KeptFiles {
  chunks: ChunkTable;
  /** Selects every such file that has arrived, as `KeptFileRow`s, in the order they were kept. */
  listQuery: string;
  /** The file in plain words, with what it belongs to when that can still be read. */
  describe(db: SqliteDatabase, file: KeptFileRow): string;
  /** How "save what can be read" (salvage.ts) leaves out one that did not come through whole. */
  whenDamaged: {
    /** Statements, each taking the file's id, that forget it (its chunks are removed apart from these). */
    forget: readonly string[];
    /** What the user is told was left out, in plain words (with what it belongs to when that can be read). */
    leftOut(db: SqliteDatabase, file: KeptFileRow): string;
    /** What is kept in its place, in plain words, if anything. */
    whatStays: string | null;
  };
}

/** Evidence attachments (case file migration 1). */
const ATTACHED_FILES: KeptFiles = {
  chunks: EVIDENCE_ATTACHMENT_CHUNKS,
  listQuery: 'select id, file_name, size, sha256, chunk_count from evidence_attachment order by rowid',
  describe: (db, file) => {
    const row = readIfIntact<{ title: string }>(
      db,
      'select title from evidence_item where id = (select evidence_id from evidence_attachment where id = ?)',
      file.id,
    );
    return `the attached file “${file.file_name}”${row ? `, attached to the evidence “${row.title}”` : ''}`;
  },
  whenDamaged: {
    forget: ['delete from evidence_attachment where id = ?'],
    leftOut: (db, file) => {
      const row = readIfIntact<{ evidence_id: string }>(
        db,
        'select evidence_id from evidence_attachment where id = ?',
        file.id,
      );
      const title = row ? evidenceTitle(db, row.evidence_id) : null;
      return `the attached file “${file.file_name}”${title ? ` (evidence “${title}”)` : ''}`;
    },
    whatStays: null,
  },
};

/** Receipts for expenses on fee claims (case file migration 10). */
const RECEIPTS: KeptFiles = {
  chunks: RECEIPT_CHUNKS,
  listQuery: `select id, receipt_name as file_name, receipt_size as size, receipt_sha256 as sha256,
    receipt_chunk_count as chunk_count from fee_expense where receipt_sha256 is not null order by rowid`,
  describe: (db, file) => {
    const row = readIfIntact<{ description: string; worked_on: string; name: string | null }>(
      db,
      `select e.description, c.worked_on, m.name from fee_expense e join fee_claim c on c.id = e.claim_id
       left join panel_member m on m.id = c.member_id where e.id = ?`,
      file.id,
    );
    if (!row) return `the receipt “${file.file_name}”`;
    const whose = row.name ? `${row.name}’s claim` : 'the claim';
    return `the receipt “${file.file_name}” for the expense “${row.description}” on ${whose} for ${row.worked_on}`;
  },
  whenDamaged: {
    // The expense stays (its amount is still claimed), waiting for its receipt as before it arrived.
    forget: [
      'update fee_expense set receipt_sha256 = null, receipt_size = null, receipt_chunk_count = null where id = ?',
    ],
    leftOut: (db, file) => RECEIPTS.describe(db, file),
    whatStays: 'the expense is kept, without its receipt',
  },
};

/** Certificates of attendance kept with training records (scheme file migration 9). */
export const CERTIFICATES_OF_ATTENDANCE: KeptFiles = {
  chunks: CERTIFICATE_CHUNKS,
  listQuery: `select id, certificate_name as file_name, certificate_size as size, certificate_sha256 as sha256,
    certificate_chunk_count as chunk_count from training_record where certificate_sha256 is not null order by rowid`,
  describe: (db, file) => {
    const row = readIfIntact<{ course: string; attended_on: string; name: string | null }>(
      db,
      `select t.course, t.attended_on, a.name from training_record t left join assessor a on a.id = t.assessor_id
       where t.id = ?`,
      file.id,
    );
    if (!row) return `the certificate of attendance “${file.file_name}”`;
    const who = row.name ? ` by ${row.name}` : '';
    return `the certificate of attendance “${file.file_name}” for the course “${row.course}” attended${who} on ${row.attended_on}`;
  },
  whenDamaged: {
    // The training record stays: the course was attended; its certificate is no longer kept.
    forget: [
      `update training_record set certificate_name = null, certificate_media_type = null, certificate_sha256 = null,
        certificate_size = null, certificate_chunk_count = null where id = ?`,
    ],
    leftOut: (db, file) => CERTIFICATES_OF_ATTENDANCE.describe(db, file),
    whatStays: 'the training record is kept, without its certificate',
  },
};

/** Reads one kept file back chunk by chunk; the reason it is damaged, or undefined when it checks out. */
export async function keptFileProblem(
  db: SqliteDatabase,
  kind: KeptFiles,
  file: KeptFileRow,
  signal: AbortSignal | undefined,
  onBytes: (bytes: number) => void,
): Promise<string | undefined> {
  if (file.size === null || file.chunk_count === null)
    return 'its size was not recorded when it was added, so it cannot be checked';
  const { table, owner } = kind.chunks;
  const read = db.prepare(`select data from "${table}" where "${owner}" = ? and seq = ?`).pluck();
  const hash = createHash('sha256');
  let bytes = 0;
  for (let seq = 0; seq < file.chunk_count; seq += 1) {
    await delay(0);
    let data: Buffer | undefined;
    try {
      data = await whenNotBusy(() => read.get(file.id, seq) as Buffer | undefined, signal);
    } catch (error) {
      if (!isDamage(error)) throw error;
      return `part ${seq + 1} of ${file.chunk_count} cannot be read: a page it uses has been changed or damaged`;
    }
    if (!data) return `part ${seq + 1} of ${file.chunk_count} is missing`;
    hash.update(data);
    bytes += data.length;
    onBytes(data.length);
  }
  if (bytes !== file.size || hash.digest('hex') !== file.sha256)
    return 'its contents no longer match the SHA-256 recorded when it was added';
  return undefined;
}

/**
 * Every file of these kinds that has arrived, kind by kind. A kind whose chunk table this file does
 * not have yet (made before the migration that added it) has none; a list that cannot be read is
 * left out, as the table check has said so.
 */
export function listKeptFiles(
  db: SqliteDatabase,
  kinds: readonly KeptFiles[],
): { kind: KeptFiles; file: KeptFileRow }[] {
  const tables = new Set(
    db.prepare("select name from sqlite_schema where type = 'table'").pluck().all() as string[],
  );
  return kinds
    .filter((kind) => tables.has(kind.chunks.table))
    .flatMap((kind) => {
      try {
        return (db.prepare(kind.listQuery).all() as KeptFileRow[]).map((file) => ({ kind, file }));
      } catch (error) {
        if (isDamage(error)) return [];
        throw error;
      }
    });
}

/** Reads back every kept file of these kinds against its SHA-256, naming each damaged one. */
async function checkKeptFiles(
  db: SqliteDatabase,
  kinds: readonly KeptFiles[],
  options: FullCheckOptions,
  found: Found,
): Promise<void> {
  const files = listKeptFiles(db, kinds);
  const total = files.reduce((sum, { file }) => sum + (file.size ?? 0), 0);
  let done = 0;
  const tell = () => options.onProgress?.({ stage: 'attachments', done: Math.min(done, total), total });
  tell();
  for (const { kind, file } of files) {
    const before = done;
    const problem = await keptFileProblem(db, kind, file, options.signal, (bytes) => {
      done += bytes;
      tell();
    });
    if (problem !== undefined) {
      found({ kind: 'attachment', name: file.file_name, detail: `${kind.describe(db, file)}: ${problem}` });
      done = before + (file.size ?? 0);
      tell();
    }
  }
}

function summarise(path: string, kind: FullCheckKind, report: Omit<FullCheckReport, 'summary'>): string {
  const file = quotedFileName(path);
  if (report.cancelled) return `The full check of ${file} was stopped before it finished.`;
  if (report.ok)
    return `${file} checks out completely: all ${report.pages} pages, ${kind.everything} are intact.`;
  const found = report.damage.map((item) => item.detail).join('; ');
  return `${file} is damaged: ${found}. Everything else checks out. Save what can be read to a new file, carry on with that, and keep this file in case it can be repaired.`;
}

/** The case file's full check: pages, tables, then every attached file and receipt read back against its SHA-256. */
export const CASE_FILE_FULL_CHECK: FullCheckKind = {
  tableNames: CASE_FILE_TABLE_NAMES,
  keptFiles: [ATTACHED_FILES, RECEIPTS],
  readingBackWords: 'Reading back every attached file and receipt',
  everything: 'every table, every attached file and every receipt',
  notThisKind: caseFileFailures.notACaseFile,
};

/** Runs the full check of the case file at `path` (open elsewhere in this app or not): see checkFileFully. */
export function checkCaseFileFully(
  path: string,
  passphrase: string,
  options: FullCheckOptions = {},
): Promise<FullCheckReport> {
  return checkFileFully(path, passphrase, CASE_FILE_FULL_CHECK, options);
}

/**
 * Runs the full check of a file of `kind` at `path` (open elsewhere in this app or not). Throws
 * only for a wrong passphrase or a file that cannot be read as that kind at all; damage is reported.
 */
export async function checkFileFully(
  path: string,
  passphrase: string,
  kind: FullCheckKind,
  options: FullCheckOptions = {},
): Promise<FullCheckReport> {
  const pages = await cipherIntegrityCheck(path, passphrase, {
    signal: options.signal,
    onProgress: (done, total) => options.onProgress?.({ stage: 'pages', done, total }),
  });
  // A page this app's own connection was writing at that moment may have been read half-written.
  const damagedPages =
    pages.failedPages.length === 0
      ? []
      : await delay(RECHECK_AFTER_MS).then(() => pagesFailingNow(path, passphrase, pages.failedPages));
  const partial = { pages: pages.pages, damagedPages };
  const finish = (fields: Omit<FullCheckReport, 'summary' | 'pages' | 'damagedPages'>): FullCheckReport => {
    const report = { ...partial, ...fields };
    return { ...report, summary: summarise(path, kind, report) };
  };
  if (pages.cancelled) return finish({ ok: false, cancelled: true, damage: [] });
  if (pages.problem) throw kind.notThisKind(path, pages.problem);
  if (damagedPages.includes(1)) throw caseFileFailures.wrongPassphrase(path);

  if (damagedPages.length > 0)
    options.onDamage?.({
      kind: 'pages',
      name: `pages ${damagedPages.join(', ')}`,
      detail: `pages ${damagedPages.join(', ')} have been changed or damaged; the check goes on to find what they hold`,
    });

  await prepareToOpen(path, passphrase, { readOnly: true });
  const db = connect(path, passphrase, true);
  const damage: DamageFound[] = [];
  const found: Found = (item) => {
    damage.push(item);
    options.onDamage?.(item);
  };
  try {
    await checkTables(db, kind, options, found);
    await checkKeptFiles(db, kind.keptFiles, options, found);
  } catch (error) {
    if (error instanceof Cancelled) return finish({ ok: false, cancelled: true, damage });
    throw error;
  } finally {
    db.close();
  }
  if (damage.length === 0 && damagedPages.length > 0)
    damage.push({
      kind: 'pages',
      name: `pages ${damagedPages.join(', ')}`,
      detail: `pages ${damagedPages.join(', ')} have been changed or damaged, though nothing in the file uses them now (free space)`,
    });
  return finish({ ok: damage.length === 0, cancelled: false, damage });
}

/** A full check running in the background for an open case. */
export interface FullCheckJob {
  /** Resolves with the report (cancelled: true if stopped); rejects only for the errors checkCaseFileFully throws. */
  readonly done: Promise<FullCheckReport>;
  cancel(): void;
}

const CLOSED_POLL_MS = 100;

/** An open file a full check runs for: it stops by itself once the file is closed. */
export interface OpenFileToCheck {
  readonly path: string;
  readonly isOpen: boolean;
}

/** Starts the full check of an open file (a case by default); it stops by itself when the file is closed. */
export function startFullCheck(
  caseFile: OpenFileToCheck,
  passphrase: string,
  options: Pick<FullCheckOptions, 'onProgress' | 'onDamage'> = {},
  kind: FullCheckKind = CASE_FILE_FULL_CHECK,
): FullCheckJob {
  const controller = new AbortController();
  const watch = setInterval(() => {
    if (!caseFile.isOpen) controller.abort();
  }, CLOSED_POLL_MS);
  watch.unref();
  const done = checkFileFully(caseFile.path, passphrase, kind, {
    signal: controller.signal,
    onProgress: (progress) => {
      if (!caseFile.isOpen) controller.abort();
      options.onProgress?.(progress);
    },
    onDamage: options.onDamage,
  }).finally(() => clearInterval(watch));
  return { done, cancel: () => controller.abort() };
}

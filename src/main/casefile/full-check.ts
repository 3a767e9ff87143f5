import { createHash } from 'node:crypto';
import { quotedFileName } from '../../shared/hidden-characters';
import { setTimeout as delay } from 'node:timers/promises';
import { connect, runIntegrityCheck } from './case-file';
import { caseFileFailures, errorCode } from './failures';
import { prepareToOpen } from './journal-check';
import type { SqliteDatabase } from './sqlcipher';
import { cipherIntegrityCheck, pagesFailingNow } from './sqlcipher4-format';

/**
 * The full check of a case file: every page's HMAC, every table's structure, and every attached
 * file read back and compared with the SHA-256 recorded when it was added. Opening a file over
 * 64 MiB leaves the attachment pages out (see FULL_CHECK_AT_OPEN_MAX_BYTES), so this runs after
 * opening, in the background: it reads through its own read-only connection in small steps,
 * yielding between them (the app stays responsive and its own writes go on), reports progress,
 * and stops when asked or when the case is closed. It never writes.
 *
 * What is damaged is named in plain words: the table ("the evidence register") or the attached
 * file and the evidence it belongs to. `saveWhatCanBeRead` (salvage.ts) then rescues the rest.
 */

export type FullCheckStage = 'pages' | 'tables' | 'attachments';

/** Progress of one stage: pages checked, tables checked, or bytes of attachments read. */
export interface FullCheckProgress {
  stage: FullCheckStage;
  done: number;
  total: number;
}

export interface DamageFound {
  kind: 'pages' | 'table' | 'attachment';
  /** What is damaged, in plain words: a table's name for people, or an attached file's name. */
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
 * table's structure for all kinds; then, for a case file, every attached file read back.
 */
export interface FullCheckKind {
  /** Its tables in the words the app uses for them. */
  tableNames: Readonly<Record<string, string>>;
  /** Tables not checked by quick_check but read back by `lastStage` (a case file's attachment chunks). */
  readInstead: ReadonlySet<string>;
  /** A stage after the tables (a case file's attachments), or none. */
  lastStage?: (db: SqliteDatabase, options: FullCheckOptions, found: Found) => Promise<void>;
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

/** Checks every table's structure (quick_check per table), except those `readInstead` covers. */
async function checkTables(
  db: SqliteDatabase,
  kind: FullCheckKind,
  options: FullCheckOptions,
  found: Found,
): Promise<void> {
  const tables = (
    db.prepare("select name from sqlite_schema where type = 'table' order by name").pluck().all() as string[]
  ).filter((table) => !kind.readInstead.has(table));
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
  try {
    const row = db.prepare('select title from evidence_item where id = ?').get(evidenceId) as
      { title: string } | undefined;
    return row?.title ?? null;
  } catch {
    return null;
  }
}

/** Reads one attachment back chunk by chunk; the reason it is damaged, or undefined when it checks out. */
async function attachmentProblem(
  db: SqliteDatabase,
  attachment: AttachmentRow,
  signal: AbortSignal | undefined,
  onBytes: (bytes: number) => void,
): Promise<string | undefined> {
  const read = db.prepare('select data from attachment_chunk where attachment_id = ? and seq = ?').pluck();
  const hash = createHash('sha256');
  let bytes = 0;
  for (let seq = 0; seq < attachment.chunk_count; seq += 1) {
    await delay(0);
    let data: Buffer | undefined;
    try {
      data = await whenNotBusy(() => read.get(attachment.id, seq) as Buffer | undefined, signal);
    } catch (error) {
      if (!isDamage(error)) throw error;
      return `part ${seq + 1} of ${attachment.chunk_count} cannot be read: a page it uses has been changed or damaged`;
    }
    if (!data) return `part ${seq + 1} of ${attachment.chunk_count} is missing`;
    hash.update(data);
    bytes += data.length;
    onBytes(data.length);
  }
  if (bytes !== attachment.size || hash.digest('hex') !== attachment.sha256)
    return 'its contents no longer match the SHA-256 recorded when it was added';
  return undefined;
}

/** Case files: every attached file read back and checked against its SHA-256. */
async function checkAttachments(db: SqliteDatabase, options: FullCheckOptions, found: Found): Promise<void> {
  let attachments: AttachmentRow[];
  try {
    attachments = db
      .prepare(
        'select id, evidence_id, file_name, size, sha256, chunk_count from evidence_attachment order by rowid',
      )
      .all() as AttachmentRow[];
  } catch (error) {
    if (isDamage(error)) return; // the list itself is damaged: the table check has said so
    throw error;
  }
  const total = attachments.reduce((sum, attachment) => sum + attachment.size, 0);
  let done = 0;
  options.onProgress?.({ stage: 'attachments', done, total });
  for (const attachment of attachments) {
    const before = done;
    const problem = await attachmentProblem(db, attachment, options.signal, (bytes) => {
      done += bytes;
      options.onProgress?.({ stage: 'attachments', done: Math.min(done, total), total });
    });
    if (problem !== undefined) {
      const title = evidenceTitle(db, attachment.evidence_id);
      found({
        kind: 'attachment',
        name: attachment.file_name,
        detail: `the attached file “${attachment.file_name}”${title ? `, attached to the evidence “${title}”` : ''}: ${problem}`,
      });
      done = before + attachment.size;
      options.onProgress?.({ stage: 'attachments', done: Math.min(done, total), total });
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

/** The case file's full check: pages, tables, then every attached file read back against its SHA-256. */
export const CASE_FILE_FULL_CHECK: FullCheckKind = {
  tableNames: CASE_FILE_TABLE_NAMES,
  readInstead: new Set(['attachment_chunk']),
  lastStage: checkAttachments,
  everything: 'every table and every attached file',
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
    await kind.lastStage?.(db, options, found);
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

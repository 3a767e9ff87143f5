import { createHash } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import { compiledOnce } from './compiled-once';
import type { ReadableCaseDb } from './handles';
import type { AuditLogRow } from './schema';

/** The actor recorded in the audit log for changes the app makes itself (e.g. updating the layout). */
export const APP_ACTOR = 'app';

/**
 * The append-only, hash-chained audit log.
 *
 *   payload_sha256 = SHA-256(canonical JSON of the payload)
 *   hash           = SHA-256(prev_hash ‖ canonical JSON of {seq, at, actor, action, payload_sha256, prev_hash})
 *
 * with prev_hash of the first entry = 64 zeros. The chain's newest (seq, hash) is also kept in the
 * file's metadata table (case_metadata in a case file, scheme_metadata in a scheme file: see
 * file-kind.ts), in the same transaction, so that cutting entries off the end is detected too.
 * THIS FORMAT IS FROZEN: every case file ever written depends on it. Change nothing here without a
 * new chain version.
 */

export const GENESIS_HASH = '0'.repeat(64);

/** The tables every kind of file keeps its audit log in: the log, and the one-row metadata table holding its head. */
interface AuditTables {
  audit_log: AuditLogRow;
  file_metadata: { audit_head_seq: number; audit_head_hash: string };
}

/** Any file with an audit log (a case file or a scheme file), to read from or, in a transaction, to write to. */
export type ReadableAuditedDb<DB extends { audit_log: AuditLogRow }> = Pick<Kysely<DB>, 'selectFrom'>;
export type WritableAuditedDb<DB extends { audit_log: AuditLogRow }> = Transaction<DB>;

/** The metadata table of a case file; scheme files name theirs (file-kind.ts). */
const CASE_METADATA = 'case_metadata';

/** The audit tables of `db`: its metadata table is queried under its real name, typed as holding the head. */
function auditTables<DB extends { audit_log: AuditLogRow }>(
  db: ReadableAuditedDb<DB>,
  metadataTable: string,
): { db: Pick<Kysely<AuditTables>, 'selectFrom'>; metadata: 'file_metadata' } {
  return {
    db: db as unknown as Pick<Kysely<AuditTables>, 'selectFrom'>,
    metadata: metadataTable as 'file_metadata',
  };
}

export type JsonValue =
  string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue | undefined };

export interface AuditEntryRequest {
  actor: string;
  action: string;
  payload: JsonValue;
}

/**
 * Records one more entry in the audit log, by the same actor, in the change's own transaction
 * (e.g. a decision withdrawn because moderation reopened). Only `CaseFile.mutate` hands one out.
 */
export type AlsoAudit = (action: string, payload: JsonValue) => Promise<void>;

export type AuditVerification =
  { ok: true; entries: number; headHash: string } | { ok: false; brokenAtSeq: number; reason: string };

/** Canonical JSON for the audit chain: keys sorted, no spaces; undefined members left out. */
function auditCanonicalJson(value: JsonValue | undefined): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new TypeError('The audit log cannot record a number that is not finite.');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((item: JsonValue) => auditCanonicalJson(item)).join(',')}]`;
  const record = value as { readonly [key: string]: JsonValue | undefined };
  const members = Object.keys(record)
    .sort()
    .filter((key) => record[key] !== undefined)
    .map((key) => `${JSON.stringify(key)}:${auditCanonicalJson(record[key])}`);
  return `{${members.join(',')}}`;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function auditPayloadHash(payload: JsonValue): string {
  return sha256Hex(auditCanonicalJson(payload));
}

export function auditEntryHash(entry: Omit<AuditLogRow, 'hash'>): string {
  const { seq, at, actor, action, payload_sha256, prev_hash } = entry;
  return sha256Hex(prev_hash + auditCanonicalJson({ seq, at, actor, action, payload_sha256, prev_hash }));
}

/** The newest entry of the chain (compiled once: every change appends one, see compiled-once.ts). */
const newestEntry = compiledOnce((trx: Transaction<AuditTables>) =>
  trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1),
);

const insertEntry = compiledOnce((trx: Transaction<AuditTables>, entry: AuditLogRow) =>
  trx.insertInto('audit_log').values({
    seq: entry.seq,
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    payload_sha256: entry.payload_sha256,
    prev_hash: entry.prev_hash,
    hash: entry.hash,
  }),
);

/** Moving the head kept in the metadata table, one compiled query per kind of file (their tables differ). */
const moveHeadIn = new Map<string, ReturnType<typeof moveHeadQuery>>();

function moveHeadQuery(metadataTable: string) {
  return compiledOnce((trx: Transaction<AuditTables>, head: { seq: number; hash: string }) =>
    trx
      .updateTable(metadataTable as 'file_metadata')
      .set({ audit_head_seq: head.seq, audit_head_hash: head.hash }),
  );
}

/** Appends one entry; call inside the transaction that makes the change it records. */
export async function appendAuditEntry<DB extends { audit_log: AuditLogRow }>(
  file: WritableAuditedDb<DB>,
  request: AuditEntryRequest,
  metadataTable: string = CASE_METADATA,
): Promise<AuditLogRow> {
  const trx = file as unknown as Transaction<AuditTables>;
  const [previous] = await newestEntry(trx, {});
  const withoutHash = {
    seq: (previous?.seq ?? 0) + 1,
    at: new Date().toISOString(),
    actor: request.actor,
    action: request.action,
    payload_sha256: auditPayloadHash(request.payload),
    prev_hash: previous?.hash ?? GENESIS_HASH,
  };
  const entry: AuditLogRow = { ...withoutHash, hash: auditEntryHash(withoutHash) };
  await insertEntry(trx, entry);
  let moveHead = moveHeadIn.get(metadataTable);
  if (!moveHead) moveHeadIn.set(metadataTable, (moveHead = moveHeadQuery(metadataTable)));
  await moveHead(trx, { seq: entry.seq, hash: entry.hash });
  return entry;
}

const PAGE = 1000;

/** Walks the whole chain in order; reports the first entry that does not follow from the one before. */
export async function verifyAuditChain<DB extends { audit_log: AuditLogRow }>(
  file: ReadableAuditedDb<DB>,
  metadataTable: string = CASE_METADATA,
): Promise<AuditVerification> {
  const { db, metadata } = auditTables(file, metadataTable);
  let previousHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(PAGE)
      .execute();
    for (const row of rows) {
      const problem = entryProblem(row, expectedSeq, previousHash);
      if (problem) return { ok: false, brokenAtSeq: expectedSeq, reason: problem };
      previousHash = row.hash;
      expectedSeq += 1;
    }
    if (rows.length < PAGE) break;
  }
  return checkHead(db, metadata, expectedSeq - 1, previousHash);
}

function entryProblem(row: AuditLogRow, expectedSeq: number, previousHash: string): string | undefined {
  if (row.seq !== expectedSeq) return `entry ${expectedSeq} is missing (the next entry found is ${row.seq})`;
  if (row.prev_hash !== previousHash)
    return `entry ${row.seq} does not follow on from entry ${row.seq - 1}: an entry was removed, added or moved`;
  if (auditEntryHash(row) !== row.hash) return `entry ${row.seq} has been changed since it was written`;
  return undefined;
}

async function checkHead(
  db: Pick<Kysely<AuditTables>, 'selectFrom'>,
  metadata: 'file_metadata',
  lastSeq: number,
  lastHash: string,
): Promise<AuditVerification> {
  const head = await db.selectFrom(metadata).select(['audit_head_seq', 'audit_head_hash']).executeTakeFirst();
  if (!head)
    return {
      ok: false,
      brokenAtSeq: lastSeq + 1,
      reason: 'the file details that record the newest audit entry are missing',
    };
  if (head.audit_head_seq > lastSeq) {
    return {
      ok: false,
      brokenAtSeq: lastSeq + 1,
      reason: `entries ${lastSeq + 1} to ${head.audit_head_seq} are missing from the end of the log`,
    };
  }
  if (head.audit_head_seq < lastSeq || head.audit_head_hash !== lastHash) {
    return {
      ok: false,
      brokenAtSeq: head.audit_head_seq + 1,
      reason: `the log does not end where the file's details say it should (entry ${head.audit_head_seq})`,
    };
  }
  return { ok: true, entries: lastSeq, headHash: lastHash };
}

/** The chain's newest entry as the case file records it: how many entries, and the newest hash. */
export async function readAuditHead<DB extends { audit_log: AuditLogRow }>(
  file: ReadableAuditedDb<DB>,
  metadataTable: string = CASE_METADATA,
): Promise<{ entries: number; hash: string }> {
  const { db, metadata } = auditTables(file, metadataTable);
  const head = await db
    .selectFrom(metadata)
    .select(['audit_head_seq', 'audit_head_hash'])
    .executeTakeFirstOrThrow();
  return { entries: head.audit_head_seq, hash: head.audit_head_hash };
}

export type AnchorVerification = { ok: true } | { ok: false; reason: string };

/**
 * Does the file's chain still hold the head anchored outside it (in a signed certificate)? The
 * entry with the anchored number must exist, with the anchored hash; otherwise entries were cut,
 * or the history up to the signing was rewritten (even if the chain was recomputed to check out).
 */
export async function verifyAuditAnchor(
  db: ReadableCaseDb,
  anchor: { entries: number; hash: string },
): Promise<AnchorVerification> {
  const entry = await db
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .where('seq', '=', anchor.entries)
    .executeTakeFirst();
  const head = await readAuditHead(db);
  if (!entry || head.entries < anchor.entries)
    return {
      ok: false,
      reason: `the certificate was signed when the record held ${anchor.entries} entries, but the file now holds only ${head.entries}: entries were removed after the certificate was issued`,
    };
  if (entry.hash !== anchor.hash)
    return {
      ok: false,
      reason: `entry ${anchor.entries}, the newest when the certificate was signed, is not the entry the certificate recorded: the history up to the signing was rewritten after the certificate was issued`,
    };
  return { ok: true };
}

/** The audit entries, oldest first, for showing to the lead assessor. */
export async function readAuditLog(
  db: ReadableCaseDb,
  options: { afterSeq?: number; limit?: number } = {},
): Promise<AuditLogRow[]> {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('seq', '>', options.afterSeq ?? 0)
    .orderBy('seq')
    .limit(options.limit ?? 500)
    .execute();
}

/** True when both append-only triggers are in place (an attacker with the key could drop them). */
export async function auditTriggersPresent<DB>(db: Kysely<DB>): Promise<boolean> {
  const result = await sql<{
    count: number;
  }>`select count(*) as count from sqlite_master where type = 'trigger' and name like 'audit_log_is_append_only_%'`.execute(
    db,
  );
  return result.rows[0]?.count === 2;
}

import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, renameSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { basename, extname } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { sql, type Kysely, type QueryExecutorProvider } from 'kysely';
import { finished } from 'node:stream/promises';
import { UserFacingError } from '../../shared/errors';
import type { CaseFile } from './case-file';
import { caseFileFailures, errorCode, storageFailure } from './failures';
import { removeQuietly, requireFreeSpace } from './files';

/**
 * Files kept inside an encrypted case or scheme file — evidence attachments, receipts for expenses,
 * certificates of attendance — live there split into 1 MiB chunks, so a 100 MB recording never has
 * to fit in memory: it streams in from a file or stream and out to one, with its SHA-256 computed
 * on the way in and checked on the way out. One piece of code (`storeChunks`, `writeChunks`,
 * `exportChunks`) serves every kind; each kind names its own chunk table (`ChunkTable`).
 */

/**
 * Where one kind of kept file has its chunks: the table (`owner` text, `seq` integer, `data` blob,
 * primary key (owner, seq), deleted with the file it belongs to) and the column naming that file.
 */
export interface ChunkTable {
  table: string;
  owner: string;
  /** What one such file is called in messages ("attachment", "receipt"). */
  noun: string;
}

/** Evidence attachments' chunks (case file migration 1). */
export const EVIDENCE_ATTACHMENT_CHUNKS: ChunkTable = {
  table: 'attachment_chunk',
  owner: 'attachment_id',
  noun: 'attachment',
};
/** Receipts' chunks, one receipt per expense (case file migration 10). */
export const RECEIPT_CHUNKS: ChunkTable = {
  table: 'receipt_chunk',
  owner: 'expense_id',
  noun: 'receipt',
};

/** Certificates of attendance's chunks, in the scheme file (scheme file migration 9). */
export const CERTIFICATE_CHUNKS: ChunkTable = {
  table: 'certificate_chunk',
  owner: 'training_id',
  noun: 'certificate of attendance',
};

/** A kept file as its chunks add up: its size, its SHA-256 and how many chunks hold it. */
export interface StoredChunks {
  size: number;
  sha256: string;
  chunkCount: number;
}

/** A kept file to read back: which one, its name (for messages) and what it must add up to. */
export interface ChunkedFile extends StoredChunks {
  id: string;
  fileName: string;
}

/**
 * A file on its way into a case or scheme file (a receipt, a certificate of attendance), already
 * checked as far as it can be before a byte is read (its stated size, the space on the disk).
 */
export interface IncomingFile {
  fileName: string;
  mediaType: string;
  /** The bytes, as they arrive. */
  source: Readable;
  /** The size stated or found on disk before sending (for progress), when known. */
  sizeBytes: number | undefined;
  /** Refused with this once more than MAX_ATTACHMENT_BYTES arrive. */
  tooLarge: () => Error;
  /** Called once every byte is in, before anything is kept: refuses an empty file, or one there is no room for. */
  checkArrived: (sizeBytes: number) => void;
}

/** An attachment as stored: its name, type, size and fingerprint. */
export interface AttachmentSummary {
  id: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  addedAt: string;
}

export const MAX_ATTACHMENT_BYTES = 100 * 1024 * 1024;
export const ATTACHMENT_CHUNK_BYTES = 1024 * 1024;

/** Called as the bytes move; `bytesTotal` is undefined when a stream's length is not known. */
export type TransferProgress = (bytesDone: number, bytesTotal: number | undefined) => void;

export interface AttachOptions {
  /** The file name to show; defaults to the source file's name. */
  fileName?: string;
  /** e.g. application/pdf; guessed from the file name when left out. */
  mediaType?: string;
  /** The stream's length when known, for progress. */
  size?: number;
  onProgress?: TransferProgress;
}

const MEDIA_TYPES: Readonly<Record<string, string>> = {
  '.pdf': 'application/pdf',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.odt': 'application/vnd.oasis.opendocument.text',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.ods': 'application/vnd.oasis.opendocument.spreadsheet',
  '.ppt': 'application/vnd.ms-powerpoint',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.csv': 'text/csv',
  '.txt': 'text/plain',
  '.rtf': 'application/rtf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.heic': 'image/heic',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.mp4': 'video/mp4',
  '.mov': 'video/quicktime',
  '.webm': 'video/webm',
  '.zip': 'application/zip',
};

function guessMediaType(fileName: string): string {
  return MEDIA_TYPES[extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}

function tooLarge(fileName: string): UserFacingError {
  return new UserFacingError(
    'ATTACHMENT_TOO_LARGE',
    `“${fileName}” is larger than ${MAX_ATTACHMENT_BYTES / (1024 * 1024)} MB, the most one attachment can be. Split it, or attach a shorter or compressed version.`,
  );
}

function attachmentNotFound(id: string): UserFacingError {
  return new UserFacingError(
    'NOT_FOUND',
    `There is no attachment with id ${id} in this case file. It may have been removed; refresh the evidence register.`,
  );
}

/**
 * Streams a file (by path) or a readable stream into the case file as an attachment of one evidence
 * item. It is one transaction: if anything fails part-way (too large, disk full) nothing is kept.
 */
export async function attachToEvidence(
  caseFile: CaseFile,
  actor: string,
  evidenceId: string,
  source: string | Readable,
  options: AttachOptions = {},
): Promise<AttachmentSummary> {
  const fileName = options.fileName ?? (typeof source === 'string' ? basename(source) : 'attachment');
  const mediaType = options.mediaType ?? guessMediaType(fileName);
  const bytesTotal = typeof source === 'string' ? sizeOf(source, caseFile.path) : options.size;
  if (bytesTotal !== undefined && bytesTotal > MAX_ATTACHMENT_BYTES) throw tooLarge(fileName);
  // Room for the attachment, for journaling re-used free pages, and some to spare.
  if (bytesTotal !== undefined) requireFreeSpace(caseFile.path, 2 * bytesTotal + 4 * ATTACHMENT_CHUNK_BYTES);
  const input =
    typeof source === 'string' ? createReadStream(source, { highWaterMark: ATTACHMENT_CHUNK_BYTES }) : source;
  const id = randomUUID();
  try {
    return await caseFile.mutate(
      actor,
      'evidence.attachment_added',
      (added: AttachmentSummary) => ({ evidenceId, ...added }),
      async (trx) => {
        const evidence = await trx
          .selectFrom('evidence_item')
          .select('id')
          .where('id', '=', evidenceId)
          .executeTakeFirst();
        if (!evidence)
          throw new UserFacingError(
            'NOT_FOUND',
            `There is no evidence with id ${evidenceId} to attach “${fileName}” to.`,
          );
        const addedAt = new Date().toISOString();
        await trx
          .insertInto('evidence_attachment')
          .values({
            id,
            evidence_id: evidenceId,
            file_name: fileName,
            media_type: mediaType,
            size: 0,
            sha256: '0'.repeat(64),
            chunk_count: 0,
            added_at: addedAt,
          })
          .execute();
        const stored = await storeChunks(trx, EVIDENCE_ATTACHMENT_CHUNKS, id, input, {
          bytesTotal,
          tooLarge: () => tooLarge(fileName),
          ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        });
        await trx
          .updateTable('evidence_attachment')
          .set({ size: stored.size, sha256: stored.sha256, chunk_count: stored.chunkCount })
          .where('id', '=', id)
          .execute();
        return { id, fileName, mediaType, size: stored.size, sha256: stored.sha256, addedAt };
      },
    );
  } finally {
    if (typeof source === 'string') input.destroy();
  }
}

function sizeOf(path: string, caseFilePath: string): number {
  try {
    return statSync(path).size;
  } catch (error) {
    if (errorCode(error) === 'ENOENT')
      throw new UserFacingError(
        'NOT_FOUND',
        `There is no file at “${path}” to attach. Choose the file again.`,
      );
    throw storageFailure(error, caseFilePath) ?? error;
  }
}

/** Keeps an incoming file (a receipt, a certificate of attendance) in chunks, whole or not at all. */
export async function storeIncomingFile(
  trx: QueryExecutorProvider,
  chunks: ChunkTable,
  ownerId: string,
  file: IncomingFile,
): Promise<StoredChunks> {
  const stored = await storeChunks(trx, chunks, ownerId, file.source, {
    bytesTotal: file.sizeBytes,
    tooLarge: file.tooLarge,
  });
  file.checkArrived(stored.size);
  return stored;
}

/**
 * Streams `input` into `chunks` as the file `ownerId`, 1 MiB at a time, hashing it on the way: at
 * most one chunk of it is in memory. Run inside the transaction that records the file, so a failure
 * part-way (too large, cut off, disk full) keeps none of it.
 */
export async function storeChunks(
  trx: QueryExecutorProvider,
  chunks: ChunkTable,
  ownerId: string,
  input: Readable,
  options: { bytesTotal: number | undefined; tooLarge: () => Error; onProgress?: TransferProgress },
): Promise<StoredChunks> {
  const hash = createHash('sha256');
  const chunk = Buffer.allocUnsafe(ATTACHMENT_CHUNK_BYTES);
  let filled = 0;
  let size = 0;
  let seq = 0;
  const flush = async (): Promise<void> => {
    if (filled === 0) return;
    await sql`insert into ${sql.table(chunks.table)} (${sql.ref(chunks.owner)}, seq, data) values (${ownerId}, ${seq}, ${chunk.subarray(0, filled)})`.execute(
      trx,
    );
    seq += 1;
    filled = 0;
    options.onProgress?.(size, options.bytesTotal);
  };
  for await (const piece of input as AsyncIterable<Buffer | string>) {
    let data = typeof piece === 'string' ? Buffer.from(piece) : piece;
    size += data.length;
    if (size > MAX_ATTACHMENT_BYTES) throw options.tooLarge();
    hash.update(data);
    while (data.length > 0) {
      const taken = data.copy(chunk, filled, 0, Math.min(data.length, ATTACHMENT_CHUNK_BYTES - filled));
      filled += taken;
      data = data.subarray(taken);
      if (filled === ATTACHMENT_CHUNK_BYTES) await flush();
    }
  }
  await flush();
  if (size === 0) options.onProgress?.(0, options.bytesTotal);
  return { size, sha256: hash.digest('hex'), chunkCount: seq };
}

/** The stored facts of an attachment a range is read from. */
export interface StoredAttachment {
  id: string;
  evidenceId: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
}

/** An attachment's stored facts, or null when the case file has no such attachment. */
export async function storedAttachment(
  caseFile: CaseFile,
  attachmentId: string,
): Promise<StoredAttachment | null> {
  const row = await caseFile.db
    .selectFrom('evidence_attachment')
    .select(['id', 'evidence_id', 'file_name', 'media_type', 'size', 'sha256'])
    .where('id', '=', attachmentId)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        evidenceId: row.evidence_id,
        fileName: row.file_name,
        mediaType: row.media_type,
        size: row.size,
        sha256: row.sha256,
      }
    : null;
}

/**
 * Up to `maxBytes` of an attachment from `offset` (fewer where a stored chunk ends, or the file
 * does), read inside SQLite so no more than that is ever in memory. The caller checks that
 * `offset` is inside the attachment.
 */
export async function readAttachmentRange(
  caseFile: CaseFile,
  attachment: StoredAttachment,
  offset: number,
  maxBytes: number,
): Promise<Buffer> {
  const seq = Math.floor(offset / ATTACHMENT_CHUNK_BYTES);
  const within = offset - seq * ATTACHMENT_CHUNK_BYTES;
  const length = Math.min(maxBytes, attachment.size - offset, ATTACHMENT_CHUNK_BYTES - within);
  const row = await caseFile.db
    .selectFrom('attachment_chunk')
    .select(sql<Buffer>`substr(data, ${within + 1}, ${length})`.as('part'))
    .where('attachment_id', '=', attachment.id)
    .where('seq', '=', seq)
    .executeTakeFirst();
  if (!row || row.part.length !== length)
    throw caseFileFailures.damaged(
      caseFile.path,
      `part ${seq + 1} of the attachment “${attachment.fileName}” is missing or short`,
    );
  return row.part;
}

export interface ExportedAttachment {
  bytes: number;
  sha256: string;
}

/**
 * Streams an attachment out to a file path or a writable stream, checking its SHA-256. A file is
 * written under a temporary name and only appears at `destination` when it checks out.
 */
export async function exportAttachment(
  caseFile: CaseFile,
  attachmentId: string,
  destination: string | Writable,
  options: { onProgress?: TransferProgress } = {},
): Promise<ExportedAttachment> {
  const attachment = await caseFile.db
    .selectFrom('evidence_attachment')
    .selectAll()
    .where('id', '=', attachmentId)
    .executeTakeFirst();
  if (!attachment) throw attachmentNotFound(attachmentId);
  return exportChunks(
    { db: caseFile.db, path: caseFile.path },
    EVIDENCE_ATTACHMENT_CHUNKS,
    {
      id: attachment.id,
      fileName: attachment.file_name,
      size: attachment.size,
      sha256: attachment.sha256,
      chunkCount: attachment.chunk_count,
    },
    destination,
    options,
  );
}

/**
 * Where a kept file is read from: the open file's read-only handle (a case file's or a scheme
 * file's `db`) and its path (for messages about damage).
 */
export interface ChunkSource {
  db: { selectFrom: unknown };
  path: string;
}

/** Any kind of file's tables, as far as its chunk tables go (each: owner, seq, data). */
type ChunkTables = Record<string, Record<string, string | number | Buffer>>;

/** One chunk of a kept file, read through the file's read-only handle; undefined when it is missing. */
async function readChunk(
  from: ChunkSource,
  chunks: ChunkTable,
  ownerId: string,
  seq: number,
): Promise<Buffer | undefined> {
  // The read-only handle of any kind of file, seen only as far as one chunk table's columns go.
  const db = from.db as Pick<Kysely<ChunkTables>, 'selectFrom'>;
  const row = await db
    .selectFrom(chunks.table)
    .select(sql<Buffer>`data`.as('data'))
    .where(sql.ref(chunks.owner), '=', ownerId)
    .where(sql.ref('seq'), '=', seq)
    .executeTakeFirst();
  return row?.data;
}

/**
 * Streams a kept file out of `chunks` to a file path or a writable stream, checking its size and
 * SHA-256 against those recorded when it was kept; one chunk at a time is in memory. A file is
 * written under a temporary name and only appears at `destination` when it checks out.
 */
export async function exportChunks(
  from: ChunkSource,
  chunks: ChunkTable,
  file: ChunkedFile,
  destination: string | Writable,
  options: { onProgress?: TransferProgress } = {},
): Promise<ExportedAttachment> {
  if (typeof destination !== 'string')
    return writeChunks(from, chunks, file, destination, options.onProgress);
  const temporary = `${destination}.partial-${randomUUID()}`;
  try {
    const output = createWriteStream(temporary, { flags: 'wx' });
    const result = await writeChunks(from, chunks, file, output, options.onProgress);
    renameSync(temporary, destination);
    return result;
  } catch (error) {
    removeQuietly(temporary);
    throw storageFailure(error, destination) ?? error;
  }
}

async function writeChunks(
  from: ChunkSource,
  chunks: ChunkTable,
  file: ChunkedFile,
  output: Writable,
  onProgress: TransferProgress | undefined,
): Promise<ExportedAttachment> {
  const hash = createHash('sha256');
  let bytes = 0;
  let writeError: unknown;
  const noteWriteError = (error: unknown): void => {
    writeError ??= error;
  };
  output.on('error', noteWriteError);
  try {
    for (let seq = 0; seq < file.chunkCount; seq += 1) {
      if (writeError !== undefined) throw writeError;
      const data = await readChunk(from, chunks, file.id, seq);
      if (!data)
        throw caseFileFailures.damaged(
          from.path,
          `part ${seq + 1} of the ${chunks.noun} “${file.fileName}” is missing`,
        );
      hash.update(data);
      bytes += data.length;
      if (!output.write(data)) await once(output, 'drain');
      onProgress?.(bytes, file.size);
    }
    const sha256 = hash.digest('hex');
    if (sha256 !== file.sha256 || bytes !== file.size) {
      throw caseFileFailures.damaged(
        from.path,
        `the ${chunks.noun} “${file.fileName}” does not match the SHA-256 recorded when it was added`,
      );
    }
    output.end();
    await finished(output);
    if (file.chunkCount === 0) onProgress?.(0, 0);
    return { bytes, sha256 };
  } catch (error) {
    output.destroy();
    throw error;
  } finally {
    output.off('error', noteWriteError);
  }
}

export async function removeAttachment(
  caseFile: CaseFile,
  actor: string,
  attachmentId: string,
): Promise<void> {
  await caseFile.mutate(actor, 'evidence.attachment_removed', { attachmentId }, async (trx) => {
    const { numDeletedRows } = await trx
      .deleteFrom('evidence_attachment')
      .where('id', '=', attachmentId)
      .executeTakeFirst();
    if (numDeletedRows === 0n) throw attachmentNotFound(attachmentId);
  });
}

import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { errorCode } from './failures';

/**
 * SQLite's rollback journal (`<file>-journal`), read independently of SQLite so that the app can
 * look at it before SQLite is allowed to play it back. Reads only; never writes or deletes.
 *
 * Layout (sqlite.org/fileformat2.html#the_rollback_journal): one or more segments, each a header
 * padded to the sector size — magic d9d505f920a163d7, record count, checksum seed, the database's
 * size in pages before the transaction, sector size, page size — followed by that many records:
 * page number (4 bytes), the page as it was before the transaction (encrypted, with SQLite3
 * Multiple Ciphers, under the key the file had), checksum (4 bytes). The next segment starts at the
 * next sector boundary. A journal is "hot" (to be played back) when its first header carries the
 * magic; with synchronous=FULL the magic is written only once the records before it are on disk.
 */

const MAGIC = Buffer.from('d9d505f920a163d7', 'hex');
const HEADER_BYTES = 28;
const NO_SYNC_RECORD_COUNT = 0xffffffff;
/** SQLite's limits: a sector is 32 bytes to 64 KiB, a page 512 bytes to 64 KiB. */
const MIN_SECTOR = 32;
const MAX_SECTOR = 65536;
const MAX_PAGE = 65536;
/** No journal of a sane file has more segments than this; a bound for hostile files. */
const MAX_SEGMENTS = 1_000_000;

export function journalPathFor(databasePath: string): string {
  return `${databasePath}-journal`;
}

export interface JournalRecord {
  pageNumber: number;
  /** Where the page's bytes start in the journal. */
  pageOffset: number;
  checksum: number;
  /** The checksum seed of the segment the record is in. */
  checksumSeed: number;
}

export interface HotJournal {
  path: string;
  pageSize: number;
  sectorSize: number;
  /** The database's size, in pages, before the interrupted transaction. */
  originalPages: number;
  size: number;
}

/** SQLite's journal checksum of a page as it is in memory (decrypted): the seed plus every 200th byte from the end. */
export function journalChecksum(plainPage: Buffer, seed: number): number {
  let sum = seed;
  for (let index = plainPage.length - 200; index > 0; index -= 200)
    sum = (sum + (plainPage[index] ?? 0)) >>> 0;
  return sum >>> 0;
}

/** An open journal file: positional reads only. */
export class RollbackJournalReader {
  private closed = false;

  private constructor(
    private readonly fd: number,
    readonly journal: HotJournal,
  ) {}

  /** Opens `<database>-journal` if it is there and hot; otherwise returns undefined. */
  static openHot(databasePath: string): RollbackJournalReader | undefined {
    const path = journalPathFor(databasePath);
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw error;
    }
    try {
      const size = fstatSync(fd).size;
      const header = readAt(fd, 0, HEADER_BYTES);
      if (header.length < HEADER_BYTES || !header.subarray(0, MAGIC.length).equals(MAGIC)) {
        closeSync(fd);
        return undefined;
      }
      const sectorSize = header.readUInt32BE(20);
      const pageSize = header.readUInt32BE(24);
      const validSector =
        sectorSize >= MIN_SECTOR && sectorSize <= MAX_SECTOR && (sectorSize & (sectorSize - 1)) === 0;
      const validPage = pageSize >= 512 && pageSize <= MAX_PAGE && (pageSize & (pageSize - 1)) === 0;
      if (!validSector || !validPage) {
        closeSync(fd);
        return undefined;
      }
      return new RollbackJournalReader(fd, {
        path,
        pageSize,
        sectorSize,
        originalPages: header.readUInt32BE(16),
        size,
      });
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  /**
   * Every record SQLite would play back, in order, segment by segment, as SQLite reads them: a
   * segment's count says how many records it has; a header without the magic ends the journal.
   */
  *records(): Generator<JournalRecord> {
    const { pageSize, sectorSize, size } = this.journal;
    const recordBytes = 4 + pageSize + 4;
    let headerOffset = 0;
    for (let segment = 0; segment < MAX_SEGMENTS && headerOffset + HEADER_BYTES <= size; segment += 1) {
      const header = readAt(this.fd, headerOffset, HEADER_BYTES);
      if (!header.subarray(0, MAGIC.length).equals(MAGIC)) return;
      let count = header.readUInt32BE(8);
      const checksumSeed = header.readUInt32BE(12);
      let offset = headerOffset + sectorSize;
      if (count === NO_SYNC_RECORD_COUNT) count = Math.floor((size - offset) / recordBytes);
      for (let index = 0; index < count; index += 1) {
        if (offset + recordBytes > size) return;
        const pageNumber = readAt(this.fd, offset, 4).readUInt32BE(0);
        const checksum = readAt(this.fd, offset + 4 + pageSize, 4).readUInt32BE(0);
        yield { pageNumber, pageOffset: offset + 4, checksum, checksumSeed };
        offset += recordBytes;
      }
      headerOffset = Math.ceil(offset / sectorSize) * sectorSize;
    }
  }

  /** The first record for `pageNumber`, if the journal has one. */
  recordFor(pageNumber: number): JournalRecord | undefined {
    for (const record of this.records()) if (record.pageNumber === pageNumber) return record;
    return undefined;
  }

  firstRecord(): JournalRecord | undefined {
    for (const record of this.records()) return record;
    return undefined;
  }

  readPage(record: JournalRecord): Buffer {
    return readAt(this.fd, record.pageOffset, this.journal.pageSize);
  }

  /** Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  const read = readSync(fd, buffer, 0, length, position);
  return buffer.subarray(0, read);
}

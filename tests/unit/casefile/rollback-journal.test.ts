import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { journalChecksum, journalPathFor, RollbackJournalReader } from '../../../src/main/casefile';

/**
 * The rollback journal is read from disk before SQLite may touch it, so it is untrusted input:
 * any bytes must give a bounded answer (a journal, or none) and never an endless walk.
 */
const dir = mkdtempSync(join(tmpdir(), 'copanel-journal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const database = join(dir, 'case.copanel');
const MAGIC = Buffer.from('d9d505f920a163d7', 'hex');

function header(fields: {
  records: number;
  seed: number;
  pages: number;
  sector: number;
  pageSize: number;
}): Buffer {
  const bytes = Buffer.alloc(fields.sector);
  MAGIC.copy(bytes, 0);
  bytes.writeUInt32BE(fields.records, 8);
  bytes.writeUInt32BE(fields.seed, 12);
  bytes.writeUInt32BE(fields.pages, 16);
  bytes.writeUInt32BE(fields.sector, 20);
  bytes.writeUInt32BE(fields.pageSize, 24);
  return bytes;
}

function record(pageNumber: number, page: Buffer, checksum: number): Buffer {
  const number = Buffer.alloc(4);
  number.writeUInt32BE(pageNumber);
  const sum = Buffer.alloc(4);
  sum.writeUInt32BE(checksum);
  return Buffer.concat([number, page, sum]);
}

describe('the rollback journal reader', () => {
  it('walks segments as SQLite does: counts, sector padding, and an unsynced last header ends it', () => {
    const pageSize = 512;
    const page = (fill: number) => Buffer.alloc(pageSize, fill);
    const first = Buffer.concat([
      header({ records: 2, seed: 7, pages: 9, sector: 512, pageSize }),
      record(1, page(1), 11),
      record(4, page(4), 44),
    ]);
    const padded = Buffer.concat([first, Buffer.alloc(Math.ceil(first.length / 512) * 512 - first.length)]);
    const second = Buffer.concat([
      header({ records: 1, seed: 8, pages: 9, sector: 512, pageSize }),
      record(6, page(6), 66),
    ]);
    const unsynced = Buffer.concat([Buffer.alloc(512), record(7, page(7), 77)]);
    writeFileSync(
      journalPathFor(database),
      Buffer.concat([padded, second, Buffer.alloc(512 - (second.length % 512)), unsynced]),
    );
    const reader = RollbackJournalReader.openHot(database)!;
    try {
      expect(reader.journal).toMatchObject({ pageSize, sectorSize: 512, originalPages: 9 });
      const records = [...reader.records()];
      expect(records.map((entry) => [entry.pageNumber, entry.checksum, entry.checksumSeed])).toEqual([
        [1, 11, 7],
        [4, 44, 7],
        [6, 66, 8],
      ]);
      expect(reader.readPage(records[2]!)).toEqual(page(6));
      expect(reader.recordFor(4)?.checksum).toBe(44);
      expect(reader.recordFor(7)).toBeUndefined();
    } finally {
      reader.close();
    }
  });

  it('a journal whose first header is not synced yet (zeros) is not hot', () => {
    writeFileSync(journalPathFor(database), Buffer.alloc(4096));
    expect(RollbackJournalReader.openHot(database)).toBeUndefined();
  });

  it('SQLite’s checksum: the seed plus every 200th byte counted back from the end', () => {
    const page = Buffer.alloc(4096);
    page[4096 - 200] = 3;
    page[4096 - 400] = 5;
    page[96] = 7;
    page[0] = 100; // never counted
    expect(journalChecksum(page, 10)).toBe(25);
  });

  it('any bytes after a valid-looking header give a bounded walk and never throw', () => {
    fc.assert(
      fc.property(
        fc.record({
          records: fc.oneof(fc.constant(0xffffffff), fc.nat({ max: 0xffffffff })),
          seed: fc.nat({ max: 0xffffffff }),
          pages: fc.nat({ max: 0xffffffff }),
          sector: fc.constantFrom(32, 512, 4096, 3, 0, 1 << 20),
          pageSize: fc.constantFrom(512, 4096, 1000, 0, 1 << 20),
        }),
        fc.uint8Array({ maxLength: 20_000 }),
        (fields, rest) => {
          const start = header({ ...fields, sector: Math.max(28, Math.min(fields.sector, 4096)) });
          start.writeUInt32BE(fields.sector >>> 0, 20);
          writeFileSync(journalPathFor(database), Buffer.concat([start, Buffer.from(rest)]));
          const reader = RollbackJournalReader.openHot(database);
          if (!reader) return;
          try {
            let count = 0;
            for (const entry of reader.records()) {
              count += 1;
              expect(entry.pageOffset + reader.journal.pageSize).toBeLessThanOrEqual(reader.journal.size);
            }
            expect(count).toBeLessThanOrEqual(reader.journal.size / (reader.journal.pageSize + 8));
          } finally {
            reader.close();
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

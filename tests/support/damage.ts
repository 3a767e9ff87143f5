import { closeSync, openSync, readSync, writeSync } from 'node:fs';

/** The case file's page size (SQLCipher 4). */
export const PAGE_BYTES = 4096;

/** Flips one byte in the middle of a page of a file, as a failing disk sector would. */
export function damagePage(path: string, pageNumber: number): void {
  const fd = openSync(path, 'r+');
  try {
    const offset = (pageNumber - 1) * PAGE_BYTES + 2000;
    const byte = Buffer.alloc(1);
    readSync(fd, byte, 0, 1, offset);
    byte[0] = byte[0]! ^ 0x40;
    writeSync(fd, byte, 0, 1, offset);
  } finally {
    closeSync(fd);
  }
}

import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';

/** Streamed uploads as browser mode sends them, for the tests of files kept in case and scheme files. */

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The bytes as a browser sends them: in 64 KB pieces. */
export function inPieces(bytes: Buffer): Readable {
  return Readable.from(
    (function* () {
      for (let at = 0; at < bytes.length; at += 64 * 1024) yield bytes.subarray(at, at + 64 * 1024);
    })(),
  );
}

/** `size` zero bytes, streamed a megabyte at a time (one megabyte of memory, however many are sent). */
export function zeros(size: number): Readable {
  const piece = Buffer.alloc(1024 * 1024);
  return Readable.from(
    (function* () {
      for (let left = size; left > 0; left -= piece.length)
        yield piece.subarray(0, Math.min(left, piece.length));
    })(),
  );
}

/** One byte over the most a kept file may be. */
export const OVER_100_MB = 100 * 1024 * 1024 + 1;

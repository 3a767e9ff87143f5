import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { IncomingFile } from '../../src/main/casefile';
import { UserFacingError } from '../../src/shared/errors';

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

/**
 * A file on its way in, as src/main/api/files.ts `incomingKeptFile` hands it to the code that keeps
 * it (for tests that call that code directly): too large and empty are refused as the API refuses them.
 */
export function incoming(fileName: string, mediaType: string, source: Buffer | Readable): IncomingFile {
  return {
    fileName,
    mediaType,
    source: Buffer.isBuffer(source) ? inPieces(source) : source,
    sizeBytes: Buffer.isBuffer(source) ? source.length : undefined,
    tooLarge: () => new UserFacingError('ATTACHMENT_TOO_LARGE', `“${fileName}” is larger than 100 MB.`),
    checkArrived: (size) => {
      if (size === 0) throw new UserFacingError('ATTACHMENT_EMPTY', `“${fileName}” arrived empty.`);
    },
  };
}

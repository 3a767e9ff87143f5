import { createDecipheriv, createHmac, pbkdf2, timingSafeEqual } from 'node:crypto';
import { open } from 'node:fs/promises';

/**
 * The SQLCipher 4 page format, read independently of SQLite: the "cipher integrity check".
 * (SQLite3 Multiple Ciphers does not implement SQLCipher's PRAGMA cipher_integrity_check, so the
 * app checks every page's HMAC itself.) This reads the file and never writes to it.
 *
 * SQLCipher 4 defaults: 4096-byte pages; the first 16 bytes of the file are the salt; each page
 * ends with 80 reserved bytes = 16-byte IV + 64-byte HMAC-SHA512. The encryption key is
 * PBKDF2-HMAC-SHA512(passphrase, salt, 256,000, 32 bytes); the HMAC key is
 * PBKDF2-HMAC-SHA512(encryption key, salt XOR 0x3a, 2, 32 bytes). A page's HMAC covers its
 * ciphertext and IV followed by the page number as 4 little-endian bytes. Pages are AES-256-CBC.
 */
export const SQLCIPHER4 = {
  pageSize: 4096,
  saltBytes: 16,
  ivBytes: 16,
  hmacBytes: 64,
  reserveBytes: 80,
  kdfIterations: 256_000,
  hmacKdfIterations: 2,
  hmacSaltMask: 0x3a,
  keyBytes: 32,
} as const;

export interface Sqlcipher4Keys {
  encryptionKey: Buffer;
  hmacKey: Buffer;
}

function pbkdf2Sha512(secret: Buffer, salt: Buffer, iterations: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    pbkdf2(secret, salt, iterations, SQLCIPHER4.keyBytes, 'sha512', (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** Derives the page keys on the thread pool (about as long as opening the file). */
export async function deriveSqlcipher4Keys(passphrase: string, salt: Buffer): Promise<Sqlcipher4Keys> {
  const encryptionKey = await pbkdf2Sha512(Buffer.from(passphrase, 'utf8'), salt, SQLCIPHER4.kdfIterations);
  const hmacSalt = Buffer.from(salt.map((byte) => byte ^ SQLCIPHER4.hmacSaltMask));
  const hmacKey = await pbkdf2Sha512(encryptionKey, hmacSalt, SQLCIPHER4.hmacKdfIterations);
  return { encryptionKey, hmacKey };
}

/** Where a page's encrypted bytes, IV and HMAC lie (page numbers start at 1). */
export function pageLayout(pageNumber: number): { dataStart: number; ivStart: number; hmacStart: number } {
  const dataStart = pageNumber === 1 ? SQLCIPHER4.saltBytes : 0;
  const ivStart = SQLCIPHER4.pageSize - SQLCIPHER4.reserveBytes;
  return { dataStart, ivStart, hmacStart: ivStart + SQLCIPHER4.ivBytes };
}

export function pageHmacMatches(page: Buffer, pageNumber: number, hmacKey: Buffer): boolean {
  const { dataStart, hmacStart } = pageLayout(pageNumber);
  const pageNumberBytes = Buffer.alloc(4);
  pageNumberBytes.writeUInt32LE(pageNumber);
  const expected = createHmac('sha512', hmacKey)
    .update(page.subarray(dataStart, hmacStart))
    .update(pageNumberBytes)
    .digest();
  return timingSafeEqual(expected, page.subarray(hmacStart, hmacStart + SQLCIPHER4.hmacBytes));
}

/**
 * SQLite never writes the page holding byte 2^30 of the file (it carries the file locks on some
 * systems), so in a file larger than 1 GiB that page is neither encrypted nor authenticated.
 */
export function isLockBytePage(pageNumber: number): boolean {
  return pageNumber === Math.floor(0x40000000 / SQLCIPHER4.pageSize) + 1;
}

/** The decrypted content of a page (after the salt on page 1, up to the reserved bytes). Check its HMAC first. */
export function decryptPage(page: Buffer, pageNumber: number, encryptionKey: Buffer): Buffer {
  const { dataStart, ivStart, hmacStart } = pageLayout(pageNumber);
  const decipher = createDecipheriv('aes-256-cbc', encryptionKey, page.subarray(ivStart, hmacStart));
  decipher.setAutoPadding(false);
  return Buffer.concat([decipher.update(page.subarray(dataStart, ivStart)), decipher.final()]);
}

export interface CipherCheck {
  ok: boolean;
  pages: number;
  /** Page numbers whose HMAC did not match (at most the first 20). */
  failedPages: number[];
  /** Set when the file is not a whole number of SQLCipher 4 pages. */
  problem?: string;
  /** Set when the check was stopped through its signal before it had read every page. */
  cancelled?: boolean;
}

export interface PageCheckOptions {
  signal?: AbortSignal;
  /** Called after every megabyte or so with the pages checked so far. */
  onProgress?: (pagesDone: number, pagesTotal: number) => void;
}

const PAGES_PER_READ = 256;
const MAX_FAILED_PAGES_LISTED = 20;

/** Checks every page's HMAC, streaming through the file a megabyte at a time. */
export async function cipherIntegrityCheck(
  path: string,
  passphrase: string,
  options: PageCheckOptions = {},
): Promise<CipherCheck> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    if (size === 0 || size % SQLCIPHER4.pageSize !== 0) {
      return {
        ok: false,
        pages: 0,
        failedPages: [],
        problem: `its size (${size} bytes) is not a whole number of ${SQLCIPHER4.pageSize}-byte pages`,
      };
    }
    const salt = Buffer.alloc(SQLCIPHER4.saltBytes);
    await file.read(salt, 0, salt.length, 0);
    const { hmacKey } = await deriveSqlcipher4Keys(passphrase, salt);
    const pages = size / SQLCIPHER4.pageSize;
    const failedPages: number[] = [];
    const buffer = Buffer.alloc(SQLCIPHER4.pageSize * PAGES_PER_READ);
    for (let first = 1; first <= pages; first += PAGES_PER_READ) {
      if (options.signal?.aborted) return { ok: false, pages, failedPages, cancelled: true };
      const { bytesRead } = await file.read(buffer, 0, buffer.length, (first - 1) * SQLCIPHER4.pageSize);
      for (let offset = 0; offset + SQLCIPHER4.pageSize <= bytesRead; offset += SQLCIPHER4.pageSize) {
        const pageNumber = first + offset / SQLCIPHER4.pageSize;
        if (
          !isLockBytePage(pageNumber) &&
          !pageHmacMatches(buffer.subarray(offset, offset + SQLCIPHER4.pageSize), pageNumber, hmacKey) &&
          failedPages.length < MAX_FAILED_PAGES_LISTED
        ) {
          failedPages.push(pageNumber);
        }
      }
      options.onProgress?.(Math.min(pages, first - 1 + bytesRead / SQLCIPHER4.pageSize), pages);
    }
    return { ok: failedPages.length === 0, pages, failedPages };
  } finally {
    await file.close();
  }
}

/** Of `pageNumbers`, those whose HMAC does not match when read again now (to rule out a page caught mid-write). */
export async function pagesFailingNow(
  path: string,
  passphrase: string,
  pageNumbers: number[],
): Promise<number[]> {
  const file = await open(path, 'r');
  try {
    const salt = Buffer.alloc(SQLCIPHER4.saltBytes);
    await file.read(salt, 0, salt.length, 0);
    const { hmacKey } = await deriveSqlcipher4Keys(passphrase, salt);
    const failing: number[] = [];
    const page = Buffer.alloc(SQLCIPHER4.pageSize);
    for (const pageNumber of pageNumbers) {
      const { bytesRead } = await file.read(page, 0, page.length, (pageNumber - 1) * SQLCIPHER4.pageSize);
      if (bytesRead === page.length && !pageHmacMatches(page, pageNumber, hmacKey)) failing.push(pageNumber);
    }
    return failing;
  } finally {
    await file.close();
  }
}

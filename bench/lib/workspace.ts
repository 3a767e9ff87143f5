import { pbkdf2 } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  openCaseFile as openCaseFileAs,
  type CaseFile,
  type OpenCaseFileOptions,
} from '../../src/main/casefile';
import { readAppVersion } from '../../src/main/runtime';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Opens a case file as the app does, handing it the app's version. */
export function openCaseFile(options: Omit<OpenCaseFileOptions, 'appVersion'>): Promise<CaseFile> {
  return openCaseFileAs({ ...options, appVersion: readAppVersion(REPO_ROOT) });
}

/** Progress goes to stderr, so stdout carries only the results. */
export function progress(message: string): void {
  process.stderr.write(`  · ${message}\n`);
}

/** Rewrites one progress line in place (a counter), when stderr is a terminal. */
export function progressCounter(message: string, done: boolean): void {
  if (process.stderr.isTTY) process.stderr.write(`\r  · ${message}${done ? '\n' : ''}`);
  else if (done) process.stderr.write(`  · ${message}\n`);
}

/** One temporary folder for the whole run (it holds over 1 GB at its largest), removed at the end. */
export class BenchWorkspace {
  readonly root: string;
  private removed = false;

  constructor() {
    this.root = mkdtempSync(join(tmpdir(), 'copanel-bench-'));
  }

  path(...parts: string[]): string {
    return join(this.root, ...parts);
  }

  remove(): void {
    if (this.removed) return;
    this.removed = true;
    rmSync(this.root, { recursive: true, force: true });
  }
}

/**
 * The raw key SQLCipher 4 derives from a passphrase: PBKDF2-HMAC-SHA512 over the passphrase with
 * the file's salt (its first 16 bytes), 256,000 iterations, 32 bytes. Returned in the form
 * SQLite3 Multiple Ciphers (like SQLCipher) accepts as a key that needs no derivation: x'<64 hex>'.
 * Opening with it skips the only slow step of opening; everything else is the same code.
 */
export async function deriveRawKey(caseFilePath: string, passphrase: string): Promise<string> {
  const salt = Buffer.alloc(16);
  const fd = openSync(caseFilePath, 'r');
  try {
    if (readSync(fd, salt, 0, 16, 0) !== 16)
      throw new Error(`${caseFilePath} is too short to be a case file.`);
  } finally {
    closeSync(fd);
  }
  const key = await new Promise<Buffer>((resolve, reject) => {
    pbkdf2(Buffer.from(passphrase, 'utf8'), salt, 256_000, 32, 'sha512', (error, derived) =>
      error ? reject(error) : resolve(derived),
    );
  });
  return `x'${key.toString('hex')}'`;
}

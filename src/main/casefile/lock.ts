import { randomUUID } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { quotedFileName } from '../../shared/hidden-characters';
import { UserFacingError } from '../../shared/errors';
import { errorCode, storageFailure } from './failures';

/**
 * One writer per case file, across processes and computers.
 *
 * SQLite's own locks are not enough: with a rollback journal a connection holds no lock between
 * transactions, so two programs could each open the file and interleave changes (one would
 * overwrite the other's view of the panel). So a writer first creates `<case file>.lock` beside
 * the file with O_CREAT|O_EXCL (atomic on local disks and on SMB/NFS), holding who has it:
 * process id, computer name and when. Another writer finds it and is refused with CASE_FILE_LOCKED.
 *
 * Stale locks: a lock left by a process that died (crash, power cut, SIGKILL) on THIS computer is
 * detected (its process id is gone) and taken over. A lock from another computer cannot be
 * checked, so the user is told which computer holds it and may choose to take it over.
 * Read-only opens take no lock.
 */

export interface LockHolder {
  app: string;
  token: string;
  pid: number;
  hostname: string;
  openedAt: string;
}

export interface CaseFileLock {
  readonly lockPath: string;
  release(): void;
}

const APP = 'Coproduction Panel';
/** A lock file younger than this that cannot be read is being written right now. */
const HALF_WRITTEN_GRACE_MS = 5_000;
const heldHere = new Map<string, string>();

export function lockPathFor(caseFilePath: string): string {
  return `${caseFilePath}.lock`;
}

/** Takes the write lock for `caseFilePath` (which need not exist yet) or throws CASE_FILE_LOCKED. */
export function acquireCaseFileLock(
  caseFilePath: string,
  options: { takeOver?: boolean } = {},
): CaseFileLock {
  const lockPath = lockPathFor(caseFilePath);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const holder: LockHolder = {
      app: APP,
      token: randomUUID(),
      pid: process.pid,
      hostname: hostname(),
      openedAt: new Date().toISOString(),
    };
    if (tryCreateLock(lockPath, holder, caseFilePath)) {
      heldHere.set(lockPath, holder.token);
      return { lockPath, release: () => releaseLock(lockPath, holder.token) };
    }
    if (heldHere.has(lockPath)) throw lockedFailure(caseFilePath, 'this-window');
    const found = readLockFile(lockPath);
    if (found === 'gone') continue;
    if (options.takeOver || isStale(found)) {
      removeStaleLock(lockPath, found.text, caseFilePath);
      continue;
    }
    throw lockedFailure(caseFilePath, found.holder);
  }
  throw lockedFailure(caseFilePath, 'unknown');
}

function tryCreateLock(lockPath: string, holder: LockHolder, caseFilePath: string): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx', 0o644);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw storageFailure(error, caseFilePath) ?? error;
  }
  try {
    writeSync(fd, JSON.stringify(holder));
    fsyncSync(fd);
  } catch (error) {
    // A full disk lets the empty lock file be made but not written: take it away again.
    closeSync(fd);
    removeLockWeMade(lockPath);
    throw storageFailure(error, caseFilePath) ?? error;
  }
  closeSync(fd);
  return true;
}

function removeLockWeMade(lockPath: string): void {
  try {
    unlinkSync(lockPath);
  } catch {
    // already gone
  }
}

interface FoundLock {
  text: string;
  holder: LockHolder | undefined;
  ageMs: number;
}

function readLockFile(lockPath: string): FoundLock | 'gone' {
  try {
    const ageMs = Date.now() - statSync(lockPath).mtimeMs;
    const text = readFileSync(lockPath, 'utf8');
    return { text, holder: parseHolder(text), ageMs };
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return 'gone';
    throw error;
  }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (
      typeof value.pid === 'number' &&
      typeof value.hostname === 'string' &&
      typeof value.token === 'string'
    ) {
      return {
        app: String(value.app ?? APP),
        token: value.token,
        pid: value.pid,
        hostname: value.hostname,
        openedAt: String(value.openedAt ?? ''),
      };
    }
  } catch {
    // fall through: unreadable
  }
  return undefined;
}

function isStale(found: FoundLock): boolean {
  const { holder } = found;
  if (!holder) return found.ageMs > HALF_WRITTEN_GRACE_MS;
  if (holder.hostname !== hostname()) return false;
  // Our own process id but not a lock we hold: left by an earlier process that had the same id.
  if (holder.pid === process.pid) return true;
  return !processIsAlive(holder.pid);
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

/**
 * Moves the stale lock aside atomically (only one taker can win the rename), then checks it moved
 * the lock it judged stale; if a fresh lock was created in between, that one is put back.
 */
function removeStaleLock(lockPath: string, staleText: string, caseFilePath: string): void {
  const aside = `${lockPath}.stale-${process.pid}-${randomUUID()}`;
  try {
    renameSync(lockPath, aside);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    throw storageFailure(error, caseFilePath) ?? error;
  }
  const moved = readFileSync(aside, 'utf8');
  if (moved !== staleText) {
    try {
      linkSync(aside, lockPath);
    } catch {
      // someone else has taken the lock meanwhile; theirs stands
    }
    unlinkSync(aside);
    throw lockedFailure(caseFilePath, parseHolder(moved) ?? 'unknown');
  }
  unlinkSync(aside);
}

function releaseLock(lockPath: string, token: string): void {
  if (heldHere.get(lockPath) !== token) return;
  heldHere.delete(lockPath);
  try {
    const holder = parseHolder(readFileSync(lockPath, 'utf8'));
    if (holder?.token === token) unlinkSync(lockPath);
  } catch {
    // already gone (or the stick was pulled out): nothing to release
  }
}

/** Releases every lock this process holds; used when the process exits without closing its files. */
function releaseAllCaseFileLocks(): void {
  for (const [lockPath, token] of [...heldHere]) releaseLock(lockPath, token);
}

process.once('exit', releaseAllCaseFileLocks);

function lockedFailure(
  caseFilePath: string,
  holder: LockHolder | 'this-window' | 'unknown' | undefined,
): UserFacingError {
  const name = quotedFileName(caseFilePath);
  if (holder === 'this-window') {
    return new UserFacingError(
      'CASE_FILE_LOCKED',
      `${name} is already open in Coproduction Panel. Switch to it there, or close it first.`,
    );
  }
  if (holder === 'unknown' || holder === undefined) {
    return new UserFacingError(
      'CASE_FILE_LOCKED',
      `${name} is being opened by another window or program right now. Wait a moment and try again, or open it read-only to look at it.`,
    );
  }
  const since = holder.openedAt ? ` since ${holder.openedAt.slice(0, 16).replace('T', ' ')} UTC` : '';
  if (holder.hostname === hostname()) {
    return new UserFacingError(
      'CASE_FILE_LOCKED',
      `${name} is open on this computer in another window or program (process ${holder.pid}${since}). Close it there first, then try again — or open it read-only to look at it.`,
    );
  }
  return new UserFacingError(
    'CASE_FILE_LOCKED',
    `${name} is open on another computer, “${holder.hostname}”${since}. Close it there first, then try again. If that computer crashed or the file was copied while it was open, you can choose to open it anyway.`,
  );
}

import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, unlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CASE_FILE_EXTENSION, SCHEME_FILE_EXTENSION } from './files';
import { acquireCaseFileLock, type CaseFileLock } from './lock';

/**
 * Temporary files, and clearing up after work that was cut off.
 *
 * Everything the app writes before it is complete gets a temporary name beside the file it will
 * become or belongs to: `<target>.<purpose>-<random UUID>` (e.g. `riverside.copanel.saving-3f2a…`),
 * plus SQLite's `-journal` beside it. Whoever writes one holds the target's write lock (lock.ts)
 * the whole time. So a temporary file whose target's lock can be taken is a leftover of a process
 * that died, and can go. Nothing else is ever removed: not a name that merely looks similar, not a
 * backup, not a file of a target that is in use here or elsewhere.
 */

export const TEMPORARY_PURPOSES = ['creating', 'saving', 'rekeying', 'backing-up', 'recovering'] as const;
export type TemporaryPurpose = (typeof TEMPORARY_PURPOSES)[number];

/** Files that are the app's own: case files and scheme files. */
const OWN_FILE_EXTENSIONS: readonly string[] = [CASE_FILE_EXTENSION, SCHEME_FILE_EXTENSION];

const JOURNAL_SUFFIX = '-journal';
const LOCK_SUFFIX = '.lock';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Leftovers looked at in one folder at most; a folder with more names is cleared over several opens. */
const MAX_NAMES_LOOKED_AT = 20_000;

/** A temporary name beside `target` for work that will become, or belongs to, `target`. */
export function temporaryPathFor(target: string, purpose: TemporaryPurpose): string {
  return `${target}.${purpose}-${randomUUID()}`;
}

/** The target a leftover's name belongs to, or undefined when the name is not one of the app's temporary names. */
export function leftoverTarget(
  name: string,
  extensions: readonly string[] = OWN_FILE_EXTENSIONS,
): string | undefined {
  const file = name.endsWith(JOURNAL_SUFFIX) ? name.slice(0, -JOURNAL_SUFFIX.length) : name;
  const dot = file.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const suffix = file.slice(dot + 1);
  const purpose = TEMPORARY_PURPOSES.find((candidate) => suffix.startsWith(`${candidate}-`));
  if (!purpose || !UUID.test(suffix.slice(purpose.length + 1))) return undefined;
  const target = file.slice(0, dot);
  return extensions.some((extension) => target.endsWith(extension)) ? target : undefined;
}

/** The target of a lock file whose target does not exist (left by a process that died before making it). */
function orphanLockTarget(folder: string, name: string, extensions: readonly string[]): string | undefined {
  if (!name.endsWith(LOCK_SUFFIX)) return undefined;
  const target = name.slice(0, -LOCK_SUFFIX.length);
  if (!extensions.some((extension) => target.endsWith(extension))) return undefined;
  return existsSync(join(folder, target)) ? undefined : target;
}

/** The app's leftovers in `folder`, grouped by the target they belong to. */
function findLeftovers(folder: string, extensions: readonly string[]): Map<string, string[]> {
  const byTarget = new Map<string, string[]>();
  let names: string[];
  try {
    names = readdirSync(folder).slice(0, MAX_NAMES_LOOKED_AT);
  } catch {
    return byTarget;
  }
  for (const name of names) {
    const target = leftoverTarget(name, extensions);
    if (target !== undefined) byTarget.set(target, [...(byTarget.get(target) ?? []), name]);
    else {
      const orphan = orphanLockTarget(folder, name, extensions);
      if (orphan !== undefined && !byTarget.has(orphan)) byTarget.set(orphan, []);
    }
  }
  return byTarget;
}

/**
 * Removes the app's own leftovers in `folder`: temporary files (and their journals) whose target
 * no process holds, and lock files of targets that were never made. `held` names a target whose
 * lock the caller already holds (the file being opened or saved). Never throws: clearing up is a
 * courtesy and must not stop the work that asked for it. Returns the names removed.
 */
export function clearLeftovers(
  folder: string,
  options: { held?: string; extensions?: readonly string[] } = {},
): string[] {
  const held = options.held === undefined ? undefined : resolve(options.held);
  const removed: string[] = [];
  for (const [target, names] of findLeftovers(folder, options.extensions ?? OWN_FILE_EXTENSIONS)) {
    const targetPath = join(folder, target);
    let lock: CaseFileLock | undefined;
    if (resolve(targetPath) !== held) {
      try {
        lock = acquireCaseFileLock(targetPath);
      } catch {
        continue; // in use here or elsewhere, or the folder cannot be written: leave it alone
      }
    }
    try {
      for (const name of names) if (removeFile(join(folder, name))) removed.push(name);
    } finally {
      lock?.release();
    }
  }
  return removed;
}

function removeFile(path: string): boolean {
  try {
    unlinkSync(path);
    return true;
  } catch {
    return false;
  }
}

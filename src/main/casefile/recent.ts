import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The recent case files list: where each file is, the organisation's name and when it was last
 * opened. Kept as a small JSON file in the app's user data folder. It holds nothing sensitive:
 * never a passphrase, PIN, score or piece of evidence.
 */

export interface RecentCaseFile {
  path: string;
  organisationName: string;
  lastOpenedAt: string;
}

export const RECENT_CASE_FILES_NAME = 'recent-case-files.json';
export const MAX_RECENT_CASE_FILES = 12;

function listPath(userDataDir: string): string {
  return join(userDataDir, RECENT_CASE_FILES_NAME);
}

function isRecentCaseFile(value: unknown): value is RecentCaseFile {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.path === 'string' &&
    typeof entry.organisationName === 'string' &&
    typeof entry.lastOpenedAt === 'string'
  );
}

/** The list, most recently opened first. A missing or unreadable list is an empty one. */
export function readRecentCaseFiles(userDataDir: string): RecentCaseFile[] {
  try {
    const parsed = JSON.parse(readFileSync(listPath(userDataDir), 'utf8')) as { files?: unknown };
    const files = Array.isArray(parsed.files) ? parsed.files.filter(isRecentCaseFile) : [];
    return files
      .map(({ path, organisationName, lastOpenedAt }) => ({ path, organisationName, lastOpenedAt }))
      .sort((a, b) => b.lastOpenedAt.localeCompare(a.lastOpenedAt));
  } catch {
    return [];
  }
}

function writeRecentCaseFiles(userDataDir: string, files: RecentCaseFile[]): void {
  mkdirSync(userDataDir, { recursive: true });
  const target = listPath(userDataDir);
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ version: 1, files }, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, target);
}

/** Puts a case file at the top of the list (adding it, or moving it up). */
export function rememberRecentCaseFile(
  userDataDir: string,
  entry: { path: string; organisationName: string; openedAt?: Date },
): RecentCaseFile[] {
  const path = resolve(entry.path);
  const others = readRecentCaseFiles(userDataDir).filter((file) => file.path !== path);
  const files = [
    {
      path,
      organisationName: entry.organisationName,
      lastOpenedAt: (entry.openedAt ?? new Date()).toISOString(),
    },
    ...others,
  ].slice(0, MAX_RECENT_CASE_FILES);
  writeRecentCaseFiles(userDataDir, files);
  return files;
}

export function forgetRecentCaseFile(userDataDir: string, path: string): RecentCaseFile[] {
  const files = readRecentCaseFiles(userDataDir).filter((file) => file.path !== resolve(path));
  writeRecentCaseFiles(userDataDir, files);
  return files;
}

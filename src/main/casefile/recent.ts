import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileNameOf } from '../../shared/hidden-characters';
import type { OsEncryption } from './passphrase-vault';

/**
 * The recent case files list: where each file is and when it was last opened, kept as a small
 * JSON file in the app's user data folder. It never holds a passphrase, PIN, score or piece of
 * evidence, nor the organisation's name in readable form: which organisations are being assessed
 * is itself confidential. The name is kept only encrypted by the operating system (the desktop
 * app's safeStorage, given as `protection`), so it can be shown on this computer for this user;
 * without that (browser mode, or no secret service), only the path is kept.
 * (Before issue 17 the names were kept in plain text; reading such a list rewrites it without them.)
 */

export interface RecentCaseFile {
  path: string;
  fileName: string;
  /** Only where the operating system protects it and it could be decrypted here; otherwise null. */
  organisationName: string | null;
  lastOpenedAt: string;
}

interface StoredEntry {
  path: string;
  lastOpenedAt: string;
  /** The organisation's name, encrypted by the operating system (base64). */
  protectedName?: string;
}

const RECENT_CASE_FILES_NAME = 'recent-case-files.json';
const MAX_RECENT_CASE_FILES = 12;
const LIST_VERSION = 2;

function listPath(userDataDir: string): string {
  return join(userDataDir, RECENT_CASE_FILES_NAME);
}

function storedEntry(value: unknown): StoredEntry | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const entry = value as Record<string, unknown>;
  if (typeof entry.path !== 'string' || typeof entry.lastOpenedAt !== 'string') return undefined;
  const protectedName = typeof entry.protectedName === 'string' ? entry.protectedName : undefined;
  return { path: entry.path, lastOpenedAt: entry.lastOpenedAt, ...(protectedName ? { protectedName } : {}) };
}

/** The stored entries, newest first; a list from an earlier version loses its readable names on the way. */
function readStored(userDataDir: string): StoredEntry[] {
  let parsed: { files?: unknown };
  try {
    parsed = JSON.parse(readFileSync(listPath(userDataDir), 'utf8')) as { files?: unknown };
  } catch {
    return [];
  }
  const raw = Array.isArray(parsed.files) ? parsed.files : [];
  const entries = raw
    .map(storedEntry)
    .filter((entry): entry is StoredEntry => entry !== undefined)
    .sort((a, b) => b.lastOpenedAt.localeCompare(a.lastOpenedAt));
  const hadReadableNames = raw.some(
    (entry) => typeof entry === 'object' && entry !== null && 'organisationName' in entry,
  );
  if (hadReadableNames) writeStored(userDataDir, entries);
  return entries;
}

function writeStored(userDataDir: string, files: StoredEntry[]): void {
  mkdirSync(userDataDir, { recursive: true });
  const target = listPath(userDataDir);
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ version: LIST_VERSION, files }, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, target);
}

function readableName(entry: StoredEntry, protection: OsEncryption | undefined): string | null {
  if (!entry.protectedName || !protection?.isAvailable()) return null;
  try {
    return protection.decrypt(Buffer.from(entry.protectedName, 'base64'));
  } catch {
    return null; // another user's or another computer's key: show the path only
  }
}

function view(entry: StoredEntry, protection: OsEncryption | undefined): RecentCaseFile {
  return {
    path: entry.path,
    fileName: fileNameOf(entry.path),
    organisationName: readableName(entry, protection),
    lastOpenedAt: entry.lastOpenedAt,
  };
}

/** The list, most recently opened first. A missing or unreadable list is an empty one. */
export function readRecentCaseFiles(userDataDir: string, protection?: OsEncryption): RecentCaseFile[] {
  return readStored(userDataDir).map((entry) => view(entry, protection));
}

/** Puts a case file at the top of the list (adding it, or moving it up). */
export function rememberRecentCaseFile(
  userDataDir: string,
  entry: { path: string; organisationName?: string; openedAt?: Date },
  protection?: OsEncryption,
): RecentCaseFile[] {
  const path = resolve(entry.path);
  const others = readStored(userDataDir).filter((file) => file.path !== path);
  const protectedName =
    entry.organisationName !== undefined && protection?.isAvailable()
      ? protection.encrypt(entry.organisationName).toString('base64')
      : undefined;
  const files = [
    {
      path,
      lastOpenedAt: (entry.openedAt ?? new Date()).toISOString(),
      ...(protectedName ? { protectedName } : {}),
    },
    ...others,
  ].slice(0, MAX_RECENT_CASE_FILES);
  writeStored(userDataDir, files);
  return files.map((file) => view(file, protection));
}

export function forgetRecentCaseFile(
  userDataDir: string,
  path: string,
  protection?: OsEncryption,
): RecentCaseFile[] {
  const files = readStored(userDataDir).filter((file) => file.path !== resolve(path));
  writeStored(userDataDir, files);
  return files.map((file) => view(file, protection));
}

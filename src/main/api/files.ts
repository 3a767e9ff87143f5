import { createReadStream, mkdirSync, readdirSync, statfsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { fileTooLargeMessage, MAX_KEPT_FILE_BYTES } from '../../shared/api';
import { UserFacingError } from '../../shared/errors';
import { emptyFileMessage } from '../../shared/file-words';
import { shownFileName } from '../../shared/hidden-characters';
import type { IncomingFile } from '../casefile';
import { workspaceDirOf } from '../settings';
import type { ApiContext } from './context';

/** A file sent across the API as base64. */
export function bytesOf(base64: string): Buffer {
  return Buffer.from(base64.replace(/\s+/g, ''), 'base64');
}

/** A file kept in a case or scheme file, ready to be handed over: `saveTo` streams it out, checking its SHA-256. */
export interface KeptFileOut {
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  saveTo: (destination: string | Writable) => Promise<{ bytes: number }>;
}

/**
 * Hands over a file kept in a case or scheme file (a receipt, a certificate of attendance): as the
 * download in browser mode, else written to the path the person chose (desktop app, CLI) under a
 * temporary name until it checks out. It streams; the file is never held whole here.
 */
export async function saveKeptFile(
  ctx: ApiContext,
  path: string | undefined,
  file: KeptFileOut,
): Promise<{ path: string | null; sizeBytes: number }> {
  if (ctx.download) {
    const output = ctx.download.start({
      fileName: file.fileName,
      mediaType: file.mediaType,
      sizeBytes: file.sizeBytes,
    });
    return { path: null, sizeBytes: (await file.saveTo(output)).bytes };
  }
  const target = localFile(ctx, path);
  return { path: target, sizeBytes: (await file.saveTo(target)).bytes };
}

/** A file on its way in, with `close` to let go of a file read from disk once it has been kept (or refused). */
export type IncomingKeptFile = IncomingFile & { close: () => void };

/**
 * Starts taking in a file sent with a call — the upload in browser mode, else the file at `path`
 * (desktop app, CLI) — to keep inside the encrypted file at `keptIn`, where it streams in chunks
 * (storeChunks). Refused before a byte is read: over 100 MB (as stated or on disk) or without room
 * on the disk for it; as it streams: over 100 MB; once in: empty. `what` names the file in the
 * person's words ("receipt").
 */
export function incomingKeptFile(
  ctx: ApiContext,
  path: string | undefined,
  file: { fileName: string; mediaType: string; sizeBytes: number },
  keptIn: string,
  what: string,
): IncomingKeptFile {
  const tooLarge = () =>
    new UserFacingError('ATTACHMENT_TOO_LARGE', fileTooLargeMessage(file.fileName, what));
  const local = ctx.upload ? undefined : localFile(ctx, path);
  const onDisk = local === undefined ? undefined : statSync(local, { throwIfNoEntry: false });
  if (local !== undefined && !onDisk?.isFile())
    throw new UserFacingError('NOT_FOUND', `There is no ${what} at “${local}”. Choose the file again.`);
  const expected = Math.max(file.sizeBytes, onDisk?.size ?? 0);
  if (expected > MAX_KEPT_FILE_BYTES) throw tooLarge();
  requireRoomToKeep(keptIn, expected);
  const source: Readable = ctx.upload ?? createReadStream(local ?? '', { highWaterMark: 1024 * 1024 });
  return {
    fileName: file.fileName,
    mediaType: file.mediaType,
    source,
    sizeBytes: expected > 0 ? expected : undefined,
    tooLarge,
    checkArrived: (size) => {
      if (size === 0) throw new UserFacingError('ATTACHMENT_EMPTY', emptyFileMessage(file.fileName));
    },
    close: () => {
      if (!ctx.upload) source.destroy();
    },
  };
}

/**
 * Refuses, before anything is written, a file the disk holding `keptIn` has no room for: the file,
 * the journal's copy of the pages it reuses, and some to spare. (A write that runs out of space is
 * still rolled back; this only says so plainly, first.)
 */
function requireRoomToKeep(keptIn: string, sizeBytes: number): void {
  let available: number;
  try {
    const disk = statfsSync(dirname(keptIn));
    available = disk.bavail * disk.bsize;
  } catch {
    return; // the disk cannot say; SQLite reports a full disk if it comes to that
  }
  if (available < 2 * sizeBytes + 4 * 1024 * 1024)
    throw new UserFacingError(
      'DISK_FULL',
      'There is not enough space on the disk to keep this file, so nothing was saved. Free some space and try again.',
    );
}

/** A file on this computer named by path: only where the front door can reach local files (desktop app, CLI). */
export function localFile(ctx: ApiContext, path: string | undefined): string {
  if (!ctx.capabilities.localFiles || !path) {
    throw new UserFacingError('INVALID_INPUT', 'Choose the file with the app’s own file chooser.');
  }
  return path;
}

/** A file name or path with `extension` (added when it is missing). */
export function withExtension(name: string, extension: string): string {
  return name.toLowerCase().endsWith(extension) ? name : `${name}${extension}`;
}

/** A file name typed by a person, as a path in the workspace with `extension`. */
export function workspacePathFor(ctx: ApiContext, fileName: string, extension: string): string {
  const dir = workspaceDirOf(ctx.runtime, ctx.capabilities.appSettings);
  mkdirSync(dir, { recursive: true });
  return join(dir, withExtension(fileName, extension));
}

/** The files in the workspace folder whose names end in `extension` (case or scheme files), newest first. */
export function workspaceFiles(
  dir: string,
  extension: string,
): { path: string; fileName: string; sizeBytes: number; modifiedAt: string }[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.toLowerCase().endsWith(extension));
  } catch {
    names = [];
  }
  return names
    .map((fileName) => {
      const path = join(dir, fileName);
      const stats = statSync(path);
      return {
        path,
        fileName: shownFileName(fileName),
        sizeBytes: stats.size,
        modifiedAt: stats.mtime.toISOString(),
      };
    })
    .sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt));
}

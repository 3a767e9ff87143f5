import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync, readdirSync, statfsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { fileTooLargeMessage, MAX_KEPT_FILE_BYTES } from '../../shared/api';
import { UserFacingError } from '../../shared/errors';
import { emptyFileMessage } from '../../shared/file-words';
import { shownFileName } from '../../shared/hidden-characters';
import { workspaceDirOf } from '../settings';
import type { ApiContext } from './context';

/** A file sent across the API as base64. */
export function bytesOf(base64: string): Buffer {
  return Buffer.from(base64.replace(/\s+/g, ''), 'base64');
}

/**
 * Hands over a file kept whole in a case or scheme file (a receipt, a certificate of attendance):
 * as the download in browser mode, else written to the path the person chose (desktop app, CLI).
 */
export async function saveKeptFile(
  ctx: ApiContext,
  path: string | undefined,
  file: { fileName: string; mediaType: string; bytes: Uint8Array },
): Promise<{ path: string | null; sizeBytes: number }> {
  const sizeBytes = file.bytes.byteLength;
  if (ctx.download) {
    const output = ctx.download.start({ fileName: file.fileName, mediaType: file.mediaType, sizeBytes });
    output.end(Buffer.from(file.bytes));
    await finished(output);
    return { path: null, sizeBytes };
  }
  const target = localFile(ctx, path);
  await writeFile(target, file.bytes);
  return { path: target, sizeBytes };
}

/** A file that arrived whole, to keep inside a case or scheme file, with its SHA-256. */
export interface ArrivedFile {
  fileName: string;
  mediaType: string;
  bytes: Buffer;
  sha256: string;
}

/**
 * Takes in a file sent with a call — the upload in browser mode, else the file at `path` (desktop
 * app, CLI) — to keep inside the encrypted file at `keptIn`. Refused before anything is kept: over
 * 100 MB (as stated, on disk, or as it streams in), empty, or without room on the disk for it.
 * `what` names the file in the person's words ("receipt").
 */
export async function receiveKeptFile(
  ctx: ApiContext,
  path: string | undefined,
  file: { fileName: string; mediaType: string; sizeBytes: number },
  keptIn: string,
  what: string,
): Promise<ArrivedFile> {
  const tooLarge = () =>
    new UserFacingError('ATTACHMENT_TOO_LARGE', fileTooLargeMessage(file.fileName, what));
  const local = ctx.upload ? undefined : localFile(ctx, path);
  const onDisk = local === undefined ? undefined : statSync(local, { throwIfNoEntry: false });
  if (local !== undefined && !onDisk?.isFile())
    throw new UserFacingError('NOT_FOUND', `There is no ${what} at “${local}”. Choose the file again.`);
  const expected = Math.max(file.sizeBytes, onDisk?.size ?? 0);
  if (expected > MAX_KEPT_FILE_BYTES) throw tooLarge();
  requireRoomToKeep(keptIn, expected);
  const source: Readable = ctx.upload ?? createReadStream(local ?? '');
  try {
    const hash = createHash('sha256');
    const pieces: Buffer[] = [];
    let size = 0;
    for await (const piece of source as AsyncIterable<Buffer | string>) {
      const data = typeof piece === 'string' ? Buffer.from(piece) : piece;
      size += data.length;
      if (size > MAX_KEPT_FILE_BYTES) throw tooLarge();
      hash.update(data);
      pieces.push(data);
    }
    if (size === 0) throw new UserFacingError('ATTACHMENT_EMPTY', emptyFileMessage(file.fileName));
    if (size > expected) requireRoomToKeep(keptIn, size);
    return {
      fileName: file.fileName,
      mediaType: file.mediaType,
      bytes: Buffer.concat(pieces, size),
      sha256: hash.digest('hex'),
    };
  } finally {
    if (!ctx.upload) source.destroy();
  }
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

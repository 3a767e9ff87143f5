import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { UserFacingError } from '../../shared/errors';
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

import { UserFacingError } from '../../shared/errors';
import type { ApiContext } from './context';

/** A file sent across the API as base64. */
export function bytesOf(base64: string): Buffer {
  return Buffer.from(base64.replace(/\s+/g, ''), 'base64');
}

/** A file on this computer named by path: only where the front door can reach local files (desktop app, CLI). */
export function localFile(ctx: ApiContext, path: string | undefined): string {
  if (!ctx.capabilities.localFiles || !path) {
    throw new UserFacingError('INVALID_INPUT', 'Choose the file with the app’s own file chooser.');
  }
  return path;
}

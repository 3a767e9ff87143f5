import type { WebContents } from 'electron';
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { OPEN_CASE_FILE_CHANNEL } from '../../shared/api';

const CASE_FILE = /\.copanel$/i;

/** The case files named on a command line (the app's own, or a second instance's), as absolute paths. */
export function caseFilesIn(argv: readonly string[], workingDirectory: string): string[] {
  return argv
    .filter((arg) => !arg.startsWith('-') && CASE_FILE.test(arg))
    .map((arg) => (isAbsolute(arg) ? arg : resolve(workingDirectory, arg)))
    .filter((path) => existsSync(path) && statSync(path).isFile());
}

/**
 * Case files the app was asked to open (double-clicked, `open-file` on macOS, the command line),
 * passed to the app's page, which asks for the passphrase. Kept until a page is connected.
 */
export class CaseFileOpener {
  private readonly queued: string[] = [];
  private page: WebContents | undefined;

  open(path: string): void {
    if (!CASE_FILE.test(path)) return;
    if (this.page && !this.page.isDestroyed()) this.page.send(OPEN_CASE_FILE_CHANNEL, path);
    else this.queued.push(path);
  }

  /** The page is ready to be told: anything queued goes to it now. */
  connected(page: WebContents): void {
    this.page = page;
    for (const path of this.queued.splice(0)) page.send(OPEN_CASE_FILE_CHANNEL, path);
  }
}

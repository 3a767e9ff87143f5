import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { vi } from 'vitest';
import type { CopanelBridge } from '../../src/shared/api';
import { electronStandIn, type Page, type Recording, type StandInBrowserWindow } from './stand-in/electron';

export const APP_ROOT = join(import.meta.dirname, '..', '..');
export const BUILT_MAIN = join(APP_ROOT, 'out', 'main', 'index.js');
export const BUILT_PRELOAD = join(APP_ROOT, 'out', 'preload', 'index.cjs');

export interface LaunchOptions {
  /** Arguments after the executable, as a user or the file manager would pass them. */
  readonly argv?: readonly string[];
  readonly singleInstanceLock?: boolean;
  readonly savePath?: string | null;
}

/** The built desktop shell (out/main, out/preload), running under Node against the stand-in. */
export interface DesktopShell {
  readonly recording: Recording;
  readonly app: ReturnType<typeof electronStandIn>['app'];
  readonly userDataDir: string;
  /** The app's main window (the first one it opened). */
  window(): StandInBrowserWindow;
  /** The page showing in the main window now. */
  page(): Page;
  /** `window.copanel`, as the page sees it. */
  bridge(page?: Page): CopanelBridge;
  /** Quits the app as a user would, and waits for the engine to end. */
  quit(): Promise<void>;
}

export async function until<T>(
  what: string,
  probe: () => T | undefined | null | false,
  ms = 20_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

let launches = 0;

/** Starts the built main bundle with a fresh stand-in, makes the app ready, and waits for its window's page. */
export async function launchDesktopApp(options: LaunchOptions = {}): Promise<DesktopShell> {
  const dir = mkdtempSync(join(tmpdir(), 'copanel-desktop-'));
  const userDataDir = join(dir, 'user-data');
  const documentsDir = join(dir, 'documents');
  mkdirSync(userDataDir, { recursive: true });
  mkdirSync(documentsDir, { recursive: true });
  const standIn = electronStandIn({
    appPath: APP_ROOT,
    userDataDir,
    documentsDir,
    version: '0.0.0-harness',
    singleInstanceLock: options.singleInstanceLock ?? true,
    savePath: options.savePath === undefined ? join(dir, 'saved.pdf') : options.savePath,
  });
  vi.resetModules();
  vi.doMock('electron', () => standIn.module);
  const argv = process.argv;
  process.argv = [process.execPath, ...(options.argv ?? [])];
  try {
    launches += 1;
    await import(`${pathToFileURL(BUILT_MAIN).href}?launch=${launches}`);
  } finally {
    process.argv = argv;
    vi.doUnmock('electron');
  }
  const { recording, app } = standIn;
  if (options.singleInstanceLock !== false) app.becomeReady();
  const shell: DesktopShell = {
    recording,
    app,
    userDataDir,
    window: () => {
      const window = recording.windows[0];
      if (!window) throw new Error('The app opened no window.');
      return window;
    },
    page: () => {
      const page = shell.window().webContents.page;
      if (!page) throw new Error('The window shows no page.');
      return page;
    },
    bridge: (page = shell.page()) => page.exposed.copanel as CopanelBridge,
    quit: async () => {
      app.quit();
      await until('the app to quit', () => recording.quit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  if (options.singleInstanceLock !== false) {
    await until('the main window to show its page', () => recording.windows[0]?.webContents.page);
  }
  return shell;
}

import type { ApiError } from '../errors';
import type { CopanelClient } from './contract';

/** Commands the desktop app's menu sends to the page. */
export const MENU_COMMANDS = ['open-case', 'close-case', 'verify-certificate', 'settings', 'about'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** The one object the Electron preload exposes as `window.copanel`. */
export interface CopanelBridge extends CopanelClient {
  readonly transport: 'electron';
  /** The path on disk of a file the user chose or dropped (desktop app only). */
  pathForFile(file: File): string;
  /** Asks where to save a file with the system's save dialog; null when cancelled. */
  chooseSavePath(suggestedName: string): Promise<string | null>;
  /** Listen for menu commands; returns a function that stops listening. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Listen for case files the app was asked to open (double-clicked, or given on the command line). */
  onOpenCaseFile(listener: (path: string) => void): () => void;
}

export const MENU_CHANNEL = 'copanel-menu';
export const SAVE_DIALOG_CHANNEL = 'copanel-dialog:save';
/** The page asks for its port to the app's engine (the backend process); answered on PORT_CHANNEL. */
export const CONNECT_CHANNEL = 'copanel-engine:connect';
export const PORT_CHANNEL = 'copanel-engine:port';
/** The engine stopped: 'restarting', or 'stopped' for good (it stopped too often to start it again). */
export const ENGINE_CHANNEL = 'copanel-engine:state';
export type EngineState = 'restarting' | 'stopped';
/** A case file to open: double-clicked in the file manager, or given on the command line. */
export const OPEN_CASE_FILE_CHANNEL = 'copanel-open-case-file';

/** What a window's calls in flight end with when the engine (the backend process) stops. */
export const ENGINE_STOPPED: ApiError = {
  code: 'ENGINE_STOPPED',
  message:
    'The app’s engine stopped; your work up to the last save is safe. It has been started again: open your case file again to carry on.',
};

/** What every call ends with once the engine has stopped too often to be started again. */
export const ENGINE_GONE: ApiError = {
  code: 'ENGINE_STOPPED',
  message:
    'The app’s engine stopped several times, so it has not been started again. Your work up to the last save is safe: close the app and open it again.',
};

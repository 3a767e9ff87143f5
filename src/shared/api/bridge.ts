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
}

/** The IPC channel for one operation. */
export const ipcChannelFor = (operation: string): string => `copanel:${operation}`;
export const MENU_CHANNEL = 'copanel-menu';
export const SAVE_DIALOG_CHANNEL = 'copanel-dialog:save';

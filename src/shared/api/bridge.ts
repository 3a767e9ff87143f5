import type { CopanelClient } from './contract';

/** Commands the desktop app's menu sends to the page. */
export const MENU_COMMANDS = ['open-case', 'close-case', 'verify-certificate', 'settings', 'about'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** The one object the Electron preload exposes as `window.copanel`. */
export interface CopanelBridge extends CopanelClient {
  readonly transport: 'electron';
  /** Listen for menu commands; returns a function that stops listening. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

/** The IPC channel for one operation. */
export const ipcChannelFor = (operation: string): string => `copanel:${operation}`;
export const MENU_CHANNEL = 'copanel-menu';

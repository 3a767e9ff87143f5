import {
  BrowserWindow,
  dialog,
  ipcMain,
  type IpcMainEvent,
  type IpcMainInvokeEvent,
  type WebContents,
} from 'electron';
import { CONNECT_CHANNEL, SAVE_DIALOG_CHANNEL } from '../../shared/api';
import { isAppUrl } from './security';

/**
 * Only the app's own page may talk to the main process: the top frame (never an iframe) of one of
 * the app's windows, showing the app:// origin. A file:// page, a dropped HTML file or a frame is refused.
 */
function isTrustedSender(event: IpcMainEvent | IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  if (!BrowserWindow.fromWebContents(event.sender)) return false;
  return frame === event.sender.mainFrame && isAppUrl(frame.url);
}

/**
 * The page asks once per load for its port to the engine (the backend process). Every call then
 * goes over that port, so this is where the sender is checked: a page that is not the app's own
 * never gets a port, and so can call nothing.
 */
export function registerEngineConnection(connect: (contents: WebContents) => void): void {
  ipcMain.on(CONNECT_CHANNEL, (event) => {
    if (isTrustedSender(event)) connect(event.sender);
  });
}

/** The system's save dialog, for downloads (attachments, certificates). Returns the chosen path or null. */
export function registerDialogHandlers(): void {
  ipcMain.handle(SAVE_DIALOG_CHANNEL, async (event, suggestedName: unknown) => {
    if (!isTrustedSender(event) || typeof suggestedName !== 'string') return null;
    const window = BrowserWindow.fromWebContents(event.sender);
    const options = { defaultPath: suggestedName.replace(/[/\\]/g, '_').slice(0, 255) };
    const result = window
      ? await dialog.showSaveDialog(window, options)
      : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  });
}

import { BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { SAVE_DIALOG_CHANNEL, ipcChannelFor, OPERATION_NAMES, type Result } from '../../shared/api';
import { type ApiContext, dispatch, type Handlers } from '../api';
import { isAppUrl } from './security';

/**
 * One ipcMain.handle per operation. Each call is accepted only from the app's own top-level
 * page in one of its windows; the input is validated by the contract's zod schema in dispatch.
 */
export function registerIpcHandlers(
  handlers: Handlers,
  contextFor: (sender: WebContents) => ApiContext | undefined,
): void {
  for (const name of OPERATION_NAMES) {
    ipcMain.handle(ipcChannelFor(name), async (event, input: unknown): Promise<Result<unknown>> => {
      const ctx = contextFor(event.sender);
      if (!ctx || !isTrustedSender(event)) {
        return {
          ok: false,
          error: { code: 'FORBIDDEN', message: 'This request did not come from the app’s own window.' },
        };
      }
      return dispatch(handlers, name, input, ctx);
    });
  }
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

function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  // Only the main frame of the page, never an iframe, and only the app's own URL.
  return frame === event.sender.mainFrame && isAppUrl(frame.url);
}

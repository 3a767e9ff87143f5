import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import {
  MENU_CHANNEL,
  MENU_COMMANDS,
  SAVE_DIALOG_CHANNEL,
  ipcChannelFor,
  type CopanelBridge,
  type MenuCommand,
} from '../shared/api';

/**
 * The only thing the page gets from the desktop app: one typed object, `window.copanel`.
 * No Node, no ipcRenderer, no electron objects cross into the page. The main process validates
 * every call's sender and input again; this file holds no business logic.
 */
const bridge: CopanelBridge = {
  transport: 'electron',
  call: (name, input) => {
    if (!/^[a-z]+\.[a-zA-Z]+$/.test(name)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'UNKNOWN_OPERATION', message: 'Unknown operation.' },
      });
    }
    return ipcRenderer.invoke(ipcChannelFor(name), input);
  },
  pathForFile: (file) => webUtils.getPathForFile(file),
  chooseSavePath: async (suggestedName) => {
    const path: unknown = await ipcRenderer.invoke(SAVE_DIALOG_CHANNEL, String(suggestedName).slice(0, 255));
    return typeof path === 'string' ? path : null;
  },
  onMenuCommand: (listener) => {
    const handler = (_event: IpcRendererEvent, command: unknown) => {
      if (typeof command === 'string' && (MENU_COMMANDS as readonly string[]).includes(command))
        listener(command as MenuCommand);
    };
    ipcRenderer.on(MENU_CHANNEL, handler);
    return () => ipcRenderer.removeListener(MENU_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld('copanel', bridge);

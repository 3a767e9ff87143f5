import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import {
  CONNECT_CHANNEL,
  ENGINE_CHANNEL,
  ENGINE_GONE,
  ENGINE_STOPPED,
  MENU_CHANNEL,
  MENU_COMMANDS,
  OPEN_CASE_FILE_CHANNEL,
  PORT_CHANNEL,
  SAVE_DIALOG_CHANNEL,
  type CopanelBridge,
  type MenuCommand,
  type Result,
} from '../shared/api';

/**
 * The page's line to the app's engine (the backend process): a MessagePort the main process hands
 * over once per page load. Calls made before it arrives wait for it; calls in flight when the
 * engine stops end with ENGINE_STOPPED.
 */
function engineLine() {
  let port: MessagePort | null = null;
  let nextId = 1;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const waiting: Array<() => void> = [];

  ipcRenderer.on(PORT_CHANNEL, (event: IpcRendererEvent) => {
    const [received] = event.ports;
    if (!received) return;
    port?.close();
    port = received;
    received.onmessage = (message: MessageEvent<unknown>) => {
      const reply = message.data as { id?: unknown; result?: unknown };
      if (typeof reply.id !== 'number' || typeof reply.result !== 'object' || reply.result === null) return;
      pending.get(reply.id)?.(reply.result as Result<unknown>);
      pending.delete(reply.id);
    };
    for (const send of waiting.splice(0)) send();
  });
  let gone = false;
  ipcRenderer.on(ENGINE_CHANNEL, (_event: IpcRendererEvent, state: unknown) => {
    port?.close();
    port = null;
    gone = state === 'stopped';
    for (const settle of pending.values()) settle({ ok: false, error: gone ? ENGINE_GONE : ENGINE_STOPPED });
    pending.clear();
    waiting.length = 0;
  });
  return (name: string, input: unknown): Promise<Result<unknown>> =>
    new Promise((resolve) => {
      if (gone) return resolve({ ok: false, error: ENGINE_GONE });
      const id = nextId++;
      pending.set(id, resolve);
      const send = () => port?.postMessage({ id, name, input });
      if (port) send();
      else waiting.push(send);
    });
}

/** Case files the app was asked to open, kept until the page listens (it may not have loaded yet). */
function caseFilesToOpen() {
  const queued: string[] = [];
  const listeners = new Set<(path: string) => void>();
  ipcRenderer.on(OPEN_CASE_FILE_CHANNEL, (_event: IpcRendererEvent, path: unknown) => {
    if (typeof path !== 'string') return;
    if (listeners.size === 0) queued.push(path);
    for (const listener of listeners) listener(path);
  });
  return (listener: (path: string) => void) => {
    listeners.add(listener);
    for (const path of queued.splice(0)) listener(path);
    return () => void listeners.delete(listener);
  };
}

const callEngine = engineLine();

/**
 * The only thing the page gets from the desktop app: one typed object, `window.copanel`.
 * No Node, no ipcRenderer, no ports, no electron objects cross into the page. The engine validates
 * every call's input again; this file holds no business logic.
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
    return callEngine(name, input) as ReturnType<CopanelBridge['call']>;
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
  onOpenCaseFile: caseFilesToOpen(),
};

contextBridge.exposeInMainWorld('copanel', bridge);
// Everything listens now: ask for the port to the engine (and any case file waiting to be opened).
ipcRenderer.send(CONNECT_CHANNEL);

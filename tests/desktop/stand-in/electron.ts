/**
 * A recording stand-in for the `electron` module, for running the BUILT desktop shell (out/main,
 * out/preload) under plain Node. It follows Electron's documented API and is typed against
 * Electron's own electron.d.ts: every object below is declared as a `Pick` of Electron's type (or
 * of its parameters, where Electron returns its own objects), so an API the app uses that Electron
 * renamed or removed fails to typecheck here.
 *
 * What it does for real: serves pages through the app's own protocol handler, runs the preload
 * bundle as a sandboxed preload is run (only `electron` and a few built-ins may be required),
 * carries MessagePorts (structured-cloned), and forks the utility process as a Node child (with
 * child_process.fork, ports carried as numbered streams, the ForkEnvelope of the backend).
 * What it records: everything the app asks of Electron, for the tests to assert.
 */
import type * as E from 'electron';
import { fork, type ChildProcess } from 'node:child_process';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { runInNewContext } from 'node:vm';
import type { ForkEnvelope } from '../../../src/main/electron';

/** Parameters as Electron declares them; the return value is the stand-in's own. */
type SameParameters<T, K extends keyof T> = {
  [P in K]: T[P] extends (...args: infer A) => unknown ? (...args: A) => unknown : T[P];
};

export interface ShellOptions {
  readonly appPath: string;
  readonly userDataDir: string;
  readonly documentsDir: string;
  readonly version: string;
  /** What requestSingleInstanceLock answers (false: another instance holds it). */
  readonly singleInstanceLock: boolean;
  /** What the save dialog answers. */
  readonly savePath: string | null;
}

/** Everything the app asked of Electron. */
export class Recording {
  readonly privilegedSchemes: E.CustomScheme[] = [];
  readonly protocolHandlers = new Map<string, (request: Request) => Response | Promise<Response>>();
  readonly windows: StandInBrowserWindow[] = [];
  readonly contents: StandInWebContents[] = [];
  readonly ipcHandlers = new Map<string, (event: E.IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
  readonly ipcListeners = new Map<string, Array<(event: E.IpcMainEvent, ...args: unknown[]) => void>>();
  permissionRequestHandler: Parameters<E.Session['setPermissionRequestHandler']>[0] = null;
  permissionCheckHandler: Parameters<E.Session['setPermissionCheckHandler']>[0] = null;
  devicePermissionHandler: Parameters<E.Session['setDevicePermissionHandler']>[0] = null;
  headersReceived: HeadersReceivedListener | null = null;
  beforeRequest: BeforeRequestListener | null = null;
  readonly dialogs: Array<{ kind: 'save' | 'message'; options: unknown; window: boolean }> = [];
  readonly externalUrls: string[] = [];
  readonly printed: Array<{ options: E.WebContentsPrintOptions; url: string; bytes: Buffer }> = [];
  readonly utilityProcesses: StandInUtilityProcess[] = [];
  applicationMenu: E.MenuItemConstructorOptions[] | null = null;
  sandboxEnabled = false;
  quitRequested = 0;
  quit = false;
  ready = false;
  readonly errors: string[] = [];
}

type HeadersReceivedListener = (
  details: E.OnHeadersReceivedListenerDetails,
  callback: (response: E.HeadersReceivedResponse) => void,
) => void;
type BeforeRequestListener = (
  details: E.OnBeforeRequestListenerDetails,
  callback: (response: E.CallbackResponse) => void,
) => void;

/** A preventable event, as Electron passes to will-navigate, will-quit… */
export function preventableEvent<T extends object>(
  fields: T = {} as T,
): T & { defaultPrevented: boolean; preventDefault(): void } {
  const event = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

// ---------------------------------------------------------------------------------------------
// MessagePorts

/** Electron's MessagePortMain: queues until started; messages are structured-cloned. */
export class StandInMessagePortMain
  extends EventEmitter
  implements Pick<E.MessagePortMain, 'postMessage' | 'start' | 'close'>
{
  peer: StandInMessagePortMain | undefined;
  /** Set when this end was transferred to the utility process: what arrives here goes there. */
  remote: ((data: unknown) => void) | undefined;
  private started = false;
  private closed = false;
  private readonly queue: unknown[] = [];

  postMessage(message: unknown): void {
    if (this.closed) return;
    this.peer?.receive(structuredClone(message));
  }
  receive(data: unknown): void {
    if (this.closed) return;
    if (this.remote) return this.remote(data);
    if (!this.started) this.queue.push(data);
    else setImmediate(() => this.emit('message', { data, ports: [] }));
  }
  /** Transferred to another process: queued messages go with it. */
  transfer(remote: (data: unknown) => void): void {
    this.remote = remote;
    for (const data of this.queue.splice(0)) remote(data);
  }
  start(): void {
    this.started = true;
    for (const data of this.queue.splice(0)) setImmediate(() => this.emit('message', { data, ports: [] }));
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('close');
    this.peer?.close();
  }
  get isClosed(): boolean {
    return this.closed;
  }
}

export class StandInMessageChannelMain implements Pick<E.MessageChannelMain, never> {
  readonly port1 = new StandInMessagePortMain();
  readonly port2 = new StandInMessagePortMain();
  constructor() {
    this.port1.peer = this.port2;
    this.port2.peer = this.port1;
  }
}

/** The renderer's end of a port, as the page's MessagePort (onmessage starts it). */
class PagePort {
  constructor(private readonly port: StandInMessagePortMain) {}
  set onmessage(listener: ((event: { data: unknown }) => void) | null) {
    this.port.removeAllListeners('message');
    if (listener) this.port.on('message', (event: { data: unknown }) => listener({ data: event.data }));
    this.port.start();
  }
  postMessage(data: unknown): void {
    this.port.postMessage(data);
  }
  start(): void {
    this.port.start();
  }
  close(): void {
    this.port.close();
  }
}

// ---------------------------------------------------------------------------------------------
// The utility process, as a forked Node child

export class StandInUtilityProcess
  extends EventEmitter
  implements Pick<E.UtilityProcess, 'postMessage' | 'kill'>
{
  readonly child: ChildProcess;
  private nextPortId = 1;
  private readonly ports = new Map<number, StandInMessagePortMain>();
  exitCode: number | null = null;

  constructor(
    readonly modulePath: string,
    readonly args: string[],
    readonly options: E.ForkOptions,
  ) {
    super();
    this.child = fork(modulePath, args, {
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, ...options.env },
    });
    this.child.on('message', (raw: unknown) => this.fromChild(raw as ForkEnvelope));
    this.child.on('exit', (code, signal) => {
      this.exitCode = code ?? (signal ? 1 : 0);
      for (const port of this.ports.values()) port.close();
      this.emit('exit', this.exitCode);
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  postMessage(message: unknown, transfer: E.MessagePortMain[] = []): void {
    const portIds = transfer.map((given) => {
      const port = given as unknown as StandInMessagePortMain;
      const portId = this.nextPortId++;
      this.ports.set(portId, port);
      port.transfer((data) => this.send({ via: 'port', portId, data }));
      port.once('close', () => {
        if (this.ports.delete(portId)) this.send({ via: 'port-close', portId });
      });
      return portId;
    });
    this.send({ via: 'parent', data: structuredClone(message), portIds });
  }

  kill(): boolean {
    return this.child.kill('SIGTERM');
  }

  /** The engine dies (as a crash would end it). */
  crash(): void {
    this.child.kill('SIGKILL');
  }

  private send(envelope: ForkEnvelope): void {
    if (this.child.connected) this.child.send(envelope);
  }

  private fromChild(envelope: ForkEnvelope): void {
    if (envelope.via === 'parent') this.emit('message', envelope.data);
    else if (envelope.via === 'port') this.ports.get(envelope.portId)?.peer?.receive(envelope.data);
    else {
      const port = this.ports.get(envelope.portId);
      this.ports.delete(envelope.portId);
      port?.close();
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Pages: webContents, the sandboxed preload, ipcRenderer

/** A frame as IPC events carry it (senderFrame). */
export interface StandInFrame {
  url: string;
  readonly top: boolean;
}

/** What a page's preload gets from `require('electron')`, and what it exposed to the page. */
export class Page {
  readonly exposed: Record<string, unknown> = {};
  private readonly listeners = new EventEmitter();

  constructor(
    readonly contents: StandInWebContents,
    readonly frame: StandInFrame,
    private readonly recording: Recording,
  ) {}

  /** `require('electron')` in a sandboxed preload. */
  electronForPreload(): {
    contextBridge: Pick<E.ContextBridge, 'exposeInMainWorld'>;
    ipcRenderer: SameParameters<E.IpcRenderer, 'on' | 'send' | 'invoke' | 'removeListener'>;
    webUtils: Pick<E.WebUtils, 'getPathForFile'>;
  } {
    return {
      contextBridge: {
        exposeInMainWorld: (key: string, api: unknown) => {
          this.exposed[key] = api;
        },
      },
      ipcRenderer: {
        on: (channel: string, listener: (event: E.IpcRendererEvent, ...args: unknown[]) => void) =>
          this.listeners.on(channel, listener),
        removeListener: (
          channel: string,
          listener: (event: E.IpcRendererEvent, ...args: unknown[]) => void,
        ) => this.listeners.removeListener(channel, listener),
        send: (channel: string, ...args: unknown[]) => this.send(channel, ...args),
        invoke: (channel: string, ...args: unknown[]) => this.invoke(channel, ...args),
      },
      webUtils: { getPathForFile: (file: File) => `/files/${file.name}` },
    };
  }

  /** The main process sends to the page (webContents.send / postMessage). */
  deliver(channel: string, args: unknown[], ports: StandInMessagePortMain[] = []): void {
    const event = { sender: this, ports: ports.map((port) => new PagePort(port)) };
    const cloned = args.map((arg) => structuredClone(arg));
    // IPC between processes is asynchronous: nothing arrives while the sender is still running.
    setImmediate(() => this.listeners.emit(channel, event, ...cloned));
  }

  /** ipcRenderer.send from this page (this frame). */
  send(channel: string, ...args: unknown[]): void {
    const cloned = args.map((arg) => structuredClone(arg));
    const event = this.ipcEvent() as unknown as E.IpcMainEvent;
    setImmediate(() => {
      for (const listener of this.recording.ipcListeners.get(channel) ?? []) listener(event, ...cloned);
    });
  }

  /** ipcRenderer.invoke from this page (this frame). */
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.recording.ipcHandlers.get(channel);
    if (!handler) throw new Error(`Error invoking remote method '${channel}': No handler registered`);
    const event = this.ipcEvent() as unknown as E.IpcMainInvokeEvent;
    return structuredClone(await handler(event, ...args.map((arg) => structuredClone(arg))));
  }

  private ipcEvent() {
    const frame = this.frame.top ? this.contents.mainFrame : { url: this.frame.url };
    return { sender: this.contents, senderFrame: frame, processId: 1, frameId: this.frame.top ? 1 : 2 };
  }
}

/** Runs a built preload as Electron runs a sandboxed one: a fresh context, a require that gives only electron and a few built-ins. */
export function runSandboxedPreload(file: string, page: Page): void {
  const allowed: Record<string, unknown> = {
    electron: page.electronForPreload(),
    events: EventEmitter,
    timers: { setTimeout, clearTimeout, setInterval, clearInterval, setImmediate },
    url: { URL, URLSearchParams },
  };
  const sandboxRequire = (name: string): unknown => {
    if (name in allowed) return allowed[name];
    throw new Error(`module not found: ${name}`);
  };
  const module = { exports: {} as Record<string, unknown> };
  const run = runInNewContext(`(function (require, module, exports) {\n${readFileSync(file, 'utf8')}\n})`, {
    console,
    setTimeout,
    clearTimeout,
  }) as (require: (name: string) => unknown, module: object, exports: object) => void;
  run(sandboxRequire, module, module.exports);
}

let nextContentsId = 1;

export class StandInWebContents
  extends EventEmitter
  implements
    SameParameters<E.WebContents, 'send' | 'postMessage' | 'isDestroyed' | 'setWindowOpenHandler' | 'print'>
{
  readonly id = nextContentsId++;
  readonly mainFrame: { url: string } = { url: '' };
  windowOpenHandler: Parameters<E.WebContents['setWindowOpenHandler']>[0] | null = null;
  pages: Page[] = [];
  readonly sent: Array<{ channel: string; args: unknown[]; ports: number }> = [];
  loadedBytes: Buffer | null = null;
  private destroyed = false;

  constructor(private readonly recording: Recording) {
    super();
    recording.contents.push(this);
  }

  get page(): Page | undefined {
    return this.pages.at(-1);
  }

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args, ports: 0 });
    this.page?.deliver(channel, args);
  }

  postMessage(channel: string, message: unknown, transfer: E.MessagePortMain[] = []): void {
    this.sent.push({ channel, args: [message], ports: transfer.length });
    this.page?.deliver(channel, [message], transfer as unknown as StandInMessagePortMain[]);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  destroy(): void {
    this.destroyed = true;
  }

  setWindowOpenHandler(handler: Parameters<E.WebContents['setWindowOpenHandler']>[0]): void {
    this.windowOpenHandler = handler;
  }

  print(
    options: E.WebContentsPrintOptions = {},
    callback?: (success: boolean, failureReason: string) => void,
  ): void {
    this.recording.printed.push({
      options,
      url: this.mainFrame.url,
      bytes: this.loadedBytes ?? Buffer.alloc(0),
    });
    callback?.(true, '');
  }
}

// ---------------------------------------------------------------------------------------------
// Windows

export class StandInBrowserWindow
  extends EventEmitter
  implements
    SameParameters<
      E.BrowserWindow,
      'loadURL' | 'loadFile' | 'show' | 'isMinimized' | 'restore' | 'focus' | 'destroy'
    >
{
  static recording: Recording;
  readonly webContents: StandInWebContents;
  readonly options: E.BrowserWindowConstructorOptions;
  shown = false;
  focused = 0;

  static fromWebContents(contents: E.WebContents): StandInBrowserWindow | null {
    return this.recording.windows.find((window) => window.webContents === (contents as unknown)) ?? null;
  }

  constructor(options: E.BrowserWindowConstructorOptions = {}) {
    super();
    const recording = StandInBrowserWindow.recording;
    this.options = options;
    this.webContents = new StandInWebContents(recording);
    recording.windows.push(this);
    standInApp(recording).emit('web-contents-created', preventableEvent(), this.webContents);
  }

  /** Loads a page as Chromium would: asks webRequest, fetches app:// through the app's protocol handler, runs the preload. */
  async loadURL(url: string): Promise<void> {
    const recording = StandInBrowserWindow.recording;
    if (!allowedByWebRequest(recording, url)) throw new Error(`ERR_BLOCKED_BY_CLIENT (-20) loading '${url}'`);
    this.webContents.mainFrame.url = url;
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = recording.protocolHandlers.get(scheme);
    if (handler) {
      const response = await handler(new Request(url));
      if (!response.ok) throw new Error(`ERR_FILE_NOT_FOUND (-6) loading '${url}'`);
      this.webContents.loadedBytes = Buffer.from(await response.arrayBuffer());
    } else if (url.startsWith('file://')) {
      this.webContents.loadedBytes = readFileSync(new URL(url));
    }
    this.openPage(url);
    this.webContents.emit('did-finish-load');
    this.emit('ready-to-show');
  }

  loadFile(filePath: string): Promise<void> {
    return this.loadURL(pathToFileURL(filePath).href);
  }

  /** A page arrives in this window (the app's, or, in a test, one that should never be trusted). */
  openPage(url: string, top = true): Page {
    const recording = StandInBrowserWindow.recording;
    if (top) this.webContents.mainFrame.url = url;
    const page = new Page(this.webContents, { url, top }, recording);
    this.webContents.pages.push(page);
    const preload = this.options.webPreferences?.preload;
    if (preload) runSandboxedPreload(preload, page);
    return page;
  }

  show(): void {
    this.shown = true;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  focus(): void {
    this.focused += 1;
  }
  destroy(): void {
    this.webContents.destroy();
    this.emit('closed');
  }
  close(): void {
    this.destroy();
    const recording = StandInBrowserWindow.recording;
    if (recording.windows.every((window) => window.webContents.isDestroyed()))
      standInApp(recording).emit('window-all-closed');
  }
}

function allowedByWebRequest(recording: Recording, url: string): boolean {
  let cancel = false;
  recording.beforeRequest?.({ url } as E.OnBeforeRequestListenerDetails, (response) => {
    cancel = response.cancel === true;
  });
  return !cancel;
}

// ---------------------------------------------------------------------------------------------
// app

class StandInApp
  extends EventEmitter
  implements
    Pick<
      E.App,
      | 'requestSingleInstanceLock'
      | 'quit'
      | 'enableSandbox'
      | 'whenReady'
      | 'getAppPath'
      | 'getVersion'
      | 'getPath'
      | 'isPackaged'
    >
{
  readonly isPackaged = false;
  private markReady!: () => void;
  private readonly readyPromise = new Promise<void>((resolve) => (this.markReady = resolve));

  constructor(
    private readonly recording: Recording,
    private readonly options: ShellOptions,
  ) {
    super();
  }
  requestSingleInstanceLock(): boolean {
    return this.options.singleInstanceLock;
  }
  enableSandbox(): void {
    this.recording.sandboxEnabled = true;
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  becomeReady(): void {
    this.recording.ready = true;
    this.emit('ready');
    this.markReady();
  }
  getAppPath(): string {
    return this.options.appPath;
  }
  getVersion(): string {
    return this.options.version;
  }
  getPath(name: Parameters<E.App['getPath']>[0]): string {
    if (name === 'userData') return this.options.userDataDir;
    if (name === 'documents') return this.options.documentsDir;
    throw new Error(`The harness has no path for ${name}.`);
  }
  quit(): void {
    this.recording.quitRequested += 1;
    if (this.recording.quit) return;
    const event = preventableEvent();
    this.emit('before-quit', event);
    if (event.defaultPrevented) return;
    const willQuit = preventableEvent();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) return;
    this.recording.quit = true;
    this.emit('quit');
  }
}

const apps = new WeakMap<Recording, StandInApp>();
function standInApp(recording: Recording): StandInApp {
  const app = apps.get(recording);
  if (!app) throw new Error('No app for this recording.');
  return app;
}

// ---------------------------------------------------------------------------------------------
// The module

/** A stand-in `electron` module for the main process, with its recording. */
export function electronStandIn(options: ShellOptions) {
  const recording = new Recording();
  const app = new StandInApp(recording, options);
  apps.set(recording, app);
  StandInBrowserWindow.recording = recording;
  const key = randomBytes(32);

  const protocol: Pick<E.Protocol, 'registerSchemesAsPrivileged' | 'handle'> = {
    registerSchemesAsPrivileged: (schemes) => {
      if (recording.ready)
        throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
      recording.privilegedSchemes.push(...schemes);
    },
    handle: (scheme, handler) => {
      if (!recording.ready) throw new Error('protocol.handle should be called after app is ready');
      recording.protocolHandlers.set(scheme, handler);
    },
  };
  const webRequest: SameParameters<E.WebRequest, 'onHeadersReceived' | 'onBeforeRequest'> = {
    onHeadersReceived: (listener: HeadersReceivedListener | null) =>
      void (recording.headersReceived = listener),
    onBeforeRequest: (listener: BeforeRequestListener | null) => void (recording.beforeRequest = listener),
  };
  const session = {
    defaultSession: {
      setPermissionRequestHandler: (handler) => void (recording.permissionRequestHandler = handler),
      setPermissionCheckHandler: (handler) => void (recording.permissionCheckHandler = handler),
      setDevicePermissionHandler: (handler) => void (recording.devicePermissionHandler = handler),
      webRequest,
    } satisfies Pick<
      E.Session,
      'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
    > & {
      webRequest: typeof webRequest;
    },
  };
  const ipcMain: SameParameters<E.IpcMain, 'handle' | 'on'> = {
    handle: (channel: string, listener: (event: E.IpcMainInvokeEvent, ...args: unknown[]) => unknown) => {
      if (recording.ipcHandlers.has(channel))
        throw new Error(`Attempted to register a second handler for '${channel}'`);
      recording.ipcHandlers.set(channel, listener);
    },
    on: (channel: string, listener: (event: E.IpcMainEvent, ...args: unknown[]) => void) => {
      recording.ipcListeners.set(channel, [...(recording.ipcListeners.get(channel) ?? []), listener]);
    },
  };
  const dialog: SameParameters<E.Dialog, 'showSaveDialog' | 'showMessageBox'> = {
    showSaveDialog: async (
      windowOrOptions: E.BaseWindow | E.SaveDialogOptions,
      maybeOptions?: E.SaveDialogOptions,
    ) => {
      const window = maybeOptions !== undefined;
      recording.dialogs.push({ kind: 'save', options: maybeOptions ?? windowOrOptions, window });
      return { canceled: options.savePath === null, filePath: options.savePath ?? '' };
    },
    showMessageBox: async (
      windowOrOptions: E.BaseWindow | E.MessageBoxOptions,
      maybeOptions?: E.MessageBoxOptions,
    ) => {
      const window = maybeOptions !== undefined;
      recording.dialogs.push({ kind: 'message', options: maybeOptions ?? windowOrOptions, window });
      return { response: 0, checkboxChecked: false };
    },
  };
  class Menu {
    constructor(readonly template: E.MenuItemConstructorOptions[]) {}
    static buildFromTemplate(template: Array<E.MenuItemConstructorOptions | E.MenuItem>): Menu {
      return new Menu(template as E.MenuItemConstructorOptions[]);
    }
    static setApplicationMenu(menu: Menu | null): void {
      recording.applicationMenu = menu?.template ?? null;
    }
  }
  const menuShape: SameParameters<typeof E.Menu, 'buildFromTemplate'> = Menu;
  const safeStorage: Pick<
    E.SafeStorage,
    'isEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptString' | 'decryptString'
  > = {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => 'gnome_libsecret',
    encryptString: (text) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString: (data) => {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
  const shell: Pick<E.Shell, 'openExternal'> = {
    openExternal: async (url) => void recording.externalUrls.push(url),
  };
  const utilityProcess: SameParameters<typeof E.utilityProcess, 'fork'> = {
    fork: (modulePath: string, args: string[] = [], forkOptions: E.ForkOptions = {}) => {
      const child = new StandInUtilityProcess(modulePath, args, forkOptions);
      recording.utilityProcesses.push(child);
      return child;
    },
  };

  const module = {
    app,
    BrowserWindow: StandInBrowserWindow,
    Menu: menuShape,
    MessageChannelMain: StandInMessageChannelMain,
    dialog,
    ipcMain,
    protocol,
    safeStorage,
    session,
    shell,
    utilityProcess,
  };
  return { module, recording, app };
}

import { app, BrowserWindow, Menu, type WebContents } from 'electron';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clientContext, handlers, type ApiContext, type Capabilities } from '../api';
import { CaseRegistry, fileVault, useNativeBinding } from '../casefile';
import { electronSafeStorage } from './safe-storage';
import type { RuntimeEnvironment } from '../runtime';
import { registerDialogHandlers, registerIpcHandlers } from './ipc';
import { desktopPrinter } from './print';
import { buildApplicationMenu } from './menu';
import { hardenSessions } from './security';
import { APP_INDEX_URL, registerAppScheme, serveRendererFiles } from './protocol';

const here = dirname(fileURLToPath(import.meta.url));
let mainWindow: BrowserWindow | undefined;
const sessions = new Map<number, ApiContext>();
let cases: CaseRegistry | undefined;

/** The desktop app loads the SQLite driver compiled for Electron, kept apart from Node's build. */
function useElectronNativeBinding(appRoot: string): void {
  const binding = join(appRoot, '.electron-native', 'better_sqlite3.node');
  if (existsSync(binding)) useNativeBinding(binding);
}

function desktopRuntime(): RuntimeEnvironment {
  const appRoot = app.getAppPath();
  return {
    mode: 'electron',
    version: app.getVersion(),
    resourcesDir: app.isPackaged ? join(process.resourcesPath, 'resources') : join(appRoot, 'resources'),
    userDataDir: app.getPath('userData'),
    workspaceDir: join(app.getPath('documents'), 'Coproduction Panel'),
  };
}

/** What the desktop app can do: files by path (its file dialogs), settings, the system print dialog, safeStorage. */
function desktopCapabilities(runtime: RuntimeEnvironment): Capabilities {
  return {
    localFiles: true,
    appSettings: true,
    printer: desktopPrinter,
    passphraseVault: fileVault(runtime.userDataDir, electronSafeStorage),
  };
}

function contextFor(sender: WebContents): ApiContext | undefined {
  return sessions.get(sender.id);
}

function createMainWindow(runtime: RuntimeEnvironment): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 800,
    minHeight: 600,
    show: false,
    title: 'Coproduction Panel',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: true,
      // Only Chromium's built-in PDF viewer, for the certificate preview; Electron has no other plugins.
      plugins: true,
    },
  });
  const contentsId = window.webContents.id;
  cases ??= new CaseRegistry({ userDataDir: runtime.userDataDir });
  sessions.set(contentsId, clientContext(runtime, cases, desktopCapabilities(runtime)));
  window.on('closed', () => sessions.delete(contentsId));
  window.once('ready-to-show', () => window.show());
  const devServer = process.env.ELECTRON_RENDERER_URL;
  if (!app.isPackaged && devServer) void window.loadURL(devServer);
  else void window.loadURL(APP_INDEX_URL);
  return window;
}

function start(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.enableSandbox();
  registerAppScheme();
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void cases?.closeAll());
  void app.whenReady().then(() => {
    useElectronNativeBinding(app.getAppPath());
    hardenSessions();
    serveRendererFiles(join(here, '../renderer'));
    const runtime = desktopRuntime();
    registerIpcHandlers(handlers, contextFor);
    registerDialogHandlers();
    Menu.setApplicationMenu(buildApplicationMenu(() => mainWindow));
    mainWindow = createMainWindow(runtime);
    mainWindow.on('closed', () => (mainWindow = undefined));
  });
}

start();

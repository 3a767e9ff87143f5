import { app, BrowserWindow, dialog, Menu, type WebContents } from 'electron';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileVault } from '../casefile';
import { quitChosen, quitQuestion } from './quit-question';
import type { RuntimeEnvironment } from '../runtime';
import { BackendHost } from './backend-host';
import type { BrokerRequest } from './backend/wire';
import { registerDialogHandlers, registerEngineConnection } from './ipc';
import { buildApplicationMenu } from './menu';
import { CaseFileOpener, caseFilesIn } from './open-files';
import { desktopPrinter } from './print';
import { APP_INDEX_URL } from './app-origin';
import { registerAppScheme, serveRendererFiles } from './protocol';
import { electronSafeStorage } from './safe-storage';
import { hardenSessions } from './security';

const here = dirname(fileURLToPath(import.meta.url));
let mainWindow: BrowserWindow | undefined;

/** The desktop app loads the SQLite driver compiled for Electron, kept apart from Node's build (development). */
function electronNativeBinding(): string | null {
  const binding = join(app.getAppPath(), '.electron-native', 'better_sqlite3.node');
  return existsSync(binding) ? binding : null;
}

function desktopRuntime(): RuntimeEnvironment {
  const appRoot = app.getAppPath();
  return {
    mode: 'electron',
    version: app.getVersion(),
    // Inside app.asar when packaged (electron-builder.yml), where the engine's own lookups find them too.
    resourcesDir: join(appRoot, 'resources'),
    userDataDir: app.getPath('userData'),
    workspaceDir: join(app.getPath('documents'), 'Coproduction Panel'),
  };
}

/** What only the main process can do for the engine: the system print dialog and safeStorage. */
function mainProcessServices(runtime: RuntimeEnvironment): (request: BrokerRequest) => Promise<unknown> {
  const vault = fileVault(runtime.userDataDir, electronSafeStorage);
  return async (request) => {
    switch (request.kind) {
      case 'print':
        return desktopPrinter.print(request.pdf);
      case 'vault.remember':
        return vault.remember(request.path, request.passphrase);
      case 'vault.recall':
        return vault.recall(request.path);
      case 'vault.forget':
        return vault.forget(request.path);
    }
  };
}

/** The engine stopped: each window says so, plainly, and that nothing saved was lost. */
function tellEngineStopped(pages: readonly WebContents[], restarted: boolean): void {
  for (const page of pages) {
    const window = BrowserWindow.fromWebContents(page);
    const options = {
      type: 'warning' as const,
      title: 'Coproduction Panel',
      message: 'The app’s engine stopped; your work up to the last save is safe.',
      detail: restarted
        ? 'It has been started again. Open your case file again to carry on.'
        : 'It stopped several times in a row, so it has not been started again. Close the app and open it again; if this keeps happening, tell the scheme team.',
    };
    void (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options));
  }
}

function createMainWindow(engine: BackendHost): BrowserWindow {
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
  window.on('closed', () => engine.disconnect(contentsId));
  window.once('ready-to-show', () => window.show());
  const devServer = process.env.ELECTRON_RENDERER_URL;
  if (!app.isPackaged && devServer) void window.loadURL(devServer);
  else void window.loadURL(APP_INDEX_URL);
  return window;
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

/** Ends the engine (closing its case files) before the app quits. */
function quitAfterEngine(engine: () => BackendHost | undefined): void {
  let engineEnded = false;
  app.on('will-quit', (event) => {
    const host = engine();
    if (engineEnded || !host) return;
    event.preventDefault();
    void host.shutdown().finally(() => {
      engineEnded = true;
      app.quit();
    });
  });
}

/**
 * Quitting (or closing the window) while a panel room is open asks first, as closing the case file
 * does; once the lead agrees, the app quits and the engine closes the room. Gives back what each
 * new window needs: its close asks the same question.
 */
function askBeforeQuittingWithRoomOpen(
  engine: () => BackendHost | undefined,
  parent: () => BrowserWindow | undefined,
): (window: BrowserWindow) => void {
  let agreed = false;
  let asking = false;
  const mayQuit = async (): Promise<boolean> => {
    const question = quitQuestion((await engine()?.openRooms()) ?? []);
    if (!question) return true;
    const options = {
      type: 'question' as const,
      title: 'Coproduction Panel',
      message: question.message,
      detail: question.detail,
      buttons: [...question.buttons],
      defaultId: question.defaultId,
      cancelId: question.cancelId,
      noLink: true,
    };
    const window = parent();
    const { response } = await (window
      ? dialog.showMessageBox(window, options)
      : dialog.showMessageBox(options));
    return quitChosen(response);
  };
  const guard = (event: { preventDefault(): void }, carryOn: () => void) => {
    if (agreed) return;
    event.preventDefault();
    if (asking) return;
    asking = true;
    // If the engine cannot be asked, the app quits as asked (the engine closes any room as it ends).
    void mayQuit()
      .catch(() => true)
      .then((yes) => {
        asking = false;
        agreed = yes;
        if (yes) carryOn();
      });
  };
  app.on('before-quit', (event) => guard(event, () => app.quit()));
  return (window) => window.on('close', (event) => guard(event, () => window.close()));
}

function start(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.enableSandbox();
  registerAppScheme();
  const opener = new CaseFileOpener();
  for (const path of caseFilesIn(process.argv.slice(1), process.cwd())) opener.open(path);
  app.on('open-file', (event, path) => {
    event.preventDefault();
    opener.open(path);
  });
  app.on('second-instance', (_event, argv, workingDirectory) => {
    for (const path of caseFilesIn(argv.slice(1), workingDirectory)) opener.open(path);
    focusMainWindow();
  });
  app.on('window-all-closed', () => app.quit());
  let engine: BackendHost | undefined;
  quitAfterEngine(() => engine);
  const askOnClose = askBeforeQuittingWithRoomOpen(
    () => engine,
    () => mainWindow,
  );
  void app.whenReady().then(() => {
    hardenSessions();
    serveRendererFiles(join(here, '../renderer'));
    const runtime = desktopRuntime();
    const host = new BackendHost({
      entry: join(here, 'backend.js'),
      init: () => ({
        type: 'init',
        runtime,
        nativeBinding: electronNativeBinding(),
        vaultAvailable: electronSafeStorage.isAvailable(),
      }),
      broker: mainProcessServices(runtime),
      onStopped: tellEngineStopped,
    });
    engine = host;
    host.start();
    registerEngineConnection((page) => {
      host.connect(page);
      opener.connected(page);
    });
    registerDialogHandlers();
    Menu.setApplicationMenu(buildApplicationMenu(() => mainWindow));
    mainWindow = createMainWindow(host);
    askOnClose(mainWindow);
    mainWindow.on('closed', () => (mainWindow = undefined));
  });
}

start();

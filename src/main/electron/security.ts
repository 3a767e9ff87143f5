import { app, session, shell, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/security';

/**
 * The Electron security checklist, applied once for the whole app: no permissions, no navigation,
 * no new windows, no webviews, the strict CSP on every response.
 */
export function hardenSessions(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  // Nothing may be fetched from the network at run time.
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed =
      /^(file|devtools|data|blob|chrome-extension):/.test(details.url) || isDevServer(details.url);
    callback({ cancel: !allowed });
  });

  app.on('web-contents-created', (_event, contents) => lockDownContents(contents));
}

function lockDownContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Help links to the scheme's web pages open in the user's browser, never inside the app.
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

const devServerUrl = process.env.ELECTRON_RENDERER_URL;

function isDevServer(url: string): boolean {
  return !app.isPackaged && devServerUrl !== undefined && url.startsWith(devServerUrl);
}

/** The app's own pages: the bundled renderer, or the dev server while developing. */
export function isAppUrl(url: string): boolean {
  return url.startsWith('file://') || isDevServer(url);
}

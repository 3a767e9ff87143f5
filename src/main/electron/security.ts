import { app, session, shell, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/security';
import { APP_ORIGIN } from './app-origin';

/** file:// URLs the app itself opened (the PDF being printed); no other file:// URL is ever loaded. */
const printFiles = new Set<string>();

/** Lets the hidden print window load one PDF; the returned function withdraws it again. */
export function allowPrintFile(url: string): () => void {
  printFiles.add(url);
  return () => printFiles.delete(url);
}

/**
 * The Electron security checklist, applied once for the whole app: no permissions, no navigation,
 * no new windows, no webviews, the strict CSP on every response, nothing fetched from the network.
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
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url) });
  });
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents));
}

/** The app's own origin, in-page data, the one PDF being printed, and the dev server while developing. */
function isAllowedRequest(url: string): boolean {
  if (isAppUrl(url) || printFiles.has(url)) return true;
  return /^(devtools|data|blob):/.test(url);
}

/**
 * No page may go anywhere: a link, a dropped file (which would navigate to its file:// URL), a
 * redirect or a frame's navigation elsewhere is refused; new windows are refused (https links
 * open in the user's browser); webviews are refused.
 */
function lockDownContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
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

/** An URL's origin; app:// is a standard scheme in Chromium, but Node's URL gives it no origin. */
function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'app:') return parsed.host ? `app://${parsed.host}` : null;
    return parsed.origin;
  } catch {
    return null;
  }
}

/** The dev server's origin while developing (never in a packaged app). */
function devServerOrigin(): string | null {
  const devServer = process.env.ELECTRON_RENDERER_URL;
  return !app.isPackaged && devServer ? originOf(devServer) : null;
}

/**
 * The app's own pages: exactly the app:// origin the renderer is served from (or the dev server
 * while developing). Never any file:// URL: a local HTML file dropped on the window is not the app.
 */
export function isAppUrl(url: string): boolean {
  const origin = originOf(url);
  if (origin === null || origin === 'null') return false;
  return origin === APP_ORIGIN || origin === devServerOrigin();
}

import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/security';
import { APP_HOST, APP_SCHEME } from './app-origin';

const MEDIA_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
};

/**
 * Must run before the app is ready: app:// is a standard, secure origin (so the page gets a real
 * origin, `'self'` in the CSP means app://copanel, and fetch works on it). It does not bypass CSP.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Every response carries the app's one Content Security Policy and is never sniffed or cached. */
function appResponse(body: BodyInit | null, status: number, mediaType: string): Response {
  return new Response(body, {
    status,
    headers: {
      'Content-Type': mediaType,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    },
  });
}

/** The file under the renderer's folder that an app:// URL names, or null for anything outside it. */
function rendererFileFor(rendererDir: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  const root = normalize(rendererDir);
  const file = normalize(join(root, path === '/' ? 'index.html' : path));
  return file.startsWith(root + sep) ? file : null;
}

/** Serves the built renderer (and nothing else) on app://copanel/. */
export function serveRendererFiles(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET') return appResponse(null, 405, 'text/plain; charset=utf-8');
    const file = rendererFileFor(rendererDir, request.url);
    if (!file) return appResponse('Not found', 404, 'text/plain; charset=utf-8');
    try {
      const bytes = await readFile(file);
      const mediaType = MEDIA_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
      return appResponse(new Uint8Array(bytes), 200, mediaType);
    } catch {
      return appResponse('Not found', 404, 'text/plain; charset=utf-8');
    }
  });
}

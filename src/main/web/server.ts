import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Result } from '../../shared/api';
import {
  clientContext,
  dispatch,
  type ApiContext,
  type Capabilities,
  type Handlers,
  type PanelRooms,
  SchemeOffice,
} from '../api';
import { CaseRegistry } from '../casefile';
import { reportInternalError } from '../error-log';
import { createPanelRooms } from '../room';
import type { RuntimeEnvironment } from '../runtime';
import { setSecurityHeaders } from './headers';
import { serveStatic } from './static';
import { handleDownload, handleUpload } from './transfers';

/** Browser mode binds only to the loopback address; nothing on the network can reach it. */
const LOOPBACK_HOST = '127.0.0.1';
const MAX_JSON_BODY_BYTES = 2 * 1024 * 1024;

/** What a page in browser mode can do: the app's settings and the panel room; no files by path, no printer (the browser prints). */
function browserPage(rooms: PanelRooms): Capabilities {
  return { localFiles: false, appSettings: true, rooms };
}

export interface WebHostOptions {
  runtime: RuntimeEnvironment;
  handlers: Handlers;
  /** The built renderer (index.html and its assets). */
  rendererDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** A fixed token (tests, or the address kept with `--keep-address`); otherwise a random one per launch. */
  token?: string;
  /** Where the panel room listens whatever the lead chooses (tests: 127.0.0.2). */
  roomAddress?: string;
}

export interface WebHost {
  /** The address to open, carrying the launch token in the fragment (never sent to the server in requests). */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Starts the browser-mode host: the built renderer plus `POST /api/<operation>` over the same handlers. */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const cases = new CaseRegistry({ userDataDir: options.runtime.userDataDir });
  const rooms = createPanelRooms({
    runtime: options.runtime,
    cases,
    handlers: options.handlers,
    ...(options.roomAddress ? { bindAddress: options.roomAddress } : {}),
  });
  const schemeOffice = new SchemeOffice({ userDataDir: options.runtime.userDataDir });
  const ctx = clientContext(options.runtime, cases, browserPage(rooms), schemeOffice);
  let allowedHosts: Set<string> = new Set();

  const server = createServer((req, res) => {
    setSecurityHeaders(res);
    handleRequest(req, res, { ...options, token, ctx, allowedHosts }).catch((error: unknown) => {
      reportInternalError(options.runtime.userDataDir, 'A browser mode request failed', error);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Something went wrong inside the app.');
    });
  });
  const port = await listen(server, options.port ?? 0);
  allowedHosts = new Set([`${LOOPBACK_HOST}:${port}`, `localhost:${port}`]);
  const origin = `http://${LOOPBACK_HOST}:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    close: async () => {
      await rooms.closeAll('app_quit');
      await closeServer(server);
      await cases.closeAll();
      await schemeOffice.close();
    },
  };
}

interface RequestScope extends WebHostOptions {
  token: string;
  ctx: ApiContext;
  allowedHosts: Set<string>;
}

async function handleRequest(req: IncomingMessage, res: ServerResponse, scope: RequestScope): Promise<void> {
  // DNS rebinding: a page on another name that resolves to 127.0.0.1 must not reach the app.
  if (!scope.allowedHosts.has((req.headers.host ?? '').toLowerCase())) {
    sendText(res, 421, 'This address is not served here. Open the address the app printed.');
    return;
  }
  const url = req.url ?? '/';
  const call = /^\/(api|upload|download)\/([^/?#]+)$/.exec(url);
  if (call) {
    await handleApiCall(req, res, scope, call[1] as 'api' | 'upload' | 'download', operationName(call[2]!));
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendText(res, 405, 'Only GET is allowed here.');
    return;
  }
  serveStatic(scope.rendererDir, url, res);
}

async function handleApiCall(
  req: IncomingMessage,
  res: ServerResponse,
  scope: RequestScope,
  route: 'api' | 'upload' | 'download',
  name: string,
): Promise<void> {
  if (req.method !== 'POST') {
    sendText(res, 405, 'The API takes POST requests only.');
    return;
  }
  if (!hasValidToken(req, scope.token)) {
    sendText(res, 401, 'This request did not carry the launch token. Open the address the app printed.');
    return;
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !scope.allowedHosts.has(origin.replace(/^http:\/\//, '').toLowerCase())) {
    sendText(res, 403, 'Requests from other sites are refused.');
    return;
  }
  if (route === 'upload') {
    sendJson(res, await handleUpload(req, name, scope.handlers, scope.ctx));
    return;
  }
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    sendText(res, 415, 'The API takes JSON.');
    return;
  }
  const body = await readBody(req, MAX_JSON_BODY_BYTES);
  if (body === null) {
    sendText(res, 413, 'The request was too large.');
    return;
  }
  let input: unknown;
  try {
    input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
  } catch {
    sendJson(res, {
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'The request was not valid JSON.' },
    });
    return;
  }
  if (route === 'download') {
    await handleDownload(input, res, name, scope.handlers, scope.ctx);
    return;
  }
  sendJson(res, await dispatch(scope.handlers, name, input, scope.ctx));
}

/** The operation named in the path, as sent (a malformed escape is left as it is: no such operation). */
function operationName(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function hasValidToken(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? '';
  const presented = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
  const a = Buffer.from(presented);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, result: Result<unknown>): void {
  const body = JSON.stringify(result);
  res.writeHead(200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

function sendText(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(message);
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK_HOST, () => resolve((server.address() as AddressInfo).port));
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

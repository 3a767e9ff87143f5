import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { Result, RoomDevice } from '../../shared/api';
import {
  DEVICE_HEADER,
  fromBase64Url,
  openJson,
  purpose,
  ROOM_PATHS,
  ROOM_SECRET_BYTES,
  ROOM_WAIT,
  roomKey,
  sealJson,
  sessionKey,
  toBase64Url,
} from '../../shared/room/wire';
import { clientContext, dispatch, type ApiContext, type Handlers } from '../api';
import { currentCycle } from '../case';
import type { CaseRegistry, CycleStatus } from '../casefile';
import type { RuntimeEnvironment } from '../runtime';
import { ROOM_PAGE_CSP } from '../../shared/security';
import { RoomRule, SIGNS_IN } from './allowed';
import { agreeWithDevice } from './handshake';
import { nativeAead } from './native-aead';
import type { MemberPages, PageFile } from './pages';
import { WaitingDevices } from './waiting';

/** A member's device: no files by path, no app settings (so no list of case files), no printer. */
const ROOM_DEVICE = { localFiles: false, appSettings: false } as const;
export const MAX_DEVICES = 30;
const MAX_GREETING_BYTES = 4 * 1024;
const MAX_CALL_BYTES = 256 * 1024;
const MAX_HEADER_BYTES = 8 * 1024;
/** A request that has not arrived whole within this time is dropped (slow senders hold nothing open). */
const REQUEST_TIMEOUT_MS = 15_000;
const HEADERS_TIMEOUT_MS = 5_000;
/** The longest a closing room lets its last answers ("the room has closed") leave before it cuts every connection. */
const CLOSING_MS = 1_000;
/** Turns of the event loop a closing room takes to answer calls already delivered (accept, then read). */
const CLOSING_TURNS = 3;
/**
 * A device nobody signed in on that has not been heard from for this long leaves the room's list
 * (and its 30 places): a page closed before sign-in, or a rescan. An open page asks every few seconds.
 */
export const UNSIGNED_DEVICE_IDLE_MS = 2 * 60_000;

const greeting = z
  .object({ publicKey: z.string().regex(/^[\w-]{43}$/), kind: z.enum(['phone', 'tablet', 'laptop']) })
  .strict();
const call = z
  .object({
    counter: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    name: z.string().max(100),
    input: z.unknown(),
  })
  .strict();

interface Device {
  readonly id: string;
  readonly kind: RoomDevice['kind'];
  readonly key: Uint8Array;
  readonly ctx: ApiContext;
  readonly joinedAt: string;
  readonly counters: CounterWindow;
  /** When the room last heard from it (the room's clock, in ms). */
  lastHeard: number;
  /** Said with the device's next answer (e.g. signed out because the member signed in elsewhere). */
  notice: string | null;
}

export interface RoomOptions {
  caseId: string;
  address: string;
  runtime: RuntimeEnvironment;
  cases: CaseRegistry;
  handlers: Handlers;
  /** The member pages to serve (null when the renderer has not been built: then only the plain join page). */
  pages: MemberPages | null;
  /** Called after a member signs in on a device, with the devices that member was signed in on before. */
  onReplaced(memberLabel: string, device: string, replaced: string[]): Promise<void>;
  /** The room's clock in ms (tests move it on); Date.now by default. */
  now?: () => number;
}

/** One open panel room: a listener on the chosen network with its own sessions, one per device. */
export class PanelRoom {
  readonly caseId: string;
  readonly address: string;
  readonly secret = new Uint8Array(randomBytes(ROOM_SECRET_BYTES));
  private readonly greetingKey = roomKey(this.secret);
  private readonly devices = new Map<string, Device>();
  private readonly rule = new RoomRule(() => this.assessmentStatus());
  private readonly server: Server;
  /** Devices waiting for the room's word: told at once when it closes. */
  private readonly waiting = new WaitingDevices();
  private port = 0;
  paused = false;

  constructor(private readonly options: RoomOptions) {
    this.caseId = options.caseId;
    this.address = options.address;
    this.server = createServer(
      {
        maxHeaderSize: MAX_HEADER_BYTES,
        requestTimeout: REQUEST_TIMEOUT_MS,
        headersTimeout: HEADERS_TIMEOUT_MS,
        // How often the time-outs above are checked (Node's default, 30 s, would let a slow sender linger).
        connectionsCheckingInterval: 1_000,
      },
      (req, res) => {
        setRoomHeaders(res);
        this.answer(req, res).catch(() => {
          if (!res.headersSent) res.writeHead(500);
          res.end();
        });
      },
    );
    this.server.keepAliveTimeout = 5_000;
    this.server.maxConnections = MAX_DEVICES * 4;
  }

  async listen(): Promise<void> {
    this.port = await new Promise<number>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, this.address, () => resolve((this.server.address() as AddressInfo).port));
    });
  }

  get origin(): string {
    return `http://${this.address}:${this.port}`;
  }

  /** The link for the QR code: the secret travels in the #fragment, which browsers never send. */
  get link(): string {
    return `${this.origin}/#room=${toBase64Url(this.secret)}`;
  }

  /** Six digits from the secret, read aloud so members can tell they are in the right room. */
  get spokenCode(): string {
    const digits = createHash('sha256').update(this.secret).digest().readUInt32BE(0) % 1_000_000;
    const text = digits.toString().padStart(6, '0');
    return `${text.slice(0, 3)} ${text.slice(3)}`;
  }

  deviceList(): RoomDevice[] {
    this.forgetIdleUnsignedDevices();
    return [...this.devices.values()].map((device) => ({
      id: device.id,
      kind: device.kind,
      memberName: device.ctx.session.memberFor(this.caseId)?.name ?? null,
      joinedAt: device.joinedAt,
    }));
  }

  /** Devices nobody signed in on and not heard from for a while leave; a signed-in device never leaves silently. */
  private forgetIdleUnsignedDevices(): void {
    const idleSince = this.now() - UNSIGNED_DEVICE_IDLE_MS;
    for (const [id, device] of this.devices)
      if (device.lastHeard < idleSince && !this.signedInOn(device)) this.devices.delete(id);
  }

  private signedInOn(device: Device): boolean {
    return device.ctx.session.memberFor(this.caseId) !== undefined;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** Where the assessment has got to (what a device may ask for depends on it). */
  private async assessmentStatus(): Promise<CycleStatus> {
    return (await currentCycle(this.options.cases.get(this.caseId).db)).status;
  }

  signOutDevice(deviceId: string): boolean {
    const device = this.devices.get(deviceId);
    if (!device) return false;
    device.ctx.session.signOut(this.caseId);
    this.devices.delete(deviceId);
    return true;
  }

  /**
   * Stops listening at once. Devices waiting for the room's word are told it has closed, and so is
   * a call already on its way (it is not run); then every connection is cut.
   */
  async close(): Promise<void> {
    for (const device of this.devices.values()) device.ctx.session.signOut(this.caseId);
    this.waiting.tellClosed();
    // A few turns of the event loop first: a call already delivered to this computer (its connection
    // still to be accepted, or read) is answered "closed" rather than cut off.
    for (let turn = 0; turn < CLOSING_TURNS; turn += 1) await new Promise((resolve) => setImmediate(resolve));
    await new Promise<void>((resolve) => {
      const cut = setTimeout(() => this.server.closeAllConnections(), CLOSING_MS);
      // Stops listening now, and ends the connections that are idle (answers "closed" end their own).
      this.server.close(() => {
        clearTimeout(cut);
        resolve();
      });
    });
    this.devices.clear();
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Fitted to the room's own address: another name for this computer, or a page elsewhere, is refused.
    if ((req.headers.host ?? '').toLowerCase() !== `${this.address}:${this.port}`) return refuse(res, 421);
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== this.origin) return refuse(res, 403);
    if (req.method === 'GET') return this.sendPage(req.url ?? '/', res);
    if (req.method !== 'POST') return refuse(res, 405);
    if (req.url === ROOM_PATHS.hello) return this.greet(req, res);
    if (req.url === ROOM_PATHS.call) return this.call(req, res);
    return refuse(res, 404);
  }

  /** A device joins: proves it holds the room secret, and the two agree a key of its own. */
  private async greet(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req, MAX_GREETING_BYTES);
    if (body === null) return refuse(res, 413);
    if (body.length === 0) return refuse(res, 401);
    const parsed = greeting.safeParse(openJson(this.greetingKey, body, purpose.hello, nativeAead));
    if (!parsed.success) return refuse(res, 403);
    this.forgetIdleUnsignedDevices();
    if (this.devices.size >= MAX_DEVICES) return refuse(res, 503);
    const devicePublicKey = fromBase64Url(parsed.data.publicKey);
    if (!devicePublicKey || devicePublicKey.length !== 32) return refuse(res, 403);
    const id = randomBytes(16).toString('base64url');
    const { publicKey, shared } = agreeWithDevice(devicePublicKey);
    this.devices.set(id, {
      id,
      kind: parsed.data.kind,
      key: sessionKey(shared, this.secret, id),
      ctx: clientContext(this.options.runtime, this.options.cases, {
        ...ROOM_DEVICE,
        roomDevice: { kind: parsed.data.kind },
      }),
      joinedAt: new Date().toISOString(),
      counters: new CounterWindow(),
      lastHeard: this.now(),
      notice: null,
    });
    sendSealed(
      res,
      sealJson(
        this.greetingKey,
        { deviceId: id, publicKey, caseId: this.caseId },
        purpose.welcome(parsed.data.publicKey),
        nativeAead,
      ),
    );
  }

  /** One call from a device, opened with that device's own key; a replayed or altered message is refused. */
  private async call(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const header = req.headers[DEVICE_HEADER];
    const device = typeof header === 'string' ? this.devices.get(header) : undefined;
    if (!device) {
      req.resume();
      return refuse(res, 401);
    }
    const body = await readBody(req, MAX_CALL_BYTES);
    if (body === null) return refuse(res, 413);
    const parsed = call.safeParse(openJson(device.key, body, purpose.call(device.id), nativeAead));
    if (!parsed.success || !device.counters.accept(parsed.data.counter)) return refuse(res, 403);
    const { counter, name } = parsed.data;
    device.lastHeard = this.now();
    if (name === ROOM_WAIT) {
      // A wait's answer leaves any notice for the device's next call, whose answer the page shows.
      return this.waiting.hold(device.id, res, (closed) =>
        this.sendAnswer(res, device, counter, {
          result: { ok: true, value: { closed } },
          notice: null,
          closed,
        }),
      );
    }
    if (this.waiting.isClosing) {
      return this.sendAnswer(res, device, counter, { result: CLOSED, notice: null, closed: true });
    }
    const result = await this.run(device, name, parsed.data.input);
    const notice = device.notice;
    device.notice = null;
    this.sendAnswer(res, device, counter, { result, notice, closed: false });
  }

  /** The room's answer to one call, sealed for that call alone. */
  private sendAnswer(
    res: ServerResponse,
    device: Device,
    counter: number,
    { result, notice, closed }: { result: Result<unknown>; notice: string | null; closed: boolean },
  ): void {
    if (closed) res.setHeader('Connection', 'close');
    sendSealed(
      res,
      sealJson(
        device.key,
        {
          counter,
          result,
          notice,
          // Whether someone is signed in on this device after the call (the page follows it, never the other way).
          signedIn: this.signedInOn(device),
          closed,
        },
        purpose.answer(device.id, counter),
        nativeAead,
      ),
    );
  }

  /**
   * The member pages: `/` is the page (which, without the secret in its #fragment, only says to ask
   * for the QR code), `/assets/…` only the files that page loads.
   */
  private sendPage(url: string, res: ServerResponse): void {
    const pages = this.options.pages;
    if (url === '/' || url === '/index.html') return sendFile(res, pages?.page ?? JOIN_PAGE);
    const file = pages?.files.get(url);
    return file ? sendFile(res, file) : refuse(res, 404);
  }

  /** Runs a member's call through the dispatcher with the device's own session, if the room allows it at all. */
  private async run(device: Device, name: string, input: unknown): Promise<Result<unknown>> {
    if (this.paused) {
      return refused(
        'ROOM_UNAVAILABLE',
        'The lead assessor has paused the room. Your answers are kept; wait a moment.',
      );
    }
    const allowed = await this.rule.allows(name);
    if (!allowed.ok) return allowed;
    if (
      typeof input !== 'object' ||
      input === null ||
      (input as { caseId?: unknown }).caseId !== this.caseId
    ) {
      return refused('FORBIDDEN', 'This room is for one case only.');
    }
    const result = await dispatch(this.options.handlers, allowed.name, input, device.ctx);
    if (result.ok && SIGNS_IN.has(name)) await this.keepOneDevicePerMember(device);
    return result;
  }

  /** A member signed in here is signed out of any other device they had in the room, with a message on both. */
  private async keepOneDevicePerMember(device: Device): Promise<void> {
    const member = device.ctx.session.memberFor(this.caseId);
    if (!member) return;
    const replaced = [...this.devices.values()].filter(
      (other) => other !== device && other.ctx.session.memberFor(this.caseId)?.memberId === member.memberId,
    );
    if (replaced.length === 0) return;
    for (const other of replaced) {
      other.ctx.session.signOut(this.caseId);
      other.notice = `${member.name}, you signed in on another device, so you have been signed out here.`;
    }
    device.notice = 'You were signed out on your other device: you can carry on here.';
    await this.options.onReplaced(
      `${member.name} (${member.role}, member ${member.memberId})`,
      device.id,
      replaced.map((other) => other.id),
    );
  }
}

/** The answer to a call that arrives as the room closes (the page says so in its own words). */
const CLOSED = refused('ROOM_UNAVAILABLE', 'The lead assessor has closed the panel room.');

function refused(code: 'FORBIDDEN' | 'ROOM_UNAVAILABLE', message: string): Result<unknown> {
  return { ok: false, error: { code, message } };
}

/** A refusal says nothing more than its status: no detail for whoever is probing the room. */
function refuse(res: ServerResponse, status: number): void {
  res.writeHead(status, { 'Content-Length': 0, Connection: 'close' });
  res.end();
}

function sendSealed(res: ServerResponse, body: Uint8Array): void {
  res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': body.length });
  res.end(body);
}

/** Without a built page (tests that do not build the renderer) a device gets only this page. */
const JOIN_PAGE: PageFile = {
  type: 'text/html; charset=utf-8',
  body: Buffer.from(
    `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Panel room</title></head><body><main><h1>Panel room</h1><p>To join, ask the lead assessor for the room’s QR code and scan it.</p></main></body></html>`,
  ),
};

function sendFile(res: ServerResponse, file: PageFile): void {
  res.writeHead(200, { 'Content-Type': file.type, 'Content-Length': file.body.length });
  res.end(file.body);
}

/**
 * The counters a device has used, so a recorded call played again is refused, while calls sent
 * at the same time may arrive in any order: the highest seen, and which of the 256 below it were
 * seen. A device never sends the same sealed bytes twice: a resend after a lost answer is a new
 * call with a new counter (saving an answer is a put, so saving it twice keeps one answer).
 */
export class CounterWindow {
  static readonly SIZE = 256;
  private highest = 0;
  private readonly seen = new Set<number>();

  accept(counter: number): boolean {
    if (counter <= this.highest - CounterWindow.SIZE || this.seen.has(counter)) return false;
    this.seen.add(counter);
    if (counter > this.highest) {
      this.highest = counter;
      for (const old of this.seen) if (old <= counter - CounterWindow.SIZE) this.seen.delete(old);
    }
    return true;
  }
}

function setRoomHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', ROOM_PAGE_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', 'no-store');
}

function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      resolve(null);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? null : new Uint8Array(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

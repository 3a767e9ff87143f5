import { MessageChannelMain, utilityProcess, type UtilityProcess, type WebContents } from 'electron';
import { ENGINE_CHANNEL, PORT_CHANNEL, type EngineState } from '../../shared/api';
import type { OpenRoom } from './quit-question';
import {
  brokerRequest,
  openRoomsAnswer,
  type BackendMessage,
  type BrokerRequest,
  type HostMessage,
} from './backend/wire';

export interface BackendHostOptions {
  /** The built backend entry (out/main/backend.js). */
  readonly entry: string;
  /** The first message the backend gets: where the app's files are, what safeStorage can do. */
  readonly init: () => Extract<HostMessage, { type: 'init' }>;
  /** Does what the backend asks of the main process (print, safeStorage). */
  readonly broker: (request: BrokerRequest) => Promise<unknown>;
  /** The backend stopped without being asked to; it is being started again. */
  readonly onStopped: (windows: readonly WebContents[], restarted: boolean) => void;
}

/** More stops than this within a minute and the engine is not started again (it would only loop). */
const RESTARTS_PER_MINUTE = 3;
const SHUTDOWN_GRACE_MS = 10_000;
/** An engine that does not say which rooms are open within this time is taken to have none (the app still quits). */
const OPEN_ROOMS_WAIT_MS = 2_000;

/**
 * The main process's side of the one backend process: starts it, hands each window its end of a
 * MessagePort (once per page load), does what the backend asks of it, and starts it again when it
 * stops unasked (telling the windows, whose calls in flight end with ENGINE_STOPPED).
 */
export class BackendHost {
  private child: UtilityProcess | undefined;
  private readonly windows = new Map<number, WebContents>();
  private readonly stops: number[] = [];
  private stopping = false;
  private exited: Promise<void> = Promise.resolve();
  private nextAsk = 1;
  private readonly asking = new Map<number, (rooms: readonly OpenRoom[]) => void>();

  constructor(private readonly options: BackendHostOptions) {}

  start(): void {
    const child = utilityProcess.fork(this.options.entry, [], {
      serviceName: 'Coproduction Panel engine',
      stdio: 'inherit',
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.on('message', (message: BackendMessage) => void this.answer(child, message));
    child.once('exit', () => this.stopped(child));
    this.post(this.options.init());
    for (const [windowId, contents] of this.windows) this.handOver(windowId, contents);
  }

  /** Gives a window (its page) a fresh port to the backend; the previous one, if any, is closed. */
  connect(contents: WebContents): void {
    this.windows.set(contents.id, contents);
    this.handOver(contents.id, contents);
  }

  /** The window closed: its session ends. */
  disconnect(windowId: number): void {
    if (this.windows.delete(windowId)) this.post({ type: 'disconnect', windowId });
  }

  /** The panel rooms open in the engine now, with their devices (none when it is not running or does not say). */
  openRooms(): Promise<readonly OpenRoom[]> {
    if (!this.child) return Promise.resolve([]);
    const id = this.nextAsk++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => answered([]), OPEN_ROOMS_WAIT_MS);
      const answered = (rooms: readonly OpenRoom[]) => {
        clearTimeout(timer);
        this.asking.delete(id);
        resolve(rooms);
      };
      this.asking.set(id, answered);
      this.post({ type: 'openRooms', id });
    });
  }

  /** Closes the case files and ends the backend; resolves when it has ended. */
  async shutdown(): Promise<void> {
    this.stopping = true;
    this.post({ type: 'shutdown' });
    // Closing the case files takes moments; an engine that does not end is ended, so the app quits.
    const child = this.child;
    const deadline = setTimeout(() => child?.kill(), SHUTDOWN_GRACE_MS);
    await this.exited;
    clearTimeout(deadline);
  }

  private handOver(windowId: number, contents: WebContents): void {
    if (!this.child || contents.isDestroyed()) return;
    const { port1, port2 } = new MessageChannelMain();
    this.child.postMessage({ type: 'connect', windowId } satisfies HostMessage, [port1]);
    contents.postMessage(PORT_CHANNEL, null, [port2]);
  }

  private post(message: HostMessage): void {
    this.child?.postMessage(message);
  }

  private async answer(child: UtilityProcess, message: BackendMessage): Promise<void> {
    if (message.type === 'openRooms') {
      const parsed = openRoomsAnswer.safeParse(message);
      if (parsed.success) this.asking.get(parsed.data.id)?.(parsed.data.rooms);
      return;
    }
    if (message.type !== 'broker') return;
    const parsed = brokerRequest.safeParse(message.request);
    let outcome: { ok: true; value: unknown } | { ok: false; message: string };
    try {
      if (!parsed.success) throw new Error('The engine asked for something the app does not do.');
      outcome = { ok: true, value: await this.options.broker(parsed.data) };
    } catch (error) {
      outcome = { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    if (child === this.child)
      child.postMessage({ type: 'brokered', id: message.id, outcome } satisfies HostMessage);
  }

  private stopped(child: UtilityProcess): void {
    if (child !== this.child) return;
    this.child = undefined;
    if (this.stopping) return;
    const now = Date.now();
    this.stops.push(now);
    while (this.stops.length > 0 && (this.stops[0] ?? now) < now - 60_000) this.stops.shift();
    const restart = this.stops.length <= RESTARTS_PER_MINUTE;
    const live = [...this.windows.values()].filter((contents) => !contents.isDestroyed());
    const state: EngineState = restart ? 'restarting' : 'stopped';
    for (const contents of live) contents.send(ENGINE_CHANNEL, state);
    this.options.onStopped(live, restart);
    if (restart) this.start();
  }
}

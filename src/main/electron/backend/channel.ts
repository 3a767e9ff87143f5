import { EventEmitter } from 'node:events';
import type { ForkEnvelope } from './wire';

/** One end of a MessagePort as the backend uses it (Electron's MessagePortMain has this shape). */
export interface BackendPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
}

/** The backend's line to the main process, with the ports the main process hands over. */
export interface ParentChannel {
  onMessage(listener: (data: unknown, ports: readonly BackendPort[]) => void): void;
  postMessage(data: unknown): void;
}

/** Electron's `process.parentPort` in a utility process. */
export interface ElectronParentPort {
  on(event: 'message', listener: (event: { data: unknown; ports: BackendPort[] }) => void): unknown;
  postMessage(message: unknown): void;
}

export function electronParentChannel(parentPort: ElectronParentPort): ParentChannel {
  return {
    onMessage: (listener) => parentPort.on('message', (event) => listener(event.data, event.ports)),
    postMessage: (data) => parentPort.postMessage(data),
  };
}

/** A port carried as a numbered stream over a forked child's one channel (see ForkEnvelope). */
class ForkPort extends EventEmitter implements BackendPort {
  private closed = false;
  constructor(
    private readonly portId: number,
    private readonly send: (envelope: ForkEnvelope) => void,
  ) {
    super();
  }
  postMessage(data: unknown): void {
    if (!this.closed) this.send({ via: 'port', portId: this.portId, data });
  }
  start(): void {}
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.send({ via: 'port-close', portId: this.portId });
    this.emit('close');
  }
  remoteClosed(): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('close');
  }
}

/** A child started by child_process.fork: the stand-in for the utility process under plain Node. */
export function forkParentChannel(proc: NodeJS.Process = process): ParentChannel {
  const send = (envelope: ForkEnvelope) => proc.send?.(envelope);
  const ports = new Map<number, ForkPort>();
  const listeners: Array<(data: unknown, ports: readonly BackendPort[]) => void> = [];
  proc.on('message', (raw: unknown) => {
    const envelope = raw as ForkEnvelope;
    if (envelope.via === 'parent') {
      const handed = (envelope.portIds ?? []).map((portId) => {
        const port = new ForkPort(portId, send);
        ports.set(portId, port);
        port.once('close', () => ports.delete(portId));
        return port;
      });
      for (const listener of listeners) listener(envelope.data, handed);
    } else if (envelope.via === 'port') {
      ports.get(envelope.portId)?.emit('message', { data: envelope.data });
    } else if (envelope.via === 'port-close') {
      ports.get(envelope.portId)?.remoteClosed();
    }
  });
  return {
    onMessage: (listener) => listeners.push(listener),
    postMessage: (data) => send({ via: 'parent', data }),
  };
}

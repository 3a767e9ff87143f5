import { z } from 'zod';
import type { PdfFile, Result } from '../../../shared/api';
import type { OpenRoom } from '../quit-question';
import type { RuntimeEnvironment } from '../../runtime';

/**
 * The messages between the desktop app's processes. Nothing here imports Electron: the backend
 * process runs it as an Electron utilityProcess, and under plain Node (tests) as a forked child.
 *
 * window ⇄ backend, over the MessagePort the main process hands each window once:
 *   CallRequest {id, name, input} → CallReply {id, result}, the same `{name, input} → Result` as
 *   every other front door.
 * main ⇄ backend, over the utility process's parent port: HostMessage / BackendMessage.
 */
export interface CallRequest {
  readonly id: number;
  readonly name: string;
  readonly input: unknown;
}

export interface CallReply {
  readonly id: number;
  readonly result: Result<unknown>;
}

/** A call from a window, checked before it reaches the dispatcher (which validates the input itself). */
export const callRequest = z.object({
  id: z.number().int().nonnegative(),
  name: z.string().max(100),
  input: z.unknown(),
});

/** What the main process tells the backend. `connect` carries one MessagePort: the window's end. */
export type HostMessage =
  | {
      readonly type: 'init';
      readonly runtime: RuntimeEnvironment;
      /** The SQLite driver compiled for Electron, when there is one. */
      readonly nativeBinding: string | null;
      /** Whether safeStorage can protect a remembered passphrase on this computer. */
      readonly vaultAvailable: boolean;
    }
  | { readonly type: 'connect'; readonly windowId: number }
  | { readonly type: 'disconnect'; readonly windowId: number }
  | { readonly type: 'brokered'; readonly id: number; readonly outcome: BrokerOutcome }
  /** Which panel rooms are open (asked before the app quits). */
  | { readonly type: 'openRooms'; readonly id: number }
  | { readonly type: 'shutdown' };

/** What the backend asks the main process for: the things only it can do. */
export type BrokerRequest =
  | { readonly kind: 'print'; readonly pdf: PdfFile }
  | { readonly kind: 'vault.remember'; readonly path: string; readonly passphrase: string }
  | { readonly kind: 'vault.recall'; readonly path: string }
  | { readonly kind: 'vault.forget'; readonly path: string };

export const brokerRequest = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('print'),
    pdf: z.object({
      fileName: z.string().max(255),
      base64: z.string(),
      sizeBytes: z.number().int().nonnegative(),
    }),
  }),
  z.object({
    kind: z.literal('vault.remember'),
    path: z.string().max(4096),
    passphrase: z.string().max(1024),
  }),
  z.object({ kind: z.literal('vault.recall'), path: z.string().max(4096) }),
  z.object({ kind: z.literal('vault.forget'), path: z.string().max(4096) }),
]);

export type BrokerOutcome =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

/** What the backend tells the main process. */
export type BackendMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'broker'; readonly id: number; readonly request: BrokerRequest }
  | { readonly type: 'openRooms'; readonly id: number; readonly rooms: readonly OpenRoom[] };

/** The answer to `openRooms`, checked by the main process. */
export const openRoomsAnswer = z.object({
  id: z.number().int().nonnegative(),
  rooms: z.array(z.object({ devices: z.number().int().nonnegative() })).max(1_000),
});

/**
 * Under plain Node a forked child stands in for the utility process. A child_process channel
 * cannot transfer MessagePorts, so each port is carried as a numbered stream on the one channel.
 */
export type ForkEnvelope =
  | { readonly via: 'parent'; readonly data: unknown; readonly portIds?: readonly number[] }
  | { readonly via: 'port'; readonly portId: number; readonly data: unknown }
  | { readonly via: 'port-close'; readonly portId: number };

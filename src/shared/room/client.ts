import type { Result } from '../api';
import {
  DEVICE_HEADER,
  fromBase64Url,
  openJson,
  purpose,
  ROOM_PATHS,
  roomKey,
  sealJson,
  sessionKey,
  toBase64Url,
} from './wire';

/** How a device sends one sealed body and gets the sealed answer (fetch, unless a test routes it elsewhere). */
export type RoomTransport = (
  url: string,
  body: Uint8Array,
  headers: Record<string, string>,
) => Promise<Uint8Array>;

/** A device's half of the X25519 exchange (Node's crypto in tests and the bench; @noble/curves in a page). */
export interface KeyAgreement {
  readonly publicKey: string;
  agree(roomPublicKey: string): Uint8Array;
}

export type DeviceKind = 'phone' | 'tablet' | 'laptop';

/** The room refused a request: only its HTTP status is said (401, 403, 413, 503…). */
export class RoomRefused extends Error {
  constructor(readonly status: number) {
    super(`The panel room refused the request (${status}).`);
    this.name = 'RoomRefused';
  }
}

/** The device could not reach the room at all (the network dropped, or the lead's computer is away). */
export class RoomUnreachable extends Error {
  constructor() {
    super('The panel room cannot be reached: check this device is on the room’s network.');
    this.name = 'RoomUnreachable';
  }
}

/**
 * What a page keeps to carry on after a reload without joining again: the device, its key, and the
 * last counter used (kept before each call is sent, so a counter is never used twice).
 */
export interface RoomDeviceState {
  origin: string;
  deviceId: string;
  caseId: string;
  key: string;
  counter: number;
}

export interface RoomAnswer {
  result: Result<unknown>;
  /** A message for the member, e.g. signed out because they signed in on another device. */
  notice: string | null;
  /** Whether a member is signed in on this device after the call (false once signed out from elsewhere). */
  signedIn: boolean;
  /** The lead has closed the room (said to devices waiting or calling as it closes; then nothing listens). */
  closed: boolean;
}

interface Welcome {
  deviceId: string;
  publicKey: string;
  caseId: string;
}

function isWelcome(value: unknown): value is Welcome {
  if (typeof value !== 'object' || value === null) return false;
  const { deviceId, publicKey, caseId } = value as Record<string, unknown>;
  return typeof deviceId === 'string' && typeof publicKey === 'string' && typeof caseId === 'string';
}

/** The room secret and the room's address, from the link in the QR code; null if it carries none. */
export function readRoomLink(link: string): { origin: string; secret: Uint8Array } | null {
  const url = new URL(link);
  const found = /(?:^#|&)room=([\w-]{43})(?:&|$)/.exec(url.hash);
  const secret = found ? fromBase64Url(found[1]!) : null;
  return secret && secret.length === 32 ? { origin: url.origin, secret } : null;
}

/** One device in the panel room: joins with the link's secret, then seals every call with its own key. */
export class RoomClient {
  private constructor(
    readonly origin: string,
    readonly deviceId: string,
    readonly caseId: string,
    private readonly key: Uint8Array,
    private counter: number,
    private readonly post: RoomTransport,
    private readonly keep: (state: RoomDeviceState) => void,
  ) {}

  /** Carries on as a device that joined before (after a reload); the room refuses it if it has forgotten the device. */
  static resume(
    state: RoomDeviceState,
    post: RoomTransport = postWithFetch,
    keep: (state: RoomDeviceState) => void = () => undefined,
  ): RoomClient | null {
    const key = fromBase64Url(state.key);
    if (!key || key.length !== 32 || !Number.isSafeInteger(state.counter) || state.counter < 0) return null;
    return new RoomClient(state.origin, state.deviceId, state.caseId, key, state.counter, post, keep);
  }

  /** The device's state to keep for a reload (it holds the device's key: keep it only for this tab). */
  state(): RoomDeviceState {
    return {
      origin: this.origin,
      deviceId: this.deviceId,
      caseId: this.caseId,
      key: toBase64Url(this.key),
      counter: this.counter,
    };
  }

  /** Seals a value to keep on this device (unsent answers); only this device's key opens it. */
  sealKept(value: unknown): string {
    return toBase64Url(sealJson(this.key, value, purpose.kept(this.deviceId)));
  }

  /** Opens a value kept on this device; null when it was not sealed by this device or was changed. */
  openKept(sealed: string): unknown {
    const bytes = fromBase64Url(sealed);
    return bytes ? openJson(this.key, bytes, purpose.kept(this.deviceId)) : null;
  }

  static async join(
    link: string,
    kind: DeviceKind,
    keys: KeyAgreement,
    post: RoomTransport = postWithFetch,
    keep: (state: RoomDeviceState) => void = () => undefined,
  ): Promise<RoomClient> {
    const room = readRoomLink(link);
    if (!room) throw new RoomRefused(401);
    const greetingKey = roomKey(room.secret);
    const answer = await post(
      `${room.origin}${ROOM_PATHS.hello}`,
      sealJson(greetingKey, { publicKey: keys.publicKey, kind }, purpose.hello),
      {},
    );
    const welcome = openJson(greetingKey, answer, purpose.welcome(keys.publicKey));
    if (!isWelcome(welcome)) throw new RoomRefused(502);
    const key = sessionKey(keys.agree(welcome.publicKey), room.secret, welcome.deviceId);
    const client = new RoomClient(room.origin, welcome.deviceId, welcome.caseId, key, 0, post, keep);
    keep(client.state());
    return client;
  }

  /** Calls an operation through the room; the answer is opened only if it is the room's answer to this very call. */
  async call(name: string, input: unknown): Promise<RoomAnswer> {
    const counter = ++this.counter;
    this.keep(this.state());
    const answer = await this.post(
      `${this.origin}${ROOM_PATHS.call}`,
      sealJson(this.key, { counter, name, input }, purpose.call(this.deviceId)),
      { [DEVICE_HEADER]: this.deviceId },
    );
    const opened = openJson(this.key, answer, purpose.answer(this.deviceId, counter));
    if (typeof opened !== 'object' || opened === null || !('result' in opened)) throw new RoomRefused(502);
    const { result, notice, signedIn, closed } = opened as {
      result: Result<unknown>;
      notice?: unknown;
      signedIn?: unknown;
      closed?: unknown;
    };
    return {
      result,
      notice: typeof notice === 'string' ? notice : null,
      signedIn: signedIn === true,
      closed: closed === true,
    };
  }
}

async function postWithFetch(
  url: string,
  body: Uint8Array,
  headers: Record<string, string> = {},
): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', ...headers },
      body: body as BodyInit,
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    throw new RoomUnreachable();
  }
  if (response.status !== 200) throw new RoomRefused(response.status);
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch {
    throw new RoomUnreachable();
  }
}

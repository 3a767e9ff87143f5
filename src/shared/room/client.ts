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

export interface RoomAnswer {
  result: Result<unknown>;
  /** A message for the member, e.g. signed out because they signed in on another device. */
  notice: string | null;
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
  private counter = 0;

  private constructor(
    readonly origin: string,
    readonly deviceId: string,
    readonly caseId: string,
    private readonly key: Uint8Array,
    private readonly post: RoomTransport,
  ) {}

  static async join(
    link: string,
    kind: DeviceKind,
    keys: KeyAgreement,
    post: RoomTransport = postWithFetch,
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
    return new RoomClient(room.origin, welcome.deviceId, welcome.caseId, key, post);
  }

  /** Calls an operation through the room; the answer is opened only if it is the room's answer to this very call. */
  async call(name: string, input: unknown): Promise<RoomAnswer> {
    const counter = ++this.counter;
    const answer = await this.post(
      `${this.origin}${ROOM_PATHS.call}`,
      sealJson(this.key, { counter, name, input }, purpose.call(this.deviceId)),
      { [DEVICE_HEADER]: this.deviceId },
    );
    const opened = openJson(this.key, answer, purpose.answer(this.deviceId, counter));
    if (typeof opened !== 'object' || opened === null || !('result' in opened)) throw new RoomRefused(502);
    const { result, notice } = opened as { result: Result<unknown>; notice?: unknown };
    return { result, notice: typeof notice === 'string' ? notice : null };
  }
}

async function postWithFetch(
  url: string,
  body: Uint8Array,
  headers: Record<string, string> = {},
): Promise<Uint8Array> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream', ...headers },
    body: body as BodyInit,
  });
  if (response.status !== 200) throw new RoomRefused(response.status);
  return new Uint8Array(await response.arrayBuffer());
}

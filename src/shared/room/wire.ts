import { xchacha20poly1305 } from '@noble/ciphers/chacha';
import { hkdf } from '@noble/hashes/hkdf';
import { sha256 } from '@noble/hashes/sha2';

/**
 * The panel room's wire: every request and response body is sealed with XChaCha20-Poly1305, so
 * someone else on the same Wi-Fi learns nothing of scores, reasons, PINs or evidence, and cannot
 * call anything without the room secret (carried in the link's #fragment, never sent).
 *
 * - The room key (from the secret) seals only the greeting, in which a device and the room swap
 *   X25519 public keys; each device then has its own session key (from the shared X25519 secret
 *   and the room secret), so one member holding the room secret cannot read or forge another's calls.
 * - Every call carries a counter that must grow (per device): a recorded message played again is refused.
 * - The associated data binds each message to its direction, device and purpose.
 */

/** At least 128 bits; we use 256. */
export const ROOM_SECRET_BYTES = 32;
const NONCE_BYTES = 24;
const KEY_BYTES = 32;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export const ROOM_PATHS = { hello: '/room/hello', call: '/room/call' } as const;
/**
 * The call a device makes to wait for the room's word: the room holds it open and answers it at
 * once when the room closes (or, with nothing to say, after a while, and the device asks again).
 */
export const ROOM_WAIT = 'room.wait';
/** The header naming the device a call comes from. */
export const DEVICE_HEADER = 'x-room-device';

export function roomKey(secret: Uint8Array): Uint8Array {
  return hkdf(sha256, secret, encoder.encode('copanel-room-v1'), encoder.encode('greeting'), KEY_BYTES);
}

/** One device's own key: from the X25519 secret it shares with the room, bound to the room secret and the device. */
export function sessionKey(shared: Uint8Array, secret: Uint8Array, deviceId: string): Uint8Array {
  return hkdf(sha256, shared, secret, encoder.encode(`copanel-room-v1 session ${deviceId}`), KEY_BYTES);
}

/** What each sealed message is for; a message sealed for one purpose does not open for another. */
export const purpose = {
  hello: 'hello',
  welcome: (devicePublicKey: string) => `welcome ${devicePublicKey}`,
  call: (deviceId: string) => `call ${deviceId}`,
  answer: (deviceId: string, counter: number) => `answer ${deviceId} ${counter}`,
  /** An answer kept on the device (unsaved work), never sent as is. */
  kept: (deviceId: string) => `kept ${deviceId}`,
};

/**
 * XChaCha20-Poly1305 itself: seal gives ciphertext ‖ tag; open throws when the bytes were not
 * sealed with this key, nonce and associated data. The page uses @noble/ciphers (below); the room
 * in the app may use Node's own cipher instead (src/main/room/native-aead.ts), which gives the same bytes.
 */
export interface RoomAead {
  seal(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Uint8Array;
  open(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, sealed: Uint8Array): Uint8Array;
}

export const nobleAead: RoomAead = {
  seal: (key, nonce, aad, plaintext) => xchacha20poly1305(key, nonce, aad).encrypt(plaintext),
  open: (key, nonce, aad, sealed) => xchacha20poly1305(key, nonce, aad).decrypt(sealed),
};

function randomNonce(): Uint8Array {
  const nonce = new Uint8Array(NONCE_BYTES);
  globalThis.crypto.getRandomValues(nonce);
  return nonce;
}

/** Seals a JSON value: nonce ‖ ciphertext ‖ tag. */
export function sealJson(
  key: Uint8Array,
  value: unknown,
  aad: string,
  aead: RoomAead = nobleAead,
): Uint8Array {
  const nonce = randomNonce();
  const sealed = aead.seal(key, nonce, encoder.encode(aad), encoder.encode(JSON.stringify(value)));
  const out = new Uint8Array(NONCE_BYTES + sealed.length);
  out.set(nonce, 0);
  out.set(sealed, NONCE_BYTES);
  return out;
}

/** Opens a sealed JSON value; null when it was not sealed with this key for this purpose, or was changed. */
export function openJson(
  key: Uint8Array,
  bytes: Uint8Array,
  aad: string,
  aead: RoomAead = nobleAead,
): unknown {
  if (bytes.length < NONCE_BYTES + 16) return null;
  try {
    const plain = aead.open(
      key,
      bytes.subarray(0, NONCE_BYTES),
      encoder.encode(aad),
      bytes.subarray(NONCE_BYTES),
    );
    return JSON.parse(decoder.decode(plain)) as unknown;
  } catch {
    return null;
  }
}

export function toBase64Url(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[\w-]*$/.test(text) || text.length > 4096) return null;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

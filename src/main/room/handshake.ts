import {
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { fromBase64Url, toBase64Url } from '../../shared/room/wire';

/** The room's half of one device's X25519 exchange: its public key to send, and the shared secret. */
export function agreeWithDevice(devicePublicKey: Uint8Array): { publicKey: string; shared: Uint8Array } {
  const { privateKey, publicKey } = generateKeyPairSync('x25519');
  const shared = diffieHellman({ privateKey, publicKey: x25519PublicKey(devicePublicKey) });
  return { publicKey: rawPublicKey(publicKey), shared: new Uint8Array(shared) };
}

export function x25519PublicKey(raw: Uint8Array): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: toBase64Url(raw) }, format: 'jwk' });
}

export function rawPublicKey(key: KeyObject): string {
  const { x } = key.export({ format: 'jwk' });
  if (typeof x !== 'string') throw new Error('An X25519 key without its public part');
  return x;
}

/** For a device written in Node (the tests and the bench): a key pair and the shared secret with the room. */
export function deviceKeyPair(): { publicKey: string; agree(roomPublicKey: string): Uint8Array } {
  const { privateKey, publicKey } = generateKeyPairSync('x25519');
  const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' });
  return {
    publicKey: rawPublicKey(publicKey),
    agree: (roomPublicKey) => {
      const raw = fromBase64Url(roomPublicKey);
      if (!raw) throw new Error('The room sent a malformed key');
      const own = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
      return new Uint8Array(diffieHellman({ privateKey: own, publicKey: x25519PublicKey(raw) }));
    },
  };
}

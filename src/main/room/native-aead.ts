import { createCipheriv, createDecipheriv } from 'node:crypto';
import { hchacha } from '@noble/ciphers/chacha';
import type { RoomAead } from '../../shared/room/wire';

/**
 * XChaCha20-Poly1305 with Node's own ChaCha20-Poly1305 (OpenSSL), for the room's side of the wire:
 * the same bytes as @noble/ciphers' xchacha20poly1305, which the member pages use, at a fraction of
 * the CPU (every autosave opens one sealed body and seals one answer). XChaCha20-Poly1305 is
 * ChaCha20-Poly1305 under a subkey: HChaCha20(key, first 16 bytes of the 24-byte nonce), with the
 * nonce 0⁴ ‖ its last 8 bytes (draft-irtf-cfrg-xchacha, section 2.3); the subkey step, one block of
 * work, is @noble's own `hchacha`. tests/unit/room/native-aead.test.ts checks both give the same bytes.
 */
export const nativeAead: RoomAead = {
  seal(key, nonce, aad, plaintext) {
    const { subkey, iv } = chachaInputs(key, nonce);
    const cipher = createCipheriv('chacha20-poly1305', subkey, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad, { plaintextLength: plaintext.length });
    return new Uint8Array(Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]));
  },
  open(key, nonce, aad, sealed) {
    if (sealed.length < TAG_BYTES) throw new Error('Too short to be sealed');
    const { subkey, iv } = chachaInputs(key, nonce);
    const decipher = createDecipheriv('chacha20-poly1305', subkey, iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    decipher.setAAD(aad, { plaintextLength: sealed.length - TAG_BYTES });
    // final() throws when the tag does not match: nothing decrypted is returned then.
    const plain = Buffer.concat([
      decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)),
      decipher.final(),
    ]);
    return new Uint8Array(plain.buffer, plain.byteOffset, plain.length);
  },
};

const TAG_BYTES = 16;
/** ChaCha's constant, "expand 32-byte k", as four little-endian words. */
const SIGMA = littleEndianWords(new TextEncoder().encode('expand 32-byte k'));

function chachaInputs(key: Uint8Array, nonce: Uint8Array): { subkey: Uint8Array; iv: Uint8Array } {
  if (key.length !== 32 || nonce.length !== 24)
    throw new Error('XChaCha20 takes a 32-byte key and a 24-byte nonce');
  const subkeyWords = new Uint32Array(8);
  hchacha(SIGMA, littleEndianWords(key), littleEndianWords(nonce.subarray(0, 16)), subkeyWords);
  const iv = new Uint8Array(12);
  iv.set(nonce.subarray(16), 4);
  return { subkey: wordBytes(subkeyWords), iv };
}

function littleEndianWords(bytes: Uint8Array): Uint32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  return Uint32Array.from({ length: bytes.length / 4 }, (_, index) => view.getUint32(index * 4, true));
}

function wordBytes(words: Uint32Array): Uint8Array {
  const bytes = new Uint8Array(words.length * 4);
  const view = new DataView(bytes.buffer);
  words.forEach((word, index) => view.setUint32(index * 4, word, true));
  return bytes;
}

import { webcrypto, createHash } from 'node:crypto';
import * as pkijs from 'pkijs';

let ready = false;

/** Points pkijs at Node's WebCrypto. Safe to call many times. */
export function useNodeCrypto(): void {
  if (ready) return;
  const crypto = webcrypto as unknown as Crypto;
  pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto }));
  ready = true;
}

export function subtle(): SubtleCrypto {
  return (webcrypto as unknown as Crypto).subtle;
}

export const ECDSA_P256: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };
/** PBES2 content encryption for key files and PKCS#12 (what pkijs calls a ContentEncryptionAlgorithm). */
export const AES_256_CBC = { name: 'AES-CBC', length: 256 } as pkijs.ContentEncryptionAlgorithm; // pkijs makes the IV

export function sha256(data: Uint8Array): Buffer {
  return createHash('sha256').update(data).digest();
}

export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

export function pem(label: string, der: Uint8Array): string {
  const body = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

/** DER from PEM text (first block with the label) or the bytes unchanged when already DER. */
export function derFrom(input: Uint8Array | string, label: string): Uint8Array {
  const text =
    typeof input === 'string'
      ? input
      : looksLikePem(input)
        ? Buffer.from(input).toString('latin1')
        : undefined;
  if (text === undefined) return input as Uint8Array;
  const match = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`).exec(text);
  if (!match) throw new Error(`No ${label} PEM block found`);
  return Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64');
}

function looksLikePem(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 64)).toString('latin1').includes('-----BEGIN ');
}

/** A random positive 128-bit certificate serial number, as hex. */
export function randomSerial(): string {
  const bytes = new Uint8Array(16);
  webcrypto.getRandomValues(bytes);
  bytes[0] = (bytes[0]! & 0x7f) | 0x10;
  return Buffer.from(bytes).toString('hex');
}

import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nativeAead } from '../../../src/main/room';
import { nobleAead, openJson, purpose, sealJson } from '../../../src/shared/room/wire';

const hex = (text: string) => Uint8Array.from(Buffer.from(text, 'hex'));

/** draft-irtf-cfrg-xchacha-03, appendix A.3.1 (AEAD_XChaCha20_Poly1305). */
const DRAFT_VECTOR = {
  key: hex('808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f'),
  nonce: hex('404142434445464748494a4b4c4d4e4f5051525354555657'),
  aad: hex('50515253c0c1c2c3c4c5c6c7'),
  plaintext: new TextEncoder().encode(
    "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.",
  ),
  sealed: hex(
    'bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb731c7f1b0b4aa6440bf3a82f4eda7e39' +
      'ae64c6708c54c216cb96b72e1213b4522f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f76b2383565d3fff9' +
      '21f9664c97637da9768812f615c68b13b52e' +
      'c0875924c1c7987947deafd8780acf49',
  ),
};

const bytes = (min: number, max: number) => fc.uint8Array({ minLength: min, maxLength: max });
const sealing = fc.record({
  key: bytes(32, 32),
  nonce: bytes(24, 24),
  aad: bytes(0, 80),
  plaintext: bytes(0, 700),
});

describe('the room seals with Node’s cipher, and the pages (with @noble/ciphers) see the same bytes', () => {
  it('gives the published XChaCha20-Poly1305 test vector, as @noble does', () => {
    const { key, nonce, aad, plaintext, sealed } = DRAFT_VECTOR;
    expect(Buffer.from(nativeAead.seal(key, nonce, aad, plaintext))).toEqual(Buffer.from(sealed));
    expect(Buffer.from(nobleAead.seal(key, nonce, aad, plaintext))).toEqual(Buffer.from(sealed));
    expect(Buffer.from(nativeAead.open(key, nonce, aad, sealed))).toEqual(Buffer.from(plaintext));
  });

  it('seals any body to exactly the bytes @noble seals it to, and each opens what the other sealed', () => {
    fc.assert(
      fc.property(sealing, ({ key, nonce, aad, plaintext }) => {
        const ours = nativeAead.seal(key, nonce, aad, plaintext);
        expect(Buffer.from(ours)).toEqual(Buffer.from(nobleAead.seal(key, nonce, aad, plaintext)));
        expect(Buffer.from(nobleAead.open(key, nonce, aad, ours))).toEqual(Buffer.from(plaintext));
        expect(Buffer.from(nativeAead.open(key, nonce, aad, ours))).toEqual(Buffer.from(plaintext));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a body changed anywhere, under another key, or for another purpose, as @noble does', () => {
    fc.assert(
      fc.property(sealing, fc.nat(), fc.integer({ min: 1, max: 255 }), (input, where, flip) => {
        const { key, nonce, aad, plaintext } = input;
        const sealed = nobleAead.seal(key, nonce, aad, plaintext);
        const changed = Uint8Array.from(sealed);
        changed[where % changed.length]! ^= flip;
        expect(() => nativeAead.open(key, nonce, aad, changed)).toThrow();
        const otherKey = Uint8Array.from(key);
        otherKey[where % 32]! ^= flip;
        expect(() => nativeAead.open(otherKey, nonce, aad, sealed)).toThrow();
        expect(() => nativeAead.open(key, nonce, Uint8Array.of(...aad, 0), sealed)).toThrow();
        expect(() => nativeAead.open(key, nonce, aad, sealed.subarray(0, 15))).toThrow();
      }),
      { numRuns: 200 },
    );
  });

  it('a device’s sealed call opens in the room, and the room’s answer opens on the device', () => {
    const key = new Uint8Array(randomBytes(32));
    const call = { counter: 7, name: 'scoring.saveScore', input: { rationale: 'Clear evidence ✓' } };
    const fromDevice = sealJson(key, call, purpose.call('device-1'));
    expect(openJson(key, fromDevice, purpose.call('device-1'), nativeAead)).toEqual(call);
    expect(openJson(key, fromDevice, purpose.call('device-2'), nativeAead)).toBeNull();
    const answer = sealJson(
      key,
      { counter: 7, result: { ok: true } },
      purpose.answer('device-1', 7),
      nativeAead,
    );
    expect(openJson(key, answer, purpose.answer('device-1', 7))).toEqual({
      counter: 7,
      result: { ok: true },
    });
    expect(openJson(key, answer, purpose.answer('device-1', 8))).toBeNull();
  });
});

import { x25519 } from '@noble/curves/ed25519';
import type { KeyAgreement } from '../../../shared/room/client';
import { fromBase64Url, toBase64Url } from '../../../shared/room/wire';

/**
 * The device's half of the X25519 exchange, in the page. Browsers offer WebCrypto only on secure
 * origins, and the room is plain http on the local network, so this uses @noble/curves (audited).
 */
export function pageKeyAgreement(): KeyAgreement {
  const privateKey = x25519.utils.randomPrivateKey();
  return {
    publicKey: toBase64Url(x25519.getPublicKey(privateKey)),
    agree(roomPublicKey) {
      const raw = fromBase64Url(roomPublicKey);
      if (!raw || raw.length !== 32) throw new Error('The room sent a malformed key.');
      return x25519.getSharedSecret(privateKey, raw);
    },
  };
}

/** What kind of device this is, as the lead's roster shows it. */
export function deviceKind(win: Window): 'phone' | 'tablet' | 'laptop' {
  const touch = win.matchMedia('(pointer: coarse)').matches;
  if (!touch) return 'laptop';
  return Math.min(win.screen.width, win.screen.height) < 600 ? 'phone' : 'tablet';
}

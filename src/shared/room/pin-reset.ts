import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha2';
import type { Result } from '../api';
import { fromBase64Url, toBase64Url } from './wire';

/**
 * A forgotten PIN in the panel room: the room gives a member's device a secret when they sign in
 * there, and only that device can later ask for (and, once the lead confirms, make) a new PIN. Each
 * ask carries the secret and an HMAC of it over what is asked, bound to a one-time nonce from the
 * room, so a recorded ask cannot be played again.
 */

/** 256 bits. */
export const DEVICE_SECRET_BYTES = 32;

/** What one step of a reset is: asking, asking how it stands, or choosing the new PIN. */
export type PinResetStep = 'request' | 'status' | 'choose';

export interface PinResetAsk {
  step: PinResetStep;
  caseId: string;
  memberId: string;
  deviceId: string;
  nonce: string;
  /** For the choose step: a digest of the new PIN, so the proof covers the PIN that is set. */
  newPinDigest?: string;
}

const encoder = new TextEncoder();

/** The HMAC-SHA-256 of the device secret over the ask, as base64url. */
export function pinResetProof(secret: Uint8Array, ask: PinResetAsk): string {
  const words = [
    'copanel-pin-reset-v1',
    ask.step,
    ask.caseId,
    ask.memberId,
    ask.deviceId,
    ask.nonce,
    ask.newPinDigest ?? '',
  ];
  return toBase64Url(hmac(sha256, secret, encoder.encode(words.join('\n'))));
}

/** A digest of a new PIN inside the proof (never stored): the proof cannot be moved to another PIN. */
export function newPinDigest(newPin: string): string {
  return toBase64Url(sha256(encoder.encode(`copanel-pin-reset-v1 new pin ${newPin}`)));
}

/** The hash of a device secret that the case file keeps (hex): the secret itself is never stored. */
export function deviceSecretHash(secret: Uint8Array): string {
  return [...sha256(secret)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The secret a device holds for the member who signed in on it (from the sign-in's answer). */
export interface HeldDeviceSecret {
  memberId: string;
  deviceId: string;
  secret: string;
}

const STEP_OPERATIONS = {
  request: 'panel.requestPinReset',
  status: 'panel.pinResetStatus',
  choose: 'panel.choosePinOnDevice',
} as const;

/** One call through the room, as the device makes it. */
export type RoomCall = (name: string, input: unknown) => Promise<Result<unknown>>;

/**
 * One step of a reset from the device holding the secret: a fresh nonce from the room, then the
 * step with the secret and the HMAC over it (and, to choose, the new PIN). The page and the tests
 * both take this path.
 */
export async function pinResetStep(
  call: RoomCall,
  caseId: string,
  held: HeldDeviceSecret,
  step: PinResetStep,
  newPin?: string,
): Promise<Result<unknown>> {
  const challenge = await call('panel.pinResetChallenge', { caseId, memberId: held.memberId });
  if (!challenge.ok) return challenge;
  const { nonce } = challenge.value as { nonce: string };
  const secret = fromBase64Url(held.secret) ?? new Uint8Array();
  const ask = { step, caseId, memberId: held.memberId, deviceId: held.deviceId, nonce };
  const proof = pinResetProof(
    secret,
    newPin === undefined ? ask : { ...ask, newPinDigest: newPinDigest(newPin) },
  );
  return call(STEP_OPERATIONS[step], {
    caseId,
    memberId: held.memberId,
    deviceId: held.deviceId,
    secret: held.secret,
    nonce,
    proof,
    ...(newPin === undefined ? {} : { newPin }),
  });
}

import { z } from 'zod';
import { caseId } from './fields';
import { op, operations } from './operation';

/** A network this computer is on, where the room can listen (the venue's Wi-Fi, a phone hotspot). */
export interface RoomInterface {
  name: string;
  address: string;
}

export interface RoomDevice {
  id: string;
  /** "phone", "tablet" or "laptop", as the device said when it joined. */
  kind: 'phone' | 'tablet' | 'laptop';
  /** Who is signed in on it (null until they sign in). */
  memberName: string | null;
  joinedAt: string;
}

/**
 * Where a member's declaration of interests stands, as the lead's roster shows it: not said yet;
 * said for them by the lead while they hold their own PIN (before scoring opens they still make
 * their own); no conflict; or a conflict declared, waiting for the lead's decision, allowed, or
 * excluding them from scoring.
 */
export type RoomConflict = 'not_said' | 'own_still_to_make' | 'none' | 'undecided' | 'allowed' | 'excluded';

/** One member who scores, on the lead's roster: progress and declaration, never scores. */
export interface RoomMemberProgress {
  memberName: string;
  scoredCount: number;
  criteriaCount: number;
  submitted: boolean;
  /** Their declaration of interests (scoring waits for everyone's own, and the lead's decisions). */
  conflict: RoomConflict;
}

/** The lead's view of the room: who has joined and how far they have got — never their scores. */
export interface RoomState {
  open: boolean;
  paused: boolean;
  /** The link to show as a QR code; the room secret is in its #fragment. */
  link: string | null;
  /** The address to type (without the secret). */
  address: string | null;
  /** A short code to read aloud, so members can tell they joined the right room. */
  spokenCode: string | null;
  devices: RoomDevice[];
  progress: RoomMemberProgress[];
}

const ipv4 = z
  .string()
  .regex(/^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/, 'Choose a network address.');

export const roomOperations = operations('room', {
  'room.interfaces': op<RoomInterface[]>()({
    input: z.object({ caseId }).strict(),
    access: ['lead'],
    effect: 'read',
    summary: 'Lists the networks this computer is on, where the panel room can listen.',
  }),
  'room.open': op<RoomState>()({
    input: z.object({ caseId, address: ipv4.optional() }).strict(),
    access: ['lead'],
    effect: 'change',
    summary: 'Opens the panel room on a local network, so members can score on their own devices.',
  }),
  'room.state': op<RoomState>()({
    input: z.object({ caseId }).strict(),
    access: ['lead'],
    effect: 'read',
    summary: 'Shows who has joined the panel room and how far they have got, without their scores.',
  }),
  'room.signOutDevice': op<RoomState>()({
    input: z.object({ caseId, deviceId: z.string().regex(/^[\w-]{8,64}$/) }).strict(),
    access: ['lead'],
    effect: 'change',
    summary: 'Signs one device out of the panel room.',
  }),
  'room.pause': op<RoomState>()({
    input: z.object({ caseId, paused: z.boolean() }).strict(),
    access: ['lead'],
    effect: 'change',
    summary: 'Pauses the panel room (devices wait) or carries on.',
  }),
  'room.close': op<RoomState>()({
    input: z.object({ caseId }).strict(),
    access: ['lead'],
    effect: 'change',
    summary: 'Closes the panel room: nothing listens on the network any more.',
  }),
});

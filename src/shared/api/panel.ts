import { z } from 'zod';
import { MEMBER_ROLES, type MemberRole } from '../vocabulary';
import type { SignedInMember } from './case';
import { caseId, memberId, personName, pin, reason } from './fields';
import { op, operations } from './operation';

/**
 * Who recorded a declaration of interests: the member themselves, the lead assessor for them (paper
 * sheet, shared laptop), or not recorded (declared before the app kept who declared).
 */
export type DeclaredBy = 'themselves' | 'lead' | 'not_recorded';

export type ConflictState =
  | { status: 'not_declared' }
  | { status: 'none'; declaredAt: string; declaredBy: DeclaredBy }
  | {
      status: 'declared';
      text: string;
      declaredAt: string;
      declaredBy: DeclaredBy;
      decision: null | {
        outcome: 'allowed' | 'excluded';
        reason: string;
        decidedBy: string;
        decidedAt: string;
      };
    };

export type SheetStatus = 'not_started' | 'in_progress' | 'submitted' | 'excluded';

export interface PanelMember {
  id: string;
  name: string;
  role: MemberRole;
  consentToBeNamed: boolean;
  hasPin: boolean;
  /**
   * The PIN was set by someone else (the lead assessor): it works only once, for the member to
   * choose their own at their first sign-in, so nobody else ever knows a PIN that opens their scores.
   */
  pinToChoose: boolean;
  conflict: ConflictState;
  /** Progress only (how many criteria scored), never the scores themselves. */
  sheet: {
    status: SheetStatus;
    scoredCount: number;
    criteriaCount: number;
    exclusionReason: string | null;
    enteredFromPaper: boolean;
  };
}

/** Where a member's PIN stands: none yet, one someone else set (to be replaced at first sign-in), or their own. */
export type PinState = 'not_set' | 'to_choose' | 'chosen';

/**
 * A member as the name picker shows them before anyone signs in: only what choosing a name needs
 * (a device holding just the room link learns nothing of anyone's conflicts or progress).
 */
export interface SignInChoice {
  id: string;
  name: string;
  role: MemberRole;
  pin: PinState;
}

/**
 * A PIN reset, or a change of a member's name or consent to be named, made after scoring opened:
 * shown to the whole panel on the moderation screen and printed in the report.
 */
export interface PanelChange {
  id: string;
  kind: 'pin_reset' | 'details_changed';
  memberId: string;
  /** The member's name when the change was made (before it, for a change of name). */
  memberName: string;
  /** The name of the lead who made it. */
  by: string;
  at: string;
  /** When in the assessment: while scoring was open, during moderation, or after the decision. */
  stage: 'scoring' | 'moderation' | 'decided';
  reason: string;
  /** For a change of details: the new name and consent, where they changed. */
  changed?: { name?: string; consentToBeNamed?: boolean };
  /** The whole change in one sentence, e.g. "Ben Okafor’s PIN reset by the lead, Asha Patel, at 10:42 UTC on 26 November 2026, during moderation." */
  summary: string;
}

/** How a member's request to choose a new PIN from their own device stands. */
export type PinResetStatus = 'none' | 'waiting' | 'confirmed' | 'refused' | 'expired';

/** What the member's device hears back when it asks, or asks how its request stands. */
export interface PinResetAnswer {
  status: PinResetStatus;
  /** The lead's reason, when they refused. */
  reason: string | null;
  /** When a waiting request, or a confirmed one not yet used, lapses. */
  expiresAt: string | null;
}

/** A member's request waiting for the lead's answer, as the lead's room screen shows it. */
export interface PinResetRequest {
  id: string;
  memberId: string;
  memberName: string;
  deviceKind: 'phone' | 'tablet' | 'laptop';
  requestedAt: string;
  expiresAt: string;
}

const base64url = (bytes: number) =>
  z.string().regex(new RegExp(`^[\\w-]{${Math.ceil((bytes * 4) / 3)}}$`), 'That is not from this device.');

/** What proves a step of a PIN reset comes from the member's own device (src/shared/room/pin-reset.ts). */
const deviceProof = {
  caseId,
  memberId,
  deviceId: base64url(16),
  secret: base64url(32),
  nonce: base64url(16),
  proof: base64url(32),
};

const memberFields = { name: personName, role: z.enum(MEMBER_ROLES), consentToBeNamed: z.boolean() };

const conflictDeclaration = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z
    .object({
      kind: z.literal('declared'),
      text: z.string().trim().min(1, 'Describe the conflict of interest.').max(2000),
    })
    .strict(),
]);

/** A member's declaration of any conflict of interest. */
export type ConflictDeclaration = z.output<typeof conflictDeclaration>;

export const panelOperations = operations('panel', {
  'panel.list': op<PanelMember[]>()({
    input: z.object({ caseId }).strict(),
    access: 'anyone',
    effect: 'read',
    summary: 'Lists the panel members and how far each has got, without anyone’s scores.',
  }),
  'panel.signInChoices': op<SignInChoice[]>()({
    input: z.object({ caseId }).strict(),
    access: 'anyone',
    effect: 'read',
    summary: 'Lists who may sign in: names, roles and whether each has a PIN, nothing more.',
  }),
  'panel.signIn': op<SignedInMember>()({
    input: z.object({ caseId, memberId, pin }).strict(),
    access: 'anyone',
    effect: 'change',
    summary: 'Signs a panel member in to this case with their PIN.',
  }),
  'panel.signOut': op<{ signedOut: true }>()({
    input: z.object({ caseId }).strict(),
    access: 'anyone',
    effect: 'change',
    summary: 'Signs the current panel member out of this case.',
  }),
  'panel.addMember': op<PanelMember>()({
    input: z.object({ caseId, ...memberFields, pin: pin.optional() }).strict(),
    access: ['lead'],
    effect: 'change',
    summary: 'Adds a member to the panel.',
  }),
  'panel.updateMember': op<PanelMember>()({
    input: z
      .object({
        caseId,
        memberId,
        ...memberFields,
        reason: reason.optional(),
        /** The details the form started from: if they have been changed since (another tab), nothing is saved. */
        savedBefore: z.object(memberFields).strict().optional(),
      })
      .strict(),
    access: ['lead'],
    effect: 'change',
    summary:
      'Changes a panel member’s name, role or consent to be named (once scoring opens, only the name and consent, with the reason, until moderation closes).',
  }),
  'panel.removeMember': op<{ removed: true }>()({
    input: z.object({ caseId, memberId }).strict(),
    access: ['lead'],
    effect: 'change',
    summary: 'Removes a member from the panel before scoring opens.',
  }),
  'panel.setPin': op<{ changed: true }>()({
    input: z.object({ caseId, memberId, pin, reason: reason.optional() }).strict(),
    access: 'case',
    effect: 'change',
    summary:
      'Sets a panel member’s PIN (a member for themselves; the lead for anyone, with the reason once scoring opens, and the member then chooses their own).',
  }),
  'panel.choosePin': op<SignedInMember>()({
    input: z.object({ caseId, memberId, pin, newPin: pin }).strict(),
    access: 'anyone',
    effect: 'change',
    summary:
      'A member whose PIN the lead reset chooses a new PIN of their own with the one they were given, and is signed in.',
  }),
  'panel.pinResetChallenge': op<{ nonce: string }>()({
    input: z.object({ caseId, memberId }).strict(),
    access: 'anyone',
    effect: 'change',
    summary: 'Gives a member’s device in the panel room a one-time nonce for its next step of a PIN reset.',
  }),
  'panel.requestPinReset': op<PinResetAnswer>()({
    input: z.object(deviceProof).strict(),
    access: 'anyone',
    effect: 'change',
    summary:
      'A member who forgot their PIN asks, from the device they signed in on in the panel room, to choose a new one once the lead confirms.',
  }),
  'panel.pinResetStatus': op<PinResetAnswer>()({
    input: z.object(deviceProof).strict(),
    access: 'anyone',
    effect: 'change',
    summary: 'Tells the member’s own device how its request for a new PIN stands (using up its nonce).',
  }),
  'panel.choosePinOnDevice': op<SignedInMember>()({
    input: z.object({ ...deviceProof, newPin: pin }).strict(),
    access: 'anyone',
    effect: 'change',
    summary:
      'After the lead confirmed, the member chooses a new PIN on their own device (the lead never learns it) and is signed in.',
  }),
  'panel.pinResetRequests': op<PinResetRequest[]>()({
    input: z.object({ caseId }).strict(),
    access: ['lead'],
    effect: 'read',
    summary: 'Lists the members asking, from their own devices, to choose a new PIN.',
  }),
  'panel.decidePinReset': op<{ decided: 'confirmed' | 'refused' }>()({
    input: z
      .object({ caseId, requestId: z.string().uuid(), decision: z.enum(['confirm', 'refuse']), reason })
      .strict(),
    access: ['lead'],
    effect: 'change',
    summary:
      'The lead confirms or refuses a member’s request to choose a new PIN on their own device, with the reason.',
  }),
  'panel.declareConflict': op<PanelMember>()({
    input: z.object({ caseId, memberId, declaration: conflictDeclaration }).strict(),
    access: 'case',
    effect: 'change',
    summary: 'Records a member’s declaration of any conflict of interest.',
  }),
  'panel.decideConflict': op<PanelMember>()({
    input: z.object({ caseId, memberId, outcome: z.enum(['allowed', 'excluded']), reason }).strict(),
    access: ['lead'],
    effect: 'change',
    summary: 'Records the lead’s decision on a declared conflict of interest.',
  }),
});

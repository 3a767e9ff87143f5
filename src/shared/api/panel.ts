import { z } from 'zod';
import { MEMBER_ROLES, type MemberRole } from '../vocabulary';
import type { SignedInMember } from './case';
import { caseId, memberId, personName, pin, reason } from './fields';
import { op, operations } from './operation';

export type ConflictState =
  | { status: 'not_declared' }
  | { status: 'none'; declaredAt: string }
  | {
      status: 'declared';
      text: string;
      declaredAt: string;
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
    input: z.object({ caseId, memberId, ...memberFields }).strict(),
    access: ['lead'],
    effect: 'change',
    summary: 'Changes a panel member’s name, role or consent to be named.',
  }),
  'panel.removeMember': op<{ removed: true }>()({
    input: z.object({ caseId, memberId }).strict(),
    access: ['lead'],
    effect: 'change',
    summary: 'Removes a member from the panel before scoring opens.',
  }),
  'panel.setPin': op<{ changed: true }>()({
    input: z.object({ caseId, memberId, pin }).strict(),
    access: 'case',
    effect: 'change',
    summary: 'Sets a panel member’s PIN (the lead for anyone, a member for themselves).',
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

import { z } from 'zod';
import type { Standard } from '../standard/schema';
import { scoreSchema, type Score } from '../scoring/scale';
import type { ModerationSummary } from '../scoring/moderation';
import type { OutcomeDecision, OutcomeLevel } from '../scoring/outcome';
import { MEMBER_ROLES, op, type MemberRole } from './operation';

const caseId = z.string().uuid('That is not a case this app has open.');
const memberId = z.string().min(1).max(100);
const criterionId = z.string().regex(/^S\d+\.\d+$/, 'That is not a criterion of the standard.');
const pin = z.string().regex(/^\d{4,8}$/, 'A PIN is 4 to 8 digits.');
const personName = z.string().trim().min(1, 'Enter a name.').max(120);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-03-14.');
const reason = z.string().trim().min(1, 'Give a reason.').max(2000);
const longText = z.string().trim().max(5000);

/** The roles that score criteria (an observer watches and does not score). */
export const SCORING_ROLES = ['lead', 'assessor', 'co_assessor'] as const satisfies readonly MemberRole[];

export const ROLE_NAMES: Record<MemberRole, string> = {
  lead: 'Lead assessor',
  assessor: 'Assessor (Expert by Experience)',
  co_assessor: 'Co-assessor (professional)',
  observer: 'Observer',
};

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

export type StageName = 'evidence' | 'panel' | 'scoring' | 'moderation' | 'decision' | 'certificate';
export interface Stage {
  name: StageName;
  state: 'done' | 'current' | 'open' | 'not_yet_open';
  /** Plain sentence: what is happening in this stage, or why it is not yet open. */
  explanation: string;
}
export interface CaseProgress {
  stages: Stage[];
  /** The obvious next step, in one sentence. */
  nextStep: string;
  phase: 'preparing' | 'scoring' | 'moderation' | 'moderation_closed' | 'decided';
}

export interface SheetEntry {
  criterionId: string;
  score: Score | null;
  rationale: string;
  evidenceIds: string[];
  updatedAt: string | null;
}
export interface MySheet {
  memberId: string;
  status: SheetStatus;
  entries: SheetEntry[];
  scoredCount: number;
  criteriaCount: number;
  /** Criteria that stop the sheet being submitted, with the reason. */
  problems: { criterionId: string; problem: string }[];
}

export interface AgreedRecord {
  criterionId: string;
  score: Score;
  rationale: string;
  outsideRangeReason: string | null;
  /** The name of the lead assessor who recorded it. */
  recordedBy: string;
  recordedAt: string;
}
export interface DissentNote {
  id: string;
  criterionId: string;
  memberId: string;
  memberName: string;
  text: string;
  recordedAt: string;
}
/** What one member gave for one criterion, with their reasons: shown once moderation opens, so nobody has to say it again. */
export interface MemberReasoning {
  criterionId: string;
  memberId: string;
  memberName: string;
  score: Score | null;
  rationale: string;
  evidenceIds: string[];
}
export interface ModerationView {
  state: 'open' | 'closed';
  summary: ModerationSummary;
  /** Every moderated sheet's scores with their rationales and linked evidence (the members' own words). */
  reasoning: MemberReasoning[];
  agreed: AgreedRecord[];
  dissent: DissentNote[];
  /** `by` is the member's name. */
  history: { action: 'opened' | 'closed' | 'reopened'; by: string; at: string; reason: string | null }[];
}

export interface Condition {
  text: string;
  dueDate: string;
}
export interface StatementNote {
  statementNumber: number;
  text: string;
}
export interface DecidedOutcome {
  level: OutcomeLevel;
  decision: OutcomeDecision;
  decisionDate: string;
  validUntil: string | null;
  interimReviewDue: string | null;
  conditions: Condition[];
  strengths: StatementNote[];
  recommendations: StatementNote[];
  /** The name of the lead assessor who recorded the decision. */
  decidedBy: string;
  decidedAt: string;
}

const conflictDeclaration = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z
    .object({
      kind: z.literal('declared'),
      text: z.string().trim().min(1, 'Describe the conflict of interest.').max(2000),
    })
    .strict(),
]);
const statementNote = z
  .object({ statementNumber: z.number().int().min(1).max(6), text: z.string().trim().min(1).max(2000) })
  .strict();

export const panelOperations = {
  'standard.list': op<{ id: string; version: number; title: string; sha256: string }[]>()({
    input: z.object({}).strict(),
    access: 'anyone',
    effect: 'read',
    summary: 'Lists the standards that come with the app.',
  }),
  'standard.forCase': op<Standard>()({
    input: z.object({ caseId }).strict(),
    access: 'anyone',
    effect: 'read',
    summary: 'Shows the exact standard this case is assessed against.',
  }),
  'standard.check': op<{ id: string; version: number; title: string; sha256: string }>()({
    input: z.object({ content: z.string().min(1).max(2_000_000) }).strict(),
    access: 'anyone',
    effect: 'read',
    summary: 'Checks a standard file and reports every problem in it.',
  }),
  'case.progress': op<CaseProgress>()({
    input: z.object({ caseId }).strict(),
    access: 'anyone',
    effect: 'read',
    summary: 'Shows the stages of the assessment, what is done and what comes next.',
  }),
  'panel.list': op<PanelMember[]>()({
    input: z.object({ caseId }).strict(),
    access: 'anyone',
    effect: 'read',
    summary: 'Lists the panel members and how far each has got, without anyone’s scores.',
  }),
  'panel.signIn': op<{ memberId: string; name: string; role: MemberRole }>()({
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
    input: z
      .object({
        caseId,
        name: personName,
        role: z.enum(MEMBER_ROLES),
        consentToBeNamed: z.boolean(),
        pin: pin.optional(),
      })
      .strict(),
    access: ['lead'],
    effect: 'change',
    summary: 'Adds a member to the panel.',
  }),
  'panel.updateMember': op<PanelMember>()({
    input: z
      .object({
        caseId,
        memberId,
        name: personName,
        role: z.enum(MEMBER_ROLES),
        consentToBeNamed: z.boolean(),
      })
      .strict(),
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
  'scoring.open': op<CaseProgress>()({
    input: z.object({ caseId }).strict(),
    access: ['lead'],
    effect: 'change',
    summary: 'Opens scoring once the panel is complete.',
  }),
  'scoring.mySheet': op<MySheet>()({
    input: z.object({ caseId }).strict(),
    access: SCORING_ROLES,
    effect: 'read',
    summary: 'Shows your own score sheet.',
  }),
  'scoring.saveScore': op<SheetEntry>()({
    input: z
      .object({
        caseId,
        criterionId,
        score: z.union([scoreSchema, z.null()]),
        rationale: longText,
        evidenceIds: z.array(z.string().min(1).max(100)).max(200),
      })
      .strict(),
    access: SCORING_ROLES,
    effect: 'change',
    summary: 'Saves your score for one criterion (a draft until you submit).',
  }),
  'scoring.submitSheet': op<MySheet>()({
    input: z.object({ caseId }).strict(),
    access: SCORING_ROLES,
    effect: 'change',
    summary: 'Submits your completed score sheet.',
  }),
  'scoring.enterPaperSheet': op<PanelMember>()({
    input: z
      .object({
        caseId,
        memberId,
        entries: z
          .array(
            z
              .object({
                criterionId,
                score: scoreSchema,
                rationale: longText,
                evidenceIds: z.array(z.string().min(1).max(100)).max(200),
              })
              .strict(),
          )
          .min(1)
          .max(500),
      })
      .strict(),
    access: ['lead'],
    effect: 'change',
    summary: 'Enters a member’s paper score sheet on their behalf and submits it.',
  }),
  'scoring.excludeSheet': op<PanelMember>()({
    input: z.object({ caseId, memberId, reason }).strict(),
    access: ['lead'],
    effect: 'change',
    summary: 'Leaves a member’s sheet out of moderation, with the reason.',
  }),
  'moderation.open': op<ModerationView>()({
    input: z.object({ caseId }).strict(),
    access: ['lead'],
    effect: 'change',
    summary: 'Opens moderation once every scoring member has submitted or been excluded.',
  }),
  'moderation.view': op<ModerationView>()({
    input: z.object({ caseId }).strict(),
    access: 'case',
    effect: 'read',
    summary: 'Shows every member’s scores side by side, once moderation has opened.',
  }),
  'moderation.agree': op<AgreedRecord>()({
    input: z
      .object({
        caseId,
        criterionId,
        score: scoreSchema,
        rationale: longText,
        outsideRangeReason: z.string().trim().max(2000).optional(),
      })
      .strict(),
    access: ['lead'],
    effect: 'change',
    summary: 'Records the panel’s agreed score for one criterion.',
  }),
  'moderation.dissent': op<DissentNote>()({
    input: z
      .object({ caseId, criterionId, text: z.string().trim().min(1, 'Write the dissent note.').max(2000) })
      .strict(),
    access: 'case',
    effect: 'change',
    summary: 'Records a member’s dissent from an agreed score.',
  }),
  'moderation.close': op<ModerationView>()({
    input: z.object({ caseId }).strict(),
    access: ['lead'],
    effect: 'change',
    summary: 'Closes moderation, locking the agreed scores.',
  }),
  'moderation.reopen': op<ModerationView>()({
    input: z.object({ caseId, reason }).strict(),
    access: ['lead'],
    effect: 'change',
    summary: 'Reopens moderation, with the reason.',
  }),
  'outcome.preview': op<OutcomeDecision>()({
    input: z.object({ caseId }).strict(),
    access: 'case',
    effect: 'read',
    summary: 'Shows the level the agreed scores give, with the reasons.',
  }),
  'outcome.decide': op<DecidedOutcome>()({
    input: z
      .object({
        caseId,
        decisionDate: isoDate,
        conditions: z
          .array(z.object({ text: z.string().trim().min(1).max(2000), dueDate: isoDate }).strict())
          .max(50),
        strengths: z.array(statementNote).max(60),
        recommendations: z.array(statementNote).max(60),
      })
      .strict(),
    access: ['lead'],
    effect: 'change',
    summary: 'Records the panel’s decision: the level, conditions, strengths and recommendations.',
  }),
  'outcome.get': op<DecidedOutcome | null>()({
    input: z.object({ caseId }).strict(),
    access: 'case',
    effect: 'read',
    summary: 'Shows the recorded decision, if there is one.',
  }),
} as const;

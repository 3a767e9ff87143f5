import { z } from 'zod';
import type { ModerationSummary } from '../scoring';
import { scoreSchema, type Score } from '../scale';
import { caseId, criterionId, longText, reason } from './fields';
import { op, operations } from './operation';
import type { PanelChange } from './panel';

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
  /** Every PIN reset and change of a member's details since scoring opened, oldest first. */
  panelChanges: PanelChange[];
}

export const moderationOperations = operations('moderation', {
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
});

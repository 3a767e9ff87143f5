import { z } from 'zod';
import { scoreSchema, type Score } from '../scale';
import { SCORING_ROLES } from '../vocabulary';
import type { CaseProgress } from './case';
import { caseId, criterionId, longText, memberId, reason, recordId } from './fields';
import { op, operations } from './operation';
import type { PanelMember, SheetStatus } from './panel';

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

const evidenceIds = z.array(recordId).max(200);

export const scoringOperations = operations('scoring', {
  'scoring.open': op<CaseProgress>()({
    input: z
      .object({
        caseId,
        /** Why scoring opens although a member is untrained or overdue their refresher (the scheme's policy is to warn). */
        trainingReason: reason.optional(),
      })
      .strict(),
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
        evidenceIds,
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
          .array(z.object({ criterionId, score: scoreSchema, rationale: longText, evidenceIds }).strict())
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
});

import { z } from 'zod';
import type { OutcomeDecision, OutcomeLevel } from '../scoring';
import { caseId, isoDate } from './fields';
import { op, operations } from './operation';

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

const statementNote = z
  .object({ statementNumber: z.number().int().min(1).max(6), text: z.string().trim().min(1).max(2000) })
  .strict();

export const outcomeOperations = operations('outcome', {
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
});

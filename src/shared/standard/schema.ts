import { z } from 'zod';
import { awardLevelSchema, scorePointSchema } from '../scale';
import { checkStandardConsistency } from './consistency';

/**
 * The schema of a standard file (resources/standards/*.json): six I Statements, the criteria
 * under each, a descriptor per level, the scoring scale and the outcome rules as data.
 * Objects are strict, so a misspelt field is reported rather than silently ignored.
 * Cross-field rules (the statements quoted exactly, criterion ids, rule levels) are checked by
 * checkStandardConsistency, which runs even when other parts are wrong, so every problem is reported.
 */

/** Criterion ids name their I Statement and their place in it: S3.2 is the second criterion of I Statement 3. */
const CRITERION_ID_PATTERN = /^S([1-6])\.([1-9][0-9]?)$/;
export const STANDARD_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const text = z.string().regex(/\S/, { error: 'is empty' });

/** A score on the scale used as a threshold: 0, 1, 2 or 3. */
const scoreThreshold = scorePointSchema;

const levelDescriptorsSchema = z
  .object({
    '1': text,
    '2': text,
    '3': text,
  })
  .strict();

export const criterionSchema = z
  .object({
    id: z.string().regex(CRITERION_ID_PATTERN, {
      error: 'should look like S3.2 (the I Statement number, a dot, then the criterion number)',
    }),
    title: text,
    whatGoodLooksLike: text,
    evidencePrompts: z.array(text).min(1),
    mustHave: z.boolean(),
    descriptors: levelDescriptorsSchema,
  })
  .strict();

const statementSchema = z
  .object({
    number: z.number().int().min(1).max(6),
    text,
    criteria: z.array(criterionSchema).min(1),
  })
  .strict();

const scalePointSchema = z
  .object({
    score: scoreThreshold,
    label: text,
    meaning: text,
  })
  .strict();

const scaleSchema = z
  .object({
    points: z.array(scalePointSchema).length(4),
    notEnoughEvidence: z.object({ label: text, meaning: text }).strict(),
  })
  .strict();

const OUTCOME_RULE_KINDS = [
  'requires_level',
  'every_criterion_at_least',
  'share_of_criteria_per_statement_at_least',
  'must_have_at_least',
  'share_of_all_criteria_at_least',
  'each_statement_at_most_below',
  'each_statement_at_least_reaching',
] as const;
export type OutcomeRuleKind = (typeof OUTCOME_RULE_KINDS)[number];

export const outcomeRuleSchema = z.discriminatedUnion(
  'kind',
  [
    /** The named level must be met as well. */
    z.object({ kind: z.literal('requires_level'), level: awardLevelSchema }).strict(),
    /** Every criterion scores at least `score`. */
    z.object({ kind: z.literal('every_criterion_at_least'), score: scoreThreshold }).strict(),
    /** In every I Statement, at least `percent`% of its criteria (rounded up or down) score at least `score`. */
    z
      .object({
        kind: z.literal('share_of_criteria_per_statement_at_least'),
        score: scoreThreshold,
        percent: z.number().int().min(1).max(100),
        rounding: z.enum(['up', 'down']),
      })
      .strict(),
    /** Every must-have criterion scores at least `score`. */
    z.object({ kind: z.literal('must_have_at_least'), score: scoreThreshold }).strict(),
    /** At least `percent`% of all the standard's criteria score at least `score` (reached x 100 >= count x percent, no rounding). */
    z
      .object({
        kind: z.literal('share_of_all_criteria_at_least'),
        score: scoreThreshold,
        percent: z.number().int().min(1).max(100),
      })
      .strict(),
    /** In every I Statement, at most `count` criteria score below `score`. */
    z
      .object({
        kind: z.literal('each_statement_at_most_below'),
        score: scoreThreshold,
        count: z.number().int().min(0).max(99),
      })
      .strict(),
    /** In every I Statement, at least `count` criteria score at least `score`. */
    z
      .object({
        kind: z.literal('each_statement_at_least_reaching'),
        score: scoreThreshold,
        count: z.number().int().min(1).max(99),
      })
      .strict(),
  ],
  { error: `should be one of: ${OUTCOME_RULE_KINDS.join(', ')}` },
);

const levelRulesSchema = z
  .object({
    level: awardLevelSchema,
    name: text,
    summary: text,
    rules: z.array(outcomeRuleSchema).min(1),
  })
  .strict();

const outcomeRulesSchema = z
  .object({
    levels: z.array(levelRulesSchema).length(3),
  })
  .strict();

export const standardSchema = z
  .object({
    id: z.string().regex(STANDARD_ID_PATTERN, {
      error: 'should be lower-case letters and numbers joined by hyphens, like coproduction-standard',
    }),
    version: z.number().int().min(1),
    title: text,
    summary: text,
    scale: scaleSchema,
    statements: z.array(statementSchema).length(6),
    outcome: outcomeRulesSchema,
  })
  .strict()
  .superRefine(
    (value, ctx) => {
      for (const problem of checkStandardConsistency(value)) {
        ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path });
      }
    },
    { when: () => true },
  );

export type LevelDescriptors = z.infer<typeof levelDescriptorsSchema>;
export type Criterion = z.infer<typeof criterionSchema>;
export type Statement = z.infer<typeof statementSchema>;
export type ScoringScale = z.infer<typeof scaleSchema>;
export type OutcomeRule = z.infer<typeof outcomeRuleSchema>;
export type LevelRules = z.infer<typeof levelRulesSchema>;
export type OutcomeRules = z.infer<typeof outcomeRulesSchema>;
export type Standard = z.infer<typeof standardSchema>;

/** A criterion together with the I Statement it belongs to. */
export interface CriterionInStatement extends Criterion {
  statementNumber: number;
}

/** Every criterion of a standard, in order (statement 1 first, then by position). */
export function allCriteria(standard: Standard): CriterionInStatement[] {
  return standard.statements.flatMap((statement) =>
    statement.criteria.map((criterion) => ({ ...criterion, statementNumber: statement.number })),
  );
}

import { allCriteria, type CriterionInStatement, type OutcomeRule, type Standard } from '../standard';
import { NOT_ENOUGH_EVIDENCE, scoreForRules, type AwardLevel, type Score, type ScorePoint } from '../scale';

/**
 * The outcome: which level the panel's agreed scores meet, decided by the standard's rules (data),
 * with a trace a panel can read aloud.
 *
 * - Levels are checked from the lowest up; a level is met when every one of its rules is met.
 *   The outcome is the highest level met, or 'not_yet_awarded'.
 * - "Not enough evidence" and a missing agreed score both count as 0 (not met).
 * - Agreed scores for ids that are not criteria of the standard are ignored.
 * - Every rule kind only asks for scores to be "at least" something, so raising a score can never
 *   lower the outcome.
 */

/** The agreed score per criterion id. A missing entry means no agreed score yet (counts as not met). */
export type AgreedScores = Readonly<Record<string, Score | null | undefined>>;

export const NOT_YET_AWARDED = 'not_yet_awarded' as const;
export type OutcomeLevel = AwardLevel | typeof NOT_YET_AWARDED;

export interface CriterionResult {
  criterionId: string;
  title: string;
  statementNumber: number;
  mustHave: boolean;
  agreedScore: Score | null;
  /** What the rules count the agreed score as (not enough evidence or none = 0). */
  countsAs: ScorePoint;
}

export interface StatementShareResult {
  statementNumber: number;
  criteriaCount: number;
  /** How many criteria must reach the score (the percentage of the count, rounded as the rule says). */
  needed: number;
  /** How many did. */
  reached: number;
  met: boolean;
  passed: CriterionResult[];
  failed: CriterionResult[];
}

export interface RuleTrace {
  level: AwardLevel;
  rule: OutcomeRule;
  met: boolean;
  /** Criteria that satisfied this rule. */
  passed: CriterionResult[];
  /** Every criterion that did not satisfy this rule (for a share rule: every criterion below the score, in any statement). */
  failed: CriterionResult[];
  /** Only for share_of_criteria_per_statement_at_least: the result in each I Statement. */
  statements?: StatementShareResult[];
  /** What the rule asks, whether it is met, and which criteria fell short, by id and title. */
  sentences: string[];
}

export interface LevelTrace {
  level: AwardLevel;
  name: string;
  met: boolean;
  rules: RuleTrace[];
  sentence: string;
}

export interface OutcomeDecision {
  standard: { id: string; version: number };
  level: OutcomeLevel;
  /** The awarded level's name from the standard, or null when not yet awarded. */
  levelName: string | null;
  levels: LevelTrace[];
  summary: string;
  /** Everything in order, ready to read aloud: the summary, then each level and its rules. */
  readAloud: string[];
}

export function decideOutcome(standard: Standard, agreedScores: AgreedScores): OutcomeDecision {
  const results = allCriteria(standard).map((criterion) =>
    criterionResult(criterion, agreedScores[criterion.id]),
  );
  const metLevels = new Map<AwardLevel, boolean>();
  const levels: LevelTrace[] = [];
  for (const entry of [...standard.outcome.levels].sort((a, b) => a.level - b.level)) {
    const rules = entry.rules.map((rule) => traceRule(entry.level, rule, results, metLevels));
    const met = rules.every((rule) => rule.met);
    metLevels.set(entry.level, met);
    levels.push({
      level: entry.level,
      name: entry.name,
      met,
      rules,
      sentence: `${entry.name}: ${met ? 'met' : 'not met'}.`,
    });
  }
  const awarded = [...levels].reverse().find((entry) => entry.met);
  const summary = summarise(levels, awarded);
  return {
    standard: { id: standard.id, version: standard.version },
    level: awarded?.level ?? NOT_YET_AWARDED,
    levelName: awarded?.name ?? null,
    levels,
    summary,
    readAloud: [
      summary,
      ...levels.flatMap((entry) => [entry.sentence, ...entry.rules.flatMap((rule) => rule.sentences)]),
    ],
  };
}

/** How many of `count` criteria a percentage asks for, rounded as the rule says (integer arithmetic, no float surprises). */
export function criteriaNeeded(count: number, percent: number, rounding: 'up' | 'down'): number {
  const hundredths = count * percent;
  return rounding === 'up' ? Math.ceil(hundredths / 100) : Math.floor(hundredths / 100);
}

function criterionResult(
  criterion: CriterionInStatement,
  agreedScore: Score | null | undefined,
): CriterionResult {
  return {
    criterionId: criterion.id,
    title: criterion.title,
    statementNumber: criterion.statementNumber,
    mustHave: criterion.mustHave,
    agreedScore: agreedScore ?? null,
    countsAs: scoreForRules(agreedScore),
  };
}

function traceRule(
  level: AwardLevel,
  rule: OutcomeRule,
  results: CriterionResult[],
  metLevels: ReadonlyMap<AwardLevel, boolean>,
): RuleTrace {
  switch (rule.kind) {
    case 'requires_level':
      return traceRequiresLevel(level, rule, metLevels.get(rule.level) === true);
    case 'every_criterion_at_least':
      return traceEveryCriterion(level, rule, results);
    case 'share_of_criteria_per_statement_at_least':
      return traceShare(level, rule, results);
    case 'must_have_at_least':
      return traceMustHave(level, rule, results);
  }
}

function traceRequiresLevel(
  level: AwardLevel,
  rule: Extract<OutcomeRule, { kind: 'requires_level' }>,
  met: boolean,
): RuleTrace {
  return {
    level,
    rule,
    met,
    passed: [],
    failed: [],
    sentences: [
      `Level ${rule.level} must be met as well.`,
      met ? `Met: Level ${rule.level} is met.` : `Not met: Level ${rule.level} is not met.`,
    ],
  };
}

function traceEveryCriterion(
  level: AwardLevel,
  rule: Extract<OutcomeRule, { kind: 'every_criterion_at_least' }>,
  results: CriterionResult[],
): RuleTrace {
  const { passed, failed } = splitByScore(results, rule.score);
  const met = failed.length === 0;
  const sentences = [`Every criterion must score at least ${rule.score}.`];
  if (met) {
    sentences.push(
      `Met: all ${countOf(results.length, 'criterion', 'criteria')} score ${rule.score} or more.`,
    );
  } else {
    sentences.push(
      `Not met: ${failed.length} of ${countOf(results.length, 'criterion', 'criteria')} ${failed.length === 1 ? 'scores' : 'score'} less than ${rule.score}.`,
    );
    sentences.push(...failed.map((result) => `${nameCriterion(result)} has ${describeAgreed(result)}.`));
    if (passed.length > 0) sentences.push(`Scoring ${rule.score} or more: ${listIds(passed)}.`);
  }
  return { level, rule, met, passed, failed, sentences };
}

function traceShare(
  level: AwardLevel,
  rule: Extract<OutcomeRule, { kind: 'share_of_criteria_per_statement_at_least' }>,
  results: CriterionResult[],
): RuleTrace {
  const statementNumbers = [...new Set(results.map((result) => result.statementNumber))];
  const statements = statementNumbers.map((statementNumber) => {
    const inStatement = results.filter((result) => result.statementNumber === statementNumber);
    const { passed, failed } = splitByScore(inStatement, rule.score);
    const needed = criteriaNeeded(inStatement.length, rule.percent, rule.rounding);
    return {
      statementNumber,
      criteriaCount: inStatement.length,
      needed,
      reached: passed.length,
      met: passed.length >= needed,
      passed,
      failed,
    };
  });
  const met = statements.every((statement) => statement.met);
  const sentences = [
    `In every I Statement, at least ${rule.percent}% of the criteria (rounded ${rule.rounding}) must score at least ${rule.score}.`,
  ];
  const missed = statements.filter((statement) => !statement.met);
  sentences.push(
    met
      ? `Met in all ${countOf(statements.length, 'I Statement', 'I Statements')}.`
      : `Not met in ${joinWords(missed.map((statement) => `I Statement ${statement.statementNumber}`))}.`,
  );
  for (const statement of statements) sentences.push(...describeStatementShare(statement, rule.score));
  return {
    level,
    rule,
    met,
    passed: statements.flatMap((statement) => statement.passed),
    failed: statements.flatMap((statement) => statement.failed),
    statements,
    sentences,
  };
}

function describeStatementShare(statement: StatementShareResult, score: ScorePoint): string[] {
  const verdict = statement.met ? 'met' : 'not met';
  const sentences = [
    `I Statement ${statement.statementNumber}: ${statement.reached} of ${countOf(statement.criteriaCount, 'criterion', 'criteria')} ${statement.reached === 1 ? 'scores' : 'score'} ${score} or more, and ${statement.needed} ${statement.needed === 1 ? 'is' : 'are'} needed, so this is ${verdict}.`,
  ];
  if (statement.failed.length > 0) {
    sentences.push(
      `Below ${score} in I Statement ${statement.statementNumber}: ${statement.failed.map((result) => `${nameCriterion(result)} with ${describeAgreed(result)}`).join('; ')}.`,
    );
  }
  return sentences;
}

function traceMustHave(
  level: AwardLevel,
  rule: Extract<OutcomeRule, { kind: 'must_have_at_least' }>,
  results: CriterionResult[],
): RuleTrace {
  const mustHaves = results.filter((result) => result.mustHave);
  const { passed, failed } = splitByScore(mustHaves, rule.score);
  const met = failed.length === 0;
  const sentences = [`Every must-have criterion must score at least ${rule.score}.`];
  if (mustHaves.length === 0) {
    sentences.push('Met: this standard has no must-have criteria.');
  } else if (met) {
    sentences.push(
      `Met: all ${countOf(mustHaves.length, 'must-have criterion', 'must-have criteria')} (${listIds(mustHaves)}) score ${rule.score} or more.`,
    );
  } else {
    sentences.push(
      `Not met: ${failed.length} of ${countOf(mustHaves.length, 'must-have criterion', 'must-have criteria')} ${failed.length === 1 ? 'scores' : 'score'} less than ${rule.score}.`,
    );
    sentences.push(
      ...failed.map((result) => `${nameCriterion(result)} is a must-have and has ${describeAgreed(result)}.`),
    );
    if (passed.length > 0)
      sentences.push(`Must-have criteria scoring ${rule.score} or more: ${listIds(passed)}.`);
  }
  return { level, rule, met, passed, failed, sentences };
}

function summarise(levels: LevelTrace[], awarded: LevelTrace | undefined): string {
  if (!awarded) {
    const lowest = levels[0];
    return `The agreed scores do not yet meet ${lowest ? lowest.name : 'any level'}, so the outcome is "not yet awarded".`;
  }
  const next = levels.find((entry) => entry.level > awarded.level && !entry.met);
  const notYet = next ? ` They do not yet meet ${next.name}.` : '';
  return `The agreed scores meet ${awarded.name}, so the outcome is Level ${awarded.level}.${notYet}`;
}

function splitByScore(
  results: CriterionResult[],
  score: ScorePoint,
): { passed: CriterionResult[]; failed: CriterionResult[] } {
  return {
    passed: results.filter((result) => result.countsAs >= score),
    failed: results.filter((result) => result.countsAs < score),
  };
}

/** `S3.2 "Culturally competent support"` */
function nameCriterion(result: Pick<CriterionResult, 'criterionId' | 'title'>): string {
  return `${result.criterionId} "${result.title}"`;
}

function describeAgreed(result: CriterionResult): string {
  if (result.agreedScore === null) return 'no agreed score, which counts as not met';
  if (result.agreedScore === NOT_ENOUGH_EVIDENCE) return 'not enough evidence, which counts as not met';
  if (result.agreedScore === 0) return 'an agreed score of 0 (not yet met)';
  return `an agreed score of ${result.agreedScore}`;
}

function listIds(results: CriterionResult[]): string {
  return results.map((result) => result.criterionId).join(', ');
}

function countOf(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1] ?? ''}`;
}

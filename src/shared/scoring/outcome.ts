import { allCriteria, type CriterionInStatement, type OutcomeRule, type Standard } from '../standard';
import {
  NOT_ENOUGH_EVIDENCE,
  SCORE_POINTS,
  scoreForRules,
  type AwardLevel,
  type Score,
  type ScorePoint,
} from '../scale';

/**
 * The outcome: which level the panel's agreed scores meet, decided by the standard's rules (data),
 * with a trace a panel can read aloud.
 *
 * - Levels are checked from the lowest up; a level is met when every one of its rules is met.
 *   The outcome is the highest level met, or 'not_yet_awarded'.
 * - "Not enough evidence" and a missing agreed score both count as 0 (not met).
 * - Agreed scores for ids that are not criteria of the standard are ignored.
 * - Every rule kind only asks for scores to be "at least" something (or for "at most" so many
 *   criteria to be below a score), so raising a score can never lower the outcome.
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
  /** How many criteria must reach the score (for a share: the percentage of the count, rounded as the rule says). */
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
  /** Only for the rules counted per I Statement: the result in each I Statement. */
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
    case 'share_of_all_criteria_at_least':
      return traceShareOfAll(level, rule, results);
    case 'each_statement_at_most_below':
      return tracePerStatement(
        level,
        rule,
        results,
        (count) => Math.max(0, count - rule.count),
        `In each I Statement, at most ${countOf(rule.count, 'criterion', 'criteria')} may score below ${rule.score}.`,
      );
    case 'each_statement_at_least_reaching':
      return tracePerStatement(
        level,
        rule,
        results,
        () => rule.count,
        `In each I Statement, at least ${countOf(rule.count, 'criterion', 'criteria')} must ${reach(rule.score)}.`,
      );
  }
}

/** What a rule asks of a criterion's score, in words: "score at least 2", or "score 3" at the top of the scale. */
function reach(score: ScorePoint): string {
  return score === TOP_SCORE ? `score ${score}` : `score at least ${score}`;
}

/** The same for a criterion that reaches it: "2 or more", or "3" at the top of the scale. */
function reached(score: ScorePoint): string {
  return score === TOP_SCORE ? `${score}` : `${score} or more`;
}

const TOP_SCORE: ScorePoint = SCORE_POINTS[SCORE_POINTS.length - 1] ?? 3;

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
  const sentences = [`Every criterion must ${reach(rule.score)}.`];
  if (met) {
    sentences.push(
      `Met: all ${countOf(results.length, 'criterion', 'criteria')} score ${reached(rule.score)}.`,
    );
  } else {
    sentences.push(
      `Not met: ${failed.length} of ${countOf(results.length, 'criterion', 'criteria')} ${failed.length === 1 ? 'scores' : 'score'} less than ${rule.score}.`,
    );
    sentences.push(...failed.map((result) => `${nameCriterion(result)} has ${describeAgreed(result)}.`));
    if (passed.length > 0) sentences.push(`Scoring ${reached(rule.score)}: ${listIds(passed)}.`);
  }
  return { level, rule, met, passed, failed, sentences };
}

function traceShareOfAll(
  level: AwardLevel,
  rule: Extract<OutcomeRule, { kind: 'share_of_all_criteria_at_least' }>,
  results: CriterionResult[],
): RuleTrace {
  const { passed, failed } = splitByScore(results, rule.score);
  const needed = criteriaNeeded(results.length, rule.percent, 'up');
  const met = passed.length >= needed;
  // Rounded down, so a share just short of the percentage is never shown as reaching it.
  const shownPercent = results.length === 0 ? 100 : Math.floor((passed.length * 100) / results.length);
  const sentences = [`At least ${rule.percent}% of all criteria must ${reach(rule.score)}.`];
  sentences.push(
    `${met ? 'Met' : 'Not met'}: ${passed.length} of ${countOf(results.length, 'criterion', 'criteria')} (${shownPercent}%) ${passed.length === 1 ? 'scores' : 'score'} ${reached(rule.score)}, and ${needed} ${needed === 1 ? 'is' : 'are'} needed.`,
  );
  if (!met)
    sentences.push(
      `Below ${rule.score}: ${failed.map((result) => `${nameCriterion(result)} with ${describeAgreed(result)}`).join('; ')}.`,
    );
  return { level, rule, met, passed, failed, sentences };
}

/** A rule counted in each I Statement: `needed(count)` says how many of a statement's `count` criteria must reach the score. */
function tracePerStatement(
  level: AwardLevel,
  rule: Extract<OutcomeRule, { kind: 'each_statement_at_most_below' | 'each_statement_at_least_reaching' }>,
  results: CriterionResult[],
  needed: (count: number) => number,
  asked: string,
): RuleTrace {
  const statements = statementResults(results, rule.score, needed);
  return traceStatements(level, rule, rule.score, statements, asked);
}

function statementResults(
  results: CriterionResult[],
  score: ScorePoint,
  needed: (count: number) => number,
): StatementShareResult[] {
  const statementNumbers = [...new Set(results.map((result) => result.statementNumber))];
  return statementNumbers.map((statementNumber) => {
    const inStatement = results.filter((result) => result.statementNumber === statementNumber);
    const { passed, failed } = splitByScore(inStatement, score);
    const count = needed(inStatement.length);
    return {
      statementNumber,
      criteriaCount: inStatement.length,
      needed: count,
      reached: passed.length,
      met: passed.length >= count,
      passed,
      failed,
    };
  });
}

function traceStatements(
  level: AwardLevel,
  rule: OutcomeRule,
  score: ScorePoint,
  statements: StatementShareResult[],
  asked: string,
): RuleTrace {
  const met = statements.every((statement) => statement.met);
  const missed = statements.filter((statement) => !statement.met);
  const sentences = [
    asked,
    met
      ? `Met in all ${countOf(statements.length, 'I Statement', 'I Statements')}.`
      : `Not met in ${joinWords(missed.map((statement) => `I Statement ${statement.statementNumber}`))}.`,
  ];
  for (const statement of statements) sentences.push(...describeStatementShare(statement, score));
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

function traceShare(
  level: AwardLevel,
  rule: Extract<OutcomeRule, { kind: 'share_of_criteria_per_statement_at_least' }>,
  results: CriterionResult[],
): RuleTrace {
  const statements = statementResults(results, rule.score, (count) =>
    criteriaNeeded(count, rule.percent, rule.rounding),
  );
  return traceStatements(
    level,
    rule,
    rule.score,
    statements,
    `In every I Statement, at least ${rule.percent}% of the criteria (rounded ${rule.rounding}) must ${reach(rule.score)}.`,
  );
}

function describeStatementShare(statement: StatementShareResult, score: ScorePoint): string[] {
  const verdict = statement.met ? 'met' : 'not met';
  const sentences = [
    `I Statement ${statement.statementNumber}: ${statement.reached} of ${countOf(statement.criteriaCount, 'criterion', 'criteria')} ${statement.reached === 1 ? 'scores' : 'score'} ${reached(score)}, and ${statement.needed} ${statement.needed === 1 ? 'is' : 'are'} needed, so this is ${verdict}.`,
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
  const sentences = [`Every must-have criterion must ${reach(rule.score)}.`];
  if (mustHaves.length === 0) {
    sentences.push('Met: this standard has no must-have criteria.');
  } else if (met) {
    sentences.push(
      `Met: all ${countOf(mustHaves.length, 'must-have criterion', 'must-have criteria')} (${listIds(mustHaves)}) score ${reached(rule.score)}.`,
    );
  } else {
    sentences.push(
      `Not met: ${failed.length} of ${countOf(mustHaves.length, 'must-have criterion', 'must-have criteria')} ${failed.length === 1 ? 'scores' : 'score'} less than ${rule.score}.`,
    );
    sentences.push(
      ...failed.map((result) => `${nameCriterion(result)} is a must-have and has ${describeAgreed(result)}.`),
    );
    if (passed.length > 0)
      sentences.push(`Must-have criteria scoring ${reached(rule.score)}: ${listIds(passed)}.`);
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

import { I_STATEMENTS } from './statements';

/** A problem found in a standard, where it is (a path into the JSON) and what is wrong, as a predicate ("is empty"). */
export interface StandardProblemAt {
  path: (string | number)[];
  message: string;
}

/**
 * Cross-field checks on a standard: the six I Statements in order and quoted exactly, criterion ids
 * that match their statement and are unique, the scale points 0 to 3 in order, the outcome levels
 * 1 to 3 in order, rules that only require lower levels, and each level above the first requiring
 * the one just below it (so a higher level can never be met while a lower one is not).
 * It reads the value defensively (it may be any JSON), so it can run alongside the schema and
 * every problem is reported in one go; parts with the wrong shape are left to the schema.
 */
export function checkStandardConsistency(value: unknown): StandardProblemAt[] {
  if (!isRecord(value)) return [];
  return [...checkStatements(value.statements), ...checkScale(value.scale), ...checkOutcome(value.outcome)];
}

function checkStatements(statements: unknown): StandardProblemAt[] {
  if (!Array.isArray(statements)) return [];
  const problems: StandardProblemAt[] = [];
  const firstUse = new Map<string, string>();
  statements.forEach((statement: unknown, index) => {
    if (!isRecord(statement)) return;
    const expectedNumber = index + 1;
    if (typeof statement.number === 'number' && statement.number !== expectedNumber) {
      problems.push({
        path: ['statements', index, 'number'],
        message: `should be ${expectedNumber} (the I Statements go from 1 to 6 in order)`,
      });
    }
    const expectedText = I_STATEMENTS[index];
    if (typeof statement.text === 'string' && expectedText !== undefined && statement.text !== expectedText) {
      problems.push({
        path: ['statements', index, 'text'],
        message: `does not quote I Statement ${expectedNumber} exactly. It should read: "${expectedText}"`,
      });
    }
    if (!Array.isArray(statement.criteria)) return;
    statement.criteria.forEach((criterion: unknown, position) => {
      if (!isRecord(criterion) || typeof criterion.id !== 'string') return;
      const path = ['statements', index, 'criteria', position, 'id'];
      const match = /^S(\d+)\./.exec(criterion.id);
      if (match && Number(match[1]) !== expectedNumber) {
        problems.push({
          path,
          message: `should start with S${expectedNumber}. because the criterion belongs to I Statement ${expectedNumber}`,
        });
      }
      const earlier = firstUse.get(criterion.id);
      if (earlier !== undefined) {
        problems.push({ path, message: `is already used by ${earlier}. Each criterion needs its own id` });
      } else {
        firstUse.set(criterion.id, `criterion ${position + 1} of I Statement ${expectedNumber}`);
      }
    });
  });
  return problems;
}

function checkScale(scale: unknown): StandardProblemAt[] {
  if (!isRecord(scale) || !Array.isArray(scale.points)) return [];
  const problems: StandardProblemAt[] = [];
  scale.points.forEach((point: unknown, index) => {
    if (isRecord(point) && typeof point.score === 'number' && point.score !== index) {
      problems.push({
        path: ['scale', 'points', index, 'score'],
        message: `should be ${index} (the scale goes 0, 1, 2, 3 in order)`,
      });
    }
  });
  return problems;
}

function checkOutcome(outcome: unknown): StandardProblemAt[] {
  if (!isRecord(outcome) || !Array.isArray(outcome.levels)) return [];
  const problems: StandardProblemAt[] = [];
  outcome.levels.forEach((entry: unknown, index) => {
    if (!isRecord(entry)) return;
    const expectedLevel = index + 1;
    if (typeof entry.level === 'number' && entry.level !== expectedLevel) {
      problems.push({
        path: ['outcome', 'levels', index, 'level'],
        message: `should be ${expectedLevel} (the levels go 1, 2, 3 in order)`,
      });
    }
    if (!Array.isArray(entry.rules)) return;
    if (expectedLevel > 1 && !entry.rules.some((rule) => requiresLevel(rule, expectedLevel - 1))) {
      problems.push({
        path: ['outcome', 'levels', index, 'rules'],
        message: `should include "Level ${expectedLevel - 1} must be met as well": each level builds on the one below`,
      });
    }
    entry.rules.forEach((rule: unknown, position) => {
      if (!isRecord(rule) || rule.kind !== 'requires_level' || typeof rule.level !== 'number') return;
      if (rule.level >= expectedLevel) {
        problems.push({
          path: ['outcome', 'levels', index, 'rules', position, 'level'],
          message: `should be a level below Level ${expectedLevel}: a level can only require a lower one`,
        });
      }
    });
  });
  return problems;
}

function requiresLevel(rule: unknown, level: number): boolean {
  return isRecord(rule) && rule.kind === 'requires_level' && rule.level === level;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

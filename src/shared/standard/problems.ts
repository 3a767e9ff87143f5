import type { z } from 'zod';
import { checkStandardConsistency, isRecord } from './consistency';
import { standardSchema, type Standard } from './schema';

export type ParsedStandard = { ok: true; standard: Standard } | { ok: false; problems: string[] };

/**
 * Checks any value (usually parsed JSON) against the standard schema and, when it is not a valid
 * standard, lists every problem as a plain-English sentence that says where it is and what is wrong,
 * e.g. "I Statement 3, criterion S3.2: the title is missing."
 */
export function parseStandard(value: unknown): ParsedStandard {
  const result = standardSchema.safeParse(value, { reportInput: true });
  if (result.success) return { ok: true, standard: result.data };
  // The schema's own cross-field refinement is skipped by zod after some fatal issues (e.g. a
  // fractional version), so run those checks here too; duplicates collapse to one sentence.
  const consistency = checkStandardConsistency(value).map(({ path, message }): Issue => ({
    code: 'custom',
    path,
    message,
    input: undefined,
  }));
  const problems = [...result.error.issues, ...consistency].map((issue) => describeProblem(issue, value));
  return { ok: false, problems: [...new Set(problems)] };
}

type Issue = z.core.$ZodIssue;
type PathKey = PropertyKey;

const FIELD_NAMES: Record<string, string> = {
  id: 'the id',
  version: 'the version',
  title: 'the title',
  summary: 'the summary',
  scale: 'the scoring scale',
  statements: 'the I Statements',
  outcome: 'the outcome rules',
  number: 'the number',
  text: 'the wording',
  criteria: 'the criteria',
  whatGoodLooksLike: 'the "what good looks like" text',
  evidencePrompts: 'the evidence prompts',
  mustHave: 'the must-have flag',
  descriptors: 'the level descriptors',
  points: 'the scale points',
  notEnoughEvidence: 'the "not enough evidence" entry',
  label: 'the label',
  meaning: 'the meaning',
  score: 'the score',
  levels: 'the levels',
  level: 'the level',
  name: 'the name',
  rules: 'the rules',
  kind: 'the kind',
  percent: 'the percentage',
  rounding: 'the rounding',
  count: 'the count',
};

function describeProblem(issue: Issue, root: unknown): string {
  const phrases = describePath(issue.path, root);
  const subject = phrases.pop() ?? 'the standard';
  const predicate = describeIssue(issue);
  const sentence = `${subject} ${predicate}${/[.!?]"?$/.test(predicate) ? '' : '.'}`;
  const where = phrases.length > 0 ? `${capitalise(phrases.join(', '))}: ` : '';
  return where ? `${where}${sentence}` : capitalise(sentence);
}

/** Turns a path like ['statements', 2, 'criteria', 1, 'title'] into ['I Statement 3', 'criterion S3.2', 'the title']. */
function describePath(path: readonly PathKey[], root: unknown): string[] {
  const phrases: string[] = [];
  let node: unknown = root;
  for (let i = 0; i < path.length; i += 1) {
    const key = path[i];
    const next = path[i + 1];
    const container = typeof key === 'string' ? key : '';
    const child: unknown = isRecord(node) && typeof key === 'string' ? node[key] : undefined;
    if (typeof next === 'number' && Array.isArray(child)) {
      const item: unknown = child[next];
      phrases.push(describeItem(container, next, item));
      node = item;
      i += 1;
      continue;
    }
    if (container === 'descriptors' && (next === '1' || next === '2' || next === '3')) {
      phrases.push(`the Level ${next} descriptor`);
      node = undefined;
      i += 1;
      continue;
    }
    phrases.push(
      typeof key === 'number'
        ? `item ${key + 1}`
        : (FIELD_NAMES[String(key)] ?? `the field "${String(key)}"`),
    );
    node = child;
  }
  return phrases;
}

function describeItem(container: string, index: number, item: unknown): string {
  const position = index + 1;
  switch (container) {
    case 'statements':
      return `I Statement ${position}`;
    case 'criteria':
      return isRecord(item) && typeof item.id === 'string' && item.id.trim() !== ''
        ? `criterion ${item.id}`
        : `criterion ${position}`;
    case 'evidencePrompts':
      return `evidence prompt ${position}`;
    case 'points':
      return `scale point ${position}`;
    case 'levels':
      return `Level ${position}`;
    case 'rules':
      return `rule ${position}`;
    default:
      return `${FIELD_NAMES[container] ?? `the field "${container}"`}, item ${position}`;
  }
}

function describeIssue(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is missing';
      return `should be ${describeExpected(issue.expected)} but is ${describeValue(issue.input)}`;
    case 'too_small':
      return describeTooSmall(issue);
    case 'too_big':
      return describeTooBig(issue);
    case 'unrecognized_keys':
      return `has ${issue.keys.length === 1 ? 'a field that is' : 'fields that are'} not part of a standard: ${issue.keys.join(', ')} (check the spelling)`;
    case 'invalid_value':
      return `should be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    case 'not_multiple_of':
      return 'should be a whole number';
    default:
      // custom, invalid_format, invalid_union, invalid_key, invalid_element: the schema words these itself.
      return issue.message;
  }
}

function describeTooSmall(issue: Extract<Issue, { code: 'too_small' }>): string {
  const minimum = Number(issue.minimum);
  if (issue.origin === 'array') {
    const count = Array.isArray(issue.input) ? issue.input.length : undefined;
    const has = count === undefined ? '' : ` but has ${count}`;
    return issue.exact
      ? `should have exactly ${minimum} ${plural(minimum, 'entry', 'entries')}${has}`
      : `should have at least ${minimum} ${plural(minimum, 'entry', 'entries')}`;
  }
  if (issue.origin === 'string') return 'is empty';
  return `should be at least ${minimum}`;
}

function describeTooBig(issue: Extract<Issue, { code: 'too_big' }>): string {
  const maximum = Number(issue.maximum);
  if (issue.origin === 'array') {
    const count = Array.isArray(issue.input) ? issue.input.length : undefined;
    const has = count === undefined ? '' : ` but has ${count}`;
    return issue.exact
      ? `should have exactly ${maximum} ${plural(maximum, 'entry', 'entries')}${has}`
      : `should have at most ${maximum} ${plural(maximum, 'entry', 'entries')}${has}`;
  }
  if (issue.origin === 'string') return `should be at most ${maximum} characters long`;
  return `should be at most ${maximum}`;
}

function describeExpected(expected: string): string {
  switch (expected) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'int':
      return 'a whole number';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    case 'object':
      return 'a group of fields';
    default:
      return expected;
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return `the text ${JSON.stringify(value)}`;
    case 'number':
      return Number.isInteger(value)
        ? `the number ${value}`
        : `the number ${value}, which is not a whole number`;
    case 'boolean':
      return String(value);
    case 'object':
      return 'a group of fields';
    default:
      return typeof value;
  }
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadStandard, loadStandardFromText } from '../../../src/main/standards';
import { isUserFacingError, type UserFacingError } from '../../../src/shared/errors';
import { parseStandard, standardSchema } from '../../../src/shared/standard';

const defaultFile = fileURLToPath(
  new URL('../../../resources/standards/coproduction-standard-v1.json', import.meta.url),
);

type Json = Record<string, unknown> & {
  statements: { text: string; number: number; criteria: Record<string, unknown>[] }[];
  outcome: { levels: { rules: Record<string, unknown>[] }[] };
  scale: { points: Record<string, unknown>[] };
};

function freshJson(): Json {
  return JSON.parse(readFileSync(defaultFile, 'utf8')) as Json;
}

function criterion(json: Json, statement: number, position: number): Record<string, unknown> {
  const found = json.statements[statement - 1]?.criteria[position - 1];
  if (!found) throw new Error(`no criterion ${statement}.${position}`);
  return found;
}

function problemsOf(value: unknown): string[] {
  const parsed = parseStandard(value);
  if (parsed.ok) throw new Error('expected the standard to be invalid');
  return parsed.problems;
}

function thrown(action: () => unknown): UserFacingError {
  try {
    action();
  } catch (error) {
    if (isUserFacingError(error)) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('an invalid standard', () => {
  it('reports every problem at once, each in a plain sentence that says where it is', () => {
    const json = freshJson();
    json.version = 1.5;
    json.extra = true;
    (json.statements[2] as { text: string }).text = 'I want to be heard.';
    criterion(json, 3, 2).title = '   ';
    delete criterion(json, 3, 1).mustHave;
    criterion(json, 1, 1).evidencePrompts = [];
    (criterion(json, 2, 1).descriptors as Record<string, unknown>)['2'] = 7;
    criterion(json, 5, 2).id = 'S5.1';
    criterion(json, 4, 1).id = 'S5.9';
    const levels = json.outcome.levels;
    (levels[1] as { rules: Record<string, unknown>[] }).rules[0] = { kind: 'requires_level', level: 3 };
    ((levels[2] as { rules: Record<string, unknown>[] }).rules[1] as Record<string, unknown>).score = 5;
    ((levels[2] as { rules: Record<string, unknown>[] }).rules[2] as Record<string, unknown>).kind = 'share';
    (json.scale.points[0] as Record<string, unknown>).score = 1;

    const problems = problemsOf(json);
    expect(problems).toEqual(
      expect.arrayContaining([
        'The version should be a whole number but is the number 1.5, which is not a whole number.',
        'The standard has a field that is not part of a standard: extra (check the spelling).',
        'I Statement 3: the wording does not quote I Statement 3 exactly. It should read: "I want to be heard and included, regardless of my identity. Offer me accessible and culturally competent support."',
        'I Statement 3, criterion S3.2: the title is empty.',
        'I Statement 3, criterion S3.1: the must-have flag is missing.',
        'I Statement 1, criterion S1.1: the evidence prompts should have at least 1 entry.',
        'I Statement 2, criterion S2.1: the Level 2 descriptor should be text but is the number 7.',
        'I Statement 5, criterion S5.1: the id is already used by criterion 1 of I Statement 5. Each criterion needs its own id.',
        'I Statement 4, criterion S5.9: the id should start with S4. because the criterion belongs to I Statement 4.',
        'The outcome rules, Level 2, rule 1: the level should be a level below Level 2: a level can only require a lower one.',
        'The outcome rules, Level 2: the rules should include "Level 1 must be met as well": each level builds on the one below.',
        'The outcome rules, Level 3, rule 2: the score should be 0, 1, 2 or 3.',
        'The outcome rules, Level 3, rule 3: the kind should be one of: requires_level, every_criterion_at_least, share_of_criteria_per_statement_at_least, must_have_at_least, share_of_all_criteria_at_least, each_statement_at_most_below, each_statement_at_least_reaching.',
        'The scoring scale, scale point 1: the score should be 0 (the scale goes 0, 1, 2, 3 in order).',
      ]),
    );
    expect(problems).toHaveLength(14);
  });

  it('needs exactly six statements, in order', () => {
    const json = freshJson();
    json.statements = json.statements.slice(0, 5);
    expect(problemsOf(json)).toContain('The I Statements should have exactly 6 entries but has 5.');
    const swapped = freshJson();
    swapped.statements = [
      swapped.statements[1],
      swapped.statements[0],
      ...swapped.statements.slice(2),
    ] as Json['statements'];
    const problems = problemsOf(swapped);
    expect(problems).toContain(
      'I Statement 1: the number should be 1 (the I Statements go from 1 to 6 in order).',
    );
    expect(
      problems.some((problem) =>
        problem.startsWith('I Statement 1: the wording does not quote I Statement 1 exactly.'),
      ),
    ).toBe(true);
  });

  it('says what is missing when whole parts are absent', () => {
    expect(problemsOf({})).toEqual([
      'The id is missing.',
      'The version is missing.',
      'The title is missing.',
      'The summary is missing.',
      'The scoring scale is missing.',
      'The I Statements is missing.',
      'The outcome rules is missing.',
    ]);
    expect(problemsOf('a standard')).toEqual([
      'The standard should be a group of fields but is the text "a standard".',
    ]);
  });

  it('rejects the same problems when the schema is used directly', () => {
    const json = freshJson();
    (json.statements[0] as { text: string }).text = 'I am more than a diagnosis.';
    expect(standardSchema.safeParse(json).success).toBe(false);
    expect(standardSchema.safeParse(freshJson()).success).toBe(true);
  });
});

describe('loading a standard file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'standard-'));

  it('throws INVALID_STANDARD listing every problem', () => {
    const json = freshJson();
    criterion(json, 6, 3).title = '';
    criterion(json, 6, 2).whatGoodLooksLike = 12;
    const file = join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify(json));
    const error = thrown(() => loadStandard(file));
    expect(error.code).toBe('INVALID_STANDARD');
    expect(error.message).toBe(
      'The standard file "broken.json" has 2 problems, so it cannot be used. Fix them and import the file again.',
    );
    expect(error.details?.map((detail) => detail.message)).toEqual([
      'I Statement 6, criterion S6.2: the "what good looks like" text should be text but is the number 12.',
      'I Statement 6, criterion S6.3: the title is empty.',
    ]);
  });

  it('explains a file that is not JSON or is not there', () => {
    const notJson = thrown(() => loadStandardFromText('{ "id": ', 'half.json'));
    expect(notJson.code).toBe('INVALID_STANDARD');
    expect(notJson.message).toMatch(/^The standard file "half.json" is not valid JSON/);
    const missing = thrown(() => loadStandard(join(dir, 'nowhere.json')));
    expect(missing.code).toBe('INVALID_STANDARD');
    expect(missing.message).toBe(
      'The standard file "nowhere.json" could not be read (there is no file with that name). Check the file is there and try again.',
    );
  });

  it('accepts a file with a byte-order mark', () => {
    expect(loadStandardFromText(`\uFEFF${readFileSync(defaultFile, 'utf8')}`, 'bom.json').id).toBe(
      'coproduction-standard',
    );
  });
});

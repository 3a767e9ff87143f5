import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  findBundledStandard,
  listBundledStandards,
  loadStandard,
  matchesFingerprint,
  fingerprintOf,
  standardHash,
} from '../../../src/main/standards';
import {
  canonicalJson,
  I_STATEMENTS,
  parseStandard,
  standardFingerprintSchema,
  type Standard,
} from '../../../src/shared/standard';

const resourcesDir = fileURLToPath(new URL('../../../resources', import.meta.url));
const defaultFile = join(resourcesDir, 'standards', 'coproduction-standard-v1.json');

describe('the default standard', () => {
  const standard = loadStandard(defaultFile);

  it('validates against the schema', () => {
    const parsed = parseStandard(JSON.parse(readFileSync(defaultFile, 'utf8')));
    expect(parsed.ok ? [] : parsed.problems).toEqual([]);
  });

  it('is the Coproduction Standard built on the I Statements, version 1', () => {
    expect(standard.title).toBe('Coproduction Standard built on the I Statements');
    expect(standard.version).toBe(1);
  });

  it('quotes the six I Statements exactly, in order', () => {
    expect(standard.statements.map((statement) => statement.text)).toEqual([...I_STATEMENTS]);
    expect(standard.statements.map((statement) => statement.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(I_STATEMENTS[3]).toBe(
      'I may be facing more than just a mental health challenge (e.g. Substances including alcohol or a physical condition). Respond to these creatively and without judgement.',
    );
    expect(I_STATEMENTS[5]).toBe(
      "I have a story to tell. Share information effectively, with my permission, so I don't have to repeat myself.",
    );
  });

  it('has three or four criteria per statement, numbered S<statement>.<position>', () => {
    for (const statement of standard.statements) {
      expect(statement.criteria.length).toBeGreaterThanOrEqual(3);
      expect(statement.criteria.length).toBeLessThanOrEqual(4);
      expect(statement.criteria.map((criterion) => criterion.id)).toEqual(
        statement.criteria.map((_c, i) => `S${statement.number}.${i + 1}`),
      );
    }
  });

  it('marks one or two must-have criteria per statement', () => {
    for (const statement of standard.statements) {
      const mustHaves = statement.criteria.filter((criterion) => criterion.mustHave).length;
      expect(mustHaves).toBeGreaterThanOrEqual(1);
      expect(mustHaves).toBeLessThanOrEqual(2);
    }
  });

  it('gives every criterion evidence prompts and descriptors that follow the ladder of coproduction', () => {
    for (const criterion of standard.statements.flatMap((statement) => statement.criteria)) {
      expect(criterion.evidencePrompts.length).toBeGreaterThanOrEqual(2);
      const [level1, level2, level3] = [
        criterion.descriptors['1'],
        criterion.descriptors['2'],
        criterion.descriptors['3'],
      ];
      for (const words of [/engaged/, /listened to/, /see what changed/])
        expect(level1, criterion.id).toMatch(words);
      for (const words of [/co-design/, /trained, supported and paid/])
        expect(level2, criterion.id).toMatch(words);
      for (const words of [
        /share power and resources/,
        /co-produce/,
        /co-deliver/,
        /co-evaluate/,
        /leadership roles/,
      ])
        expect(level3, criterion.id).toMatch(words);
    }
  });

  it('holds the issue’s outcome rules as data', () => {
    expect(standard.outcome.levels.map((level) => level.rules)).toEqual([
      [{ kind: 'every_criterion_at_least', score: 1 }],
      [
        { kind: 'requires_level', level: 1 },
        { kind: 'share_of_criteria_per_statement_at_least', score: 2, percent: 80, rounding: 'up' },
        { kind: 'must_have_at_least', score: 2 },
      ],
      [
        { kind: 'requires_level', level: 2 },
        { kind: 'every_criterion_at_least', score: 2 },
        { kind: 'share_of_criteria_per_statement_at_least', score: 3, percent: 60, rounding: 'up' },
        { kind: 'must_have_at_least', score: 3 },
      ],
    ]);
  });

  it('has the scale 0 to 3 plus "not enough evidence"', () => {
    expect(standard.scale.points.map((point) => point.score)).toEqual([0, 1, 2, 3]);
    expect(standard.scale.notEnoughEvidence.meaning).toMatch(/counts as not met/);
  });
});

describe('fingerprinting a standard', () => {
  const standard = loadStandard(defaultFile);

  it('hashes the canonical JSON with SHA-256', () => {
    expect(standardHash(standard)).toMatch(/^[0-9a-f]{64}$/);
    const fingerprint = fingerprintOf(standard);
    expect(standardFingerprintSchema.parse(fingerprint)).toEqual({
      id: 'coproduction-standard',
      version: 1,
      sha256: standardHash(standard),
    });
    expect(matchesFingerprint(standard, fingerprint)).toBe(true);
  });

  it('gives the same hash whatever order the keys are written in', () => {
    const reversed = reverseKeys(standard) as Standard;
    expect(JSON.stringify(reversed)).not.toBe(JSON.stringify(standard));
    expect(standardHash(reversed)).toBe(standardHash(standard));
  });

  it('changes the hash when any wording changes, so an edited standard no longer matches an old fingerprint', () => {
    const fingerprint = fingerprintOf(standard);
    const edited = structuredClone(standard);
    const criterion = edited.statements[1]?.criteria[0];
    if (!criterion) throw new Error('the default standard has no S2.1');
    criterion.title = `${criterion.title}.`;
    expect(standardHash(edited)).not.toBe(fingerprint.sha256);
    expect(matchesFingerprint(edited, fingerprint)).toBe(false);
  });

  it('hashes exactly the canonical JSON text', async () => {
    const { createHash } = await import('node:crypto');
    expect(standardHash(standard)).toBe(createHash('sha256').update(canonicalJson(standard)).digest('hex'));
  });
});

describe('bundled standards', () => {
  it('lists the default standard', () => {
    expect(listBundledStandards(resourcesDir)).toContainEqual({
      id: 'coproduction-standard',
      version: 1,
      title: 'Coproduction Standard built on the I Statements',
      file: defaultFile,
    });
  });

  it('finds a bundled standard by id and version, and nothing for an unknown one', () => {
    expect(findBundledStandard(resourcesDir, 'coproduction-standard', 1)?.title).toBe(
      'Coproduction Standard built on the I Statements',
    );
    expect(findBundledStandard(resourcesDir, 'coproduction-standard', 99)).toBeUndefined();
    expect(findBundledStandard(resourcesDir, 'another-standard', 1)).toBeUndefined();
  });

  it('skips files that are not standards and copes with a missing folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'standards-'));
    expect(listBundledStandards(dir)).toEqual([]);
    mkdirSync(join(dir, 'standards'));
    copyFileSync(defaultFile, join(dir, 'standards', 'a.json'));
    writeFileSync(join(dir, 'standards', 'b.json'), '{ not json');
    writeFileSync(join(dir, 'standards', 'c.json'), '{"id": 3}');
    expect(listBundledStandards(dir).map((entry) => entry.id)).toEqual(['coproduction-standard']);
  });
});

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, inner]) => [key, reverseKeys(inner)]),
  );
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allCriteria, type OutcomeRule, type Standard } from '../../../src/shared/standard';
import {
  criteriaNeeded,
  decideOutcome,
  NOT_YET_AWARDED,
  type AgreedScores,
  type OutcomeLevel,
  scoreForRules,
  type Score,
  type ScorePoint,
} from '../../../src/shared/scoring';
import { agreedScoresFor, allScores, criterionIds, defaultStandard } from './support';

const rank = (level: OutcomeLevel): number => (level === NOT_YET_AWARDED ? 0 : level);

/** The issue's rules written out by hand, independently of the rules-as-data engine. */
function issueRulesLevel(standard: Standard, agreed: AgreedScores): OutcomeLevel {
  const score = (id: string): number => scoreForRules(agreed[id]);
  const criteria = allCriteria(standard);
  const every = (min: number): boolean => criteria.every((c) => score(c.id) >= min);
  const share = (min: number, percent: number): boolean =>
    standard.statements.every(
      (s) =>
        s.criteria.filter((c) => score(c.id) >= min).length >= Math.ceil((s.criteria.length * percent) / 100),
    );
  const mustHaves = (min: number): boolean =>
    criteria.filter((c) => c.mustHave).every((c) => score(c.id) >= min);
  const level1 = every(1);
  const level2 = level1 && share(2, 80) && mustHaves(2);
  const level3 = level2 && every(2) && share(3, 60) && mustHaves(3);
  return level3 ? 3 : level2 ? 2 : level1 ? 1 : NOT_YET_AWARDED;
}

const withScore = (agreed: AgreedScores, id: string, score: Score | undefined): AgreedScores => ({
  ...agreed,
  [id]: score,
});

describe('decideOutcome with the default standard', () => {
  it('awards Level 3 when everything is 3, Level 2 when everything is 2, Level 1 when everything is 1', () => {
    expect(decideOutcome(defaultStandard, allScores(3)).level).toBe(3);
    expect(decideOutcome(defaultStandard, allScores(2)).level).toBe(2);
    expect(decideOutcome(defaultStandard, allScores(1)).level).toBe(1);
    expect(decideOutcome(defaultStandard, allScores(0)).level).toBe(NOT_YET_AWARDED);
    expect(decideOutcome(defaultStandard, {}).level).toBe(NOT_YET_AWARDED);
  });

  it('counts "not enough evidence" and a missing agreed score as not met', () => {
    const decision = decideOutcome(defaultStandard, withScore(allScores(3), 'S4.2', 'not_enough_evidence'));
    expect(decision.level).toBe(NOT_YET_AWARDED);
    expect(decision.readAloud).toContain(
      'S4.2 "Joined-up support with other services" has not enough evidence, which counts as not met.',
    );
    const missing = decideOutcome(defaultStandard, withScore(allScores(3), 'S6.3', undefined));
    expect(missing.level).toBe(NOT_YET_AWARDED);
    expect(missing.readAloud).toContain(
      'S6.3 "Stories that make a difference" has no agreed score, which counts as not met.',
    );
  });

  it('rounds the 80% up: in a statement of four criteria all four must score 2 for Level 2', () => {
    const agreed = withScore(allScores(2), 'S3.4', 1);
    const decision = decideOutcome(defaultStandard, agreed);
    expect(decision.level).toBe(1);
    const share = decision.levels[1]?.rules[1];
    expect(share?.statements?.find((s) => s.statementNumber === 3)).toMatchObject({
      criteriaCount: 4,
      needed: 4,
      reached: 3,
      met: false,
    });
    expect(share?.sentences).toContain(
      'I Statement 3: 3 of 4 criteria score 2 or more, and 4 are needed, so this is not met.',
    );
    expect(share?.sentences).toContain(
      'Below 2 in I Statement 3: S3.4 "Acting on unfair differences" with an agreed score of 1.',
    );
  });

  it('rounds the 60% up: two of three, and three of four, criteria must score 3 for Level 3', () => {
    expect(criteriaNeeded(3, 60, 'up')).toBe(2);
    expect(criteriaNeeded(4, 60, 'up')).toBe(3);
    expect(criteriaNeeded(5, 60, 'up')).toBe(3);
    expect(criteriaNeeded(5, 80, 'up')).toBe(4);
    expect(criteriaNeeded(3, 60, 'down')).toBe(1);
    const threes: AgreedScores = { ...allScores(3), 'S1.2': 2, 'S3.3': 2 };
    expect(decideOutcome(defaultStandard, threes).level).toBe(3);
    expect(decideOutcome(defaultStandard, { ...threes, 'S1.3': 2 }).level).toBe(2);
    expect(decideOutcome(defaultStandard, { ...threes, 'S3.4': 2 }).level).toBe(2);
  });

  it('holds Level 3 back when a must-have criterion is not 3', () => {
    const decision = decideOutcome(defaultStandard, withScore(allScores(3), 'S5.1', 2));
    expect(decision.level).toBe(2);
    expect(decision.summary).toBe(
      'The agreed scores meet Level 2: Co-designing, so the outcome is Level 2. They do not yet meet Level 3: Sharing power.',
    );
    const mustHave = decision.levels[2]?.rules[3];
    expect(mustHave?.met).toBe(false);
    expect(mustHave?.failed.map((c) => c.criterionId)).toEqual(['S5.1']);
    expect(mustHave?.sentences).toContain(
      'S5.1 "A named person responsible for my support" is a must-have and has an agreed score of 2.',
    );
  });

  it('gives a trace a panel can read aloud, naming the standard and every level', () => {
    const decision = decideOutcome(defaultStandard, allScores(2));
    expect(decision.standard).toEqual({ id: 'coproduction-standard', version: 1 });
    expect(decision.levelName).toBe('Level 2: Co-designing');
    expect(decision.readAloud.slice(0, 4)).toEqual([
      'The agreed scores meet Level 2: Co-designing, so the outcome is Level 2. They do not yet meet Level 3: Sharing power.',
      'Level 1: Engaged and listened to: met.',
      'Every criterion must score at least 1.',
      'Met: all 19 criteria score 1 or more.',
    ]);
    for (const sentence of decision.readAloud) expect(sentence).toMatch(/^[A-Z].*[.]$/);
  });

  it('matches the issue’s rules written out by hand, for any agreed scores', () => {
    fc.assert(
      fc.property(agreedScoresFor(), (agreed) => {
        expect(decideOutcome(defaultStandard, agreed).level).toBe(issueRulesLevel(defaultStandard, agreed));
      }),
      { numRuns: 500 },
    );
  });

  it('reaches every outcome in the generated cases (the properties are not vacuous)', () => {
    const seen = new Set(
      fc
        .sample(agreedScoresFor(), { numRuns: 2000, seed: 42 })
        .map((agreed) => decideOutcome(defaultStandard, agreed).level),
    );
    expect([...seen].sort()).toEqual([1, 2, 3, NOT_YET_AWARDED].sort());
  });

  it('never lowers the level when any agreed score is raised', () => {
    const ids = criterionIds();
    fc.assert(
      fc.property(
        agreedScoresFor(),
        fc.constantFrom(...ids),
        fc.constantFrom<ScorePoint>(0, 1, 2, 3),
        (agreed, id, raised) => {
          fc.pre(raised > scoreForRules(agreed[id]));
          const before = decideOutcome(defaultStandard, agreed).level;
          const after = decideOutcome(defaultStandard, withScore(agreed, id, raised)).level;
          expect(rank(after)).toBeGreaterThanOrEqual(rank(before));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('Level 3 implies the Level 2 conditions, which imply the Level 1 conditions', () => {
    fc.assert(
      fc.property(agreedScoresFor(), (agreed) => {
        const decision = decideOutcome(defaultStandard, agreed);
        const [level1, level2, level3] = decision.levels;
        if (level3?.met) expect(level2?.rules.every((rule) => rule.met)).toBe(true);
        if (level2?.met) expect(level1?.rules.every((rule) => rule.met)).toBe(true);
        if (decision.level !== NOT_YET_AWARDED) {
          for (const entry of decision.levels) expect(entry.met).toBe(entry.level <= decision.level);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('names, by id and title, every criterion that failed a rule', () => {
    fc.assert(
      fc.property(agreedScoresFor(), (agreed) => {
        const decision = decideOutcome(defaultStandard, agreed);
        for (const rule of decision.levels.flatMap((entry) => entry.rules)) {
          const text = rule.sentences.join(' ');
          const threshold = 'score' in rule.rule ? rule.rule.score : undefined;
          if (threshold !== undefined) {
            const candidates = allCriteria(defaultStandard).filter(
              (c) => rule.rule.kind !== 'must_have_at_least' || c.mustHave,
            );
            const expected = candidates
              .filter((c) => scoreForRules(agreed[c.id]) < threshold)
              .map((c) => c.id);
            expect(rule.failed.map((c) => c.criterionId)).toEqual(expected);
          }
          for (const failed of rule.failed) expect(text).toContain(`${failed.criterionId} "${failed.title}"`);
          expect(text).toMatch(rule.met ? /\bMet\b|so this is met/ : /Not met/);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('decideOutcome reads the rules as data', () => {
  const ruleArb: fc.Arbitrary<OutcomeRule> = fc.oneof(
    fc.record({
      kind: fc.constant('every_criterion_at_least' as const),
      score: fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const),
    }),
    fc.record({
      kind: fc.constant('must_have_at_least' as const),
      score: fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const),
    }),
    fc.record({
      kind: fc.constant('share_of_criteria_per_statement_at_least' as const),
      score: fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const),
      percent: fc.integer({ min: 1, max: 100 }),
      rounding: fc.constantFrom('up' as const, 'down' as const),
    }),
  );
  const rulesArb = fc
    .tuple(
      fc.array(ruleArb, { minLength: 1, maxLength: 3 }),
      fc.array(ruleArb, { maxLength: 3 }),
      fc.array(ruleArb, { maxLength: 3 }),
    )
    .map(([one, two, three]): Standard['outcome'] => ({
      levels: [
        { level: 1, name: 'Level 1', summary: 'One.', rules: one },
        { level: 2, name: 'Level 2', summary: 'Two.', rules: [{ kind: 'requires_level', level: 1 }, ...two] },
        {
          level: 3,
          name: 'Level 3',
          summary: 'Three.',
          rules: [{ kind: 'requires_level', level: 2 }, ...three],
        },
      ],
    }));

  it('uses the thresholds a later version sets', () => {
    const lenient: Standard = {
      ...defaultStandard,
      version: 2,
      outcome: {
        levels: defaultStandard.outcome.levels.map((entry) =>
          entry.level === 2
            ? {
                ...entry,
                rules: [
                  { kind: 'requires_level', level: 1 },
                  { kind: 'share_of_criteria_per_statement_at_least', score: 2, percent: 50, rounding: 'up' },
                ],
              }
            : entry,
        ),
      },
    };
    const agreed: AgreedScores = { ...allScores(2), 'S1.1': 1, 'S3.4': 1 };
    expect(decideOutcome(defaultStandard, agreed).level).toBe(1);
    expect(decideOutcome(lenient, agreed).level).toBe(2);
  });

  it('keeps raising a score from lowering the level, whatever the thresholds', () => {
    const ids = criterionIds();
    fc.assert(
      fc.property(
        rulesArb,
        agreedScoresFor(),
        fc.constantFrom(...ids),
        fc.constantFrom<ScorePoint>(1, 2, 3),
        (outcome, agreed, id, raised) => {
          fc.pre(raised > scoreForRules(agreed[id]));
          const standard = { ...defaultStandard, outcome };
          const before = decideOutcome(standard, agreed);
          const after = decideOutcome(standard, withScore(agreed, id, raised));
          expect(rank(after.level)).toBeGreaterThanOrEqual(rank(before.level));
          const awarded = after.level;
          if (awarded !== NOT_YET_AWARDED)
            expect(after.levels.filter((entry) => entry.level <= awarded).every((entry) => entry.met)).toBe(
              true,
            );
        },
      ),
      { numRuns: 300 },
    );
  });
});

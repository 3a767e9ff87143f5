import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPracticeCase } from '../../../src/main/demo';
import { nodeRuntime } from '../../../src/main/runtime';
import {
  addAssessor,
  calibrationAttempts,
  calibrationStatuses,
  changeCalibrationThresholds,
  createSchemeFile,
  LATEST_SCHEME_SCHEMA_VERSION,
  listPracticeCases,
  markPracticeCase,
  openSchemeFile,
  practiceCaseForScoring,
  readBundledPracticeCase,
  readCalibrationThresholds,
  submitPracticeScores,
  writeNewSchemeFile,
  type SchemeFile,
} from '../../../src/main/scheme';
import type { ScorePoint } from '../../../src/shared/scale';
import { APP_VERSION, expectUserError, makeTempDir, PASSPHRASE } from '../casefile/support';

const temp = makeTempDir('copanel-scheme-calibration-');
afterAll(() => temp.cleanup());

const OFFICE = 'Mo Reyes';
const resourcesDir = nodeRuntime('cli').resourcesDir;
const bundled = readBundledPracticeCase(resourcesDir);
const today = new Date().toISOString().slice(0, 10);

async function newScheme(name: string): Promise<SchemeFile> {
  return createSchemeFile({
    path: join(temp.dir, `${name}.copanel-scheme`),
    schemeName: 'Northfield Kitemark Scheme',
    passphrase: PASSPHRASE,
    appVersion: APP_VERSION,
    createdBy: OFFICE,
  });
}

/** The reference scores, with `changes` applied (criterion id → score). */
function referenceScores(changes: Record<string, ScorePoint> = {}): Record<string, ScorePoint> {
  return { ...Object.fromEntries(bundled.reference.map((row) => [row.criterionId, row.score])), ...changes };
}

async function auditEntries(scheme: SchemeFile): Promise<number> {
  return (await scheme.details()).auditEntries;
}

describe('the bundled practice case', () => {
  it('is fictional, has a reason for every reference score, and is exactly what the app’s own code builds', async () => {
    expect(bundled.fictional).toBe(true);
    expect(bundled.organisation).toContain('(fictional)');
    expect(bundled.criteria).toHaveLength(19);
    expect(new Set(bundled.reference.map((row) => row.score))).toEqual(new Set([0, 1, 2, 3]));
    expect(bundled.reference.every((row) => row.rationale.length > 20)).toBe(true);
    expect(await buildPracticeCase(nodeRuntime('cli'))).toEqual(bundled);
  }, 60_000);
});

describe('calibration against a practice case, in a real encrypted scheme file', () => {
  it('scores the practice case without seeing the reference, compares, and records “calibrated” with the date', async () => {
    const scheme = await newScheme('calibrate');
    const sam = await addAssessor(scheme, OFFICE, {
      name: 'Sam Okafor',
      roles: ['assessor'],
      consentToBeNamed: true,
    });
    const practiceId = await markPracticeCase(scheme, OFFICE, { material: bundled, source: 'bundled' });
    expect(await listPracticeCases(scheme)).toMatchObject([
      {
        id: practiceId,
        title: bundled.title,
        fictional: true,
        source: 'bundled',
        criteria: 19,
        markedBy: OFFICE,
      },
    ]);

    // What the assessor scores from carries no reference score and no reason.
    const forScoring = JSON.stringify(await practiceCaseForScoring(scheme, practiceId));
    for (const row of bundled.reference) expect(forScoring).not.toContain(row.rationale);
    expect(forScoring).not.toContain('reference');

    // A first try two points off on two criteria: not calibrated, and told which.
    const first = await submitPracticeScores(scheme, 'Sam Okafor', {
      practiceCaseId: practiceId,
      assessorId: sam,
      scores: referenceScores({ 'S2.3': 2, 'S3.3': 3 }),
    });
    expect(first).toMatchObject({
      criteria: 19,
      exact: 17,
      withinOne: 17,
      withinOnePercent: 89,
      differedByTwoOrMore: ['S2.3', 'S3.3'],
      calibrated: false,
    });
    expect(first.byCriterion.find((row) => row.criterionId === 'S2.3')?.rationale).toBe(
      bundled.reference.find((row) => row.criterionId === 'S2.3')?.rationale,
    );
    expect((await calibrationStatuses(scheme)).get(sam)).toEqual({ state: 'not_calibrated' });

    // A second try one point off on one criterion: calibrated, with today's date.
    const second = await submitPracticeScores(scheme, 'Sam Okafor', {
      practiceCaseId: practiceId,
      assessorId: sam,
      scores: referenceScores({ 'S1.1': 3 }),
    });
    expect(second).toMatchObject({ exact: 18, withinOne: 19, withinOnePercent: 100, calibrated: true });
    expect(Number(second.alpha)).toBeGreaterThan(0.9);
    expect((await calibrationStatuses(scheme)).get(sam)).toMatchObject({
      state: 'calibrated',
      calibratedOn: today,
    });
    expect((await calibrationAttempts(scheme, sam)).map((row) => row.calibrated)).toEqual([true, false]);
    const log = await scheme.db.selectFrom('audit_log').select('action').orderBy('seq').execute();
    expect(log.map((row) => row.action)).toEqual(
      expect.arrayContaining(['calibration.practice_case_marked', 'calibration.practice_submitted']),
    );
    expect(await scheme.verifyAuditChain()).toMatchObject({ ok: true });
    await scheme.close();

    // Nothing of the reference or the scores is readable on disk without the passphrase.
    const bytes = readFileSync(scheme.path);
    for (const needle of [bundled.reference[0]?.rationale ?? 'x', 'Lantern Lane', 'Sam Okafor'])
      expect(bytes.includes(Buffer.from(needle))).toBe(false);
  });

  it('uses the scheme’s own thresholds once set', async () => {
    const scheme = await newScheme('thresholds');
    expect(await readCalibrationThresholds(scheme)).toEqual({ withinOnePercent: 90, alphaThousandths: 670 });
    await changeCalibrationThresholds(scheme, OFFICE, { withinOnePercent: 100, alphaThousandths: 900 });
    const jo = await addAssessor(scheme, OFFICE, {
      name: 'Jo Lindqvist',
      roles: ['lead'],
      consentToBeNamed: false,
    });
    const practiceId = await markPracticeCase(scheme, OFFICE, { material: bundled, source: 'bundled' });
    const result = await submitPracticeScores(scheme, OFFICE, {
      practiceCaseId: practiceId,
      assessorId: jo,
      scores: referenceScores({ 'S2.3': 2 }),
    });
    expect(result.calibrated).toBe(false);
    expect(result.verdict).toContain('at least 100% within one point and alpha of at least 0.9');
    await scheme.close();
  });

  it('refuses bad input plainly, saving nothing', async () => {
    const scheme = await newScheme('refusals');
    const sam = await addAssessor(scheme, OFFICE, {
      name: 'Sam Okafor',
      roles: ['assessor'],
      consentToBeNamed: true,
    });
    const practiceId = await markPracticeCase(scheme, OFFICE, { material: bundled, source: 'bundled' });
    const before = await auditEntries(scheme);

    const again = await expectUserError(
      markPracticeCase(scheme, OFFICE, { material: bundled, source: 'bundled' }),
    );
    expect(again.message).toContain('is already a practice case');
    const noReason = structuredClone(bundled);
    noReason.reference[0] = { ...bundled.reference[0]!, rationale: ' ' };
    expect(
      (await expectUserError(markPracticeCase(scheme, OFFICE, { material: noReason, source: 'case' }))).code,
    ).toBe('INVALID_INPUT');
    const { 'S6.3': _left, ...missing } = referenceScores();
    const incomplete = await expectUserError(
      submitPracticeScores(scheme, OFFICE, { practiceCaseId: practiceId, assessorId: sam, scores: missing }),
    );
    expect(incomplete.message).toBe('Score every criterion before submitting: S6.3 has no score yet.');
    const extra = await expectUserError(
      submitPracticeScores(scheme, OFFICE, {
        practiceCaseId: practiceId,
        assessorId: sam,
        scores: { ...referenceScores(), 'S9.9': 1 },
      }),
    );
    expect(extra.message).toBe('S9.9 is not in this practice case.');
    const stranger = await expectUserError(
      submitPracticeScores(scheme, OFFICE, {
        practiceCaseId: practiceId,
        assessorId: 'nobody',
        scores: referenceScores(),
      }),
    );
    expect(stranger.code).toBe('NOT_FOUND');
    const offScale = await expectUserError(
      submitPracticeScores(scheme, OFFICE, {
        practiceCaseId: practiceId,
        assessorId: sam,
        scores: referenceScores({ 'S1.1': 4 as ScorePoint }),
      }),
    );
    expect(offScale.code).toBe('INVALID_INPUT');
    const future = await expectUserError(
      submitPracticeScores(scheme, OFFICE, {
        practiceCaseId: practiceId,
        assessorId: sam,
        scores: referenceScores(),
        submittedOn: '2999-01-01',
      }),
    );
    expect(future.message).toContain('in the future');
    expect(
      (
        await expectUserError(
          changeCalibrationThresholds(scheme, OFFICE, { withinOnePercent: 90.5, alphaThousandths: 670 }),
        )
      ).code,
    ).toBe('INVALID_INPUT');
    expect(await auditEntries(scheme)).toBe(before);
    expect(await calibrationAttempts(scheme, sam)).toEqual([]);
    await scheme.close();
  });

  it('brings a scheme file from before calibration up to date, with a backup', async () => {
    const path = join(temp.dir, 'older.copanel-scheme');
    await writeNewSchemeFile(
      path,
      { path, schemeName: 'Older Scheme', passphrase: PASSPHRASE, appVersion: '0.0.1', createdBy: OFFICE },
      2,
    );
    const scheme = await openSchemeFile({ path, passphrase: PASSPHRASE, appVersion: APP_VERSION });
    expect((await scheme.details()).schemaVersion).toBe(LATEST_SCHEME_SCHEMA_VERSION);
    expect(await listPracticeCases(scheme)).toEqual([]);
    expect(await readCalibrationThresholds(scheme)).toEqual({ withinOnePercent: 90, alphaThousandths: 670 });
    await scheme.close();
    expect(readdirSync(temp.dir).filter((name) => name.startsWith('older.backup-layout-2-'))).toHaveLength(1);
    expect(existsSync(path)).toBe(true);
  });
});

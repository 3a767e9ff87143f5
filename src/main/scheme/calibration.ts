import { randomUUID } from 'node:crypto';
import {
  calibrationThresholds,
  DEFAULT_CALIBRATION_THRESHOLDS,
  practiceCaseMaterial,
  practiceSubmission,
  UserFacingError,
  type CalibrationResult,
  type CalibrationStatus,
  type CalibrationThresholds,
  type PracticeCaseForScoring,
  type PracticeCaseListing,
  type PracticeCaseMaterial,
} from '../../shared/api';
import { todayIso } from '../../shared/dates';
import { checkedInput, invalidInput } from '../checked-input';
import { requireUnchangedSince, type FieldNames } from '../changed-elsewhere';
import { compareWithReference } from './calibration-comparison';
import { readSchemeSettings } from './directory';
import type { ReadableSchemeDb, SchemeFile } from './scheme-file';
import { refresherDueDate } from './training';

/**
 * Calibration against a practice case (issue 14 item 3), kept in the scheme file (migration 4).
 * The reference scores never leave this module before an assessor submits: the practice case they
 * score from (practiceCaseForScoring) carries no reference score and no reason. Practice scores are
 * handed in all at once, so nobody sees them before they are submitted. Every change is audited.
 */

/** One practice case in the list (the contract's PracticeCaseListing). */
export type PracticeCaseSummary = PracticeCaseListing;

export interface CalibrationAttemptSummary {
  id: string;
  practiceCaseId: string;
  submittedOn: string;
  exactPercent: number;
  withinOnePercent: number;
  alpha: string | null;
  calibrated: boolean;
}

function percentCutDown(part: number, whole: number): number {
  return Math.floor((part * 100) / whole);
}

export async function readCalibrationThresholds(scheme: SchemeFile): Promise<CalibrationThresholds> {
  return calibrationThresholdsIn(scheme.db);
}

async function calibrationThresholdsIn(db: ReadableSchemeDb): Promise<CalibrationThresholds> {
  const row = await db.selectFrom('calibration_threshold').selectAll().executeTakeFirst();
  return row
    ? { withinOnePercent: row.within_one_percent, alphaThousandths: row.alpha_thousandths }
    : DEFAULT_CALIBRATION_THRESHOLDS;
}

const THRESHOLD_NAMES: FieldNames<CalibrationThresholds> = {
  withinOnePercent: 'share of criteria within one point',
  alphaThousandths: 'agreement (Krippendorff’s alpha)',
};

/**
 * Sets the thresholds for calibrated. Given the thresholds the form showed (`savedBefore`), saves
 * nothing if they were changed meanwhile, e.g. in another tab.
 */
export async function changeCalibrationThresholds(
  scheme: SchemeFile,
  actor: string,
  input: unknown,
  savedBefore?: CalibrationThresholds,
): Promise<CalibrationThresholds> {
  const next = checkedInput(calibrationThresholds.safeParse(input));
  const values = {
    within_one_percent: next.withinOnePercent,
    alpha_thousandths: next.alphaThousandths,
    updated_at: new Date().toISOString(),
  };
  await scheme.mutate(actor, 'calibration.thresholds_changed', { ...next }, async (trx) => {
    requireUnchangedSince(
      await calibrationThresholdsIn(trx),
      savedBefore,
      THRESHOLD_NAMES,
      'The calibration thresholds',
    );
    await trx
      .insertInto('calibration_threshold')
      .values({ id: 1, ...values })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute();
  });
  return next;
}

/**
 * Marks a practice case: the bundled fictional one, or one made from a finished case
 * (practiceCaseFromCaseFile). The same material is not marked twice while it is in use.
 */
export async function markPracticeCase(
  scheme: SchemeFile,
  actor: string,
  input: { material: unknown; source: 'bundled' | 'case'; sourceCaseId?: string },
): Promise<string> {
  const material = checkedInput(practiceCaseMaterial.safeParse(input.material));
  const materialJson = JSON.stringify(material);
  const same = await scheme.db
    .selectFrom('practice_case')
    .select('id')
    .where('material_json', '=', materialJson)
    .where('retired_at', 'is', null)
    .executeTakeFirst();
  if (same)
    throw invalidInput(
      `“${material.title}” is already a practice case. Assessors can score it from the list.`,
    );
  const id = randomUUID();
  await scheme.mutate(
    actor,
    'calibration.practice_case_marked',
    { id, title: material.title, source: input.source, sourceCaseId: input.sourceCaseId ?? null },
    async (trx) => {
      await trx
        .insertInto('practice_case')
        .values({
          id,
          title: material.title,
          organisation: material.organisation,
          fictional: material.fictional ? 1 : 0,
          source: input.source,
          source_case_id: input.sourceCaseId ?? null,
          standard_id: material.standard.id,
          standard_version: material.standard.version,
          standard_sha256: material.standard.sha256,
          material_json: materialJson,
          marked_by: actor,
          marked_at: new Date().toISOString(),
          retired_at: null,
        })
        .execute();
    },
  );
  return id;
}

export async function listPracticeCases(scheme: SchemeFile): Promise<PracticeCaseSummary[]> {
  const rows = await scheme.db
    .selectFrom('practice_case')
    .selectAll()
    .where('retired_at', 'is', null)
    .orderBy('marked_at')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    organisation: row.organisation,
    fictional: row.fictional === 1,
    source: row.source,
    criteria: storedMaterial(row.material_json).criteria.length,
    markedBy: row.marked_by,
    markedAt: row.marked_at,
  }));
}

function storedMaterial(json: string): PracticeCaseMaterial {
  const result = practiceCaseMaterial.safeParse(JSON.parse(json));
  if (!result.success)
    throw new UserFacingError(
      'CASE_FILE_DAMAGED',
      'This practice case’s stored material cannot be read. Mark the practice case again.',
    );
  return result.data;
}

async function practiceMaterial(scheme: SchemeFile, id: string): Promise<PracticeCaseMaterial> {
  const row = await scheme.db
    .selectFrom('practice_case')
    .select('material_json')
    .where('id', '=', id)
    .where('retired_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw new UserFacingError('NOT_FOUND', 'That practice case is not in this scheme file.');
  return storedMaterial(row.material_json);
}

/** The practice case as an assessor scores it: the criteria and evidence, never the reference. */
export async function practiceCaseForScoring(
  scheme: SchemeFile,
  id: string,
): Promise<PracticeCaseForScoring> {
  const material = await practiceMaterial(scheme, id);
  return {
    id,
    title: material.title,
    organisation: material.organisation,
    fictional: material.fictional,
    criteria: material.criteria,
  };
}

/**
 * An assessor hands in their practice scores (every criterion, 0 to 3) and sees at once how they
 * compare with the reference, with the reference's reasons. Recorded with the date; "calibrated"
 * when at or above the scheme's thresholds.
 */
export async function submitPracticeScores(
  scheme: SchemeFile,
  actor: string,
  input: unknown,
): Promise<CalibrationResult> {
  const submission = checkedInput(practiceSubmission.safeParse(input));
  const submittedOn = submission.submittedOn ?? todayIso();
  if (submittedOn > todayIso())
    throw invalidInput('That date is in the future. Use the day the scores were given.');
  const assessor = await scheme.db
    .selectFrom('assessor')
    .select(['id', 'name'])
    .where('id', '=', submission.assessorId)
    .executeTakeFirst();
  if (!assessor) throw new UserFacingError('NOT_FOUND', 'That person is not in the assessor directory.');
  const material = await practiceMaterial(scheme, submission.practiceCaseId);
  const ids = material.criteria.map((criterion) => criterion.id);
  const missing = ids.filter((id) => submission.scores[id] === undefined);
  const unknown = Object.keys(submission.scores).filter((id) => !ids.includes(id));
  if (unknown.length > 0)
    throw invalidInput(
      `${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not in this practice case.`,
    );
  if (missing.length > 0)
    throw invalidInput(
      `Score every criterion before submitting: ${missing.join(', ')} ${missing.length === 1 ? 'has' : 'have'} no score yet.`,
    );
  const thresholds = await readCalibrationThresholds(scheme);
  const { byCriterion, ...comparison } = compareWithReference(material, submission.scores, thresholds);
  const attemptId = randomUUID();
  await scheme.mutate(
    actor,
    'calibration.practice_submitted',
    {
      id: attemptId,
      assessorId: assessor.id,
      practiceCaseId: submission.practiceCaseId,
      submittedOn,
      withinOnePercent: comparison.withinOnePercent,
      alpha: comparison.alpha,
      calibrated: comparison.calibrated,
    },
    async (trx) => {
      await trx
        .insertInto('calibration_attempt')
        .values({
          id: attemptId,
          practice_case_id: submission.practiceCaseId,
          assessor_id: assessor.id,
          scores_json: JSON.stringify(submission.scores),
          criteria: comparison.criteria,
          exact: comparison.exact,
          within_one: comparison.withinOne,
          alpha: comparison.alpha,
          differed_json: JSON.stringify(comparison.differedByTwoOrMore),
          calibrated: comparison.calibrated ? 1 : 0,
          submitted_on: submittedOn,
          submitted_at: new Date().toISOString(),
        })
        .execute();
    },
  );
  return { ...comparison, attemptId, submittedOn, byCriterion };
}

/** An assessor's submitted practice attempts, newest first. */
export async function calibrationAttempts(
  scheme: SchemeFile,
  assessorId: string,
): Promise<CalibrationAttemptSummary[]> {
  const rows = await scheme.db
    .selectFrom('calibration_attempt')
    .selectAll()
    .where('assessor_id', '=', assessorId)
    .orderBy('submitted_at', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    practiceCaseId: row.practice_case_id,
    submittedOn: row.submitted_on,
    exactPercent: percentCutDown(row.exact, row.criteria),
    withinOnePercent: percentCutDown(row.within_one, row.criteria),
    alpha: row.alpha,
    calibrated: row.calibrated === 1,
  }));
}

/**
 * Where an assessor stands with calibration on `today`, from their latest calibrated attempt.
 * Calibration lasts as long as training does: it expires on the day the refresher would fall due
 * counted from the calibration date (refresherDueDate, the scheme's refresher period), and is
 * expired from the day after.
 */
export function calibrationStatusFrom(
  calibratedDates: readonly string[],
  refresherYears: number,
  today: string,
): CalibrationStatus {
  const dates = calibratedDates.filter((date) => date <= today);
  if (dates.length === 0) return { state: 'not_calibrated' };
  const calibratedOn = dates.reduce((latest, date) => (date > latest ? date : latest));
  const expiresOn = refresherDueDate(calibratedOn, refresherYears);
  return { state: today > expiresOn ? 'calibration_expired' : 'calibrated', calibratedOn, expiresOn };
}

/** Every assessor's calibration status on `today`, by assessor id (for the directory's lists). */
export async function calibrationStatuses(
  scheme: SchemeFile,
  today: string = todayIso(),
): Promise<Map<string, CalibrationStatus>> {
  const { refresherYears } = await readSchemeSettings(scheme);
  const assessors = await scheme.db.selectFrom('assessor').select('id').execute();
  const calibrated = await scheme.db
    .selectFrom('calibration_attempt')
    .select(['assessor_id', 'submitted_on'])
    .where('calibrated', '=', 1)
    .execute();
  return new Map(
    assessors.map((assessor) => [
      assessor.id,
      calibrationStatusFrom(
        calibrated.filter((row) => row.assessor_id === assessor.id).map((row) => row.submitted_on),
        refresherYears,
        today,
      ),
    ]),
  );
}

import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  practiceCaseMaterial,
  UserFacingError,
  type PracticeCaseMaterial,
  type PracticeCriterion,
  type ReferenceScore,
} from '../../shared/api';
import { isScorePoint } from '../../shared/scale';
import { allCriteria } from '../../shared/standard';
import { caseStandard, currentCycle } from '../case';
import type { CaseFile } from '../casefile';
import { fingerprintOf } from '../standards';

/**
 * Where a practice case comes from: a finished case file (its agreed scores and reasons become the
 * reference), or the bundled fictional practice case in resources/practice, itself made from a
 * fictional case built through the app's own API (src/main/demo/practice-case.ts).
 */

/** The bundled practice case, shipped with the app. */
export const BUNDLED_PRACTICE_CASE = join('practice', 'practice-case.json');
const MAX_PRACTICE_CASE_BYTES = 2 * 1024 * 1024;

/** Reads and checks the bundled fictional practice case. */
export function readBundledPracticeCase(resourcesDir: string): PracticeCaseMaterial {
  const file = join(resourcesDir, BUNDLED_PRACTICE_CASE);
  if (statSync(file).size > MAX_PRACTICE_CASE_BYTES)
    throw new UserFacingError('INVALID_INPUT', 'The bundled practice case is too large to be genuine.');
  const result = practiceCaseMaterial.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!result.success)
    throw new UserFacingError(
      'INVALID_INPUT',
      'The bundled practice case is not as the app shipped it. Reinstall the app.',
    );
  return result.data;
}

const FINISHED = new Set(['decided', 'certified']);

/**
 * A finished case as practice material: each criterion with the standard's words and the evidence
 * linked to it (summaries only; testimony quoted only where the person consented, never names or
 * attachments), and the agreed scores with their reasons as the reference. Criteria agreed as "not
 * enough evidence" are left out: there is nothing to calibrate against.
 */
export async function practiceCaseFromCaseFile(
  caseFile: CaseFile,
  resourcesDir: string,
  options: { title: string; fictional: boolean },
): Promise<PracticeCaseMaterial> {
  const cycle = await currentCycle(caseFile.db);
  if (!FINISHED.has(cycle.status))
    throw new UserFacingError(
      'WRONG_STAGE',
      'Only a finished case, with its level decided, can become a practice case. Finish moderation and the decision first.',
    );
  const standard = await caseStandard(caseFile, resourcesDir);
  const organisation = await caseFile.db.selectFrom('organisation').select('name').executeTakeFirstOrThrow();
  const agreed = await caseFile.db
    .selectFrom('moderation_record')
    .select(['criterion_id', 'agreed_score', 'rationale'])
    .where('cycle_id', '=', cycle.id)
    .execute();
  const evidence = await caseFile.db
    .selectFrom('evidence_item')
    .innerJoin('evidence_criterion', 'evidence_criterion.evidence_id', 'evidence_item.id')
    .select([
      'evidence_criterion.criterion_id',
      'evidence_item.title',
      'evidence_item.kind',
      'evidence_item.summary',
      'evidence_item.quote',
      'evidence_item.consent_status',
    ])
    .orderBy('evidence_item.created_at')
    .execute();
  const reference: ReferenceScore[] = [];
  const criteria: PracticeCriterion[] = [];
  for (const criterion of allCriteria(standard)) {
    const record = agreed.find((row) => row.criterion_id === criterion.id);
    if (!record || !isScorePoint(record.agreed_score)) continue;
    reference.push({
      criterionId: criterion.id,
      score: record.agreed_score,
      rationale:
        record.rationale.trim() || `The panel agreed ${record.agreed_score} and gave no further reason.`,
    });
    criteria.push({
      id: criterion.id,
      statementNumber: criterion.statementNumber,
      title: criterion.title,
      whatGoodLooksLike: criterion.whatGoodLooksLike,
      descriptors: criterion.descriptors,
      evidence: evidence
        .filter((row) => row.criterion_id === criterion.id)
        .map((row) => ({
          title: row.title,
          kind: row.kind,
          summary: row.summary ?? '',
          quote: row.consent_status === 'given' ? (row.quote ?? '') : '',
        })),
    });
  }
  const result = practiceCaseMaterial.safeParse({
    title: options.title,
    organisation: organisation.name,
    fictional: options.fictional,
    standard: fingerprintOf(standard),
    criteria,
    reference,
  });
  if (!result.success)
    throw new UserFacingError(
      'INVALID_INPUT',
      `This case cannot become a practice case: ${result.error.issues.map((issue) => issue.message).join(' ')}`,
    );
  return result.data;
}

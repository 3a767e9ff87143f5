import { UserFacingError } from '../../shared/errors';
import type { AssessmentCycle, ReadableCaseDb } from '../casefile';

/** The assessment under way: the newest cycle that has not been withdrawn. */
export async function currentCycle(db: ReadableCaseDb): Promise<AssessmentCycle> {
  const cycle = await db
    .selectFrom('assessment_cycle')
    .selectAll()
    .where('status', '!=', 'withdrawn')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!cycle) throw noAssessmentUnderWay();
  return cycle;
}

export function noAssessmentUnderWay(): UserFacingError {
  return new UserFacingError(
    'NOT_FOUND',
    'This case file has no assessment under way. Create a new case file for the organisation.',
  );
}

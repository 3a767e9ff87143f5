import { UserFacingError } from '../../shared/errors';
import { compiledOnce, type AssessmentCycle, type ReadableCaseDb } from '../casefile';

/** Compiled once: every call on a case (each autosave in the panel room) reads it. */
const newestCycle = compiledOnce((db: ReadableCaseDb) =>
  db
    .selectFrom('assessment_cycle')
    .selectAll()
    .where('status', '!=', 'withdrawn')
    .orderBy('created_at', 'desc')
    .limit(1),
);

/** The assessment under way: the newest cycle that has not been withdrawn. */
export async function currentCycle(db: ReadableCaseDb): Promise<AssessmentCycle> {
  const [cycle] = await newestCycle(db, {});
  if (!cycle) throw noAssessmentUnderWay();
  return cycle;
}

export function noAssessmentUnderWay(): UserFacingError {
  return new UserFacingError(
    'NOT_FOUND',
    'This case file has no assessment under way. Create a new case file for the organisation.',
  );
}

import { UserFacingError } from '../../shared/errors';
import type { AssessmentCycle, CycleStatus } from '../casefile';

/** Refuses with WRONG_STAGE, and the given sentence, unless the assessment is at one of `allowed`. */
export function requireStage(
  cycle: AssessmentCycle,
  allowed: readonly CycleStatus[],
  whyNot: (status: CycleStatus) => string,
): void {
  if (!allowed.includes(cycle.status)) throw new UserFacingError('WRONG_STAGE', whyNot(cycle.status));
}

/** Why scores cannot be entered or changed at this stage. */
export function scoringClosedReason(status: CycleStatus): string {
  switch (status) {
    case 'preparing':
      return 'Scoring has not opened yet. The lead assessor opens scoring once the panel is complete.';
    case 'scoring':
      return 'Scoring is open.';
    default:
      return 'Moderation has opened, so the score sheets are locked. Talk about any change in moderation: the lead records the agreed score.';
  }
}

/** Why the panel's scoring membership cannot change at this stage. */
export function panelFixedReason(status: CycleStatus): string {
  return status === 'preparing'
    ? 'The panel can still change.'
    : 'Scoring has opened, so the scoring members of the panel are fixed. If someone cannot take part, the lead assessor can leave their sheet out of moderation, with the reason.';
}

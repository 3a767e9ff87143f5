/**
 * What a member's device says, and the room answers, while the room is open before scoring: the
 * members join, choose their own PIN and declare conflicts, and the lead then opens scoring.
 */
export const SCORING_NOT_OPEN_YET =
  'Scoring has not opened yet: the lead assessor opens it once everyone has said whether they have a conflict of interest.';

import type { RoomConflict, RoomMemberProgress } from '../../shared/api';
import { currentCycle, type OpenCaseScope } from '../case';
import { panelMembers } from './members';
import type { MemberRecord } from './records';
import { declarationNotTheirOwn, isScoringRole } from './rules';

/**
 * The lead's roster in the panel room: each member who scores, how far they have got and where
 * their declaration of interests stands at this stage — never a score, nor what was declared.
 */
export async function roomRoster(scope: OpenCaseScope): Promise<RoomMemberProgress[]> {
  const [cycle, members] = await Promise.all([currentCycle(scope.caseFile.db), panelMembers(scope)]);
  const beforeScoring = cycle.status === 'preparing';
  return members
    .filter((member) => isScoringRole(member.role))
    .map((member) => ({
      memberName: member.name,
      scoredCount: member.sheet.scoredCount,
      criteriaCount: member.sheet.criteriaCount,
      submitted: member.sheet.status === 'submitted',
      conflict: roomConflict(member, beforeScoring),
    }));
}

/**
 * A declaration the lead recorded for a member who holds their own PIN still needs their own
 * before scoring opens (the same rule as the panel's shortfalls); after that it stands as made.
 */
function roomConflict(member: MemberRecord, beforeScoring: boolean): RoomConflict {
  const { conflict } = member;
  if (conflict.status === 'not_declared') return 'not_said';
  if (beforeScoring && declarationNotTheirOwn(member)) return 'own_still_to_make';
  if (conflict.status === 'none') return 'none';
  return conflict.decision === null ? 'undecided' : conflict.decision.outcome;
}

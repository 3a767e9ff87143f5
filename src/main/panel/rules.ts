import { SCORING_ROLES, type SheetStatus, type MemberRole } from '../../shared/api';
import type { ErrorCode } from '../../shared/errors';
import type { MemberRecord, SheetRecord } from './records';
import { joinWords } from './words';

/**
 * The rules that make an assessment coproduced, as pure functions over the panel's records.
 * The panel workflow (and nothing in the UI) enforces them.
 */

export function isScoringRole(role: MemberRole): boolean {
  return (SCORING_ROLES as readonly MemberRole[]).includes(role);
}

export function conflictExcludes(member: MemberRecord): boolean {
  return member.conflict.status === 'declared' && member.conflict.decision?.outcome === 'excluded';
}

export function conflictUndecided(member: MemberRecord): boolean {
  return member.conflict.status === 'declared' && member.conflict.decision === null;
}

/** Members who score: the lead, assessors and co-assessors, unless excluded for a conflict of interest. */
function scoringMembers(members: readonly MemberRecord[]): MemberRecord[] {
  return members.filter((member) => isScoringRole(member.role) && !conflictExcludes(member));
}

export interface Shortfall {
  code: Extract<ErrorCode, 'PANEL_INCOMPLETE' | 'CONFLICT_UNDECIDED'>;
  /** Why scoring cannot open yet. */
  reason: string;
  /** What to do about it, as one instruction. */
  nextStep: string;
}

/** Everything that stops scoring opening, each as a plain sentence; empty when the panel is ready. */
export function panelShortfalls(members: readonly MemberRecord[]): Shortfall[] {
  const shortfalls: Shortfall[] = [];
  const leads = members.filter((member) => member.role === 'lead');
  if (leads.length !== 1) {
    shortfalls.push({
      code: 'PANEL_INCOMPLETE',
      reason: `Scoring opens when the panel has exactly one lead assessor; it has ${leads.length}.`,
      nextStep: 'Make sure the panel has exactly one lead assessor.',
    });
  }
  const scoring = scoringMembers(members);
  if (scoring.length < 2) {
    shortfalls.push({
      code: 'PANEL_INCOMPLETE',
      reason: `Scoring opens when at least two panel members can score (the lead, assessors and co-assessors); ${scoring.length === 1 ? 'only one can' : 'none can'} so far.`,
      nextStep:
        'Add the panel’s members: at least one Expert by Experience assessor to score alongside the lead.',
    });
  }
  if (!scoring.some((member) => member.role === 'assessor')) {
    shortfalls.push({
      code: 'PANEL_INCOMPLETE',
      reason: 'Scoring opens when the panel has an Expert by Experience assessor.',
      nextStep: 'Add an Expert by Experience assessor to the panel.',
    });
  }
  const undeclared = members.filter(
    (member) => isScoringRole(member.role) && member.conflict.status === 'not_declared',
  );
  if (undeclared.length > 0) {
    shortfalls.push({
      code: 'PANEL_INCOMPLETE',
      reason: `Scoring opens when everyone who scores has said whether they have a conflict of interest; still to say: ${joinWords(undeclared.map((member) => member.name))}.`,
      nextStep: `Ask ${joinWords(undeclared.map((member) => member.name))} to declare any conflict of interest.`,
    });
  }
  const undecided = members.filter(conflictUndecided);
  if (undecided.length > 0) {
    shortfalls.push({
      code: 'CONFLICT_UNDECIDED',
      reason: `Scoring opens when the lead assessor has decided on every declared conflict of interest; still to decide: ${joinWords(undecided.map((member) => member.name))}.`,
      nextStep: `Decide on the conflict of interest declared by ${joinWords(undecided.map((member) => member.name))}.`,
    });
  }
  return shortfalls;
}

/** The code to refuse with: a missing member or declaration first, an undecided conflict otherwise. */
export function shortfallCode(shortfalls: readonly Shortfall[]): Shortfall['code'] {
  return shortfalls.some((shortfall) => shortfall.code === 'PANEL_INCOMPLETE')
    ? 'PANEL_INCOMPLETE'
    : 'CONFLICT_UNDECIDED';
}

export interface EffectiveSheet {
  status: SheetStatus;
  exclusionReason: string | null;
  enteredFromPaper: boolean;
}

/** Where a member's sheet stands, counting an exclusion for a conflict of interest as an excluded sheet. */
export function effectiveSheet(
  member: MemberRecord,
  sheet: SheetRecord | undefined,
  scoredCount: number,
): EffectiveSheet {
  const enteredFromPaper = sheet?.source === 'paper';
  if (member.conflict.status === 'declared' && member.conflict.decision?.outcome === 'excluded') {
    return {
      status: 'excluded',
      exclusionReason: `Left out because of a conflict of interest: ${member.conflict.decision.reason}`,
      enteredFromPaper,
    };
  }
  if (sheet) return { status: sheet.state, exclusionReason: sheet.exclusionReason, enteredFromPaper };
  return { status: scoredCount > 0 ? 'in_progress' : 'not_started', exclusionReason: null, enteredFromPaper };
}

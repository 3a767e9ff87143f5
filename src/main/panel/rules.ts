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

/** The member holds a PIN only they know (they chose it): they can declare for themselves. */
export function holdsOwnPin(member: MemberRecord): boolean {
  return member.hasPin && !member.pinToChoose;
}

/**
 * A declaration the member did not make themselves (the lead recorded it for them, or it was made
 * before the app kept who declared) while they hold their own PIN: it does not count for them,
 * since they can say it themselves. (A member without a PIN of their own — a paper sheet, a shared
 * laptop — may have the lead record it for them.)
 */
export function declarationNotTheirOwn(member: MemberRecord): boolean {
  return (
    member.conflict.status !== 'not_declared' &&
    member.conflict.declaredBy !== 'themselves' &&
    holdsOwnPin(member)
  );
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
  const scorers = members.filter((member) => isScoringRole(member.role));
  const undeclared = scorers.filter((member) => member.conflict.status === 'not_declared');
  if (undeclared.length > 0) {
    shortfalls.push({
      code: 'PANEL_INCOMPLETE',
      reason: `Scoring opens when everyone who scores has said whether they have a conflict of interest; still to say: ${joinWords(undeclared.map((member) => member.name))}.`,
      nextStep: `Ask ${joinWords(undeclared.map((member) => member.name))} to declare any conflict of interest.`,
    });
  }
  const notTheirOwn = scorers.filter(declarationNotTheirOwn);
  if (notTheirOwn.length > 0) {
    const names = joinWords(notTheirOwn.map((member) => member.name));
    shortfalls.push({
      code: 'PANEL_INCOMPLETE',
      reason: `Scoring opens when everyone who holds their own PIN has made their own declaration of interests; still to make their own: ${names} (${howTheirsWasRecorded(notTheirOwn)}).`,
      nextStep: `Ask ${names} to sign in and make their own declaration of interests (they can say the same).`,
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

/** How the declarations members did not make themselves came about, in words. */
function howTheirsWasRecorded(members: readonly MemberRecord[]): string {
  const beforeItWasKept = members.some(
    (member) => member.conflict.status !== 'not_declared' && member.conflict.declaredBy === 'not_recorded',
  );
  return `the lead assessor recorded one for them${beforeItWasKept ? ', or it was made before the app kept who declared' : ''}`;
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

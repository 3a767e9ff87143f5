import type { ConflictDeclaration, MemberRole, PanelMember } from '../../shared/api';
import { allCriteria } from '../../shared/standard';
import { UserFacingError } from '../../shared/errors';
import { randomUUID } from 'node:crypto';
import { hashPin, pinMatches } from '../casefile';
import { currentCycle, type CaseScope, type OpenCaseScope } from '../case';
import { requirePrintableName } from '../documents';
import { requireLead } from './actor';
import { pinAttempts, LOCKOUT_MS } from './pin-attempts';
import {
  type CaseDb,
  type MemberRecord,
  memberRecords,
  requireMember,
  scoredCounts,
  sheetRecords,
} from './records';
import { effectiveSheet } from './rules';
import { panelFixedReason, requireStage } from './stage';

/** The panel as everyone may see it: names, roles, declarations and progress — never scores. */
export async function panelMembers(
  scope: OpenCaseScope,
  db: CaseDb = scope.caseFile.db,
): Promise<PanelMember[]> {
  const cycle = await currentCycle(db);
  const [members, sheets, counts] = await Promise.all([
    memberRecords(db, cycle.id),
    sheetRecords(db, cycle.id),
    scoredCounts(db, cycle.id),
  ]);
  const criteriaCount = allCriteria(scope.standard).length;
  return members.map((member) =>
    memberView(
      member,
      effectiveSheet(member, sheets.get(member.id), counts.get(member.id) ?? 0),
      counts.get(member.id) ?? 0,
      criteriaCount,
    ),
  );
}

export async function panelMember(
  scope: OpenCaseScope,
  memberId: string,
  db: CaseDb = scope.caseFile.db,
): Promise<PanelMember> {
  const member = (await panelMembers(scope, db)).find((candidate) => candidate.id === memberId);
  if (!member)
    throw new UserFacingError(
      'NOT_FOUND',
      'That person is not on this panel. Refresh the panel list and choose again.',
    );
  return member;
}

function memberView(
  member: MemberRecord,
  sheet: ReturnType<typeof effectiveSheet>,
  scoredCount: number,
  criteriaCount: number,
): PanelMember {
  return {
    id: member.id,
    name: member.name,
    role: member.role,
    consentToBeNamed: member.consentToBeNamed,
    hasPin: member.hasPin,
    conflict: member.conflict,
    sheet: {
      status: sheet.status,
      scoredCount,
      criteriaCount,
      exclusionReason: sheet.exclusionReason,
      enteredFromPaper: sheet.enteredFromPaper,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Signing in

/** Checks a member's PIN, refusing for 30 seconds after five wrong PINs in a row. */
export async function checkMemberPin(
  scope: OpenCaseScope,
  memberId: string,
  pin: string,
): Promise<MemberRecord> {
  const { caseFile } = scope;
  const cycle = await currentCycle(caseFile.db);
  const member = await requireMember(caseFile.db, cycle.id, memberId);
  const wait = pinAttempts.waitFor(caseFile.caseId, member.id);
  if (wait > 0) throw lockedOut(member.name, wait);
  const row = await caseFile.db
    .selectFrom('panel_member')
    .select('pin_hash')
    .where('id', '=', member.id)
    .executeTakeFirstOrThrow();
  if (row.pin_hash === null) {
    throw new UserFacingError(
      'WRONG_PIN',
      `${member.name} has no PIN yet. The lead assessor can set one on the panel page.`,
    );
  }
  if (await pinMatches(pin, row.pin_hash)) {
    pinAttempts.reset(caseFile.caseId, member.id);
    return member;
  }
  if (pinAttempts.recordWrong(caseFile.caseId, member.id)) {
    await recordLockout(scope, member);
    throw new UserFacingError(
      'WRONG_PIN',
      `That PIN is not right. That was five wrong PINs in a row, so signing in as ${member.name} is paused for 30 seconds. Then try again, or ask the lead assessor to set a new PIN.`,
    );
  }
  const left = pinAttempts.remaining(caseFile.caseId, member.id);
  throw new UserFacingError(
    'WRONG_PIN',
    `That PIN is not right. Check it and try again (${left} ${left === 1 ? 'try' : 'tries'} left before a 30-second pause).`,
  );
}

function lockedOut(name: string, waitMs: number): UserFacingError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new UserFacingError(
    'TOO_MANY_PIN_ATTEMPTS',
    `Signing in as ${name} is paused after five wrong PINs in a row. Try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}, or ask the lead assessor to set a new PIN.`,
  );
}

async function recordLockout(scope: OpenCaseScope, member: MemberRecord): Promise<void> {
  if (scope.caseFile.readOnly) return;
  await scope.caseFile.mutate(
    'app',
    'panel.sign_in_paused',
    { memberId: member.id, wrongPins: 5, pausedForSeconds: LOCKOUT_MS / 1000 },
    async () => undefined,
  );
}

// ---------------------------------------------------------------------------------------------
// Membership

/** A member's name is printed on the report, and the lead's and the co-signer's on the certificate. */
const MEMBER_NAME = { field: 'name', what: 'the panel member’s name' };

export interface MemberDetails {
  name: string;
  role: MemberRole;
  consentToBeNamed: boolean;
}

export async function addMember(
  scope: CaseScope,
  details: MemberDetails & { pin?: string },
): Promise<PanelMember> {
  const { actor } = scope;
  requireLead(actor);
  await requirePrintableName(details.name, MEMBER_NAME);
  const id = randomUUID();
  const pinHash = details.pin ? await hashPin(details.pin) : null;
  await scope.caseFile.mutate(
    actor.label,
    'panel.member_added',
    {
      memberId: id,
      name: details.name,
      role: details.role,
      consentToBeNamed: details.consentToBeNamed,
      hasPin: pinHash !== null,
    },
    async (trx) => {
      const cycle = await currentCycle(trx);
      const members = await memberRecords(trx, cycle.id);
      if (details.role === 'lead') throw secondLead(members);
      if (details.role !== 'observer')
        requireStage(
          cycle,
          ['preparing'],
          (status) => `${panelFixedReason(status)} You can still add observers.`,
        );
      requireDistinctName(members, details.name);
      await trx
        .insertInto('panel_member')
        .values({
          id,
          cycle_id: cycle.id,
          name: details.name,
          role: details.role,
          consent_to_be_named: details.consentToBeNamed ? 1 : 0,
          pin_hash: pinHash,
          created_at: new Date().toISOString(),
        })
        .execute();
    },
  );
  return panelMember(scope, id);
}

export async function updateMember(
  scope: CaseScope,
  memberId: string,
  details: MemberDetails,
): Promise<PanelMember> {
  const { actor } = scope;
  requireLead(actor);
  await requirePrintableName(details.name, MEMBER_NAME);
  await scope.caseFile.mutate(
    actor.label,
    'panel.member_updated',
    (previous: MemberRecord) => ({
      memberId,
      ...details,
      previous: { name: previous.name, role: previous.role, consentToBeNamed: previous.consentToBeNamed },
    }),
    async (trx) => {
      const cycle = await currentCycle(trx);
      const members = await memberRecords(trx, cycle.id);
      const member = await requireMember(trx, cycle.id, memberId);
      if (details.role !== member.role) {
        if (member.role === 'lead' || details.role === 'lead') throw leadIsFixed(members);
        requireStage(cycle, ['preparing'], panelFixedReason);
      }
      requireDistinctName(
        members.filter((other) => other.id !== memberId),
        details.name,
      );
      await trx
        .updateTable('panel_member')
        .set({
          name: details.name,
          role: details.role,
          consent_to_be_named: details.consentToBeNamed ? 1 : 0,
        })
        .where('id', '=', memberId)
        .execute();
      return member;
    },
  );
  return panelMember(scope, memberId);
}

export async function removeMember(scope: CaseScope, memberId: string): Promise<void> {
  const { actor } = scope;
  requireLead(actor);
  await scope.caseFile.mutate(
    actor.label,
    'panel.member_removed',
    (removed: MemberRecord) => ({ memberId, name: removed.name, role: removed.role }),
    async (trx) => {
      const cycle = await currentCycle(trx);
      const member = await requireMember(trx, cycle.id, memberId);
      if (member.role === 'lead') {
        throw new UserFacingError(
          'INVALID_INPUT',
          'The lead assessor cannot be removed: a panel always has exactly one lead.',
        );
      }
      requireStage(cycle, ['preparing'], panelFixedReason);
      await trx.deleteFrom('panel_member').where('id', '=', memberId).execute();
      return member;
    },
  );
}

function secondLead(members: readonly MemberRecord[]): UserFacingError {
  const lead = members.find((member) => member.role === 'lead');
  return new UserFacingError(
    'INVALID_INPUT',
    `The panel already has its lead assessor${lead ? `, ${lead.name}` : ''}. A panel has exactly one lead: add this person as an assessor, co-assessor or observer.`,
  );
}

function leadIsFixed(members: readonly MemberRecord[]): UserFacingError {
  const lead = members.find((member) => member.role === 'lead');
  return new UserFacingError(
    'INVALID_INPUT',
    `A panel has exactly one lead assessor${lead ? ` (${lead.name})` : ''}, set when the case file was created, so nobody can be made lead and the lead’s role cannot change.`,
  );
}

/** A name as people tell names apart: capitals and spacing do not count. */
function nameAsCompared(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}

function requireDistinctName(members: readonly MemberRecord[], name: string): void {
  const compared = nameAsCompared(name);
  const taken = members.find((member) => nameAsCompared(member.name) === compared);
  if (taken) {
    throw new UserFacingError(
      'INVALID_INPUT',
      `There is already a panel member called ${taken.name}. Add a surname or initial so everyone can tell them apart.`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// PINs

export async function setMemberPin(scope: CaseScope, memberId: string, pin: string): Promise<void> {
  const { actor } = scope;
  if (actor.role !== 'lead' && actor.memberId !== memberId) {
    throw new UserFacingError(
      'FORBIDDEN',
      `${actor.name}, you can change only your own PIN. The lead assessor can set anyone’s.`,
    );
  }
  const pinHash = await hashPin(pin);
  await scope.caseFile.mutate(actor.label, 'panel.pin_set', { memberId }, async (trx) => {
    const cycle = await currentCycle(trx);
    const member = await requireMember(trx, cycle.id, memberId);
    if (actor.memberId !== memberId) await requireNoSealedScores(trx, cycle.id, cycle.status, member);
    await trx.updateTable('panel_member').set({ pin_hash: pinHash }).where('id', '=', memberId).execute();
  });
  pinAttempts.reset(scope.caseFile.caseId, memberId);
}

/**
 * Sealing: while scoring is open, nobody may set the PIN of a member who has scores in the case
 * file, or they could sign in as that member and read the scores before moderation.
 */
async function requireNoSealedScores(
  db: CaseDb,
  cycleId: string,
  status: string,
  member: MemberRecord,
): Promise<void> {
  if (status !== 'scoring') return;
  if (((await scoredCounts(db, cycleId)).get(member.id) ?? 0) === 0) return;
  throw new UserFacingError(
    'SCORES_SEALED',
    `${member.name} has started scoring, so only ${member.name} can change their PIN until moderation opens: this keeps their scores sealed. If they have forgotten it, they can finish on a paper sheet that you enter for them.`,
  );
}

// ---------------------------------------------------------------------------------------------
// Conflicts of interest

function conflictsClosedReason(): string {
  return 'Moderation has opened, so declarations of conflicts of interest are closed. Raise it with the lead assessor in moderation.';
}

export async function declareConflict(
  scope: CaseScope,
  memberId: string,
  declaration: ConflictDeclaration,
): Promise<PanelMember> {
  const { actor } = scope;
  if (actor.role !== 'lead' && actor.memberId !== memberId) {
    throw new UserFacingError(
      'FORBIDDEN',
      `${actor.name}, you can declare only your own conflicts of interest. The lead assessor can record anyone’s.`,
    );
  }
  await scope.caseFile.mutate(
    actor.label,
    'panel.conflict_declared',
    { memberId, ...declaration },
    async (trx) => {
      const cycle = await currentCycle(trx);
      requireStage(cycle, ['preparing', 'scoring'], conflictsClosedReason);
      const member = await requireMember(trx, cycle.id, memberId);
      if (member.conflict.status === 'declared' && member.conflict.decision && actor.role !== 'lead') {
        throw new UserFacingError(
          'FORBIDDEN',
          'The lead assessor has already decided on your declaration. Ask them to record any change.',
        );
      }
      await trx
        .updateTable('panel_member')
        .set({
          has_conflict: declaration.kind === 'declared' ? 1 : 0,
          conflict_declaration: declaration.kind === 'declared' ? declaration.text : null,
          conflict_declared_at: new Date().toISOString(),
          conflict_decision: null,
          conflict_decision_reason: null,
          conflict_decided_by: null,
          conflict_decided_at: null,
        })
        .where('id', '=', memberId)
        .execute();
    },
  );
  return panelMember(scope, memberId);
}

export async function decideConflict(
  scope: CaseScope,
  memberId: string,
  outcome: 'allowed' | 'excluded',
  reason: string,
): Promise<PanelMember> {
  const { actor } = scope;
  requireLead(actor);
  await scope.caseFile.mutate(
    actor.label,
    'panel.conflict_decided',
    { memberId, outcome, reason },
    async (trx) => {
      const cycle = await currentCycle(trx);
      requireStage(cycle, ['preparing', 'scoring'], conflictsClosedReason);
      const member = await requireMember(trx, cycle.id, memberId);
      if (member.conflict.status !== 'declared') {
        throw new UserFacingError(
          'WRONG_STAGE',
          `${member.name} has not declared a conflict of interest, so there is nothing to decide.`,
        );
      }
      await trx
        .updateTable('panel_member')
        .set({
          conflict_decision: outcome === 'allowed' ? 'may_take_part' : 'excluded',
          conflict_decision_reason: reason,
          conflict_decided_by: actor.memberId,
          conflict_decided_at: new Date().toISOString(),
        })
        .where('id', '=', memberId)
        .execute();
    },
  );
  return panelMember(scope, memberId);
}

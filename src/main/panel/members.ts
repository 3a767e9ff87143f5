import type { ConflictDeclaration, MemberRole, PanelMember, SignInChoice } from '../../shared/api';
import { allCriteria } from '../../shared/standard';
import { UserFacingError } from '../../shared/errors';
import { randomUUID } from 'node:crypto';
import { APP_ACTOR, hashPin, pinMatches, type AssessmentCycle, type WritableCaseDb } from '../casefile';
import {
  auditLabel,
  currentCycle,
  requireUnchangedSince,
  type CaseActor,
  type CaseScope,
  type FieldNames,
  type OpenCaseScope,
} from '../case';
import { requirePrintableName } from '../documents';
import { requireLead } from './actor';
import { recordPanelChange, requireChangeReason } from './changes';
import { LOCKOUT_MS, MAX_WRONG_PINS, pauseAfter, pauseInWords } from './pin-attempts';
import {
  type CaseDb,
  type MemberRecord,
  memberRecords,
  moderationStatus,
  requireMember,
  scoredCounts,
  sheetRecords,
} from './records';
import { effectiveSheet, holdsOwnPin } from './rules';
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
    pinToChoose: member.pinToChoose,
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

/**
 * The name picker before anyone signs in: names, roles and where each PIN stands — nothing of
 * anyone's conflicts or progress (a device in the panel room may hold only the room link).
 */
export async function signInChoices(scope: OpenCaseScope): Promise<SignInChoice[]> {
  const db = scope.caseFile.db;
  const cycle = await currentCycle(db);
  return (await memberRecords(db, cycle.id)).map((member) => ({
    id: member.id,
    name: member.name,
    role: member.role,
    pin: member.pinToChoose ? 'to_choose' : member.hasPin ? 'chosen' : 'not_set',
  }));
}

/**
 * Signs a member in by PIN. Wrong PINs are counted in the case file (see pin-attempts.ts). A PIN
 * someone else set (the lead, when adding the member, setting a first PIN or resetting one) works
 * only once: the member is refused with NEW_PIN_NEEDED until they choose their own (`choosePin`),
 * so nobody but the member ever knows a PIN that opens their sealed scores.
 */
export async function signInMember(
  scope: OpenCaseScope,
  memberId: string,
  pin: string,
): Promise<MemberRecord> {
  const { member, mustChoosePin } = await checkMemberPin(scope, memberId, pin);
  if (mustChoosePin) {
    throw new UserFacingError(
      'NEW_PIN_NEEDED',
      `${member.name}, choose your own PIN before you sign in: the lead assessor typed this one, so only a PIN you choose keeps your scores yours.`,
    );
  }
  return member;
}

/**
 * A member signs in with the PIN they were given and chooses a new one of their own, which only they
 * know; the PIN they were given stops working. Whoever types the one-time PIN is taken to be the
 * member: the app cannot tell who is at the keyboard. What it does is make the step visible — the
 * lead's panel page says the one-time PIN is not used yet, and the audit log records its use
 * (`panel.one_time_pin_replaced`, in the member's name), so a member who finds their one-time PIN
 * already used knows someone else chose their PIN.
 */
export async function choosePin(
  scope: OpenCaseScope,
  memberId: string,
  pin: string,
  newPin: string,
): Promise<MemberRecord> {
  if (newPin === pin) {
    const message =
      'Choose a PIN of your own, different from the one the lead assessor typed: they know that one.';
    throw new UserFacingError('INVALID_INPUT', message, [{ field: ['newPin'], message }]);
  }
  const { member, mustChoosePin } = await checkMemberPin(scope, memberId, pin);
  const pinHash = await hashPin(newPin);
  // The audit log tells a one-time PIN used (the lead knew it until now) from a change of one's own.
  const action = mustChoosePin ? 'panel.one_time_pin_replaced' : 'panel.pin_chosen';
  await scope.caseFile.mutate(auditLabel(member), action, { memberId }, async (trx) => {
    await trx
      .updateTable('panel_member')
      .set({ pin_hash: pinHash, must_choose_pin: 0 })
      .where('id', '=', member.id)
      .execute();
  });
  return member;
}

/**
 * Checks a member's PIN against the case file. Every try is first counted as a wrong PIN, in one
 * transaction that also checks for a pause, and only then compared: so guesses sent at the same
 * moment from many devices are counted one by one, and those beyond the limit wait. A right PIN then
 * starts the count again.
 */
async function checkMemberPin(
  scope: OpenCaseScope,
  memberId: string,
  pin: string,
): Promise<{ member: MemberRecord; mustChoosePin: boolean }> {
  const { caseFile } = scope;
  const cycle = await currentCycle(caseFile.db);
  const member = await requireMember(caseFile.db, cycle.id, memberId);
  const { pin_hash: pinHash, must_choose_pin: mustChoose } = await pinRow(caseFile.db, member.id);
  if (pinHash === null) {
    throw new UserFacingError(
      'WRONG_PIN',
      `${member.name} has no PIN yet. The lead assessor can set one on the panel page.`,
    );
  }
  const wrongInARow = await countTry(scope, member);
  if (await pinMatches(pin, pinHash)) {
    await startCountAgain(scope, member);
    return { member, mustChoosePin: mustChoose === 1 };
  }
  const pause = pauseAfter(wrongInARow);
  if (pause > 0) {
    throw new UserFacingError(
      'WRONG_PIN',
      `That PIN is not right. That was ${wrongInARow} wrong PINs in a row, so signing in as ${member.name} is paused for ${pauseInWords(pause)}. Then try again. ${FORGOTTEN_PIN_HINT}`,
    );
  }
  const left = MAX_WRONG_PINS - wrongInARow;
  throw new UserFacingError(
    'WRONG_PIN',
    `That PIN is not right. Check it and try again (${left} ${left === 1 ? 'try' : 'tries'} left before a ${pauseInWords(LOCKOUT_MS, 'before a noun')} pause).`,
  );
}

/**
 * What a member who has forgotten their PIN can do, true at every stage: once they have saved
 * anything, a lead reset is refused, and the way back is the room's device-bound request.
 */
const FORGOTTEN_PIN_HINT =
  'If you have forgotten your PIN: in the panel room, choose “Forgotten your PIN?” on the phone or tablet you signed in on before; otherwise ask the lead assessor.';

async function pinRow(db: CaseDb, memberId: string) {
  return db
    .selectFrom('panel_member')
    .select(['pin_hash', 'wrong_pins', 'pin_paused_until', 'must_choose_pin'])
    .where('id', '=', memberId)
    .executeTakeFirstOrThrow();
}

/**
 * Counts a try as a wrong PIN until it proves right, returning how many are now in a row, and
 * pauses signing in when that reaches a limit. Refuses, recording nothing, while a pause lasts.
 */
export async function countTry(scope: OpenCaseScope, member: MemberRecord): Promise<number> {
  return scope.caseFile.mutate(
    APP_ACTOR,
    'panel.pin_tried',
    (wrongInARow: number) => ({
      memberId: member.id,
      wrongInARow,
      pausedForSeconds: pauseAfter(wrongInARow) / 1000,
    }),
    async (trx) => {
      const row = await pinRow(trx, member.id);
      const wait = row.pin_paused_until === null ? 0 : Date.parse(row.pin_paused_until) - Date.now();
      if (wait > 0) {
        throw new UserFacingError(
          'TOO_MANY_PIN_ATTEMPTS',
          `Signing in as ${member.name} is paused after ${row.wrong_pins} wrong PINs in a row. Try again in ${pauseInWords(wait)}. ${FORGOTTEN_PIN_HINT}`,
        );
      }
      const wrongInARow = row.wrong_pins + 1;
      await setWrongPins(trx, member.id, wrongInARow);
      return wrongInARow;
    },
  );
}

/**
 * A try that proved right without being a PIN (a member's own device in the panel room): it is
 * taken off the count again, so it neither counts as wrong nor starts the count of wrong PINs again.
 */
export async function uncountTry(scope: OpenCaseScope, member: MemberRecord): Promise<void> {
  await scope.caseFile.mutate(APP_ACTOR, 'panel.pin_try_proved', { memberId: member.id }, async (trx) => {
    const row = await pinRow(trx, member.id);
    await setWrongPins(trx, member.id, Math.max(0, row.wrong_pins - 1));
  });
}

/** A right PIN: the count of wrong ones starts again, and any pause the try itself began ends. */
export async function startCountAgain(scope: OpenCaseScope, member: MemberRecord): Promise<void> {
  await scope.caseFile.mutate(APP_ACTOR, 'panel.pin_accepted', { memberId: member.id }, (trx) =>
    setWrongPins(trx, member.id, 0),
  );
}

async function setWrongPins(trx: WritableCaseDb, memberId: string, wrongInARow: number): Promise<void> {
  const pause = pauseAfter(wrongInARow);
  await trx
    .updateTable('panel_member')
    .set({
      wrong_pins: wrongInARow,
      pin_paused_until: pause > 0 ? new Date(Date.now() + pause).toISOString() : null,
    })
    .where('id', '=', memberId)
    .execute();
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
  details: MemberDetails & { pin?: string; directoryId?: string },
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
      ...(details.directoryId ? { directoryId: details.directoryId } : {}),
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
          // Typed by the lead: it works once, for the member to choose their own.
          must_choose_pin: pinHash === null ? 0 : 1,
          directory_id: details.directoryId ?? null,
          created_at: new Date().toISOString(),
        })
        .execute();
    },
  );
  return panelMember(scope, id);
}

const MEMBER_FIELD_NAMES: FieldNames<MemberDetails> = {
  name: 'name',
  role: 'role',
  consentToBeNamed: 'consent to be named',
};

/**
 * Changes a member's details. Given the details the form started from (`savedBefore`), saves
 * nothing if they were changed meanwhile (another tab): it would silently undo that change.
 */
export async function updateMember(
  scope: CaseScope,
  memberId: string,
  details: MemberDetails,
  reason?: string,
  savedBefore?: MemberDetails,
): Promise<PanelMember> {
  const { actor } = scope;
  requireLead(actor);
  await requirePrintableName(details.name, MEMBER_NAME);
  await scope.caseFile.mutate(
    actor.label,
    'panel.member_updated',
    ({ member: previous, change }: { member: MemberRecord; change: RecordedChange | null }) => ({
      memberId,
      ...details,
      previous: { name: previous.name, role: previous.role, consentToBeNamed: previous.consentToBeNamed },
      ...(change ? { reason: change.reason, stage: change.stage } : {}),
    }),
    async (trx) => {
      const cycle = await currentCycle(trx);
      const members = await memberRecords(trx, cycle.id);
      const member = await requireMember(trx, cycle.id, memberId);
      requireUnchangedSince(member, savedBefore, MEMBER_FIELD_NAMES, `${member.name}’s details`);
      if (details.role !== member.role) {
        if (member.role === 'lead' || details.role === 'lead') throw leadIsFixed(members);
        requireStage(cycle, ['preparing'], panelFixedReason);
      }
      const change = await recordDetailsChange(trx, cycle, member, details, actor, reason);
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
      return { member, change };
    },
  );
  return panelMember(scope, memberId);
}

type RecordedChange = Awaited<ReturnType<typeof recordPanelChange>>;

/**
 * Once scoring opens, a member's name and consent to be named are frozen: they are what the
 * report and the certificate print, and who may co-sign. Until moderation closes the lead may
 * correct them with a reason, which the whole panel sees; after that, not at all (reopening
 * moderation, with its reason, withdraws the decision first).
 */
async function recordDetailsChange(
  trx: WritableCaseDb,
  cycle: AssessmentCycle,
  member: MemberRecord,
  details: MemberDetails,
  lead: CaseActor,
  reason: string | undefined,
): Promise<RecordedChange | null> {
  const renamed = details.name !== member.name;
  const consentChanged = details.consentToBeNamed !== member.consentToBeNamed;
  if (cycle.status === 'preparing' || (!renamed && !consentChanged)) return null;
  if (cycle.status !== 'scoring' && (await moderationStatus(trx, cycle.id)) !== 'open') {
    throw new UserFacingError(
      'WRONG_STAGE',
      `${cycle.status === 'moderating' ? 'Moderation is closed' : 'The panel’s decision has been taken'}, so the names and consent of the panel’s members are fixed: they are what the report and certificate print. To correct ${member.name}’s, reopen moderation with the reason first (this withdraws any decision), then make the change with its reason.`,
    );
  }
  if ((reason?.trim() ?? '') === '') {
    throw new UserFacingError(
      'WRONG_STAGE',
      `Scoring has opened, so panel members’ names and consent to be named are fixed. To correct ${member.name}’s, give the reason: everyone on the panel will see the change and why.`,
      [{ field: ['reason'], message: 'Give the reason for the change.' }],
    );
  }
  return recordPanelChange(trx, cycle, {
    member,
    kind: 'details_changed',
    reason: reason?.trim() ?? '',
    changedBy: lead.memberId,
    details: {
      ...(renamed ? { name: details.name } : {}),
      ...(consentChanged ? { consentToBeNamed: details.consentToBeNamed } : {}),
    },
  });
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

/**
 * Sets a PIN: a member their own, the lead anyone's. A PIN set by someone other than the member
 * works once: at their first sign-in the member must choose their own (`choosePin`), so the lead
 * never knows a PIN that opens their sealed scores. Once scoring opens, the lead replacing a PIN is
 * a reset: refused during scoring once the member has saved anything under a PIN of their own (their
 * sheet stays sealed), otherwise made only with a reason the whole panel sees. A member with no PIN
 * yet has saved nothing themselves, so the lead may give them a first one at any stage.
 */
export async function setMemberPin(
  scope: CaseScope,
  memberId: string,
  pin: string,
  reason?: string,
): Promise<void> {
  const { actor } = scope;
  const ownPin = actor.memberId === memberId;
  if (actor.role !== 'lead' && !ownPin) {
    throw new UserFacingError(
      'FORBIDDEN',
      `${actor.name}, you can change only your own PIN. The lead assessor can reset anyone’s.`,
    );
  }
  const pinHash = await hashPin(pin);
  await scope.caseFile.mutate(
    actor.label,
    'panel.pin_set',
    ({ reset, first }: { reset: RecordedChange | null; first: boolean }) => ({
      memberId,
      ...(ownPin ? {} : { oneTime: true }),
      ...(first ? { first } : {}),
      ...(reset ? { reset } : {}),
    }),
    async (trx) => {
      const cycle = await currentCycle(trx);
      const member = await requireMember(trx, cycle.id, memberId);
      const held = await pinRow(trx, member.id);
      const first = held.pin_hash === null;
      const isReset = !ownPin && !first && cycle.status !== 'preparing';
      const holdsOwnPin = !first && held.must_choose_pin === 0;
      if (isReset && holdsOwnPin && cycle.status === 'scoring')
        await requireNothingSaved(trx, cycle.id, member);
      const reset = isReset
        ? await recordPanelChange(trx, cycle, {
            member,
            kind: 'pin_reset',
            reason: requireChangeReason(
              reason,
              `Give the reason for resetting ${member.name}’s PIN: everyone on the panel will see it.`,
            ),
            changedBy: actor.memberId,
          })
        : null;
      await trx
        .updateTable('panel_member')
        .set({ pin_hash: pinHash, must_choose_pin: ownPin ? 0 : 1, wrong_pins: 0, pin_paused_until: null })
        .where('id', '=', memberId)
        .execute();
      return { reset, first };
    },
  );
}

/**
 * Sealing: while scoring is open, nobody may reset the PIN of a member who has saved anything under
 * a PIN of their own — a score, a reason, an evidence link or their declaration of interests — or
 * they could sign in as that member and read or change it in their name.
 */
async function requireNothingSaved(db: CaseDb, cycleId: string, member: MemberRecord): Promise<void> {
  const entries = await db
    .selectFrom('score')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('cycle_id', '=', cycleId)
    .where('member_id', '=', member.id)
    .executeTakeFirst();
  const saved = [
    ...(Number(entries?.count ?? 0) > 0 ? ['entries on their score sheet'] : []),
    // A declaration the lead recorded for them is not something they saved.
    ...(member.conflict.status !== 'not_declared' && member.conflict.declaredBy !== 'lead'
      ? ['their declaration of interests']
      : []),
  ];
  if (saved.length === 0) return;
  throw new UserFacingError(
    'SCORES_SEALED',
    `${member.name} has saved ${saved.join(' and ')}, so only ${member.name} can change their PIN until moderation opens: this keeps what they entered sealed. If they have forgotten it, they can finish on a paper sheet that you enter for them.`,
  );
}

// ---------------------------------------------------------------------------------------------
// Conflicts of interest

function conflictsClosedReason(): string {
  return 'Moderation has opened, so declarations of conflicts of interest are closed. Raise it with the lead assessor in moderation.';
}

/**
 * Records a declaration of interests: a member's own, or one the lead records for a member (from a
 * paper sheet, or on a shared laptop). Who recorded it is kept and shown. A declaration the lead
 * records for a member who holds their own PIN does not count for opening scoring (rules.ts
 * `declarationNotTheirOwn`), and once scoring has opened the lead cannot change such a member's declaration:
 * it would be acting in their name after the seal.
 */
export async function declareConflict(
  scope: CaseScope,
  memberId: string,
  declaration: ConflictDeclaration,
): Promise<PanelMember> {
  const { actor } = scope;
  const ownDeclaration = actor.memberId === memberId;
  if (actor.role !== 'lead' && !ownDeclaration) {
    throw new UserFacingError(
      'FORBIDDEN',
      `${actor.name}, you can declare only your own conflicts of interest. The lead assessor can record anyone’s.`,
    );
  }
  await scope.caseFile.mutate(
    actor.label,
    'panel.conflict_declared',
    { memberId, ...declaration, declaredBy: ownDeclaration ? 'themselves' : 'lead' },
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
      if (!ownDeclaration && cycle.status !== 'preparing' && holdsOwnPin(member)) {
        throw new UserFacingError(
          'FORBIDDEN',
          `${member.name} holds their own PIN and scoring has opened, so only ${member.name} can change their declaration of interests. Ask them to sign in and make it.`,
        );
      }
      await trx
        .updateTable('panel_member')
        .set({
          has_conflict: declaration.kind === 'declared' ? 1 : 0,
          conflict_declaration: declaration.kind === 'declared' ? declaration.text : null,
          conflict_declared_at: new Date().toISOString(),
          conflict_declared_by: actor.memberId,
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

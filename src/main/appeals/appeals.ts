import { randomUUID } from 'node:crypto';
import {
  ROLE_NAMES,
  type AppealOutcome,
  type AppealRecord,
  type AppealsView,
  type MemberRole,
} from '../../shared/api';
import { UserFacingError } from '../../shared/errors';
import { currentCycle, type CaseActor, type CaseScope, type OpenCaseScope } from '../case';
import type { AppealRow, ReadableCaseDb, WritableCaseDb } from '../casefile';
import { requireLead, reopenModerationWithin } from '../panel';
import { addDays, londonDate } from '../../shared/dates';

/**
 * Appeals (issue 15, item 3; case-file migration 8). An organisation appeals a decision within the
 * scheme's appeal period (28 days unless the scheme says otherwise), counted in UK calendar days
 * from the decision date; a later appeal is accepted only with the reason recorded. A review panel
 * of members who did not sit on the panel that took the decision (they were added after it; enforced
 * here) reviews the moderation record, and its own lead records the outcome:
 * - dismissed: the grounds are not a reason to look again; the decision stands;
 * - upheld: the original decision is upheld (confirmed after review); the decision stands;
 * - varied: moderation reopens with the reason "appeal" (the decision is withdrawn and kept), a new
 *   decision is taken and a new certificate is issued that supersedes the old one.
 * Every step is one audited change of the case file.
 */

type CaseDb = ReadableCaseDb;

/** The appeal period in force, and where it comes from (the linked scheme file, or the default). */
export interface AppealPeriod {
  days: number;
  from: AppealsView['appealDaysFrom'];
}

/** The last calendar day an appeal against a decision taken on `decisionDate` is in time. */
export function appealDeadline(decisionDate: string, days: number): string {
  return addDays(decisionDate, days);
}

/** The decision an appeal would be against now: the current outcome, with its active certificate. */
async function decisionUnderAppeal(db: CaseDb, cycleId: string) {
  const outcome = await db
    .selectFrom('outcome')
    .select(['level', 'decision_date', 'decided_at'])
    .where('cycle_id', '=', cycleId)
    .executeTakeFirst();
  if (!outcome) return null;
  const certificate = await db
    .selectFrom('certificate')
    .select('number')
    .where('cycle_id', '=', cycleId)
    .where('revoked_at', 'is', null)
    .where('superseded_on_appeal', 'is', null)
    .executeTakeFirst();
  return {
    decisionDate: outcome.decision_date ?? outcome.decided_at.slice(0, 10),
    decidedAt: outcome.decided_at,
    level: outcome.level,
    certificateNumber: certificate?.number ?? null,
  };
}

async function memberNames(db: CaseDb): Promise<Map<string, string>> {
  const rows = await db.selectFrom('panel_member').select(['id', 'name']).execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

export async function appealRecords(db: CaseDb, cycleId: string): Promise<AppealRecord[]> {
  const [rows, reviewers, names, replacements] = await Promise.all([
    db
      .selectFrom('appeal')
      .selectAll()
      .where('cycle_id', '=', cycleId)
      .orderBy('recorded_at', 'desc')
      .execute(),
    db.selectFrom('appeal_reviewer').selectAll().orderBy('added_at').execute(),
    memberNames(db),
    db
      .selectFrom('certificate')
      .select(['superseded_on_appeal', 'superseded_by'])
      .where('superseded_on_appeal', 'is not', null)
      .execute(),
  ]);
  const nameOf = (id: string | null): string | null => (id === null ? null : (names.get(id) ?? id));
  return rows.map((row) => ({
    id: row.id,
    decisionDate: row.decision_date,
    decidedLevel: row.decided_level,
    certificateNumber: row.certificate_number,
    receivedOn: row.received_on,
    deadline: row.deadline,
    late: row.received_on > row.deadline,
    lateReason: row.late_reason,
    grounds: row.grounds,
    recordedBy: nameOf(row.recorded_by) ?? row.recorded_by,
    recordedAt: row.recorded_at,
    reviewers: reviewers
      .filter((reviewer) => reviewer.appeal_id === row.id)
      .map((reviewer) => ({
        memberId: reviewer.member_id,
        name: nameOf(reviewer.member_id) ?? reviewer.member_id,
        isLead: reviewer.is_lead === 1,
      })),
    outcome: row.outcome,
    outcomeReasons: row.outcome_reasons,
    decidedBy: nameOf(row.decided_by),
    decidedAt: row.decided_at,
    replacedBy: replacements.find((c) => c.superseded_on_appeal === row.id)?.superseded_by ?? null,
  }));
}

/** Members added after `decidedAt`: they did not sit on the panel that took the decision. */
async function membersAddedAfter(db: CaseDb, cycleId: string, decidedAt: string) {
  return db
    .selectFrom('panel_member')
    .select(['id', 'name', 'role', 'directory_id', 'created_at'])
    .where('cycle_id', '=', cycleId)
    .where('created_at', '>', decidedAt)
    .orderBy('created_at')
    .execute();
}

/** The appeals in this case file, the appeal period and deadline, and who may review. */
export async function appealsView(
  scope: OpenCaseScope,
  period: AppealPeriod,
  db: CaseDb = scope.caseFile.db,
): Promise<AppealsView> {
  const cycle = await currentCycle(db);
  const [decision, appeals] = await Promise.all([
    decisionUnderAppeal(db, cycle.id),
    appealRecords(db, cycle.id),
  ]);
  const open = appeals.find((appeal) => appeal.outcome === null);
  const taken = open
    ? await db.selectFrom('appeal').select('decision_taken_at').where('id', '=', open.id).executeTakeFirst()
    : undefined;
  const since = taken?.decision_taken_at ?? decision?.decidedAt;
  const eligible = since ? await membersAddedAfter(db, cycle.id, since) : [];
  return {
    appealDays: period.days,
    appealDaysFrom: period.from,
    decision: decision
      ? {
          decisionDate: decision.decisionDate,
          level: decision.level,
          certificateNumber: decision.certificateNumber,
        }
      : null,
    deadline: decision ? appealDeadline(decision.decisionDate, period.days) : null,
    appeals,
    eligibleReviewers: eligible.map((member) => ({ memberId: member.id, name: member.name })),
  };
}

// ---------------------------------------------------------------------------------------------
// Recording an appeal

export interface AppealReceived {
  /** The calendar day the appeal arrived (Europe/London); today when left out. */
  receivedOn?: string | undefined;
  grounds: string;
  /** Needed when the appeal arrived after the deadline: why it is accepted all the same. */
  lateReason?: string | undefined;
}

/** Records an organisation's appeal against the current decision (the lead; audited). */
export async function recordAppeal(
  scope: CaseScope,
  received: AppealReceived,
  period: AppealPeriod,
  now: Date = new Date(),
): Promise<AppealRecord> {
  const { actor } = scope;
  requireLead(actor);
  const today = londonDate(now);
  const receivedOn = received.receivedOn ?? today;
  const id = randomUUID();
  await scope.caseFile.mutate(
    actor.label,
    'appeal.recorded',
    (row: AppealRow) => ({
      appealId: row.id,
      decisionDate: row.decision_date,
      certificateNumber: row.certificate_number,
      receivedOn: row.received_on,
      deadline: row.deadline,
      appealDays: period.days,
      grounds: row.grounds,
      lateReason: row.late_reason,
    }),
    async (trx) => {
      const cycle = await currentCycle(trx);
      const decision = await decisionUnderAppeal(trx, cycle.id);
      if (!decision)
        throw new UserFacingError(
          'WRONG_STAGE',
          'There is no decision to appeal yet. An appeal is recorded after the panel has decided.',
        );
      const open = (await appealRecords(trx, cycle.id)).find((appeal) => appeal.outcome === null);
      if (open)
        throw new UserFacingError(
          'WRONG_STAGE',
          `An appeal received on ${open.receivedOn} is still open. Its review panel decides it before another appeal is recorded.`,
        );
      if (receivedOn > today)
        throw new UserFacingError(
          'INVALID_INPUT',
          `The appeal cannot have arrived on ${receivedOn}: that is after today (${today}). Enter the day it arrived.`,
        );
      if (receivedOn < decision.decisionDate)
        throw new UserFacingError(
          'INVALID_INPUT',
          `The appeal cannot have arrived on ${receivedOn}: the decision it appeals against was taken on ${decision.decisionDate}.`,
        );
      const deadline = appealDeadline(decision.decisionDate, period.days);
      const late = receivedOn > deadline;
      const lateReason = late ? (received.lateReason?.trim() ?? '') : '';
      if (late && lateReason === '')
        throw new UserFacingError(
          'APPEAL_LATE',
          `This appeal arrived on ${receivedOn}, after the deadline of ${deadline} (${period.days} days after the decision on ${decision.decisionDate}). To accept it anyway, record why it is accepted late. Otherwise, tell the organisation it is out of time.`,
        );
      const row: AppealRow = {
        id,
        cycle_id: cycle.id,
        decision_date: decision.decisionDate,
        decision_taken_at: decision.decidedAt,
        decided_level: decision.level,
        certificate_number: decision.certificateNumber,
        received_on: receivedOn,
        deadline,
        grounds: received.grounds.trim(),
        late_reason: late ? lateReason : null,
        recorded_by: actor.memberId,
        recorded_at: now.toISOString(),
        outcome: null,
        outcome_reasons: null,
        decided_by: null,
        decided_at: null,
      };
      await trx.insertInto('appeal').values(row).execute();
      return row;
    },
  );
  return requireAppeal(scope.caseFile.db, id);
}

async function requireAppeal(db: CaseDb, appealId: string): Promise<AppealRecord> {
  const cycle = await currentCycle(db);
  const found = (await appealRecords(db, cycle.id)).find((appeal) => appeal.id === appealId);
  if (!found)
    throw new UserFacingError(
      'NOT_FOUND',
      'That appeal is not in this case file. Refresh the Appeal screen.',
    );
  return found;
}

async function requireOpenAppeal(db: CaseDb, appealId: string): Promise<AppealRecord> {
  const appeal = await requireAppeal(db, appealId);
  if (appeal.outcome !== null)
    throw new UserFacingError(
      'WRONG_STAGE',
      `This appeal was already decided on ${appeal.decidedAt?.slice(0, 10) ?? 'an earlier day'}; its outcome cannot change.`,
    );
  return appeal;
}

// ---------------------------------------------------------------------------------------------
// The review panel

export interface ReviewPanelChoice {
  appealId: string;
  memberIds: readonly string[];
  leadMemberId: string;
}

/**
 * Forms the review panel (the lead; audited). Every reviewer must have been added to the case after
 * the decision was taken, and must not be the same directory entry as anyone who sat on that panel;
 * one of them is the review panel's lead.
 */
export async function formReviewPanel(scope: CaseScope, choice: ReviewPanelChoice): Promise<AppealRecord> {
  const { actor } = scope;
  requireLead(actor);
  const memberIds = [...new Set(choice.memberIds)];
  if (memberIds.length < 2)
    throw new UserFacingError('INVALID_INPUT', 'A review panel needs at least two different members.');
  if (!memberIds.includes(choice.leadMemberId))
    throw new UserFacingError('INVALID_INPUT', 'Choose the review panel’s lead from its members.');
  await scope.caseFile.mutate(
    actor.label,
    'appeal.review_panel_formed',
    (reviewers: Array<{ memberId: string; name: string; isLead: boolean }>) => ({
      appealId: choice.appealId,
      reviewers,
    }),
    async (trx) => {
      const appeal = await requireOpenAppeal(trx, choice.appealId);
      if (appeal.reviewers.length > 0)
        throw new UserFacingError(
          'WRONG_STAGE',
          `The review panel for this appeal is already formed (${appeal.reviewers.map((r) => r.name).join(', ')}).`,
        );
      const reviewers = await requireIndependentReviewers(trx, choice.appealId, memberIds);
      const at = new Date().toISOString();
      for (const reviewer of reviewers)
        await trx
          .insertInto('appeal_reviewer')
          .values({
            appeal_id: choice.appealId,
            member_id: reviewer.id,
            is_lead: reviewer.id === choice.leadMemberId ? 1 : 0,
            added_by: actor.memberId,
            added_at: at,
          })
          .execute();
      return reviewers.map((reviewer) => ({
        memberId: reviewer.id,
        name: reviewer.name,
        isLead: reviewer.id === choice.leadMemberId,
      }));
    },
  );
  return requireAppeal(scope.caseFile.db, choice.appealId);
}

/** "Lead assessor" → "lead assessor": a role as it reads inside a sentence. */
function roleInSentence(role: MemberRole): string {
  const name = ROLE_NAMES[role];
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** The chosen members, each refused with a plain reason if they sat on the original panel. */
async function requireIndependentReviewers(
  trx: WritableCaseDb,
  appealId: string,
  memberIds: readonly string[],
) {
  const cycle = await currentCycle(trx);
  const { decision_taken_at: decidedAt } = await trx
    .selectFrom('appeal')
    .select('decision_taken_at')
    .where('id', '=', appealId)
    .executeTakeFirstOrThrow();
  const members = await trx
    .selectFrom('panel_member')
    .select(['id', 'name', 'role', 'directory_id', 'created_at'])
    .where('cycle_id', '=', cycle.id)
    .execute();
  const original = members.filter((member) => member.created_at <= decidedAt);
  const refusals: string[] = [];
  const chosen = memberIds.map((id) => {
    const member = members.find((candidate) => candidate.id === id);
    if (!member)
      throw new UserFacingError(
        'NOT_FOUND',
        'One of the chosen reviewers is not in this case. Refresh the screen.',
      );
    if (member.created_at <= decidedAt) {
      refusals.push(
        `${member.name} sat on the original panel as ${roleInSentence(member.role)}, so cannot review its decision.`,
      );
    } else {
      const same = original.find((o) => o.directory_id !== null && o.directory_id === member.directory_id);
      if (same)
        refusals.push(
          `${member.name} is the same person in the scheme’s directory as ${same.name}, who sat on the original panel, so cannot review its decision.`,
        );
    }
    return member;
  });
  if (refusals.length > 0)
    throw new UserFacingError(
      'REVIEWER_SAT_ON_PANEL',
      `${refusals.join(' ')} Choose members who were added after the decision and did not take part in it.`,
    );
  return chosen;
}

// ---------------------------------------------------------------------------------------------
// The review panel's decision

/** The reason moderation is reopened with when a review panel varies a decision. */
export const APPEAL_REOPENING_REASON = 'appeal';

function requireReviewLead(actor: CaseActor, appeal: AppealRecord): void {
  const lead = appeal.reviewers.find((reviewer) => reviewer.isLead);
  if (!lead)
    throw new UserFacingError(
      'WRONG_STAGE',
      'The review panel has not been formed yet. The lead assessor forms it from members who did not sit on the original panel.',
    );
  if (actor.memberId === lead.memberId) return;
  throw new UserFacingError(
    'FORBIDDEN',
    `${actor.name}, only the review panel’s lead, ${lead.name}, records its decision, signed in as themselves.`,
  );
}

/**
 * The review panel's lead records its decision, with its reasons (audited). Varying it reopens
 * moderation with the reason "appeal" in the same change: the decision is withdrawn (kept on record)
 * and the certificate it gave is marked as being replaced, so a new one can be issued.
 */
export async function decideAppeal(
  scope: CaseScope,
  input: { appealId: string; outcome: AppealOutcome; reasons: string },
): Promise<AppealRecord> {
  const { actor } = scope;
  await scope.caseFile.mutate(
    actor.label,
    'appeal.decided',
    { appealId: input.appealId, outcome: input.outcome, reasons: input.reasons },
    async (trx, alsoAudit) => {
      const appeal = await requireOpenAppeal(trx, input.appealId);
      requireReviewLead(actor, appeal);
      const at = new Date().toISOString();
      if (input.outcome === 'varied') {
        if (appeal.certificateNumber !== null)
          await trx
            .updateTable('certificate')
            .set({ superseded_on_appeal: appeal.id })
            .where('number', '=', appeal.certificateNumber)
            .execute();
        const withdrawn = await reopenModerationWithin(trx, actor, APPEAL_REOPENING_REASON, alsoAudit);
        await alsoAudit('moderation.reopened', {
          reason: APPEAL_REOPENING_REASON,
          appealId: appeal.id,
          decisionWithdrawn: withdrawn,
        });
      }
      await trx
        .updateTable('appeal')
        .set({
          outcome: input.outcome,
          outcome_reasons: input.reasons.trim(),
          decided_by: actor.memberId,
          decided_at: at,
        })
        .where('id', '=', appeal.id)
        .execute();
    },
  );
  return requireAppeal(scope.caseFile.db, input.appealId);
}

/**
 * After a certificate is issued: if it follows a varied appeal, the old certificate is marked as
 * superseded by it (audited). Returns both numbers, or null when no appeal was waiting for one.
 */
export async function recordReplacementCertificate(
  scope: OpenCaseScope,
  actorLabel: string,
): Promise<{ appealId: string; oldNumber: string; newNumber: string; newPdf: Uint8Array } | null> {
  const cycle = await currentCycle(scope.caseFile.db);
  const replacing = await scope.caseFile.db
    .selectFrom('certificate')
    .select(['number', 'superseded_on_appeal'])
    .where('cycle_id', '=', cycle.id)
    .where('superseded_on_appeal', 'is not', null)
    .where('superseded_by', 'is', null)
    .executeTakeFirst();
  if (!replacing?.superseded_on_appeal) return null;
  const issued = await scope.caseFile.db
    .selectFrom('certificate')
    .select(['number', 'pdf'])
    .where('cycle_id', '=', cycle.id)
    .where('status', '=', 'issued')
    .where('revoked_at', 'is', null)
    .where('superseded_on_appeal', 'is', null)
    .executeTakeFirst();
  if (!issued) return null;
  const appealId = replacing.superseded_on_appeal;
  await scope.caseFile.mutate(
    actorLabel,
    'appeal.certificate_superseded',
    { appealId, certificateNumber: replacing.number, supersededBy: issued.number },
    async (trx) => {
      await trx
        .updateTable('certificate')
        .set({ superseded_by: issued.number })
        .where('number', '=', replacing.number)
        .execute();
    },
  );
  return {
    appealId,
    oldNumber: replacing.number,
    newNumber: issued.number,
    newPdf: new Uint8Array(issued.pdf),
  };
}

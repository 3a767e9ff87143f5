import { randomUUID } from 'node:crypto';
import type { AgreedRecord, DissentNote, MemberReasoning, ModerationView } from '../../shared/api';
import {
  type CriterionModeration,
  formatMedian,
  moderationSummary,
  type ScoreSheet,
  describeScore,
  isScorePoint,
  type Score,
} from '../../shared/scoring';
import { allCriteria, type Standard } from '../../shared/standard';
import { generalDetails, UserFacingError } from '../../shared/errors';
import { auditPayloadHash, type AlsoAudit, type AssessmentCycle, type WritableCaseDb } from '../casefile';
import { currentCycle, type CaseActor, type CaseScope, type OpenCaseScope } from '../case';
import { requireLead } from './actor';
import { panelChanges } from './changes';
import { withdrawDecision } from './outcome';
import {
  type CaseDb,
  agreedRecords,
  evidenceLinks,
  type MemberRecord,
  memberRecords,
  moderationHistory,
  moderationStatus,
  scoreRecords,
  sheetRecords,
} from './records';
import { conflictExcludes, conflictUndecided, effectiveSheet, isScoringRole } from './rules';
import { scoreToColumn } from './score-column';
import { requireStage } from './stage';
import { joinWords, listCriteria } from './words';

/**
 * Moderation: once every scoring member has submitted (or been left out), the lead opens it and
 * everyone sees all the scores side by side; the lead records an agreed score per criterion.
 * The members' original scores are never changed.
 */

type Trx = WritableCaseDb;

/** Anything that shows scores checks this first: before moderation opens, scores are sealed. */
function requireUnsealed(cycle: AssessmentCycle): void {
  if (cycle.status === 'preparing' || cycle.status === 'scoring') {
    throw new UserFacingError(
      'SCORES_SEALED',
      'Scores stay sealed until the lead assessor opens moderation, so nobody sees anyone else’s scores yet. You can always see your own score sheet.',
    );
  }
}

/** The members whose sheets moderation uses: scoring members who submitted and were not left out. */
async function moderatedMembers(db: CaseDb, cycleId: string): Promise<MemberRecord[]> {
  const [members, sheets] = await Promise.all([memberRecords(db, cycleId), sheetRecords(db, cycleId)]);
  return members.filter(
    (member) =>
      isScoringRole(member.role) && !conflictExcludes(member) && sheets.get(member.id)?.state === 'submitted',
  );
}

/** The sheets moderation uses, as the moderation statistics take them. */
async function moderatedSheets(db: CaseDb, cycleId: string): Promise<ScoreSheet[]> {
  const [members, scores] = await Promise.all([moderatedMembers(db, cycleId), scoreRecords(db, cycleId)]);
  return members.map((member) => ({
    memberId: member.id,
    memberName: member.name,
    scores: Object.fromEntries(
      scores.filter((score) => score.memberId === member.id).map((score) => [score.criterionId, score.score]),
    ),
  }));
}

/** What each moderated member gave and why, in the standard's order, member by member. */
async function memberReasoning(db: CaseDb, cycleId: string, standard: Standard): Promise<MemberReasoning[]> {
  const [members, scores] = await Promise.all([moderatedMembers(db, cycleId), scoreRecords(db, cycleId)]);
  const links = await evidenceLinks(
    db,
    scores.map((score) => score.id),
  );
  const order = new Map(allCriteria(standard).map((criterion, index) => [criterion.id, index]));
  return members.flatMap((member) =>
    scores
      .filter((score) => score.memberId === member.id)
      .sort((a, b) => (order.get(a.criterionId) ?? 0) - (order.get(b.criterionId) ?? 0))
      .map((score) => ({
        criterionId: score.criterionId,
        memberId: member.id,
        memberName: member.name,
        score: score.score,
        rationale: score.rationale,
        evidenceIds: links.get(score.id) ?? [],
      })),
  );
}

export async function openModeration(scope: CaseScope): Promise<ModerationView> {
  const { actor: lead } = scope;
  requireLead(lead);
  await scope.caseFile.mutate(
    lead.label,
    'moderation.opened',
    (sheets: ScoreSheet[]) => ({
      sheets: sheets.map((sheet) => sheet.memberId),
      sheetsSha256: auditPayloadHash(sheets.map((sheet) => ({ ...sheet }))),
    }),
    async (trx) => {
      const cycle = await currentCycle(trx);
      requireStage(cycle, ['scoring'], (status) =>
        status === 'preparing'
          ? 'Scoring has not opened yet, so there is nothing to moderate.'
          : 'Moderation has already opened.',
      );
      await requireEverySheetIn(trx, cycle.id);
      const sheets = await moderatedSheets(trx, cycle.id);
      await requireCoproducedSheets(trx, cycle.id, sheets);
      const now = new Date().toISOString();
      await trx
        .updateTable('assessment_cycle')
        .set({ status: 'moderating', moderation_opened_at: now })
        .where('id', '=', cycle.id)
        .execute();
      await trx
        .insertInto('moderation_state')
        .values({
          cycle_id: cycle.id,
          state: 'open',
          reason: null,
          changed_by: lead.memberId,
          changed_at: now,
        })
        .execute();
      return sheets;
    },
  );
  return moderationView(scope);
}

async function requireEverySheetIn(trx: Trx, cycleId: string): Promise<void> {
  const members = await memberRecords(trx, cycleId);
  const undecided = members.filter((member) => isScoringRole(member.role) && conflictUndecided(member));
  if (undecided.length > 0) {
    throw new UserFacingError(
      'CONFLICT_UNDECIDED',
      `Moderation opens when every declared conflict of interest is decided. Still to decide: ${joinWords(undecided.map((member) => member.name))}.`,
    );
  }
  const sheets = await sheetRecords(trx, cycleId);
  const waiting = members.filter((member) => {
    if (!isScoringRole(member.role)) return false;
    const status = effectiveSheet(member, sheets.get(member.id), 0).status;
    return status !== 'submitted' && status !== 'excluded';
  });
  if (waiting.length > 0) {
    throw new UserFacingError(
      'WRONG_STAGE',
      `Moderation opens when every scoring member has submitted their sheet or the lead has left it out, with the reason. Still to submit: ${joinWords(waiting.map((member) => member.name))}.`,
    );
  }
}

/** Moderation needs at least two sheets, one of them an Expert by Experience assessor's: the assessment stays coproduced. */
async function requireCoproducedSheets(
  trx: Trx,
  cycleId: string,
  sheets: readonly ScoreSheet[],
): Promise<void> {
  const members = await memberRecords(trx, cycleId);
  const roles = new Map(members.map((member) => [member.id, member.role]));
  const reasons: string[] = [];
  if (sheets.length < 2)
    reasons.push(
      `Moderation needs at least two submitted sheets; there ${sheets.length === 1 ? 'is one' : 'are none'}.`,
    );
  if (!sheets.some((sheet) => roles.get(sheet.memberId) === 'assessor')) {
    reasons.push('Moderation needs the sheet of at least one Expert by Experience assessor.');
  }
  if (reasons.length > 0)
    throw new UserFacingError('PANEL_INCOMPLETE', reasons.join(' '), generalDetails(reasons));
}

// ---------------------------------------------------------------------------------------------
// What moderation shows

export async function moderationView(
  scope: OpenCaseScope,
  db: CaseDb = scope.caseFile.db,
): Promise<ModerationView> {
  const cycle = await currentCycle(db);
  requireUnsealed(cycle);
  const [sheets, reasoning, members, status, history, agreed, dissent] = await Promise.all([
    moderatedSheets(db, cycle.id),
    memberReasoning(db, cycle.id, scope.standard),
    memberRecords(db, cycle.id),
    moderationStatus(db, cycle.id),
    moderationHistory(db, cycle.id),
    agreedRecords(db, cycle.id),
    dissentNotes(db, cycle.id),
  ]);
  const names = new Map(members.map((member) => [member.id, member.name]));
  const changes = await panelChanges(db, cycle.id, names);
  return {
    state: status === 'closed' ? 'closed' : 'open',
    summary: moderationSummary(scope.standard, sheets),
    reasoning,
    agreed: agreed.map((record) => ({
      ...record,
      recordedBy: names.get(record.recordedBy) ?? record.recordedBy,
    })),
    dissent: dissent.map((note) => ({ ...note, memberName: names.get(note.memberId) ?? note.memberName })),
    history: history.map((entry) => ({
      action: entry.state === 'open' ? 'opened' : entry.state,
      by: names.get(entry.changed_by) ?? entry.changed_by,
      at: entry.changed_at,
      reason: entry.reason,
    })),
    panelChanges: changes,
  };
}

async function dissentNotes(db: CaseDb, cycleId: string): Promise<DissentNote[]> {
  const rows = await db
    .selectFrom('moderation_dissent')
    .selectAll()
    .where('cycle_id', '=', cycleId)
    .orderBy('recorded_at')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    criterionId: row.criterion_id,
    memberId: row.member_id,
    memberName: '',
    text: row.note,
    recordedAt: row.recorded_at,
  }));
}

async function requireModerationOpen(trx: Trx, cycle: AssessmentCycle): Promise<void> {
  const status = await moderationStatus(trx, cycle.id);
  if (status === 'not_open')
    throw new UserFacingError(
      'WRONG_STAGE',
      'Moderation has not opened yet. The lead assessor opens it once every sheet is in.',
    );
  if (status === 'closed') {
    throw new UserFacingError(
      'MODERATION_CLOSED',
      'Moderation is closed, so the agreed scores are locked. To change one, the lead assessor reopens moderation and gives the reason.',
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Agreeing scores

export interface AgreementInput {
  criterionId: string;
  score: Score;
  rationale: string;
  outsideRangeReason?: string | undefined;
}

export async function agreeScore(scope: CaseScope, input: AgreementInput): Promise<AgreedRecord> {
  const { actor: lead } = scope;
  requireLead(lead);
  const criterion = allCriteria(scope.standard).find((candidate) => candidate.id === input.criterionId);
  if (!criterion)
    throw new UserFacingError(
      'INVALID_INPUT',
      `${input.criterionId} is not a criterion of ${scope.standard.title}.`,
    );
  const recorded = await scope.caseFile.mutate(
    lead.label,
    'moderation.score_agreed',
    (record: AgreedRecord & { previous: AgreedRecord | null }) => ({
      criterionId: record.criterionId,
      score: record.score,
      rationale: record.rationale,
      outsideRangeReason: record.outsideRangeReason,
      previous: record.previous
        ? { score: record.previous.score, rationale: record.previous.rationale }
        : null,
    }),
    async (trx) => {
      const cycle = await currentCycle(trx);
      await requireModerationOpen(trx, cycle);
      const summary = moderationSummary(scope.standard, await moderatedSheets(trx, cycle.id));
      const row = summary.criteria.find((candidate) => candidate.criterionId === input.criterionId);
      if (!row) throw new Error(`Moderation has no row for ${input.criterionId}.`);
      const outsideRangeReason = requireAgreementExplained(row, input);
      const previous =
        (await agreedRecords(trx, cycle.id)).find((record) => record.criterionId === input.criterionId) ??
        null;
      const record: AgreedRecord = {
        criterionId: input.criterionId,
        score: input.score,
        rationale: input.rationale,
        outsideRangeReason,
        recordedBy: lead.memberId,
        recordedAt: new Date().toISOString(),
      };
      await saveAgreed(trx, cycle.id, record);
      return { ...record, previous };
    },
  );
  const { previous: _previous, ...record } = recorded;
  return { ...record, recordedBy: lead.name };
}

async function saveAgreed(trx: Trx, cycleId: string, record: AgreedRecord): Promise<void> {
  const values = {
    agreed_score: scoreToColumn(record.score),
    rationale: record.rationale,
    reason_outside_range: record.outsideRangeReason,
    recorded_by: record.recordedBy,
    recorded_at: record.recordedAt,
  };
  await trx
    .insertInto('moderation_record')
    .values({ cycle_id: cycleId, criterion_id: record.criterionId, ...values })
    .onConflict((conflict) => conflict.columns(['cycle_id', 'criterion_id']).doUpdateSet(values))
    .execute();
}

/**
 * The agreement rules: a rationale when the agreed score differs from the median or the criterion
 * was flagged; a reason when it lies outside the panel's range. Returns the outside-range reason to keep.
 */
export function requireAgreementExplained(row: CriterionModeration, input: AgreementInput): string | null {
  const whyRationale = rationaleNeededBecause(row, input.score);
  if (whyRationale.length > 0 && input.rationale.trim() === '') {
    throw new UserFacingError(
      'RATIONALE_REQUIRED',
      `Give the panel’s reasons for agreeing ${describeScore(input.score)} on ${row.criterionId}: ${joinWords(whyRationale)}.`,
    );
  }
  if (withinPanelRange(row, input.score)) return null;
  const reason = input.outsideRangeReason?.trim() ?? '';
  if (reason === '') {
    throw new UserFacingError(
      'RATIONALE_REQUIRED',
      `${describeScore(input.score)} is outside the scores the panel gave for ${row.criterionId} (${describeRange(row)}). To agree a score outside that range, give the reason for going outside it.`,
    );
  }
  return reason;
}

function rationaleNeededBecause(row: CriterionModeration, score: Score): string[] {
  const reasons: string[] = [];
  if (row.divergent) reasons.push('the scores for it were divergent');
  if (row.evidenceDisputed) reasons.push('members disagreed about whether there is enough evidence');
  if (differsFromMedian(row, score)) {
    reasons.push(
      row.median === null
        ? 'nobody on the panel gave it a score'
        : `it is not the nearest whole score to the median of ${formatMedian(row.median)}`,
    );
  }
  return reasons;
}

/**
 * Whether the agreed score is away from the median: not one of the whole scores nearest to it. A
 * median ending in .5 (an even-sized panel split down the middle) has two nearest whole scores, and
 * either may be agreed without a reason.
 */
function differsFromMedian(row: CriterionModeration, score: Score): boolean {
  if (!isScorePoint(score)) return row.median !== null;
  return row.median === null || Math.abs(score - row.median) > 0.5;
}

function withinPanelRange(row: CriterionModeration, score: Score): boolean {
  if (!isScorePoint(score)) return row.notEnoughEvidence.length > 0;
  return row.min !== null && row.max !== null && score >= row.min && score <= row.max;
}

function describeRange(row: CriterionModeration): string {
  const parts: string[] = [];
  if (row.min !== null && row.max !== null)
    parts.push(row.min === row.max ? `everyone who scored gave ${row.min}` : `from ${row.min} to ${row.max}`);
  if (row.notEnoughEvidence.length > 0) parts.push('“not enough evidence”');
  return parts.length > 0 ? parts.join(', and ') : 'no scores';
}

// ---------------------------------------------------------------------------------------------
// Dissent, closing and reopening

export async function recordDissent(
  scope: CaseScope,
  criterionId: string,
  text: string,
): Promise<DissentNote> {
  const { actor } = scope;
  const note = await scope.caseFile.mutate(
    actor.label,
    'moderation.dissent_recorded',
    (recorded: DissentNote) => ({ id: recorded.id, criterionId, memberId: actor.memberId, text }),
    async (trx) => {
      const cycle = await currentCycle(trx);
      await requireModerationOpen(trx, cycle);
      await requireTookPart(trx, cycle.id, actor);
      const agreed = (await agreedRecords(trx, cycle.id)).find(
        (record) => record.criterionId === criterionId,
      );
      if (!agreed)
        throw new UserFacingError(
          'WRONG_STAGE',
          `There is no agreed score for ${criterionId} yet, so there is nothing to dissent from. Wait until the lead records it.`,
        );
      const recorded: DissentNote = {
        id: randomUUID(),
        criterionId,
        memberId: actor.memberId,
        memberName: actor.name,
        text,
        recordedAt: new Date().toISOString(),
      };
      await trx
        .insertInto('moderation_dissent')
        .values({
          id: recorded.id,
          cycle_id: cycle.id,
          criterion_id: criterionId,
          member_id: actor.memberId,
          note: text,
          recorded_at: recorded.recordedAt,
        })
        .execute();
      return recorded;
    },
  );
  return note;
}

/** Dissent comes only from scoring members whose sheets moderation uses: not observers, nor anyone left out. */
async function requireTookPart(trx: Trx, cycleId: string, actor: CaseActor): Promise<void> {
  if ((await moderatedMembers(trx, cycleId)).some((member) => member.id === actor.memberId)) return;
  throw new UserFacingError(
    'FORBIDDEN',
    `${actor.name}, only the scoring members whose sheets moderation uses can record dissent. Observers, and members left out of scoring (for a conflict of interest or by the lead), take part in the discussion without recording dissent.`,
  );
}

export async function closeModeration(scope: CaseScope): Promise<ModerationView> {
  const { actor: lead } = scope;
  requireLead(lead);
  await scope.caseFile.mutate(
    lead.label,
    'moderation.closed',
    (agreed: AgreedRecord[]) => ({
      agreed: Object.fromEntries(agreed.map((record) => [record.criterionId, record.score])),
    }),
    async (trx) => {
      const cycle = await currentCycle(trx);
      await requireModerationOpen(trx, cycle);
      const agreed = await agreedRecords(trx, cycle.id);
      const done = new Set(agreed.map((record) => record.criterionId));
      const missing = allCriteria(scope.standard)
        .filter((criterion) => !done.has(criterion.id))
        .map((criterion) => criterion.id);
      if (missing.length > 0) {
        throw new UserFacingError(
          'WRONG_STAGE',
          `Moderation closes once every criterion has an agreed score. Still to agree: ${listCriteria(missing)}.`,
          generalDetails(missing.map((id) => `${id}: no agreed score yet.`)),
        );
      }
      await trx
        .insertInto('moderation_state')
        .values({
          cycle_id: cycle.id,
          state: 'closed',
          reason: null,
          changed_by: lead.memberId,
          changed_at: new Date().toISOString(),
        })
        .execute();
      return agreed;
    },
  );
  return moderationView(scope);
}

/** Reopens moderation with a reason. A decision already taken is withdrawn (kept on record) and must be taken again. */
export async function reopenModeration(scope: CaseScope, reason: string): Promise<ModerationView> {
  const { actor: lead } = scope;
  requireLead(lead);
  await scope.caseFile.mutate(
    lead.label,
    'moderation.reopened',
    (withdrawn: boolean) => ({ reason, decisionWithdrawn: withdrawn }),
    (trx, alsoAudit) => reopenModerationWithin(trx, lead, reason, alsoAudit),
  );
  return moderationView(scope);
}

/**
 * Reopening itself, inside the caller's change: the lead's reopening above, or a review panel
 * varying a decision on appeal (src/main/appeals, reason "appeal"). Returns whether a decision was withdrawn.
 */
export async function reopenModerationWithin(
  trx: Trx,
  actor: CaseActor,
  reason: string,
  alsoAudit: AlsoAudit,
): Promise<boolean> {
  const cycle = await currentCycle(trx);
  const status = await moderationStatus(trx, cycle.id);
  if (status !== 'closed') {
    throw new UserFacingError(
      'WRONG_STAGE',
      status === 'open'
        ? 'Moderation is already open.'
        : 'Moderation has not opened yet, so there is nothing to reopen.',
    );
  }
  const withdrawn =
    cycle.status === 'decided' || cycle.status === 'certified'
      ? await withdrawDecision(trx, cycle, actor, reason, alsoAudit)
      : false;
  await trx
    .insertInto('moderation_state')
    .values({
      cycle_id: cycle.id,
      state: 'reopened',
      reason,
      changed_by: actor.memberId,
      changed_at: new Date().toISOString(),
    })
    .execute();
  return withdrawn;
}

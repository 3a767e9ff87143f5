import { randomUUID } from 'node:crypto';
import type { Condition, DecidedOutcome, StatementNote } from '../../shared/api';
import { decideOutcome, type OutcomeDecision, isIsoDate, validityDates } from '../../shared/scoring';
import { UserFacingError } from '../../shared/errors';
import type { AlsoAudit, AssessmentCycle, OutcomeRow, WritableCaseDb } from '../casefile';
import { currentCycle, type CaseActor, type CaseScope, type OpenCaseScope } from '../case';
import { requireLead } from './actor';
import { agreedRecords, type CaseDb, memberRecords, moderationStatus } from './records';

/**
 * The outcome: the standard's rules applied to the agreed scores (never a level typed in by hand),
 * with the conditions, strengths and recommendations the panel adds, and the award's validity.
 */

type Trx = WritableCaseDb;

async function outcomeFromAgreedScores(
  scope: OpenCaseScope,
  db: CaseDb,
  cycleId: string,
): Promise<OutcomeDecision> {
  const agreed = await agreedRecords(db, cycleId);
  return decideOutcome(
    scope.standard,
    Object.fromEntries(agreed.map((record) => [record.criterionId, record.score])),
  );
}

/** The level the agreed scores give so far, with the reasons to read aloud. */
export async function previewOutcome(
  scope: OpenCaseScope,
  db: CaseDb = scope.caseFile.db,
): Promise<OutcomeDecision> {
  const cycle = await currentCycle(db);
  if ((await moderationStatus(db, cycle.id)) === 'not_open') {
    throw new UserFacingError(
      'WRONG_STAGE',
      'The outcome can be previewed once moderation has opened and the panel is agreeing scores.',
    );
  }
  return outcomeFromAgreedScores(scope, db, cycle.id);
}

export interface DecisionInput {
  decisionDate: string;
  conditions: Condition[];
  strengths: StatementNote[];
  recommendations: StatementNote[];
}

export async function recordDecision(scope: CaseScope, input: DecisionInput): Promise<DecidedOutcome> {
  const { actor: lead } = scope;
  requireLead(lead);
  requireDecisionDates(input);
  requireStatementsExist(scope, [...input.strengths, ...input.recommendations]);
  await scope.caseFile.mutate(
    lead.label,
    'outcome.decided',
    (row: OutcomeRow) => ({
      level: row.level,
      decisionDate: row.decision_date,
      validUntil: row.valid_until,
      interimReviewDue: row.interim_review_due,
      conditions: input.conditions.map((condition) => ({ ...condition })),
      strengths: input.strengths.map((note) => ({ ...note })),
      recommendations: input.recommendations.map((note) => ({ ...note })),
    }),
    async (trx) => {
      const cycle = await currentCycle(trx);
      await requireReadyToDecide(trx, cycle);
      const decision = await outcomeFromAgreedScores(scope, trx, cycle.id);
      if (decision.level === 'not_yet_awarded' && input.conditions.length > 0) {
        throw new UserFacingError(
          'INVALID_INPUT',
          'Conditions go with an award, and this outcome is “not yet awarded”. Put what needs to change in the recommendations instead.',
        );
      }
      const row = decisionRow(cycle.id, lead, input, decision);
      await trx.insertInto('outcome').values(row).execute();
      await trx
        .updateTable('assessment_cycle')
        .set({ status: 'decided', decided_at: row.decided_at })
        .where('id', '=', cycle.id)
        .execute();
      return row;
    },
  );
  const outcome = await recordedOutcome(scope);
  if (!outcome) throw new Error('The decision was saved but cannot be read back.');
  return outcome;
}

function decisionRow(
  cycleId: string,
  lead: CaseActor,
  input: DecisionInput,
  decision: OutcomeDecision,
): OutcomeRow {
  const level = decision.level === 'not_yet_awarded' ? null : decision.level;
  const dates = level === null ? null : validityDates(input.decisionDate);
  return {
    cycle_id: cycleId,
    level,
    trace_json: JSON.stringify(decision),
    conditions_json: JSON.stringify(input.conditions),
    recommendations_json: JSON.stringify(input.recommendations),
    strengths_json: JSON.stringify(input.strengths),
    decided_by: lead.memberId,
    decided_at: new Date().toISOString(),
    decision_date: input.decisionDate,
    valid_until: dates?.validUntil ?? null,
    interim_review_due: dates?.interimReviewDue ?? null,
  };
}

async function requireReadyToDecide(trx: Trx, cycle: AssessmentCycle): Promise<void> {
  if (cycle.status === 'decided' || cycle.status === 'certified') {
    throw new UserFacingError(
      'WRONG_STAGE',
      'The decision has already been taken. To change it, reopen moderation with the reason: the decision is then withdrawn and taken again.',
    );
  }
  const status = await moderationStatus(trx, cycle.id);
  if (status !== 'closed') {
    throw new UserFacingError(
      'WRONG_STAGE',
      status === 'open'
        ? 'The decision is taken once moderation is closed, so that the agreed scores are final. Close moderation first.'
        : 'The decision is taken after moderation, and moderation has not opened yet.',
    );
  }
}

function requireDecisionDates(input: DecisionInput): void {
  if (!isIsoDate(input.decisionDate)) {
    throw new UserFacingError(
      'INVALID_INPUT',
      `${input.decisionDate} is not a real date. Give the decision date like 2026-03-14.`,
    );
  }
  for (const condition of input.conditions) {
    if (!isIsoDate(condition.dueDate)) {
      throw new UserFacingError(
        'INVALID_INPUT',
        `${condition.dueDate} is not a real date. Give each condition’s due date like 2026-09-14.`,
      );
    }
    if (condition.dueDate < input.decisionDate) {
      throw new UserFacingError(
        'INVALID_INPUT',
        `The condition “${condition.text}” is due on ${condition.dueDate}, before the decision date (${input.decisionDate}). Give a later due date.`,
      );
    }
  }
}

function requireStatementsExist(scope: OpenCaseScope, notes: readonly StatementNote[]): void {
  const numbers = new Set(scope.standard.statements.map((statement) => statement.number));
  const unknown = notes.find((note) => !numbers.has(note.statementNumber));
  if (unknown)
    throw new UserFacingError(
      'INVALID_INPUT',
      `${scope.standard.title} has no I Statement ${unknown.statementNumber}.`,
    );
}

/** The decision as recorded, or null when none has been taken (or it was withdrawn). */
export async function recordedOutcome(
  scope: OpenCaseScope,
  db: CaseDb = scope.caseFile.db,
): Promise<DecidedOutcome | null> {
  const cycle = await currentCycle(db);
  const row = await db.selectFrom('outcome').selectAll().where('cycle_id', '=', cycle.id).executeTakeFirst();
  if (!row) return null;
  const names = new Map((await memberRecords(db, cycle.id)).map((member) => [member.id, member.name]));
  return outcomeView(row, names);
}

function outcomeView(row: OutcomeRow, names: ReadonlyMap<string, string>): DecidedOutcome {
  const decision = JSON.parse(row.trace_json) as OutcomeDecision;
  return {
    level: decision.level,
    decision,
    decisionDate: row.decision_date ?? row.decided_at.slice(0, 10),
    validUntil: row.valid_until,
    interimReviewDue: row.interim_review_due,
    conditions: JSON.parse(row.conditions_json) as Condition[],
    strengths: JSON.parse(row.strengths_json) as StatementNote[],
    recommendations: JSON.parse(row.recommendations_json) as StatementNote[],
    decidedBy: names.get(row.decided_by) ?? row.decided_by,
    decidedAt: row.decided_at,
  };
}

/**
 * Withdraws the decision because moderation is being reopened: the decision is kept, as it was, in
 * withdrawn_outcome, and the assessment goes back to moderation so the decision is taken again.
 * Refused once a certificate that is not revoked has been issued. Call inside the reopening transaction.
 */
export async function withdrawDecision(
  trx: Trx,
  cycle: AssessmentCycle,
  lead: CaseActor,
  reason: string,
  alsoAudit: AlsoAudit,
): Promise<boolean> {
  const certificate = await trx
    .selectFrom('certificate')
    .select('number')
    .where('cycle_id', '=', cycle.id)
    .where('revoked_at', 'is', null)
    .where('superseded_on_appeal', 'is', null)
    .executeTakeFirst();
  if (certificate) {
    throw new UserFacingError(
      'WRONG_STAGE',
      `Certificate ${certificate.number} has been issued for this decision. Revoke it before reopening moderation.`,
    );
  }
  const row = await trx.selectFrom('outcome').selectAll().where('cycle_id', '=', cycle.id).executeTakeFirst();
  if (!row) return false;
  const now = new Date().toISOString();
  const id = randomUUID();
  await trx
    .insertInto('withdrawn_outcome')
    .values({
      id,
      cycle_id: cycle.id,
      level: row.level,
      outcome_json: JSON.stringify(row),
      reason,
      withdrawn_by: lead.memberId,
      withdrawn_at: now,
    })
    .execute();
  await trx.deleteFrom('outcome').where('cycle_id', '=', cycle.id).execute();
  await trx
    .updateTable('assessment_cycle')
    .set({ status: 'moderating', decided_at: null })
    .where('id', '=', cycle.id)
    .execute();
  await alsoAudit('outcome.withdrawn', {
    withdrawnId: id,
    level: row.level,
    decisionDate: row.decision_date,
    decidedAt: row.decided_at,
    reason: `Moderation was reopened: ${reason}`,
  });
  return true;
}

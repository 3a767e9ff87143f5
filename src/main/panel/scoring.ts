import { randomUUID } from 'node:crypto';
import type { MySheet, PanelMember, SheetEntry } from '../../shared/api';
import { NOT_SCORED_YET, sheetProblems, type Score } from '../../shared/scoring';
import { allCriteria, type Standard } from '../../shared/standard';
import { generalDetails, UserFacingError } from '../../shared/errors';
import {
  compiledOnce,
  type AssessmentCycle,
  type JsonValue,
  type SheetState,
  type WritableCaseDb,
} from '../casefile';
import { currentCycle, type CaseScope } from '../case';
import { requireLead } from './actor';
import { panelMember } from './members';
import {
  type CaseDb,
  evidenceLinks,
  type MemberRecord,
  memberRecords,
  requireMember,
  requireMemberWithSheet,
  type ScoreRecord,
  type SheetRecord,
  scoreRecords,
} from './records';
import { conflictExcludes, isScoringRole, panelShortfalls, shortfallCode } from './rules';
import { scoreFromColumn, scoreToColumn } from './score-column';
import { requireStage, scoringClosedReason } from './stage';
import { listCriteria } from './words';

/**
 * Sealed scoring. Each scoring member fills in their own sheet; nothing here ever returns another
 * member's scores. Before moderation opens, audit entries name the criterion but never the score,
 * so that not even the hashes in the audit log hold a sealed score.
 */

type Trx = WritableCaseDb;

export async function openScoring(scope: CaseScope, trainingCheck?: JsonValue): Promise<void> {
  const { actor } = scope;
  requireLead(actor);
  await scope.caseFile.mutate(
    actor.label,
    'scoring.opened',
    (scorers: string[]) => ({
      scoringMembers: scorers,
      // What the scheme's training check found, and the lead's reason for going ahead (scheme-link.ts).
      ...(trainingCheck === undefined ? {} : { trainingCheck }),
    }),
    async (trx) => {
      const cycle = await currentCycle(trx);
      requireStage(cycle, ['preparing'], () => 'Scoring is already open.');
      const members = await memberRecords(trx, cycle.id);
      const shortfalls = panelShortfalls(members);
      if (shortfalls.length > 0) {
        const reasons = shortfalls.map((shortfall) => shortfall.reason);
        throw new UserFacingError(
          shortfallCode(shortfalls),
          `Scoring cannot open yet. ${reasons.join(' ')}`,
          generalDetails(reasons),
        );
      }
      const now = new Date().toISOString();
      await trx
        .updateTable('assessment_cycle')
        .set({
          status: 'scoring',
          scoring_opened_at: now,
          scoring_training_check: trainingCheck === undefined ? null : JSON.stringify(trainingCheck),
        })
        .where('id', '=', cycle.id)
        .execute();
      const scorers = members.filter((member) => isScoringRole(member.role));
      for (const member of scorers) await ensureSheet(trx, cycle.id, member.id, now);
      return scorers.map((member) => member.id);
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Your own sheet

/** The signed-in member's own sheet: their scores only, whatever the stage. */
export async function mySheet(scope: CaseScope, db: CaseDb = scope.caseFile.db): Promise<MySheet> {
  const { actor } = scope;
  if (!isScoringRole(actor.role)) throw observersDoNotScore(actor);
  const cycle = await currentCycle(db);
  const { member, sheet } = await requireMemberWithSheet(db, cycle.id, actor.memberId);
  const scores = await scoreRecords(db, cycle.id, member.id);
  const entries = sheetEntries(
    scope.standard,
    scores,
    await evidenceLinks(
      db,
      scores.map((score) => score.id),
    ),
  );
  const scoredCount = entries.filter((entry) => entry.score !== null).length;
  const status = conflictExcludes(member)
    ? 'excluded'
    : (sheet?.state ?? (scoredCount > 0 ? 'in_progress' : 'not_started'));
  return {
    memberId: member.id,
    status,
    entries,
    scoredCount,
    criteriaCount: entries.length,
    problems: sheetProblems(entries),
  };
}

function sheetEntries(
  standard: Standard,
  scores: readonly ScoreRecord[],
  links: ReadonlyMap<string, string[]>,
): SheetEntry[] {
  const byCriterion = new Map(scores.map((score) => [score.criterionId, score]));
  return allCriteria(standard).map((criterion) => {
    const saved = byCriterion.get(criterion.id);
    return {
      criterionId: criterion.id,
      score: saved?.score ?? null,
      rationale: saved?.rationale ?? '',
      evidenceIds: saved ? (links.get(saved.id) ?? []) : [],
      updatedAt: saved?.updatedAt ?? null,
    };
  });
}

/** Refuses a sheet with problems: SHEET_INCOMPLETE when criteria are unscored, RATIONALE_REQUIRED when only reasons are missing. */
function requireComplete(problems: MySheet['problems'], whose: string): void {
  if (problems.length === 0) return;
  const unscored = problems
    .filter((problem) => problem.problem === NOT_SCORED_YET)
    .map((problem) => problem.criterionId);
  const unexplained = problems
    .filter((problem) => problem.problem !== NOT_SCORED_YET)
    .map((problem) => problem.criterionId);
  const details = generalDetails(problems.map((problem) => `${problem.criterionId}: ${problem.problem}`));
  const reasonsToo =
    unexplained.length > 0
      ? ` Also give reasons for the score of 0 or 3 on ${listCriteria(unexplained)}.`
      : '';
  if (unscored.length > 0) {
    throw new UserFacingError(
      'SHEET_INCOMPLETE',
      `${whose} cannot be submitted yet: every criterion needs a score (or “not enough evidence”). Still to score: ${listCriteria(unscored)}.${reasonsToo}`,
      details,
    );
  }
  throw new UserFacingError(
    'RATIONALE_REQUIRED',
    `${whose} cannot be submitted yet: give reasons for each score of 0 or 3. Reasons still needed for ${listCriteria(unexplained)}.`,
    details,
  );
}

// ---------------------------------------------------------------------------------------------
// Scoring

export interface ScoreInput {
  criterionId: string;
  score: Score | null;
  rationale: string;
  evidenceIds: readonly string[];
}

export async function saveScore(scope: CaseScope, input: ScoreInput): Promise<SheetEntry> {
  const { actor } = scope;
  if (!isScoringRole(actor.role)) throw observersDoNotScore(actor);
  requireCriterion(scope.standard, input.criterionId);
  const evidenceIds = [...new Set(input.evidenceIds)];
  const now = new Date().toISOString();
  // The panel room's load: each autosave checks and writes only its own member, sheet and score
  // (not the whole panel, every sheet or every score), and answers with the row it wrote.
  return scope.caseFile.mutate(
    actor.label,
    'scoring.score_saved',
    { memberId: actor.memberId, criterionId: input.criterionId, scored: input.score !== null },
    async (trx) => {
      const { cycle, member } = await requireOpenSheet(trx, actor.memberId, 'Your sheet', true);
      await requireEvidence(trx, evidenceIds);
      const saved = await writeScore(trx, cycle.id, member.id, { ...input, evidenceIds }, 'draft', now);
      await markSheet(
        trx,
        cycle.id,
        member.id,
        { state: 'in_progress', source: 'laptop', submitted_at: null, exclusion_reason: null },
        now,
      );
      return saved;
    },
  );
}

export async function submitSheet(scope: CaseScope): Promise<MySheet> {
  const { actor } = scope;
  if (!isScoringRole(actor.role)) throw observersDoNotScore(actor);
  await scope.caseFile.mutate(
    actor.label,
    'scoring.sheet_submitted',
    { memberId: actor.memberId },
    async (trx) => {
      const { cycle, member } = await requireOpenSheet(trx, actor.memberId, 'Your sheet', true);
      const sheet = await mySheet(scope, trx);
      requireComplete(sheet.problems, 'Your sheet');
      await submitScores(trx, cycle.id, member.id);
    },
  );
  return mySheet(scope);
}

/** The lead types in a member's printed score sheet and submits it for them. */
export async function enterPaperSheet(
  scope: CaseScope,
  memberId: string,
  entries: readonly (ScoreInput & { score: Score })[],
): Promise<PanelMember> {
  const { actor: lead } = scope;
  requireLead(lead);
  const evidenceIds = [...new Set(entries.flatMap((entry) => entry.evidenceIds))];
  requirePaperEntriesMatch(scope.standard, entries);
  const now = new Date().toISOString();
  const cycle = await currentCycle(scope.caseFile.db);
  const member = await requireMember(scope.caseFile.db, cycle.id, memberId);
  const note = `entered from paper by ${lead.name} on behalf of ${member.name}`;
  await scope.caseFile.mutate(
    `${lead.label} on behalf of ${member.name} (${member.role}, member ${member.id})`,
    'scoring.paper_sheet_entered',
    (replacedDrafts: number) => ({
      memberId,
      enteredBy: lead.memberId,
      note,
      criteria: entries.length,
      replacedDrafts,
    }),
    async (trx) => {
      const { cycle: current, member: target } = await requireOpenSheet(
        trx,
        memberId,
        `${member.name}’s sheet`,
        false,
      );
      requireComplete(sheetProblems(entries), `${target.name}’s paper sheet`);
      await requireEvidence(trx, evidenceIds);
      const drafts = await trx
        .deleteFrom('score')
        .where('cycle_id', '=', current.id)
        .where('member_id', '=', target.id)
        .executeTakeFirst();
      for (const entry of entries) await writeScore(trx, current.id, target.id, entry, 'submitted', now);
      await markSheet(
        trx,
        current.id,
        target.id,
        { state: 'submitted', source: 'paper', submitted_at: now, exclusion_reason: null },
        now,
      );
      return Number(drafts.numDeletedRows);
    },
  );
  return panelMember(scope, memberId);
}

/** The lead leaves a member's sheet out of moderation, with the reason. The scores are kept, unchanged. */
export async function excludeSheet(scope: CaseScope, memberId: string, reason: string): Promise<PanelMember> {
  const { actor: lead } = scope;
  requireLead(lead);
  await scope.caseFile.mutate(lead.label, 'scoring.sheet_excluded', { memberId, reason }, async (trx) => {
    const cycle = await currentCycle(trx);
    requireStage(cycle, ['scoring'], (status) =>
      status === 'preparing'
        ? 'Scoring has not opened yet, so there is no sheet to leave out.'
        : 'Moderation has opened, so the sheets it uses are fixed.',
    );
    const { member, sheet } = await requireMemberWithSheet(trx, cycle.id, memberId);
    if (!isScoringRole(member.role)) throw observersDoNotScore({ name: member.name });
    if (sheet?.state === 'excluded' || conflictExcludes(member)) {
      throw new UserFacingError('WRONG_STAGE', `${member.name}’s sheet is already left out of moderation.`);
    }
    const now = new Date().toISOString();
    await markSheet(
      trx,
      cycle.id,
      member.id,
      {
        state: 'excluded',
        source: sheet?.source ?? 'laptop',
        submitted_at: sheet?.submittedAt ?? null,
        exclusion_reason: reason,
      },
      now,
    );
  });
  return panelMember(scope, memberId);
}

// ---------------------------------------------------------------------------------------------
// Checks and writes

function observersDoNotScore(member: { name: string }): UserFacingError {
  return new UserFacingError(
    'FORBIDDEN',
    `${member.name} is not a scoring member of this panel: observers watch and do not score.`,
  );
}

function requireCriterion(standard: Standard, criterionId: string): void {
  // Every autosave asks: the statements' own lists, without copying every criterion (allCriteria).
  const known = standard.statements.some((statement) =>
    statement.criteria.some((criterion) => criterion.id === criterionId),
  );
  if (!known) {
    throw new UserFacingError(
      'INVALID_INPUT',
      `${criterionId} is not a criterion of ${standard.title}. Choose a criterion from the score sheet.`,
    );
  }
}

/** A member scores only once they have declared any conflict, the lead has decided on it, and it did not exclude them. */
function requireMayScore(member: MemberRecord, self: boolean): void {
  const { conflict, name } = member;
  if (conflict.status === 'not_declared') {
    throw new UserFacingError(
      'CONFLICT_UNDECIDED',
      self
        ? 'Before you score, say whether you have a conflict of interest.'
        : `Record whether ${name} has a conflict of interest before entering their scores.`,
    );
  }
  if (conflict.status === 'declared' && conflict.decision === null) {
    throw new UserFacingError(
      'CONFLICT_UNDECIDED',
      self
        ? 'The lead assessor has not yet decided on the conflict of interest you declared, so you cannot score yet.'
        : `Decide on the conflict of interest ${name} declared before entering their scores.`,
    );
  }
  if (conflict.status === 'declared' && conflict.decision?.outcome === 'excluded') {
    throw new UserFacingError(
      'FORBIDDEN',
      `${self ? 'You are' : `${name} is`} not scoring in this assessment because of a conflict of interest: ${conflict.decision.reason}`,
    );
  }
}

/**
 * The checks before a scoring member's sheet changes, in the change's own transaction: scoring is
 * open, they score on this panel (a conflict declared and decided, not excluded), and their sheet is
 * neither submitted nor left out. `self`: the member's own sheet, rather than the lead's typing in.
 */
async function requireOpenSheet(
  trx: Trx,
  memberId: string,
  whose: string,
  self: boolean,
): Promise<{ cycle: AssessmentCycle; member: MemberRecord }> {
  const cycle = await currentCycle(trx);
  requireStage(cycle, ['scoring'], scoringClosedReason);
  const { member, sheet } = await requireMemberWithSheet(trx, cycle.id, memberId);
  if (!isScoringRole(member.role)) throw observersDoNotScore({ name: member.name });
  requireMayScore(member, self);
  requireSheetNotLocked(sheet, whose);
  return { cycle, member };
}

function requireSheetNotLocked(sheet: SheetRecord | undefined, whose: string): void {
  if (sheet?.state === 'submitted') {
    throw new UserFacingError(
      'WRONG_STAGE',
      `${whose} has been submitted, so its scores are locked. Anything to add can be raised in moderation.`,
    );
  }
  if (sheet?.state === 'excluded') {
    throw new UserFacingError(
      'WRONG_STAGE',
      `${whose} has been left out of moderation by the lead assessor: ${sheet.exclusionReason ?? 'no reason given'}`,
    );
  }
}

async function requireEvidence(trx: Trx, evidenceIds: readonly string[]): Promise<void> {
  if (evidenceIds.length === 0) return;
  const found = await trx.selectFrom('evidence_item').select('id').where('id', 'in', evidenceIds).execute();
  const known = new Set(found.map((row) => row.id));
  const missing = evidenceIds.filter((id) => !known.has(id));
  if (missing.length > 0) {
    throw new UserFacingError(
      'INVALID_INPUT',
      `Some linked evidence is not in the evidence register (it may have been removed): ${missing.join(', ')}. Refresh and link it again.`,
    );
  }
}

function requirePaperEntriesMatch(standard: Standard, entries: readonly ScoreInput[]): void {
  const seen = new Set<string>();
  for (const entry of entries) {
    requireCriterion(standard, entry.criterionId);
    if (seen.has(entry.criterionId)) {
      throw new UserFacingError(
        'INVALID_INPUT',
        `${entry.criterionId} appears twice on the paper sheet. Enter each criterion once.`,
      );
    }
    seen.add(entry.criterionId);
  }
  const missing = allCriteria(standard)
    .filter((criterion) => !seen.has(criterion.id))
    .map((criterion) => criterion.id);
  if (missing.length > 0) {
    throw new UserFacingError(
      'SHEET_INCOMPLETE',
      `The paper sheet cannot be entered yet: every criterion needs a score (or “not enough evidence”). Missing: ${listCriteria(missing)}.`,
      generalDetails(missing.map((id) => `${id}: Not scored yet.`)),
    );
  }
}

/** A new score, or new values over the member's earlier one for that criterion (compiled once: every autosave writes one). */
const putScore = compiledOnce(
  (
    trx: Trx,
    put: {
      id: string;
      cycleId: string;
      memberId: string;
      criterionId: string;
      score: number | null;
      rationale: string;
      state: 'draft' | 'submitted';
      now: string;
    },
  ) => {
    const values = { score: put.score, rationale: put.rationale, state: put.state, updated_at: put.now };
    return trx
      .insertInto('score')
      .values({
        id: put.id,
        cycle_id: put.cycleId,
        member_id: put.memberId,
        criterion_id: put.criterionId,
        ...values,
      })
      .onConflict((conflict) =>
        conflict.columns(['cycle_id', 'member_id', 'criterion_id']).doUpdateSet(values),
      )
      .returning(['id', 'criterion_id', 'score', 'rationale', 'updated_at']);
  },
);

const unlinkEvidence = compiledOnce((trx: Trx, score: { scoreId: string }) =>
  trx.deleteFrom('score_evidence').where('score_id', '=', score.scoreId),
);

/** Writes one score (a new one, or over the member's earlier one for that criterion) and its evidence; returns it as the sheet shows it. */
async function writeScore(
  trx: Trx,
  cycleId: string,
  memberId: string,
  input: ScoreInput,
  state: 'draft' | 'submitted',
  now: string,
): Promise<SheetEntry> {
  const [row] = await putScore(trx, {
    id: randomUUID(),
    cycleId,
    memberId,
    criterionId: input.criterionId,
    score: input.score === null ? null : scoreToColumn(input.score),
    rationale: input.rationale,
    state,
    now,
  });
  if (!row) throw new Error('Saving a score returned no row.');
  await unlinkEvidence(trx, { scoreId: row.id });
  if (input.evidenceIds.length > 0) {
    await trx
      .insertInto('score_evidence')
      .values(input.evidenceIds.map((evidenceId) => ({ score_id: row.id, evidence_id: evidenceId })))
      .execute();
  }
  return {
    criterionId: row.criterion_id,
    score: scoreFromColumn(row.score),
    rationale: row.rationale ?? '',
    // In the order the sheet reads them back (evidenceLinks).
    evidenceIds: [...input.evidenceIds].sort(),
    updatedAt: row.updated_at,
  };
}

async function submitScores(trx: Trx, cycleId: string, memberId: string): Promise<void> {
  const now = new Date().toISOString();
  await trx
    .updateTable('score')
    .set({ state: 'submitted' })
    .where('cycle_id', '=', cycleId)
    .where('member_id', '=', memberId)
    .execute();
  await markSheet(
    trx,
    cycleId,
    memberId,
    { state: 'submitted', source: 'laptop', submitted_at: now, exclusion_reason: null },
    now,
  );
}

async function ensureSheet(trx: Trx, cycleId: string, memberId: string, now: string): Promise<void> {
  await trx
    .insertInto('score_sheet')
    .values({
      cycle_id: cycleId,
      member_id: memberId,
      state: 'not_started',
      source: 'laptop',
      submitted_at: null,
      exclusion_reason: null,
      updated_at: now,
    })
    .onConflict((conflict) => conflict.columns(['cycle_id', 'member_id']).doNothing())
    .execute();
}

interface SheetFields {
  state: SheetState;
  source: 'laptop' | 'paper';
  submitted_at: string | null;
  exclusion_reason: string | null;
}

/** A member's sheet with new fields, made if it is not there yet (compiled once: every autosave marks one). */
const putSheet = compiledOnce(
  (trx: Trx, sheet: SheetFields & { cycle_id: string; member_id: string; updated_at: string }) => {
    const fields = {
      state: sheet.state,
      source: sheet.source,
      submitted_at: sheet.submitted_at,
      exclusion_reason: sheet.exclusion_reason,
      updated_at: sheet.updated_at,
    };
    return trx
      .insertInto('score_sheet')
      .values({ cycle_id: sheet.cycle_id, member_id: sheet.member_id, ...fields })
      .onConflict((conflict) => conflict.columns(['cycle_id', 'member_id']).doUpdateSet(fields));
  },
);

async function markSheet(
  trx: Trx,
  cycleId: string,
  memberId: string,
  fields: SheetFields,
  now: string,
): Promise<void> {
  await putSheet(trx, { ...fields, cycle_id: cycleId, member_id: memberId, updated_at: now });
}

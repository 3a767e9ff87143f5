import type { AgreedRecord, ConflictState, DeclaredBy, SheetStatus, MemberRole } from '../../shared/api';
import { NOT_ENOUGH_EVIDENCE, type Score } from '../../shared/scoring';
import { UserFacingError } from '../../shared/errors';
import { compiledOnce, type PanelMemberRow, type ReadableCaseDb } from '../casefile';
import { scoreFromColumn } from './score-column';

/**
 * Reading the panel's state out of a case file. Every function takes the connection to read with:
 * the case file's `db`, or the transaction of the change being made (never both at once).
 */
export type CaseDb = ReadableCaseDb;

/** A panel member as the workflow thinks of them. */
export interface MemberRecord {
  id: string;
  name: string;
  role: MemberRole;
  consentToBeNamed: boolean;
  hasPin: boolean;
  /** Their PIN was set by someone else (the lead): it works once, to choose their own. */
  pinToChoose: boolean;
  /** The conflict declaration; `decidedBy` is the deciding member's name. */
  conflict: ConflictState;
}

/** A member's score sheet as stored (absent until scoring opens). */
export interface SheetRecord {
  memberId: string;
  state: SheetStatus;
  source: 'laptop' | 'paper';
  submittedAt: string | null;
  exclusionReason: string | null;
}

export interface ScoreRecord {
  id: string;
  memberId: string;
  criterionId: string;
  score: Score | null;
  rationale: string;
  state: 'draft' | 'submitted';
  updatedAt: string;
}

export async function memberRecords(db: CaseDb, cycleId: string): Promise<MemberRecord[]> {
  const rows = await db
    .selectFrom('panel_member')
    .selectAll()
    .where('cycle_id', '=', cycleId)
    .orderBy('created_at')
    .orderBy('name')
    .execute();
  const names = new Map(rows.map((row) => [row.id, row.name]));
  return rows.map((row) => memberRecord(row, names));
}

async function findMember(db: CaseDb, cycleId: string, memberId: string): Promise<MemberRecord | undefined> {
  return (await memberRecords(db, cycleId)).find((member) => member.id === memberId);
}

export async function requireMember(db: CaseDb, cycleId: string, memberId: string): Promise<MemberRecord> {
  const member = await findMember(db, cycleId, memberId);
  if (!member) throw notOnPanel();
  return member;
}

function notOnPanel(): UserFacingError {
  return new UserFacingError(
    'NOT_FOUND',
    'That person is not on this panel. Refresh the panel list and choose again.',
  );
}

/** A member of an assessment with their score sheet (absent until scoring opens). */
export interface MemberWithSheet {
  member: MemberRecord;
  sheet: SheetRecord | undefined;
}

/** A member with the name of whoever decided their conflict, and their sheet (compiled once: every autosave reads it). */
const memberWithSheetRow = compiledOnce((db: CaseDb, key: { cycleId: string; memberId: string }) =>
  db
    .selectFrom('panel_member as member')
    .leftJoin('panel_member as decider', (join) =>
      join
        .onRef('decider.cycle_id', '=', 'member.cycle_id')
        .onRef('decider.id', '=', 'member.conflict_decided_by'),
    )
    .leftJoin('score_sheet as sheet', (join) =>
      join.onRef('sheet.cycle_id', '=', 'member.cycle_id').onRef('sheet.member_id', '=', 'member.id'),
    )
    .selectAll('member')
    .select([
      'decider.name as deciderName',
      'sheet.state as sheetState',
      'sheet.source as sheetSource',
      'sheet.submitted_at as sheetSubmittedAt',
      'sheet.exclusion_reason as sheetExclusionReason',
    ])
    .where('member.cycle_id', '=', key.cycleId)
    .where('member.id', '=', key.memberId),
);

/**
 * One member and their sheet, read in one statement (what every autosave checks), rather than the
 * whole panel and every sheet. NOT_FOUND, as requireMember, when they are not on the panel.
 */
export async function requireMemberWithSheet(
  db: CaseDb,
  cycleId: string,
  memberId: string,
): Promise<MemberWithSheet> {
  const [row] = await memberWithSheetRow(db, { cycleId, memberId });
  if (!row) throw notOnPanel();
  const names = new Map<string, string>();
  if (row.conflict_decided_by !== null && row.deciderName !== null) {
    names.set(row.conflict_decided_by, row.deciderName);
  }
  const { sheetState: state, sheetSource: source } = row;
  return {
    member: memberRecord(row, names),
    sheet:
      state === null || source === null
        ? undefined
        : {
            memberId: row.id,
            state,
            source,
            submittedAt: row.sheetSubmittedAt,
            exclusionReason: row.sheetExclusionReason,
          },
  };
}

function memberRecord(row: PanelMemberRow, names: ReadonlyMap<string, string>): MemberRecord {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    consentToBeNamed: row.consent_to_be_named === 1,
    hasPin: row.pin_hash !== null,
    pinToChoose: row.pin_hash !== null && row.must_choose_pin === 1,
    conflict: conflictState(row, names),
  };
}

function conflictState(row: PanelMemberRow, names: ReadonlyMap<string, string>): ConflictState {
  if (row.has_conflict === null) return { status: 'not_declared' };
  const declaredAt = row.conflict_declared_at ?? row.created_at;
  const declaredBy = whoDeclared(row);
  if (row.has_conflict === 0) return { status: 'none', declaredAt, declaredBy };
  const decision =
    row.conflict_decision === null
      ? null
      : {
          outcome: row.conflict_decision === 'may_take_part' ? ('allowed' as const) : ('excluded' as const),
          reason: row.conflict_decision_reason ?? '',
          decidedBy: names.get(row.conflict_decided_by ?? '') ?? row.conflict_decided_by ?? '',
          decidedAt: row.conflict_decided_at ?? declaredAt,
        };
  return { status: 'declared', text: row.conflict_declaration ?? '', declaredAt, declaredBy, decision };
}

function whoDeclared(row: PanelMemberRow): DeclaredBy {
  if (row.conflict_declared_by === null) return 'not_recorded';
  return row.conflict_declared_by === row.id ? 'themselves' : 'lead';
}

export async function sheetRecords(db: CaseDb, cycleId: string): Promise<Map<string, SheetRecord>> {
  const rows = await db.selectFrom('score_sheet').selectAll().where('cycle_id', '=', cycleId).execute();
  return new Map(
    rows.map((row) => [
      row.member_id,
      {
        memberId: row.member_id,
        state: row.state,
        source: row.source,
        submittedAt: row.submitted_at,
        exclusionReason: row.exclusion_reason,
      },
    ]),
  );
}

/** One member's scores, or everyone's when `memberId` is left out. Only the workflow decides who may see them. */
export async function scoreRecords(db: CaseDb, cycleId: string, memberId?: string): Promise<ScoreRecord[]> {
  let query = db.selectFrom('score').selectAll().where('cycle_id', '=', cycleId);
  if (memberId !== undefined) query = query.where('member_id', '=', memberId);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    memberId: row.member_id,
    criterionId: row.criterion_id,
    score: scoreFromColumn(row.score),
    rationale: row.rationale ?? '',
    state: row.state,
    updatedAt: row.updated_at,
  }));
}

/** How many criteria each member has scored: progress only, never the scores. */
export async function scoredCounts(db: CaseDb, cycleId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('score')
    .select(['member_id'])
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('cycle_id', '=', cycleId)
    .where('score', 'is not', null)
    .groupBy('member_id')
    .execute();
  return new Map(rows.map((row) => [row.member_id, Number(row.count)]));
}

export async function evidenceLinks(db: CaseDb, scoreIds: readonly string[]): Promise<Map<string, string[]>> {
  const links = new Map<string, string[]>();
  if (scoreIds.length === 0) return links;
  const rows = await db
    .selectFrom('score_evidence')
    .selectAll()
    .where('score_id', 'in', scoreIds)
    .orderBy('evidence_id')
    .execute();
  for (const row of rows) links.set(row.score_id, [...(links.get(row.score_id) ?? []), row.evidence_id]);
  return links;
}

export type ModerationStatus = 'not_open' | 'open' | 'closed';

export async function moderationHistory(db: CaseDb, cycleId: string) {
  return db
    .selectFrom('moderation_state')
    .selectAll()
    .where('cycle_id', '=', cycleId)
    .orderBy('seq')
    .execute();
}

/** Whether moderation has opened, and if so whether it is open or closed now. */
export async function moderationStatus(db: CaseDb, cycleId: string): Promise<ModerationStatus> {
  const latest = await db
    .selectFrom('moderation_state')
    .select('state')
    .where('cycle_id', '=', cycleId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!latest) return 'not_open';
  return latest.state === 'closed' ? 'closed' : 'open';
}

export async function evidenceCount(db: CaseDb): Promise<number> {
  const row = await db
    .selectFrom('evidence_item')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

/** The agreed scores as recorded; `recordedBy` is the member id. */
export async function agreedRecords(db: CaseDb, cycleId: string): Promise<AgreedRecord[]> {
  const rows = await db.selectFrom('moderation_record').selectAll().where('cycle_id', '=', cycleId).execute();
  return rows.map((row) => ({
    criterionId: row.criterion_id,
    score: scoreFromColumn(row.agreed_score) ?? NOT_ENOUGH_EVIDENCE,
    rationale: row.rationale,
    outsideRangeReason: row.reason_outside_range,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
  }));
}

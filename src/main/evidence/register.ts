import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import {
  evidenceFieldsOf,
  type EvidenceFields,
  type EvidenceItem,
  type EvidencePage,
} from '../../shared/api';
import { UserFacingError } from '../../shared/errors';
import type { ConsentStatus, EvidenceKind } from '../../shared/vocabulary';
import { requireUnchangedSince, type CaseScope, type FieldNames, type OpenCaseScope } from '../case';
import type { EvidenceAttachmentRow, EvidenceItemRow, ReadableCaseDb, WritableCaseDb } from '../casefile';

/**
 * The evidence register: what the organisation has shown the panel (documents, interviews,
 * observations, surveys…), which criteria each piece supports, and — for quoted lived
 * experience — whether the person gave permission for the quote to be used (I Statement 6).
 * Input is checked by the contract; this keeps the register's own rules.
 */

/** The quote as it may appear in a report: only with the person's permission, otherwise nothing. */
export function quoteForReport(item: Pick<EvidenceItem, 'quote' | 'consent'>): string | null {
  return item.consent === 'given' && item.quote ? item.quote : null;
}

function requireConsentDecision(quote: string | null, consent: ConsentStatus): void {
  if (quote && consent === 'not_needed') {
    throw new UserFacingError(
      'INVALID_INPUT',
      'This evidence quotes someone. Record whether they gave permission for the quote to be used (given or refused) before saving it.',
    );
  }
}

function notFound(id: string): UserFacingError {
  return new UserFacingError(
    'NOT_FOUND',
    `There is no evidence with id ${id} in this case file. It may have been removed; refresh the evidence register.`,
  );
}

/** How the register keeps the fields: empty text as nothing, each criterion once. */
function stored(fields: EvidenceFields) {
  return {
    title: fields.title,
    kind: fields.kind,
    source: fields.source || null,
    date: fields.date,
    criteria: [...new Set(fields.criteria)],
    consent: fields.consent,
    quote: fields.quote || null,
    summary: fields.notes || null,
  };
}

/** The evidence_item columns a person's fields fill. */
function columnsOf(value: ReturnType<typeof stored>) {
  return {
    title: value.title,
    kind: value.kind,
    source: value.source,
    evidence_date: value.date,
    consent_status: value.consent,
    quote: value.quote,
    summary: value.summary,
  };
}

export async function addEvidence(scope: CaseScope, fields: EvidenceFields): Promise<EvidenceItem> {
  const value = stored(fields);
  requireConsentDecision(value.quote, value.consent);
  const id = randomUUID();
  const now = new Date().toISOString();
  await scope.caseFile.mutate(scope.actor.label, 'evidence.added', { id, ...value }, async (trx) => {
    await trx
      .insertInto('evidence_item')
      .values({ id, ...columnsOf(value), created_at: now, updated_at: now })
      .execute();
    await linkCriteria(trx, id, value.criteria);
  });
  return getEvidence(scope, id);
}

const FIELD_NAMES: FieldNames<EvidenceFields> = {
  title: 'title',
  kind: 'kind of evidence',
  source: 'source',
  date: 'date',
  criteria: 'criteria',
  consent: 'consent to quote',
  quote: 'quote',
  notes: 'notes',
};

/**
 * Changes an item. Given the fields the form started from (`savedBefore`), saves nothing if the
 * item was changed meanwhile (another tab, or another member): the whole form is saved, so it
 * would silently undo that change.
 */
export async function editEvidence(
  scope: CaseScope,
  id: string,
  fields: EvidenceFields,
  savedBefore?: EvidenceFields,
): Promise<EvidenceItem> {
  const value = stored(fields);
  requireConsentDecision(value.quote, value.consent);
  await scope.caseFile.mutate(scope.actor.label, 'evidence.edited', { id, ...value }, async (trx) => {
    const [saved] = await readEvidence(trx, id);
    if (!saved) throw notFound(id);
    requireUnchangedSince(
      evidenceFieldsOf(saved),
      savedBefore,
      FIELD_NAMES,
      `The details of “${saved.title}”`,
    );
    const { numUpdatedRows } = await trx
      .updateTable('evidence_item')
      .set({ ...columnsOf(value), updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .executeTakeFirst();
    if (numUpdatedRows === 0n) throw notFound(id);
    await trx.deleteFrom('evidence_criterion').where('evidence_id', '=', id).execute();
    await linkCriteria(trx, id, value.criteria);
  });
  return getEvidence(scope, id);
}

/**
 * Removes the evidence, its criteria links, its attachments and its links from draft scores. Evidence
 * that a submitted score sheet cites is refused, naming the sheets (and, once moderation has opened
 * and scores are no longer sealed, the criteria): a submitted sheet never changes.
 */
export async function removeEvidence(scope: CaseScope, id: string): Promise<void> {
  await scope.caseFile.mutate(scope.actor.label, 'evidence.removed', { id }, async (trx) => {
    await requireNotCited(trx, id);
    const { numDeletedRows } = await trx.deleteFrom('evidence_item').where('id', '=', id).executeTakeFirst();
    if (numDeletedRows === 0n) throw notFound(id);
  });
}

async function requireNotCited(db: ReadableCaseDb, evidenceId: string): Promise<void> {
  const citations = await db
    .selectFrom('score_evidence')
    .innerJoin('score', 'score.id', 'score_evidence.score_id')
    .innerJoin('panel_member', 'panel_member.id', 'score.member_id')
    .innerJoin('assessment_cycle', 'assessment_cycle.id', 'score.cycle_id')
    .innerJoin('evidence_item', 'evidence_item.id', 'score_evidence.evidence_id')
    .select([
      'evidence_item.title',
      'panel_member.id as memberId',
      'panel_member.name',
      'score.criterion_id as criterionId',
      'assessment_cycle.status',
    ])
    .where('score_evidence.evidence_id', '=', evidenceId)
    .where('score.state', '=', 'submitted')
    .orderBy('panel_member.created_at')
    .orderBy('score.criterion_id')
    .execute();
  const first = citations[0];
  if (!first) return;
  const sheets = new Map<string, { name: string; criteria: string[]; sealed: boolean }>();
  for (const citation of citations) {
    const sheet = sheets.get(citation.memberId) ?? {
      name: citation.name,
      criteria: [],
      sealed: citation.status === 'preparing' || citation.status === 'scoring',
    };
    sheet.criteria.push(citation.criterionId);
    sheets.set(citation.memberId, sheet);
  }
  const cited = [...sheets.values()].map(
    (sheet) => `${sheet.name}’s sheet${sheet.sealed ? '' : ` (${sheet.criteria.join(', ')})`}`,
  );
  throw new UserFacingError(
    'EVIDENCE_IN_USE',
    `“${first.title}” cannot be removed from the register: submitted score sheets cite it — ${cited.join('; ')} — and a submitted sheet never changes. Keep it; if it is wrong, say so in its notes.`,
  );
}

async function linkCriteria(
  trx: WritableCaseDb,
  evidenceId: string,
  criteria: readonly string[],
): Promise<void> {
  if (criteria.length === 0) return;
  await trx
    .insertInto('evidence_criterion')
    .values(criteria.map((criterion_id) => ({ evidence_id: evidenceId, criterion_id })))
    .execute();
}

export async function getEvidence(scope: OpenCaseScope, id: string): Promise<EvidenceItem> {
  const [item] = await readEvidence(scope.caseFile.db, id);
  if (!item) throw notFound(id);
  return item;
}

/** The whole register, oldest first. */
export async function listEvidence(scope: OpenCaseScope): Promise<EvidenceItem[]> {
  return readEvidence(scope.caseFile.db);
}

/** What a page of the register is asked for: a search, a kind, and where the page starts. */
export interface EvidencePageRequest {
  query?: string;
  kind?: EvidenceKind;
  offset: number;
  limit: number;
}

/** LIKE's own characters in what a person typed, made literal (with `!` as the escape character). */
function likePattern(text: string): string {
  return `%${text.replace(/[!%_]/g, (character) => `!${character}`)}%`;
}

/** The items a search and a kind select: any of the words' text found in the title, source, notes or quote. */
function matching(db: ReadableCaseDb, request: Pick<EvidencePageRequest, 'query' | 'kind'>) {
  let items = db.selectFrom('evidence_item');
  if (request.kind !== undefined) items = items.where('kind', '=', request.kind);
  const query = request.query?.trim();
  if (query) {
    const pattern = likePattern(query);
    items = items.where((eb) =>
      eb.or(
        (['title', 'source', 'summary', 'quote'] as const).map(
          (column) => sql<boolean>`${eb.ref(column)} like ${pattern} escape '!'`,
        ),
      ),
    );
  }
  return items;
}

/** One page of the register, oldest first, searched and filtered in SQL, with how many match in all. */
export async function pageEvidence(
  scope: OpenCaseScope,
  request: EvidencePageRequest,
): Promise<EvidencePage> {
  const { db } = scope.caseFile;
  const [rows, counted] = await Promise.all([
    matching(db, request)
      .selectAll()
      .orderBy('created_at')
      .orderBy('id')
      .limit(request.limit)
      .offset(request.offset)
      .execute(),
    matching(db, request)
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    items: await withDetails(db, rows),
    total: Number(counted.total),
    offset: request.offset,
    limit: request.limit,
  };
}

async function readEvidence(db: ReadableCaseDb, id?: string): Promise<EvidenceItem[]> {
  let items = db.selectFrom('evidence_item').selectAll().orderBy('created_at').orderBy('id');
  if (id !== undefined) items = items.where('id', '=', id);
  return withDetails(db, await items.execute());
}

/** Evidence rows with their criteria and attachments, as the register shows them. */
async function withDetails(db: ReadableCaseDb, rows: readonly EvidenceItemRow[]): Promise<EvidenceItem[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const links = await db
    .selectFrom('evidence_criterion')
    .selectAll()
    .where('evidence_id', 'in', ids)
    .orderBy('criterion_id')
    .execute();
  const attachments = await db
    .selectFrom('evidence_attachment')
    .select(['id', 'evidence_id', 'file_name', 'media_type', 'size', 'sha256'])
    .where('evidence_id', 'in', ids)
    .orderBy('added_at')
    .execute();
  return rows.map((row) => evidenceItem(row, links, attachments));
}

function evidenceItem(
  row: EvidenceItemRow,
  links: readonly { evidence_id: string; criterion_id: string }[],
  attachments: readonly Pick<
    EvidenceAttachmentRow,
    'id' | 'evidence_id' | 'file_name' | 'media_type' | 'size' | 'sha256'
  >[],
): EvidenceItem {
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    source: row.source ?? '',
    date: row.evidence_date,
    criteria: links.filter((link) => link.evidence_id === row.id).map((link) => link.criterion_id),
    consent: row.consent_status,
    quote: row.quote ?? '',
    notes: row.summary ?? '',
    attachments: attachments
      .filter((attachment) => attachment.evidence_id === row.id)
      .map((attachment) => ({
        id: attachment.id,
        fileName: attachment.file_name,
        mediaType: attachment.media_type,
        sizeBytes: attachment.size,
        sha256: attachment.sha256,
      })),
    updatedAt: row.updated_at,
  };
}

import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { detailInWords, UserFacingError } from '../../shared/errors';
import type { CaseFile } from './case-file';
import {
  type CaseFileDatabase,
  EVIDENCE_KINDS,
  type EvidenceItemRow,
  type EvidenceKind,
  QUOTE_CONSENTS,
  type QuoteConsent,
} from './schema';

/**
 * The evidence register: what the organisation has shown the panel (documents, interviews,
 * observations, surveys…), which criteria each piece supports, and — for quoted lived
 * experience — whether the person gave permission for the quote to be used (I Statement 6).
 */

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `should be at most ${max} characters` })
    .nullish()
    .transform((value) => (value ? value : null));

const evidenceFields = {
  title: z
    .string()
    .trim()
    .min(1, { error: 'Give the evidence a title.' })
    .max(300, { error: 'Keep the title under 300 characters.' }),
  kind: z.enum(EVIDENCE_KINDS, {
    error: `Choose what kind of evidence this is: ${EVIDENCE_KINDS.join(', ')}.`,
  }),
  source: optionalText(300),
  date: z.iso
    .date({ error: 'Give the date as YYYY-MM-DD.' })
    .nullish()
    .transform((value) => value ?? null),
  criteria: z.array(z.string().trim().min(1).max(20)).max(200).default([]),
  consent: z
    .enum(QUOTE_CONSENTS, { error: 'Say whether permission to quote is not needed, given or refused.' })
    .default('not_needed'),
  quote: optionalText(10_000),
  summary: optionalText(5_000),
};

export const evidenceInputSchema = z.object(evidenceFields).strict();
export const evidenceChangesSchema = z.object(evidenceFields).partial().strict();

export type EvidenceInput = z.input<typeof evidenceInputSchema>;
export type EvidenceChanges = z.input<typeof evidenceChangesSchema>;

export interface AttachmentSummary {
  id: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  addedAt: string;
}

export interface EvidenceItem {
  id: string;
  title: string;
  kind: EvidenceKind;
  source: string | null;
  date: string | null;
  criteria: string[];
  consent: QuoteConsent;
  quote: string | null;
  summary: string | null;
  attachments: AttachmentSummary[];
  createdAt: string;
  updatedAt: string;
}

/** The quote as it may appear in a report: only with the person's permission, otherwise nothing. */
export function quoteForReport(item: Pick<EvidenceItem, 'quote' | 'consent'>): string | null {
  return item.consent === 'given' && item.quote ? item.quote : null;
}

function invalid(error: z.ZodError): UserFacingError {
  const details = error.issues.map((issue) => ({ field: issue.path.map(String), message: issue.message }));
  return new UserFacingError(
    'INVALID_INPUT',
    `The evidence could not be saved: ${details[0] ? detailInWords(details[0]) : 'something is missing'}`,
    details,
  );
}

function requireConsentDecision(quote: string | null, consent: QuoteConsent): void {
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

export async function addEvidence(
  caseFile: CaseFile,
  actor: string,
  input: EvidenceInput,
): Promise<EvidenceItem> {
  const parsed = evidenceInputSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const value = parsed.data;
  requireConsentDecision(value.quote, value.consent);
  const id = randomUUID();
  const now = new Date().toISOString();
  const criteria = [...new Set(value.criteria)];
  await caseFile.mutate(actor, 'evidence.added', { id, ...value, criteria }, async (trx) => {
    await trx
      .insertInto('evidence_item')
      .values({
        id,
        title: value.title,
        kind: value.kind,
        source: value.source,
        evidence_date: value.date,
        consent_status: value.consent,
        quote: value.quote,
        summary: value.summary,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await linkCriteria(trx, id, criteria);
  });
  return getEvidence(caseFile, id);
}

export async function editEvidence(
  caseFile: CaseFile,
  actor: string,
  id: string,
  changes: EvidenceChanges,
): Promise<EvidenceItem> {
  const parsed = evidenceChangesSchema.safeParse(changes);
  if (!parsed.success) throw invalid(parsed.error);
  const value = parsed.data;
  await caseFile.mutate(actor, 'evidence.edited', { id, ...value }, async (trx) => {
    const current = await trx.selectFrom('evidence_item').selectAll().where('id', '=', id).executeTakeFirst();
    if (!current) throw notFound(id);
    const quote = 'quote' in changes ? (value.quote ?? null) : current.quote;
    const consent =
      value.consent !== undefined && 'consent' in changes ? value.consent : current.consent_status;
    requireConsentDecision(quote, consent);
    await trx
      .updateTable('evidence_item')
      .set({
        title: value.title ?? current.title,
        kind: value.kind ?? current.kind,
        source: 'source' in changes ? (value.source ?? null) : current.source,
        evidence_date: 'date' in changes ? (value.date ?? null) : current.evidence_date,
        consent_status: consent,
        quote,
        summary: 'summary' in changes ? (value.summary ?? null) : current.summary,
        updated_at: new Date().toISOString(),
      })
      .where('id', '=', id)
      .execute();
    if (value.criteria !== undefined && 'criteria' in changes) {
      await trx.deleteFrom('evidence_criterion').where('evidence_id', '=', id).execute();
      await linkCriteria(trx, id, [...new Set(value.criteria)]);
    }
  });
  return getEvidence(caseFile, id);
}

/** Removes the evidence, its criteria links, its attachments and its links from scores. */
export async function removeEvidence(caseFile: CaseFile, actor: string, id: string): Promise<void> {
  await caseFile.mutate(actor, 'evidence.removed', { id }, async (trx) => {
    const { numDeletedRows } = await trx.deleteFrom('evidence_item').where('id', '=', id).executeTakeFirst();
    if (numDeletedRows === 0n) throw notFound(id);
  });
}

async function linkCriteria(
  trx: Transaction<CaseFileDatabase>,
  evidenceId: string,
  criteria: readonly string[],
): Promise<void> {
  if (criteria.length === 0) return;
  await trx
    .insertInto('evidence_criterion')
    .values(criteria.map((criterion_id) => ({ evidence_id: evidenceId, criterion_id })))
    .execute();
}

export async function getEvidence(caseFile: CaseFile, id: string): Promise<EvidenceItem> {
  const [item] = await readEvidence(caseFile.db, id);
  if (!item) throw notFound(id);
  return item;
}

/** The whole register, oldest first. */
export async function listEvidence(caseFile: CaseFile): Promise<EvidenceItem[]> {
  return readEvidence(caseFile.db);
}

/** The evidence that supports one criterion. */
export async function evidenceForCriterion(caseFile: CaseFile, criterionId: string): Promise<EvidenceItem[]> {
  const ids = await caseFile.db
    .selectFrom('evidence_criterion')
    .select('evidence_id')
    .where('criterion_id', '=', criterionId)
    .execute();
  const all = await readEvidence(caseFile.db);
  const wanted = new Set(ids.map((row) => row.evidence_id));
  return all.filter((item) => wanted.has(item.id));
}

async function readEvidence(db: Kysely<CaseFileDatabase>, id?: string): Promise<EvidenceItem[]> {
  let items = db.selectFrom('evidence_item').selectAll().orderBy('created_at').orderBy('id');
  if (id !== undefined) items = items.where('id', '=', id);
  const rows = await items.execute();
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
    .select(['id', 'evidence_id', 'file_name', 'media_type', 'size', 'sha256', 'added_at'])
    .where('evidence_id', 'in', ids)
    .orderBy('added_at')
    .execute();
  return rows.map((row) => toEvidenceItem(row, links, attachments));
}

function toEvidenceItem(
  row: EvidenceItemRow,
  links: readonly { evidence_id: string; criterion_id: string }[],
  attachments: readonly {
    id: string;
    evidence_id: string;
    file_name: string;
    media_type: string;
    size: number;
    sha256: string;
    added_at: string;
  }[],
): EvidenceItem {
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    source: row.source,
    date: row.evidence_date,
    criteria: links.filter((link) => link.evidence_id === row.id).map((link) => link.criterion_id),
    consent: row.consent_status,
    quote: row.quote,
    summary: row.summary,
    attachments: attachments
      .filter((attachment) => attachment.evidence_id === row.id)
      .map((attachment) => ({
        id: attachment.id,
        fileName: attachment.file_name,
        mediaType: attachment.media_type,
        size: attachment.size,
        sha256: attachment.sha256,
        addedAt: attachment.added_at,
      })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

import { z } from 'zod';
import {
  CONSENT_STATUSES,
  EVIDENCE_KINDS,
  SCORING_ROLES,
  type ConsentStatus,
  type EvidenceKind,
} from '../vocabulary';
import { caseId, criterionId, fileName, isoDate, localPath, longText, recordId, shortText } from './fields';
import { op, operations } from './operation';

export interface AttachmentInfo {
  id: string;
  evidenceId: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
}

export interface EvidenceItem {
  id: string;
  title: string;
  kind: EvidenceKind;
  source: string;
  date: string | null;
  criteria: string[];
  consent: ConsentStatus;
  quote: string;
  notes: string;
  attachments: Omit<AttachmentInfo, 'evidenceId'>[];
  updatedAt: string;
}

/**
 * How a member's device shows an attachment, view only: in the page (images, PDFs in the browser's
 * own viewer, plain text as text). Any other type is opened only on the lead assessor's computer.
 */
export type AttachmentView = 'image' | 'pdf' | 'text';

const ATTACHMENT_VIEWS: Readonly<Record<string, AttachmentView>> = {
  'image/png': 'image',
  'image/jpeg': 'image',
  'image/gif': 'image',
  'image/webp': 'image',
  'application/pdf': 'pdf',
  'text/plain': 'text',
  'text/csv': 'text',
};

/** How an attachment of this type is shown on a member's device; null when it is not shown there. */
export function attachmentView(mediaType: string): AttachmentView | null {
  return Object.hasOwn(ATTACHMENT_VIEWS, mediaType) ? ATTACHMENT_VIEWS[mediaType]! : null;
}

/** The largest attachment a member's device opens (it is held whole in the page's memory while shown). */
export const MAX_VIEWED_ATTACHMENT_BYTES = 20 * 1024 * 1024;
/** The most bytes one part of an attachment carries: well inside one sealed call (base64 adds a third). */
export const VIEWED_PART_BYTES = 128 * 1024;

/** One part of an attachment, read to be shown on a member's device. */
export interface AttachmentPart {
  attachmentId: string;
  fileName: string;
  mediaType: string;
  view: AttachmentView;
  /** The whole attachment's size and SHA-256, so the device can check what it put together. */
  sizeBytes: number;
  sha256: string;
  /** Where this part starts, and its bytes (base64). */
  offset: number;
  bytes: string;
}

/** One page of the evidence register: the items on it and how many match in all. */
export interface EvidencePage {
  items: EvidenceItem[];
  /** How many items match the search and kind, on every page. */
  total: number;
  offset: number;
  limit: number;
}

/** The most items one page may hold. */
const EVIDENCE_PAGE_LIMIT = 100;

const evidenceFields = z
  .object({
    title: shortText(300).min(1, 'Give the evidence a title.'),
    kind: z.enum(EVIDENCE_KINDS),
    source: shortText(300),
    date: z.union([z.null(), isoDate]),
    criteria: z.array(criterionId).max(100),
    consent: z.enum(CONSENT_STATUSES),
    quote: longText,
    notes: longText,
  })
  .strict();

/** An evidence item as a person enters it: what the register keeps, checked by the contract. */
export type EvidenceFields = z.output<typeof evidenceFields>;

/** The fields an item was saved with, as its form sends them (what the form started from, as `savedBefore`). */
export function evidenceFieldsOf(item: EvidenceItem): EvidenceFields {
  const { title, kind, source, date, criteria, consent, quote, notes } = item;
  return { title, kind, source, date, criteria, consent, quote, notes };
}

export const evidenceOperations = operations('evidence', {
  'evidence.list': op<EvidenceItem[]>()({
    input: z.object({ caseId }).strict(),
    access: 'case',
    effect: 'read',
    summary: 'Lists the evidence register.',
  }),
  'evidence.page': op<EvidencePage>()({
    input: z
      .object({
        caseId,
        /** Words to look for in the title, source, notes and quote (any case, matched as typed). */
        query: shortText(200).optional(),
        kind: z.enum(EVIDENCE_KINDS).optional(),
        offset: z.number().int().min(0).max(1_000_000).default(0),
        limit: z.number().int().min(1).max(EVIDENCE_PAGE_LIMIT).default(50),
      })
      .strict(),
    access: 'case',
    effect: 'read',
    summary: 'Lists one page of the evidence register, searched and filtered by kind, with how many match.',
  }),
  'evidence.add': op<EvidenceItem>()({
    input: z.object({ caseId, evidence: evidenceFields }).strict(),
    access: ['lead', 'co_assessor', 'assessor'],
    effect: 'change',
    summary: 'Adds an item to the evidence register.',
  }),
  'evidence.update': op<EvidenceItem>()({
    input: z
      .object({
        caseId,
        evidenceId: recordId,
        evidence: evidenceFields,
        /** The fields the form started from: if the item has been changed since (another tab, another member), nothing is saved. */
        savedBefore: evidenceFields.optional(),
      })
      .strict(),
    access: ['lead', 'co_assessor', 'assessor'],
    effect: 'change',
    summary: 'Changes an item in the evidence register.',
  }),
  'evidence.remove': op<{ removed: true }>()({
    input: z.object({ caseId, evidenceId: recordId }).strict(),
    access: ['lead'],
    effect: 'change',
    summary: 'Removes an item, and its attachments, from the evidence register.',
  }),
  'evidence.attach': op<EvidenceItem>()({
    input: z
      .object({
        caseId,
        evidenceId: recordId,
        fileName,
        mediaType: z.string().trim().max(200).optional(),
        sizeBytes: z.number().int().min(0).optional(),
        /** A file chosen in the system's file dialog (desktop app) or named to the CLI; browser mode uploads it instead. */
        path: localPath.optional(),
      })
      .strict(),
    access: ['lead', 'co_assessor', 'assessor'],
    effect: 'change',
    transfer: 'upload',
    summary: 'Adds a file to an evidence item, encrypted inside the case file.',
  }),
  'evidence.attachmentInfo': op<AttachmentInfo>()({
    input: z.object({ caseId, attachmentId: recordId }).strict(),
    access: 'case',
    effect: 'read',
    summary: 'Describes one attachment: its name, type, size and fingerprint.',
  }),
  'evidence.viewAttachment': op<AttachmentPart>()({
    input: z
      .object({
        caseId,
        attachmentId: recordId,
        /** Where the part starts: 0, then each part's offset plus its length. */
        offset: z.number().int().min(0).max(MAX_VIEWED_ATTACHMENT_BYTES),
      })
      .strict(),
    access: SCORING_ROLES,
    effect: 'read',
    summary:
      'Reads one part of an attachment to show it, view only, on a scoring member’s own device (images, PDFs and plain text).',
  }),
  'evidence.exportAttachment': op<{ path: string | null; sizeBytes: number }>()({
    input: z
      .object({
        caseId,
        attachmentId: recordId,
        /** Where to save it on this computer (desktop app and CLI); browser mode downloads it instead. */
        path: localPath.optional(),
      })
      .strict(),
    access: 'case',
    effect: 'change',
    transfer: 'download',
    summary: 'Saves a copy of an attachment to a file on this computer, or downloads it in a browser.',
  }),
  'evidence.removeAttachment': op<{ removed: true }>()({
    input: z.object({ caseId, evidenceId: recordId, attachmentId: recordId }).strict(),
    access: ['lead'],
    effect: 'change',
    summary: 'Removes one attachment from an evidence item.',
  }),
});

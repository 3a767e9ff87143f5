import { z } from 'zod';
import { op } from './operation';

/** A case file's location: a full path, chosen by a file dialog or from the workspace list. */
const casePath = z.string().trim().min(1, 'Choose a case file.').max(4096);
const caseId = z.string().uuid('That is not a case this app has open.');
const passphrase = z.string().min(1, 'Enter the passphrase.').max(1024);
const pin = z.string().regex(/^\d{4,8}$/, 'A PIN is 4 to 8 digits.');
const personName = z.string().trim().min(1, 'Enter a name.').max(120);
const shortText = (max = 500) => z.string().trim().max(max);

export const EVIDENCE_KINDS = ['document', 'interview', 'observation', 'survey', 'other'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
export const CONSENT_STATUSES = ['not_needed', 'given', 'refused'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

export interface CaseFileEntry {
  path: string;
  fileName: string;
  sizeBytes: number;
  modifiedAt: string;
}

export interface RecentCaseFile {
  path: string;
  organisationName: string;
  lastOpenedAt: string;
  exists: boolean;
}

export interface PassphraseCheck {
  acceptable: boolean;
  /** 0 (very weak) to 4 (very strong). */
  score: number;
  /** Why it is not acceptable, in plain words; empty when acceptable. */
  reason: string;
  suggestions: string[];
}

export interface Organisation {
  name: string;
  address: string;
  registrationNumber: string;
  servicesInScope: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
}

/** What the app shows about an open case, and who is signed in to it on this client. */
export interface OpenCase {
  caseId: string;
  path: string;
  organisation: Organisation;
  standard: { id: string; version: number; sha256: string };
  createdAt: string;
  signedIn: { memberId: string; name: string; role: 'lead' | 'assessor' | 'co_assessor' | 'observer' } | null;
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
  attachments: { id: string; fileName: string; mediaType: string; sizeBytes: number; sha256: string }[];
  updatedAt: string;
}

export interface AttachmentInfo {
  id: string;
  evidenceId: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
}

export interface AuditCheck {
  ok: boolean;
  entries: number;
  /** Plain-English finding: either that the record is intact, or where it was broken. */
  message: string;
  brokenAtSeq?: number;
}

const organisationFields = z
  .object({
    name: shortText(200).min(1, 'Enter the organisation’s name.'),
    address: shortText(500),
    registrationNumber: shortText(100),
    servicesInScope: shortText(2000),
    contactName: shortText(200),
    contactEmail: z.union([
      z.literal(''),
      z.string().trim().email('Enter an email address like name@example.org.'),
    ]),
    contactPhone: shortText(50),
  })
  .strict();

const evidenceFields = z
  .object({
    title: shortText(300).min(1, 'Give the evidence a title.'),
    kind: z.enum(EVIDENCE_KINDS),
    source: shortText(300),
    date: z.union([z.null(), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-03-14.')]),
    criteria: z.array(z.string().regex(/^S\d+\.\d+$/)).max(100),
    consent: z.enum(CONSENT_STATUSES),
    quote: shortText(5000),
    notes: shortText(5000),
  })
  .strict();

export const caseFileOperations = {
  'case.listWorkspace': op<{ workspaceDir: string; files: CaseFileEntry[] }>()({
    input: z.object({}).strict(),
    access: 'anyone',
    effect: 'read',
    summary: 'Lists the case files in the workspace folder.',
  }),
  'settings.setWorkspace': op<{ workspaceDir: string }>()({
    input: z.object({ folder: z.string().trim().min(1, 'Give the folder’s full path.').max(4096) }).strict(),
    access: 'anyone',
    effect: 'change',
    summary: 'Changes the folder where case files are kept and looked for.',
  }),
  'case.recent': op<RecentCaseFile[]>()({
    input: z.object({}).strict(),
    access: 'anyone',
    effect: 'read',
    summary: 'Lists the case files opened recently on this computer.',
  }),
  'case.suggestPassphrase': op<{ passphrase: string }>()({
    input: z.object({}).strict(),
    access: 'anyone',
    effect: 'read',
    summary: 'Suggests a strong passphrase made of random words.',
  }),
  'case.checkPassphrase': op<PassphraseCheck>()({
    input: z.object({ passphrase: z.string().max(1024) }).strict(),
    access: 'anyone',
    effect: 'read',
    summary: 'Says whether a passphrase is strong enough to protect a case file, and why not.',
  }),
  'case.create': op<OpenCase>()({
    input: z
      .object({
        fileName: z
          .string()
          .trim()
          .min(1, 'Enter a file name.')
          .max(120)
          .regex(/^[^/\\:*?"<>|\0]+$/, 'A file name cannot contain / \\ : * ? " < > |.'),
        organisationName: shortText(200).min(1, 'Enter the organisation’s name.'),
        passphrase,
        leadName: personName,
        leadPin: pin,
      })
      .strict(),
    access: 'anyone',
    effect: 'change',
    summary: 'Creates a new encrypted case file in the workspace, with you as its lead assessor.',
  }),
  'case.open': op<OpenCase>()({
    input: z
      .object({
        path: casePath,
        /** Left out to use the passphrase remembered on this computer (desktop app only). */
        passphrase: passphrase.optional(),
        /** Remember the passphrase with the operating system's protected storage (desktop app only). */
        rememberPassphrase: z.boolean().optional(),
      })
      .strict(),
    access: 'anyone',
    effect: 'change',
    summary: 'Opens a case file with its passphrase.',
  }),
  'case.passphraseMemory': op<{ canRemember: boolean; remembered: boolean }>()({
    input: z.object({ path: casePath }).strict(),
    access: 'anyone',
    effect: 'read',
    summary: 'Says whether this computer can remember a case file’s passphrase, and whether it does.',
  }),
  'case.forgetPassphrase': op<{ forgotten: true }>()({
    input: z.object({ path: casePath }).strict(),
    access: 'anyone',
    effect: 'change',
    summary: 'Forgets a case file’s remembered passphrase on this computer.',
  }),
  'case.get': op<OpenCase>()({
    input: z.object({ caseId }).strict(),
    access: 'anyone',
    effect: 'read',
    summary: 'Shows an open case and who is signed in to it here.',
  }),
  'case.close': op<{ closed: true }>()({
    input: z.object({ caseId }).strict(),
    access: 'anyone',
    effect: 'change',
    summary: 'Closes a case file, so it can be carried to another computer.',
  }),
  'case.changePassphrase': op<{ changed: true }>()({
    input: z.object({ caseId, currentPassphrase: passphrase, newPassphrase: passphrase }).strict(),
    access: ['lead'],
    effect: 'change',
    summary: 'Changes the passphrase of a case file.',
  }),
  'case.saveCopy': op<{ path: string }>()({
    input: z
      .object({
        caseId,
        fileName: z
          .string()
          .trim()
          .min(1)
          .max(120)
          .regex(/^[^/\\:*?"<>|\0]+$/),
      })
      .strict(),
    access: ['lead'],
    effect: 'change',
    summary: 'Saves an encrypted copy of the case file in the workspace.',
  }),
  'case.verifyAudit': op<AuditCheck>()({
    input: z.object({ caseId }).strict(),
    access: ['lead'],
    effect: 'read',
    summary: 'Checks that the case file’s record of changes has not been altered.',
  }),
  'organisation.update': op<Organisation>()({
    input: z.object({ caseId, organisation: organisationFields }).strict(),
    access: ['lead'],
    effect: 'change',
    summary: 'Updates the organisation’s details.',
  }),
  'evidence.list': op<EvidenceItem[]>()({
    input: z.object({ caseId }).strict(),
    access: 'case',
    effect: 'read',
    summary: 'Lists the evidence register.',
  }),
  'evidence.add': op<EvidenceItem>()({
    input: z.object({ caseId, evidence: evidenceFields }).strict(),
    access: ['lead', 'co_assessor', 'assessor'],
    effect: 'change',
    summary: 'Adds an item to the evidence register.',
  }),
  'evidence.update': op<EvidenceItem>()({
    input: z.object({ caseId, evidenceId: z.string().min(1), evidence: evidenceFields }).strict(),
    access: ['lead', 'co_assessor', 'assessor'],
    effect: 'change',
    summary: 'Changes an item in the evidence register.',
  }),
  'evidence.remove': op<{ removed: true }>()({
    input: z.object({ caseId, evidenceId: z.string().min(1) }).strict(),
    access: ['lead'],
    effect: 'change',
    summary: 'Removes an item, and its attachments, from the evidence register.',
  }),
  'evidence.attach': op<EvidenceItem>()({
    input: z
      .object({
        caseId,
        evidenceId: z.string().min(1),
        fileName: z.string().trim().min(1).max(255),
        mediaType: z.string().trim().max(200).optional(),
        sizeBytes: z.number().int().min(0).optional(),
        /** Desktop app and CLI only: a file chosen in the system's file dialog. Browser mode streams the file instead. */
        path: z.string().min(1).max(4096).optional(),
      })
      .strict(),
    access: ['lead', 'co_assessor', 'assessor'],
    effect: 'change',
    summary: 'Adds a file to an evidence item, encrypted inside the case file.',
  }),
  'evidence.attachmentInfo': op<AttachmentInfo>()({
    input: z.object({ caseId, attachmentId: z.string().min(1) }).strict(),
    access: 'case',
    effect: 'read',
    summary: 'Describes one attachment: its name, type, size and fingerprint.',
  }),
  'evidence.exportAttachment': op<{ path: string; sizeBytes: number }>()({
    input: z.object({ caseId, attachmentId: z.string().min(1), path: z.string().min(1).max(4096) }).strict(),
    access: 'case',
    effect: 'change',
    summary: 'Saves a copy of an attachment to a file on this computer (desktop app and CLI).',
  }),
  'evidence.removeAttachment': op<{ removed: true }>()({
    input: z.object({ caseId, evidenceId: z.string().min(1), attachmentId: z.string().min(1) }).strict(),
    access: ['lead'],
    effect: 'change',
    summary: 'Removes one attachment from an evidence item.',
  }),
} as const;

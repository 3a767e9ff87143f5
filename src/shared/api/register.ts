import { z } from 'zod';
import type { PdfFile } from './certificate';
import { caseId, base64, fileName, isoDate, localPath, passphrase, recordId, shortText } from './fields';
import { op, operations } from './operation';

/**
 * The register of certificates (issue 15): every certificate the scheme issued, imported only after
 * the certificate verifier passed it, with its status computed from its dates and what happened to
 * it. Validated here; src/main/register applies it to the open scheme file (openScheme).
 */

export const REGISTER_EVENT_KINDS = [
  'revoked',
  'suspended',
  'reinstated',
  'superseded',
  'interim_review_done',
] as const;
export type RegisterEventKind = (typeof REGISTER_EVENT_KINDS)[number];

export const REGISTER_STATUS_STATES = [
  'not_yet_valid',
  'valid',
  'interim_review_due',
  'interim_review_overdue',
  'conditions_due',
  'conditions_overdue',
  'expired',
  'suspended',
  'revoked',
  'superseded',
] as const;
export type RegisterStatusState = (typeof REGISTER_STATUS_STATES)[number];

export interface RegisterStatus {
  state: RegisterStatusState;
  /** The status in plain words, for a commissioner. */
  words: string;
  /** The date that matters next or mattered last (due date, expiry, withdrawal), when there is one. */
  date?: string;
  /** Why it was revoked or suspended, as recorded. */
  reason?: string;
  supersededBy?: string;
}

export interface RegisterEvent {
  kind: RegisterEventKind;
  onDate: string;
  reason: string | null;
  supersededBy: string | null;
  recordedBy: string;
}

export interface RegisterCondition {
  id: string;
  condition: string;
  dueOn: string;
  metOn: string | null;
  /** The note given when it was recorded as met. */
  metNote: string | null;
  /** Who recorded it as met (null before it was, or when recorded before the app kept it). */
  metRecordedBy: string | null;
}

/** An organisation's contact as a form shows it, each field perhaps empty. */
export const organisationContactShown = z
  .object({
    contactName: shortText(120).optional(),
    email: z
      .union([z.literal(''), z.string().trim().email('That is not an email address.').max(254)])
      .optional(),
    phone: shortText(40)
      .refine((phone) => phone === '' || /^\+?[0-9 ()-]{6,40}$/.test(phone), {
        message: 'Write the phone number with digits, spaces and a leading + only, like 0113 496 0000.',
      })
      .optional(),
    postalAddress: shortText(500)
      .refine((address) => address.split('\n').length <= 8, {
        message: 'Write the postal address on at most 8 lines.',
      })
      .optional(),
  })
  .strict();

/**
 * How to reach an organisation in the register: a contact's name, an email, a phone number and a
 * postal address (lines separated by new lines). Each is optional, but at least one way to reach
 * them (email, phone or post) is needed. Kept by the scheme office; never published.
 */
export const organisationContactFields = organisationContactShown.refine(
  (contact) => Boolean(contact.email || contact.phone || contact.postalAddress),
  {
    message: 'Give at least one way to reach them: an email address, a phone number or a postal address.',
  },
);
export type OrganisationContactFields = z.input<typeof organisationContactFields>;

/** An organisation's contact as the register keeps it (empty fields are null). */
export interface OrganisationContact {
  organisation: string;
  contactName: string | null;
  email: string | null;
  phone: string | null;
  postalAddress: string | null;
  updatedBy: string;
  updatedAt: string;
}

/** What falls due for a certificate still in force: its interim review, a condition, its renewal. */
export const REMINDER_KINDS = ['interim_review', 'condition', 'renewal'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** One thing due (or overdue), with the organisation's contact when the register has one. */
export interface Reminder {
  kind: ReminderKind;
  dueOn: string;
  certificateNumber: string;
  organisation: string;
  /** The condition, for a condition's reminder. */
  conditionId?: string;
  /** What is due, in plain words. */
  what: string;
  overdue: boolean;
  contact: OrganisationContact | null;
}

/** One certificate as the register shows it: its facts, its history and its status on a day. */
export interface RegisterEntry {
  certificateNumber: string;
  organisation: string;
  level: number;
  decisionDate: string;
  interimReviewDue: string;
  validUntil: string;
  standardVersion: string | null;
  signers: string[];
  /** The case file's audit head when the lead signed (issue 17), when the certificate carries it. */
  auditHead: { entries: number; hash: string } | null;
  qrSignerKeyId: string;
  /** The QR signer's public key (SPKI DER, base64), so the published page can check the QR code. */
  qrSignerPublicKey: string;
  pdfSha256: string;
  source: 'case_file' | 'certificate_pdf';
  importedAt: string;
  /** The scheme office whose signed register this certificate was merged from; absent when imported here. */
  mergedFrom?: string;
  events: RegisterEvent[];
  conditions: RegisterCondition[];
  status: RegisterStatus;
  /** How to reach the organisation, when the scheme office has recorded it. */
  contact: OrganisationContact | null;
}

/** A file the register gives to save (the signed register's parts, a calendar, a letter). */
export interface RegisterFile {
  fileName: string;
  mediaType: string;
  base64: string;
  sizeBytes: number;
}

const certificateNumber = z.string().trim().min(1, 'Give the certificate number.').max(40);

/** The scheme root that signs the revocation list: its certificate, its encrypted key and the scheme passphrase. */
const schemeRootFiles = z
  .object({ rootCertificateBase64: base64, rootKeyBase64: base64, rootPassphrase: passphrase })
  .strict();

export const registerOperations = operations('register', {
  'register.list': op<{ asOf: string; total: number; entries: RegisterEntry[] }>()({
    input: z
      .object({
        onDate: isoDate.optional(),
        /** Words in the organisation's name or the certificate number. */
        query: z.string().max(200).optional(),
        states: z.array(z.enum(REGISTER_STATUS_STATES)).max(REGISTER_STATUS_STATES.length).optional(),
        offset: z.number().int().min(0).max(10_000_000).optional(),
        limit: z.number().int().min(1).max(1000).optional(),
      })
      .strict(),
    access: 'anyone',
    effect: 'read',
    summary:
      'Lists the certificates in the open scheme file’s register with their status today (or on a date): searched, filtered by status and a page at a time when asked.',
  }),
  'register.importCertificate': op<{ entry: RegisterEntry; added: boolean }>()({
    input: z
      .object({
        fileName,
        /** The PDF itself, for small callers (the CLI's tests); browser mode uploads it instead. */
        base64: base64.optional(),
        /** A PDF chosen in the desktop app's file dialog. */
        path: localPath.optional(),
        sizeBytes: z.number().int().min(0).optional(),
      })
      .strict(),
    access: 'anyone',
    effect: 'change',
    transfer: 'upload',
    summary: 'Adds a certificate PDF to the register, only after it passes the same check as Verify.',
  }),
  'register.importFromCase': op<{ entry: RegisterEntry; added: boolean }[]>()({
    input: z.object({ caseId }).strict(),
    access: ['lead'],
    effect: 'change',
    summary:
      'Adds every certificate issued in the open case file to the register, each after the same check as Verify.',
  }),
  'register.setContact': op<OrganisationContact>()({
    input: z
      .object({
        organisation: shortText(500).min(1, 'Name the organisation.'),
        contact: organisationContactFields,
        /** The contact as the form showed it (empty when there was none): refused as CHANGED_ELSEWHERE if it was changed since. */
        savedBefore: organisationContactShown.optional(),
      })
      .strict(),
    access: 'anyone',
    effect: 'change',
    summary: 'Records how to reach an organisation in the register (used by the reminders).',
  }),
  'register.dueSoon': op<{ asOf: string; withinDays: number; reminders: Reminder[] }>()({
    input: z.object({ withinDays: z.number().int().min(0).max(3660).optional() }).strict(),
    access: 'anyone',
    effect: 'read',
    summary:
      'Lists interim reviews, conditions and renewals falling due (overdue ones first), with each organisation’s contact.',
  }),
  'register.reminderLetter': op<PdfFile>()({
    input: z
      .object({ certificateNumber, kind: z.enum(REMINDER_KINDS), conditionId: recordId.optional() })
      .strict(),
    access: 'anyone',
    effect: 'read',
    summary: 'Writes a reminder letter PDF to the organisation about one thing due.',
  }),
  'register.dueCalendar': op<RegisterFile>()({
    input: z.object({ withinDays: z.number().int().min(0).max(3660).optional() }).strict(),
    access: 'anyone',
    effect: 'read',
    summary: 'Writes what falls due as a calendar file (iCalendar) to import into a calendar program.',
  }),
  'register.export': op<{ files: RegisterFile[]; entries: number }>()({
    input: schemeRootFiles,
    access: 'anyone',
    effect: 'read',
    summary:
      'Exports the register signed by the scheme root (JSON with CMS and JWS signatures), with a CSV and a printable PDF.',
  }),
  'register.record': op<RegisterEntry>()({
    input: z
      .object({
        certificateNumber,
        kind: z.enum(REGISTER_EVENT_KINDS),
        onDate: isoDate.optional(),
        reason: shortText(500).optional(),
        supersededBy: certificateNumber.optional(),
      })
      .strict(),
    access: 'anyone',
    effect: 'change',
    summary:
      'Records what happened to a certificate: withdrawn (with a reason), suspended, reinstated, superseded or reviewed.',
  }),
  'register.addCondition': op<RegisterEntry>()({
    input: z
      .object({
        certificateNumber,
        condition: z
          .string()
          .trim()
          .min(3, 'Say what must be done, in a few words.')
          .max(1000, 'Write the condition in at most 1,000 characters.'),
        dueOn: isoDate,
      })
      .strict(),
    access: 'anyone',
    effect: 'change',
    summary:
      'Adds a condition of the award to a certificate: what must be done, due by a date between the award and its expiry.',
  }),
  'register.meetCondition': op<RegisterEntry>()({
    input: z
      .object({
        conditionId: recordId,
        metOn: isoDate.optional(),
        note: z.string().trim().max(1000, 'Write the note in at most 1,000 characters.').optional(),
      })
      .strict(),
    access: 'anyone',
    effect: 'change',
    summary: 'Records that a condition of an award was met on a date (today unless given), with a note.',
  }),
  'register.merge': op<{
    from: string;
    asOf: string;
    added: number;
    alreadyHere: number;
    conflicts: Array<{ certificateNumber: string; differences: string[] }>;
  }>()({
    input: z
      .object({
        registerBase64: base64,
        signatureBase64: base64,
        /** The other scheme office's root certificate (PEM), trusted for this merge only. */
        trustedRootBase64: base64,
      })
      .strict(),
    access: 'anyone',
    effect: 'change',
    summary:
      'Adds another scheme office’s signed register, checked against that office’s root: new certificates added, conflicts listed and never overwritten.',
  }),
  'register.revocationList': op<PdfFile & { listed: number }>()({
    input: schemeRootFiles,
    access: 'anyone',
    effect: 'read',
    summary:
      'Makes the scheme’s signed revocation list from the register (the list `copanel verify --revocations` reads).',
  }),
});

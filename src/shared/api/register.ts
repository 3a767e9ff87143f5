import { z } from 'zod';
import type { PdfFile } from './certificate';
import { base64, fileName, isoDate, passphrase, shortText } from './fields';
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

export type RegisterStatusState =
  | 'not_yet_valid'
  | 'valid'
  | 'interim_review_due'
  | 'interim_review_overdue'
  | 'conditions_due'
  | 'conditions_overdue'
  | 'expired'
  | 'suspended'
  | 'revoked'
  | 'superseded';

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
  events: RegisterEvent[];
  conditions: RegisterCondition[];
  status: RegisterStatus;
}

const certificateNumber = z.string().trim().min(1, 'Give the certificate number.').max(40);

/** The scheme root that signs the revocation list: its certificate, its encrypted key and the scheme passphrase. */
const schemeRootFiles = z
  .object({ rootCertificateBase64: base64, rootKeyBase64: base64, rootPassphrase: passphrase })
  .strict();

export const registerOperations = operations('register', {
  'register.list': op<{ asOf: string; entries: RegisterEntry[] }>()({
    input: z.object({ onDate: isoDate.optional() }).strict(),
    access: 'anyone',
    effect: 'read',
    summary:
      'Lists the certificates in the open scheme file’s register with their status today (or on a date).',
  }),
  'register.importCertificate': op<{ entry: RegisterEntry; added: boolean }>()({
    input: z.object({ fileName, base64 }).strict(),
    access: 'anyone',
    effect: 'change',
    summary: 'Adds a certificate PDF to the register, only after it passes the same check as Verify.',
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
  'register.revocationList': op<PdfFile & { listed: number }>()({
    input: schemeRootFiles,
    access: 'anyone',
    effect: 'read',
    summary:
      'Makes the scheme’s signed revocation list from the register (the list `copanel verify --revocations` reads).',
  }),
});

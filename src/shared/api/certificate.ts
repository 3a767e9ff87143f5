import { z } from 'zod';
import type { OutcomeLevel } from '../scoring';
import {
  base64,
  caseId,
  fileName,
  isoDate,
  localPath,
  memberId,
  passphrase,
  password,
  recordId,
} from './fields';
import { op, operations } from './operation';

/** A PDF carried across the API as base64 (certificates and reports are small). */
export interface PdfFile {
  fileName: string;
  base64: string;
  sizeBytes: number;
}

export type CertificateStatus = 'awaiting_co_signature' | 'issued' | 'revoked';

export interface CertificateRecord {
  id: string;
  certificateNumber: string;
  level: OutcomeLevel;
  status: CertificateStatus;
  decisionDate: string;
  validUntil: string;
  interimReviewDue: string;
  /** SHA-256 of the final signed PDF, hex. */
  sha256: string | null;
  signers: { name: string; role: string; keyId: string; signedAt: string }[];
  issuedAt: string | null;
  /**
   * The Expert by Experience the lead named to co-sign, while the certificate awaits co-signature:
   * when they agreed to be named it is printed on the certificate, so only they can co-sign.
   * null when any Expert by Experience on the panel may co-sign.
   */
  coSignerName: string | null;
}

export interface VerificationCheck {
  /** Short name of the check, e.g. "Signature 1: content unchanged". */
  name: string;
  /** False only when the check failed ('not_checked' counts as passed: nothing was found wrong). */
  passed: boolean;
  /** 'not_checked' when the check could not be made, e.g. revocation without a revocation list. */
  status: 'passed' | 'failed' | 'not_checked';
  /** Plain-English sentence: what was checked and what was found. */
  message: string;
}

export interface CertificateVerification {
  /** What the PDF is: a certificate, the signed assessment report that goes with one, or neither (no signature, no certificate facts). */
  document: 'certificate' | 'report' | 'other';
  valid: boolean;
  /** One sentence a commissioner can act on. */
  summary: string;
  checks: VerificationCheck[];
  facts: {
    organisation: string | null;
    level: string | null;
    certificateNumber: string | null;
    decisionDate: string | null;
    validUntil: string | null;
    signers: string[];
  };
  /**
   * Set when the certificate is genuine and valid and recorded its case file's record of changes
   * when it was signed (every certificate since issue 17): how many entries the record then held.
   * A case file can then be checked against it (`certificate.checkCaseFile`).
   */
  recordOfChanges?: { entries: number };
}

/** The most a case file checked against a certificate may be (it is copied to a private folder first). */
export const MAX_CHECKED_CASE_FILE_BYTES = 4 * 1024 * 1024 * 1024;

/** What checking a case file against a certificate found: its history up to the signing is the one the certificate recorded, or not. */
export interface CaseFileHistoryCheck {
  verdict: 'matches' | 'rewritten';
  certificateNumber: string;
  /** How many entries the record of changes held when the certificate was signed. */
  entriesAtSigning: number;
  /** Entries made since the signing ('matches'; 0 when 'rewritten'). */
  entriesSince: number;
  /** What was rewritten, each in plain words ('rewritten'; empty when it matches). */
  problems: string[];
  /** The answer in one or two sentences. */
  summary: string;
}

/** How far a check of a case file has got: bytes received, pages, tables or attached files checked. */
export interface CaseFileHistoryProgress {
  stage: 'receiving' | 'opening' | 'pages' | 'tables' | 'attachments' | 'history';
  done: number;
  /** 0 when not known. */
  total: number;
}

/** A check's own id, chosen by the screen, so it can ask how far the check has got while it runs. */
const checkId = z.string().uuid();

/** The verdict in words, for a certificate or for the signed report that goes with one. */
export function verificationVerdict(result: Pick<CertificateVerification, 'document' | 'valid'>): string {
  if (result.document === 'other') return 'This PDF is not a signed Coproduction Panel certificate.';
  if (result.document === 'report')
    return result.valid
      ? 'This is an assessment report, not a certificate. Its signature is genuine and it is unchanged.'
      : 'This is an assessment report, not a certificate, and it did not pass every check.';
  return result.valid
    ? 'This certificate is genuine and valid.'
    : 'This certificate did not pass every check.';
}

export const certificateOperations = operations('certificate', {
  'certificate.preview': op<{ certificate: PdfFile; report: PdfFile }>()({
    input: z.object({ caseId }).strict(),
    access: 'case',
    effect: 'read',
    summary: 'Shows the certificate and report as they will be issued, before signing.',
  }),
  'certificate.sign': op<CertificateRecord>()({
    input: z
      .object({
        caseId,
        identityId: recordId,
        identityPassword: password,
        /** The Expert by Experience who will co-sign; needed when the panel has more than one. */
        coSignerMemberId: memberId.optional(),
      })
      .strict(),
    access: ['lead'],
    effect: 'change',
    summary:
      'The lead assessor signs the certificate and the report, naming the Expert by Experience who will co-sign (a signature always carries the signer’s name, even for someone not named on the certificate).',
  }),
  'certificate.coSign': op<CertificateRecord>()({
    input: z.object({ caseId, identityId: recordId, identityPassword: password }).strict(),
    access: ['assessor'],
    effect: 'change',
    summary:
      'An Expert by Experience assessor co-signs the certificate, which issues it (the signature carries their name).',
  }),
  'certificate.list': op<CertificateRecord[]>()({
    input: z.object({ caseId }).strict(),
    access: 'case',
    effect: 'read',
    summary: 'Lists the certificates issued for this case.',
  }),
  'certificate.download': op<PdfFile>()({
    input: z
      .object({
        caseId,
        certificateId: recordId,
        document: z.enum(['certificate', 'report']),
      })
      .strict(),
    access: 'case',
    effect: 'read',
    summary: 'Gives a copy of an issued certificate or its report.',
  }),
  'certificate.scoreSheet': op<PdfFile>()({
    input: z.object({ caseId, memberName: z.string().trim().max(120).optional() }).strict(),
    access: 'case',
    effect: 'read',
    summary: 'Makes a blank score sheet to print, for members who prefer paper.',
  }),
  'certificate.verify': op<CertificateVerification>()({
    input: z
      .object({
        fileName,
        base64,
        /** A scheme root to trust for this check only (PEM or DER, base64); otherwise the trusted roots on this computer. */
        trustedRootBase64: base64.optional(),
        /** A revocation list from the scheme (PEM or DER, base64). */
        revocationListBase64: base64.optional(),
        /** Check as things stood on this date (default: now), e.g. whether it was in date then. */
        checkedOn: isoDate.optional(),
      })
      .strict(),
    access: 'anyone',
    effect: 'read',
    summary: 'Checks that a certificate PDF is genuine, unchanged, in date and not revoked.',
  }),
  'certificate.checkCaseFile': op<CaseFileHistoryCheck>()({
    input: z
      .object({
        checkId,
        /** A certificate this client has checked as genuine and valid (`certificate.verify`). */
        certificateNumber: z.string().trim().min(1).max(64),
        fileName,
        passphrase,
        sizeBytes: z.number().int().min(0).optional(),
        /** A file chosen in the system's file dialog (desktop app) or named to the CLI; browser mode uploads it instead. */
        path: localPath.optional(),
      })
      .strict(),
    access: 'anyone',
    effect: 'read',
    transfer: 'upload',
    summary:
      'Checks that a case file’s record of changes is still the one a certificate recorded when it was signed, reading a private copy of the file and changing nothing.',
  }),
  'certificate.caseFileCheckProgress': op<CaseFileHistoryProgress | null>()({
    input: z.object({ checkId }).strict(),
    access: 'anyone',
    effect: 'read',
    summary: 'Shows how far a check of a case file against a certificate has got.',
  }),
  'certificate.print': op<{ printed: boolean }>()({
    input: z.object({ caseId, certificateId: recordId }).strict(),
    access: 'case',
    effect: 'change',
    summary: 'Prints an issued certificate with the system’s print dialog (desktop app).',
  }),
});

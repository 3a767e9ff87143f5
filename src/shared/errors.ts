/**
 * Errors a user can meet. Every one has a stable code and a plain-English message that says
 * what happened and what to do next. No stack traces ever cross a transport.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_OPERATION',
  'FORBIDDEN',
  'NOT_SIGNED_IN',
  /**
   * The page showed one member signed in, but someone else has signed in (or out) of that case on
   * this client since (another tab or window of the same session): nothing was done.
   */
  'SIGNED_IN_ELSEWHERE',
  'NOT_FOUND',
  'INTERNAL',
  /** The desktop app's backend process stopped (and was restarted); nothing unsaved was lost. */
  'ENGINE_STOPPED',
  /** The panel room cannot be opened from here, or on that network. */
  'ROOM_UNAVAILABLE',
  /** A device in the panel room cannot reach the room (the network dropped). */
  'ROOM_UNREACHABLE',
  /** A member's answer could not reach the room, so it is kept (sealed) on their device and sent when it can. */
  'KEPT_ON_DEVICE',
  // case files
  'CASE_NOT_OPEN',
  'CASE_FILE_EXISTS',
  'CASE_FILE_LOCKED',
  'CASE_FILE_MISSING',
  'CASE_FILE_READ_ONLY',
  'WRONG_PASSPHRASE',
  'NOT_A_CASE_FILE',
  'CASE_FILE_TOO_NEW',
  'CASE_FILE_DAMAGED',
  'DISK_FULL',
  'WEAK_PASSPHRASE',
  'ATTACHMENT_TOO_LARGE',
  'ATTACHMENT_EMPTY',
  /** A member's device shows images, PDFs and plain text only; other files open on the lead's computer. */
  'ATTACHMENT_NOT_VIEWABLE',
  'AUDIT_CHAIN_BROKEN',
  // panel and scoring
  'WRONG_PIN',
  'SCORES_SEALED',
  'WRONG_STAGE',
  'PANEL_INCOMPLETE',
  'CONFLICT_UNDECIDED',
  'SHEET_INCOMPLETE',
  'RATIONALE_REQUIRED',
  'MODERATION_CLOSED',
  /** Wrong PINs in a row for a member: signing in as them is paused, for longer each time (panel workflow). */
  'TOO_MANY_PIN_ATTEMPTS',
  /** The lead reset this member's PIN: they choose a new one of their own before signing in. */
  'NEW_PIN_NEEDED',
  /** Evidence a submitted score sheet cites cannot be removed from the register. */
  'EVIDENCE_IN_USE',
  // standards
  'INVALID_STANDARD',
  // signing and certificates
  'IDENTITY_MISSING',
  'WRONG_IDENTITY_PASSWORD',
  'SIGNATURE_INVALID',
  'NOT_A_PDF',
  'WRONG_SCHEME_PASSPHRASE',
  'IDENTITY_INVALID',
  'IDENTITY_EXPIRED',
  'REVOCATION_LIST_INVALID',
  'PDF_NOT_SUPPORTED',
  // case files (added with the encrypted case file)
  'CASE_FILE_NEEDS_UPDATE',
  /** A passphrase change by an earlier version was cut off; the file opens only with the old passphrase (issue 17). */
  'PASSPHRASE_CHANGE_INTERRUPTED',
  // the scheme office (issue 14)
  /** A file opened as a scheme file is a case file, or another program's database. */
  'NOT_A_SCHEME_FILE',
  /** An operation of the scheme office was asked for with no scheme file open in this app. */
  'SCHEME_FILE_NOT_OPEN',
  /** A second scheme file was asked for while one is open: one at a time. */
  'SCHEME_FILE_ALREADY_OPEN',
  // the register of certificates (issue 15)
  /** A certificate PDF did not pass the verifier, so it cannot enter the register. */
  'CERTIFICATE_NOT_GENUINE',
  /** Another file with the same certificate number is already in the register. */
  'ALREADY_IN_REGISTER',
  'NOT_IN_REGISTER',
  'CERTIFICATE_ALREADY_REVOKED',
  /** A condition was asked for a certificate withdrawn, replaced or expired. */
  'CERTIFICATE_NOT_IN_FORCE',
  /** A condition of an award was already recorded as met. */
  'CONDITION_ALREADY_MET',
  'NO_ISSUED_CERTIFICATE',
  /** A reminder letter was asked for something not due (a certificate ended, a review already done). */
  'NOTHING_DUE',
  /** A register file whose signature or content does not check out against the trusted root. */
  'REGISTER_NOT_GENUINE',
  /** Scoring cannot open: a panel member is untrained or overdue their refresher, and the scheme's policy is to block. */
  'TRAINING_REQUIRED',
  /** Scoring opens with an untrained or overdue member only once the lead gives a reason (the scheme's policy is to warn). */
  'TRAINING_REASON_REQUIRED',
  /** What a form started from was changed meanwhile (another window or tab), so saving it would undo that change. */
  'CHANGED_ELSEWHERE',
  'APPEAL_LATE',
  'REVIEWER_SAT_ON_PANEL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * One problem behind an error: the input field it is about (a path such as ['evidence', 'title'];
 * empty when it is about no one field, e.g. a problem in an imported standard) and what is wrong.
 */
export interface ErrorDetail {
  field: string[];
  message: string;
}

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Optional structured details a UI may show (every field to fix, every problem in a standard…). */
  details?: ErrorDetail[];
}

/** Problems that are about no one field, as error details. */
export function generalDetails(messages: readonly string[]): ErrorDetail[] {
  return messages.map((message) => ({ field: [], message }));
}

/** A detail as one line for a person: "evidence.title: Give the evidence a title.", or just the message. */
export function detailInWords(detail: ErrorDetail): string {
  return detail.field.length > 0 ? `${detail.field.join('.')}: ${detail.message}` : detail.message;
}

/** An error meant for the user: thrown anywhere in main, carried across as {code, message}. */
export class UserFacingError extends Error {
  readonly code: ErrorCode;
  readonly details?: ErrorDetail[];
  constructor(code: ErrorCode, message: string, details?: ErrorDetail[]) {
    super(message);
    this.name = 'UserFacingError';
    this.code = code;
    if (details) this.details = details;
  }
  toApiError(): ApiError {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }
}

export function isUserFacingError(error: unknown): error is UserFacingError {
  return error instanceof UserFacingError;
}

import type { AuditHead } from '../signing';
import type { Session } from './session';

/**
 * The certificates each client has checked as genuine and valid (`certificate.verify`), by number,
 * with the case file's audit head each recorded when it was signed. A case file is checked only
 * against one of these (`certificate.checkCaseFile`), so the answer "the history matches the
 * certificate" always rests on a certificate the app itself found genuine, never on figures a
 * page sent. Kept in memory for the session's life, at most MAX_REMEMBERED per client.
 */

export interface VerifiedCertificate {
  certificateNumber: string;
  /** null for a certificate signed before certificates recorded the audit head. */
  auditHead: AuditHead | null;
}

const MAX_REMEMBERED = 32;
const verified = new WeakMap<Session, Map<string, VerifiedCertificate>>();

export function rememberVerifiedCertificate(session: Session, certificate: VerifiedCertificate): void {
  const remembered = verified.get(session) ?? new Map<string, VerifiedCertificate>();
  remembered.delete(certificate.certificateNumber);
  remembered.set(certificate.certificateNumber, certificate);
  for (const oldest of remembered.keys()) {
    if (remembered.size <= MAX_REMEMBERED) break;
    remembered.delete(oldest);
  }
  verified.set(session, remembered);
}

export function verifiedCertificate(
  session: Session,
  certificateNumber: string,
): VerifiedCertificate | undefined {
  return verified.get(session)?.get(certificateNumber);
}

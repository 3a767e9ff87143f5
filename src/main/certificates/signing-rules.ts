import { UserFacingError } from '../../shared/errors';
import {
  decodeQrPayload,
  roleDescription,
  sameName,
  samePrintedName,
  verifyPdf,
  type AssessorIdentity,
  type AssessorRole,
  type SignerRule,
} from '../signing';
import { printedDate, printedFacts, printedPeople } from './printed-facts';
import { readSignedContent } from './signed-content';
import { verifyCertificate } from './verify';

/**
 * Who may sign what, enforced when the app signs (the verifier enforces the same on any PDF,
 * see signing/verify-pdf.ts): the lead certifies only with a lead assessor identity in their own
 * name; the co-signature is made with an Expert by Experience identity — another key and another
 * name than the lead's — in the name of the co-signer the certificate prints. Every identity must
 * stay valid until the certificate's valid-until date, because without a trusted timestamp a
 * signature is checked against its identity at the time of checking.
 */

const ISSUE_COMMAND: Record<AssessorRole, string> = {
  lead: 'copanel scheme issue --role lead',
  'expert-by-experience': 'copanel scheme issue --role expert-by-experience',
  'co-assessor': 'copanel scheme issue --role co-assessor',
};

function requireRole(identity: AssessorIdentity, role: AssessorRole, why: string): void {
  if (identity.schemeRole === role) return;
  throw new UserFacingError(
    'IDENTITY_INVALID',
    `${identity.name}’s signing identity is ${roleDescription(identity.schemeRole)}, but ${why}. Ask the scheme to issue one (“${ISSUE_COMMAND[role]}”).`,
  );
}

/** The identity must not expire before the certificate does, or the certificate would stop verifying. */
function requireValidUntil(identity: AssessorIdentity, validUntil: string): void {
  const lastDay = new Date(`${validUntil}T23:59:59Z`);
  if (identity.certificate.notAfter.getTime() >= lastDay.getTime()) return;
  throw new UserFacingError(
    'IDENTITY_EXPIRED',
    `${identity.name}’s signing identity expires on ${identity.certificate.notAfter.toISOString().slice(0, 10)}, before the certificate’s valid-until date (${printedDate(validUntil)}). A certificate is checked against the identities that signed it, so it would stop verifying early. Ask the scheme for a new identity: the scheme issues them for four years.`,
  );
}

/** The lead certifies only with a lead assessor identity (their own name is checked by requireOwnIdentity). */
export function requireLeadIdentity(identity: AssessorIdentity, validUntil: string): void {
  requireRole(
    identity,
    'lead',
    'the lead assessor certifies with a lead assessor identity in their own name',
  );
  requireValidUntil(identity, validUntil);
}

export interface LeadSignature {
  name: string;
  keyId: string;
}

/**
 * The co-signer's identity: an Expert by Experience identity, not the lead's key or name, and in
 * the name of the co-signer the lead-signed certificate prints (when it prints one).
 */
export function requireCoSignerIdentity(
  identity: AssessorIdentity,
  leadSigned: Uint8Array,
  lead: LeadSignature,
  validUntil: string,
): void {
  requireRole(
    identity,
    'expert-by-experience',
    'the certificate is co-signed with an Expert by Experience identity',
  );
  if (identity.keyId === lead.keyId)
    throw new UserFacingError(
      'FORBIDDEN',
      'This identity has the same key as the lead assessor’s signature, so one person would sign twice. Co-sign with your own Expert by Experience identity.',
    );
  if (sameName(identity.name, lead.name))
    throw new UserFacingError(
      'FORBIDDEN',
      `This identity is in the lead assessor’s name (${lead.name}). The co-signer is another member of the panel, with their own identity.`,
    );
  const printed = printedCoSigner(leadSigned);
  if (printed !== undefined && !samePrintedName(printed, identity.name))
    throw new UserFacingError(
      'FORBIDDEN',
      `The certificate names ${printed} as its co-signer, so it is co-signed with ${printed}’s identity, not ${identity.name}’s.`,
    );
  requireValidUntil(identity, validUntil);
}

/** The co-signer's name as the lead-signed certificate prints it (read as the verifier reads it). */
function printedCoSigner(leadSigned: Uint8Array): string | undefined {
  const content = readSignedContent(leadSigned);
  const facts = printedFacts(content.pageText, decodeQrPayload(content.keywords ?? ''));
  return printedPeople(content.pageText, facts.certificateNumber).coSigner;
}

/**
 * Before storing a signed PDF: it must pass the verifier's own rules against the signer's scheme
 * root — a lead-signed certificate or report as lead-only, a co-signed certificate in full.
 */
export async function requireVerifies(
  pdf: Uint8Array,
  identity: AssessorIdentity,
  at: Date,
  rule: SignerRule | 'issued-certificate',
): Promise<void> {
  const root = identity.chain.find((certificate) => certificate.isSelfIssued);
  if (!root) return;
  if (rule === 'issued-certificate') {
    const result = await verifyCertificate(pdf, { trustedRoots: [root], now: at });
    if (!result.valid) throw new Error(`The co-signed certificate did not verify: ${result.summary}`);
    return;
  }
  const result = await verifyPdf(pdf, { trustedRoots: [root], now: at, signers: rule });
  if (!result.valid) throw new Error(`The signed PDF did not verify: ${result.problems.join(' ')}`);
}

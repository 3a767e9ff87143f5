import { randomUUID } from 'node:crypto';
import type { CertificateRecord, PanelMember } from '../../shared/api';
import { UserFacingError } from '../../shared/errors';
import { readAuditHead } from '../casefile';
import { currentCycle, type CaseActor, type CaseScope, type OpenCaseScope } from '../case';
import { renderCertificate, renderReport } from '../documents';
import { panelMembers, recordedOutcome, requireLead } from '../panel';
import { sameName, signPdf, signQrPayload, type AssessorIdentity } from '../signing';
import { findIdentity, unlockIdentity } from './identity-store';
import {
  activeCertificate,
  certificateNumberFor,
  certificateRecord,
  sha256Hex,
  signersOf,
  type SignerRecord,
} from './records';
import { requireCoSignerIdentity, requireLeadIdentity, requireVerifies } from './signing-rules';
import { DEFAULT_SCHEME_NAME, certificateView, isAwarded, reportView, type AwardedOutcome } from './views';

/**
 * Issuing a certificate, in two signatures. The lead assessor signs: the certificate and report
 * are rendered from the decided outcome (creation date = the signing time, so the same inputs give
 * the same file), the QR payload is signed with the lead's key, the lead certifies the certificate
 * and signs the report, and both are kept in the case file awaiting co-signature. Then the
 * Expert by Experience the lead named co-signs the certificate as an incremental update, which
 * issues it. Every step is one audited change to the case file.
 */

export interface IssueOptions {
  resourcesDir: string;
  /** The signing time; defaults to now (to the second, as PDF dates are). */
  now?: Date;
  /** Where the panel met, for the signature dictionary. */
  location?: string;
  /** The scheme's verification address, which the certificate's QR code links to (app Settings). */
  verificationAddress?: string;
}

/** The signer must be the member signed in: the identity's name must be theirs. */
function requireOwnIdentity(actor: CaseActor, identityName: string): void {
  if (!sameName(actor.name, identityName)) {
    throw new UserFacingError(
      'FORBIDDEN',
      `This signing identity belongs to ${identityName}, but ${actor.name} is signed in. Each person signs with their own identity: choose yours, or sign in as ${identityName}.`,
    );
  }
}

/** The signed-in member's own signing identity on this computer, opened with their password. */
export async function unlockOwnIdentity(
  scope: CaseScope,
  userDataDir: string,
  identityId: string,
  password: string,
): Promise<AssessorIdentity> {
  requireOwnIdentity(scope.actor, findIdentity(userDataDir, identityId).name);
  return unlockIdentity(userDataDir, identityId, password);
}

function signingTime(options: IssueOptions): Date {
  const now = options.now ?? new Date();
  return new Date(Math.floor(now.getTime() / 1000) * 1000);
}

/** The decided outcome, when it awards a level; otherwise a plain refusal. */
async function awardedOutcome(scope: OpenCaseScope): Promise<AwardedOutcome> {
  const outcome = await recordedOutcome(scope);
  if (!outcome)
    throw new UserFacingError(
      'WRONG_STAGE',
      'There is no decision yet. The lead assessor records the decision before the certificate is signed.',
    );
  if (!isAwarded(outcome)) {
    throw new UserFacingError(
      'WRONG_STAGE',
      'The panel decided the standard is not yet met, so there is no certificate. The report can still be shared.',
    );
  }
  return outcome;
}

/** Experts by Experience who may co-sign: assessors not excluded by a conflict of interest. */
function mayCoSign(member: PanelMember): boolean {
  return (
    member.role === 'assessor' &&
    !(member.conflict.status === 'declared' && member.conflict.decision?.outcome === 'excluded')
  );
}

function chooseCoSigner(members: PanelMember[], coSignerMemberId: string | undefined): PanelMember {
  const eligible = members.filter(mayCoSign);
  if (coSignerMemberId !== undefined) {
    const chosen = members.find((member) => member.id === coSignerMemberId);
    if (!chosen)
      throw new UserFacingError(
        'NOT_FOUND',
        'The co-signer you chose is not on this panel. Refresh the panel list and choose again.',
      );
    if (!mayCoSign(chosen)) {
      throw new UserFacingError(
        'INVALID_INPUT',
        `${chosen.name} cannot co-sign: the co-signer is an Expert by Experience assessor on the panel who was not excluded by a conflict of interest.`,
      );
    }
    return chosen;
  }
  if (eligible.length === 1) return eligible[0]!;
  if (eligible.length === 0) {
    throw new UserFacingError(
      'PANEL_INCOMPLETE',
      'An Expert by Experience assessor co-signs the certificate, and this panel has none who can. Add one to the panel.',
    );
  }
  throw new UserFacingError(
    'INVALID_INPUT',
    `Choose who will co-sign: ${eligible.map((member) => member.name).join(' or ')}.`,
  );
}

/** The scheme's name as the signer's certificate gives it (the root's organisation). */
function schemeNameOf(identity: AssessorIdentity): string {
  return identity.certificate.organisation ?? DEFAULT_SCHEME_NAME;
}

function signerRecord(actor: CaseActor, identity: AssessorIdentity, at: Date): SignerRecord {
  return {
    memberId: actor.memberId,
    name: actor.name,
    role: actor.role === 'lead' ? 'Lead assessor' : 'Expert by Experience, co-signer',
    keyId: identity.keyId,
    certificateNumber: identity.certificateNumber,
    signedAt: at.toISOString(),
  };
}

export interface RenderedDocuments {
  certificateNumber: string;
  certificate: Buffer;
  report: Buffer;
}

/** The number this assessment's certificate has (or will have when signed). */
async function pendingCertificateNumber(scope: OpenCaseScope, outcome: AwardedOutcome): Promise<string> {
  const cycle = await currentCycle(scope.caseFile.db);
  const existing = await activeCertificate(scope.caseFile.db, cycle.id);
  return (
    existing?.number ?? certificateNumberFor(scope.caseFile.db, scope.caseFile.caseId, outcome.decisionDate)
  );
}

/** The certificate and report as they will be issued, unsigned, with a QR code marked as a preview. */
export async function previewDocuments(
  scope: OpenCaseScope,
  options: { resourcesDir: string; schemeName?: string },
): Promise<RenderedDocuments> {
  const outcome = await awardedOutcome(scope);
  const members = await panelMembers(scope);
  const certificateNumber = await pendingCertificateNumber(scope, outcome);
  const schemeName = options.schemeName ?? DEFAULT_SCHEME_NAME;
  const creationDate = new Date(`${outcome.decisionDate}T00:00:00Z`);
  const view = await certificateView({
    scope,
    outcome,
    schemeName,
    certificateNumber,
    qrPayload: `PREVIEW ONLY - certificate ${certificateNumber} is not signed yet`,
    lead: members.find((member) => member.role === 'lead'),
    coSigner: undefined,
  });
  const [certificate, report] = await Promise.all([
    renderCertificate(view, { creationDate, resourcesDir: options.resourcesDir }),
    reportView(scope, outcome, { schemeName, certificateNumber }).then((report) =>
      renderReport(report, { creationDate, resourcesDir: options.resourcesDir }),
    ),
  ]);
  return { certificateNumber, certificate, report };
}

/** The lead signs: renders, signs the QR payload, certifies the certificate, signs the report. */
export async function signAsLead(
  scope: CaseScope,
  identity: AssessorIdentity,
  options: IssueOptions & { coSignerMemberId?: string },
): Promise<CertificateRecord> {
  const { actor } = scope;
  requireLead(actor);
  requireOwnIdentity(actor, identity.name);
  const outcome = await awardedOutcome(scope);
  requireLeadIdentity(identity, outcome.validUntil);
  const cycle = await currentCycle(scope.caseFile.db);
  const existing = await activeCertificate(scope.caseFile.db, cycle.id);
  if (existing) throw alreadySigned(existing.status, existing.number);
  const members = await panelMembers(scope);
  const coSigner = chooseCoSigner(members, options.coSignerMemberId);
  const lead = members.find((member) => member.id === actor.memberId);
  const at = signingTime(options);
  const certificateNumber = await certificateNumberFor(
    scope.caseFile.db,
    scope.caseFile.caseId,
    outcome.decisionDate,
  );
  const { qrPayload, signedCertificate, signedReport } = await signedByLead(scope, identity, {
    ...options,
    outcome,
    certificateNumber,
    at,
    lead,
    coSigner,
  });

  const id = randomUUID();
  const signer = signerRecord(actor, identity, at);
  const row = {
    id,
    cycle_id: cycle.id,
    number: certificateNumber,
    level: outcome.level,
    issued_at: at.toISOString(),
    valid_from: outcome.decisionDate,
    interim_review_due: outcome.interimReviewDue,
    expires_at: outcome.validUntil,
    pdf_sha256: sha256Hex(signedCertificate),
    signer_key_ids_json: JSON.stringify([identity.keyId]),
    pdf: Buffer.from(signedCertificate),
    revoked_at: null,
    revocation_reason: null,
    status: 'awaiting_co_signature' as const,
    report_pdf: Buffer.from(signedReport),
    report_sha256: sha256Hex(signedReport),
    qr_payload: qrPayload,
    signers_json: JSON.stringify([signer]),
    co_signer_member_id: coSigner.id,
  };
  await scope.caseFile.mutate(
    actor.label,
    'certificate.signed_by_lead',
    {
      certificateId: id,
      number: certificateNumber,
      level: outcome.level,
      decisionDate: outcome.decisionDate,
      validUntil: outcome.validUntil,
      signer: { ...signer },
      certificateSha256: row.pdf_sha256,
      reportSha256: row.report_sha256,
      coSignerMemberId: coSigner.id,
    },
    async (trx) => {
      if (await activeCertificate(trx, cycle.id))
        throw alreadySigned('awaiting_co_signature', certificateNumber);
      const decided = await trx
        .selectFrom('outcome')
        .select('decided_at')
        .where('cycle_id', '=', cycle.id)
        .executeTakeFirst();
      if (decided?.decided_at !== outcome.decidedAt)
        throw new UserFacingError(
          'WRONG_STAGE',
          'The decision changed while the certificate was being signed. Check the decision and sign again.',
        );
      await trx.insertInto('certificate').values(row).execute();
    },
  );
  return certificateRecord(
    { ...row, status: 'awaiting_co_signature' },
    coSigner.consentToBeNamed ? coSigner.name : null,
  );
}

interface LeadSigning extends IssueOptions {
  outcome: AwardedOutcome;
  certificateNumber: string;
  at: Date;
  lead: PanelMember | undefined;
  coSigner: PanelMember;
}

/** The certificate (with the lead's signed QR payload) and the report, rendered and signed by the lead, and checked. */
async function signedByLead(scope: CaseScope, identity: AssessorIdentity, signing: LeadSigning) {
  const { outcome, certificateNumber, at, resourcesDir } = signing;
  const schemeName = schemeNameOf(identity);
  // The record of changes as it stands when the lead signs, anchored in the signed QR payload and
  // the signed report, so a later rewrite of the case file's history can be shown (verify-audit).
  const auditHead = await readAuditHead(scope.caseFile.db);
  const qrPayload = await signQrPayload(
    {
      auditHead,
      certificateNumber,
      organisation: (await scope.caseFile.details()).organisationName,
      level: outcome.level,
      decisionDate: outcome.decisionDate,
      validUntil: outcome.validUntil,
    },
    identity,
  );
  const view = await certificateView({
    scope,
    outcome,
    schemeName,
    certificateNumber,
    qrPayload,
    ...(signing.verificationAddress ? { verificationAddress: signing.verificationAddress } : {}),
    lead: signing.lead,
    coSigner: signing.coSigner,
  });
  const [certificatePdf, reportPdf] = await Promise.all([
    renderCertificate(view, { creationDate: at, resourcesDir }),
    reportView(scope, outcome, { schemeName, certificateNumber, auditHead }).then((report) =>
      renderReport(report, { creationDate: at, resourcesDir }),
    ),
  ]);
  const signature = {
    identity,
    role: 'lead' as const,
    signingTime: at,
    name: scope.actor.name,
    ...(signing.location ? { location: signing.location } : {}),
  };
  const signedCertificate = await signPdf(certificatePdf, {
    ...signature,
    reason: `Certificate ${certificateNumber} issued by the lead assessor`,
  });
  const signedReport = await signPdf(reportPdf, {
    ...signature,
    reason: `Assessment report for certificate ${certificateNumber}, signed by the lead assessor`,
  });
  await requireVerifies(signedCertificate, identity, at, 'lead-only');
  await requireVerifies(signedReport, identity, at, 'lead-only');
  return { qrPayload, signedCertificate, signedReport };
}

function alreadySigned(status: 'awaiting_co_signature' | 'issued', number: string): UserFacingError {
  return new UserFacingError(
    'WRONG_STAGE',
    status === 'issued'
      ? `Certificate ${number} has already been issued for this assessment.`
      : `Certificate ${number} is already signed by the lead assessor and is waiting for an Expert by Experience to co-sign it.`,
  );
}

/** An Expert by Experience co-signs the lead-signed certificate, which issues it. */
export async function coSignAsExpertByExperience(
  scope: CaseScope,
  identity: AssessorIdentity,
  options: IssueOptions,
): Promise<CertificateRecord> {
  const { actor } = scope;
  if (actor.role !== 'assessor') {
    throw new UserFacingError(
      'FORBIDDEN',
      `${actor.name}, the certificate is co-signed by an Expert by Experience assessor on the panel.`,
    );
  }
  requireOwnIdentity(actor, identity.name);
  const cycle = await currentCycle(scope.caseFile.db);
  const pending = await activeCertificate(scope.caseFile.db, cycle.id);
  if (!pending)
    throw new UserFacingError(
      'WRONG_STAGE',
      'There is no certificate to co-sign yet. The lead assessor signs it first.',
    );
  if (pending.status === 'issued') throw alreadySigned('issued', pending.number);
  const members = await panelMembers(scope);
  const me = members.find((member) => member.id === actor.memberId);
  if (!me || !mayCoSign(me)) {
    throw new UserFacingError(
      'FORBIDDEN',
      `${actor.name}, you were excluded from this assessment by a conflict of interest, so you cannot co-sign its certificate.`,
    );
  }
  const nominee = members.find((member) => member.id === pending.co_signer_member_id);
  if (nominee && nominee.id !== me.id && nominee.consentToBeNamed) {
    throw new UserFacingError(
      'FORBIDDEN',
      `The certificate names ${nominee.name} as its co-signer, so ${nominee.name} co-signs it. Ask them to sign in and co-sign.`,
    );
  }
  const [leadSigner] = signersOf(pending);
  if (leadSigner) requireCoSignerIdentity(identity, pending.pdf, leadSigner, pending.expires_at);
  const at = signingTime(options);
  const signed = await signPdf(pending.pdf, {
    identity,
    role: 'co-signer',
    signingTime: at,
    name: actor.name,
    reason: `Certificate ${pending.number} co-signed by an Expert by Experience`,
    ...(options.location ? { location: options.location } : {}),
  });
  await requireVerifies(signed, identity, at, 'issued-certificate');
  const signer = signerRecord(actor, identity, at);
  const signers = [...signersOf(pending), signer];
  const changes = {
    status: 'issued' as const,
    pdf: Buffer.from(signed),
    pdf_sha256: sha256Hex(signed),
    issued_at: at.toISOString(),
    signers_json: JSON.stringify(signers),
    signer_key_ids_json: JSON.stringify(signers.map((entry) => entry.keyId)),
  };
  await scope.caseFile.mutate(
    actor.label,
    'certificate.issued',
    {
      certificateId: pending.id,
      number: pending.number,
      coSigner: { ...signer },
      sha256: changes.pdf_sha256,
      signerKeyIds: signers.map((entry) => entry.keyId),
    },
    async (trx) => {
      const updated = await trx
        .updateTable('certificate')
        .set(changes)
        .where('id', '=', pending.id)
        .where('status', '=', 'awaiting_co_signature')
        .where('pdf_sha256', '=', pending.pdf_sha256)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw alreadySigned('issued', pending.number);
      await trx
        .updateTable('assessment_cycle')
        .set({ status: 'certified', certified_at: changes.issued_at })
        .where('id', '=', cycle.id)
        .execute();
    },
  );
  return certificateRecord({ ...pending, ...changes }, null);
}

import { I_STATEMENTS } from '../../src/shared/standard';
import { renderCertificate, type CertificateView } from '../../src/main/documents';
import {
  createSchemeRoot,
  issueAssessorIdentity,
  loadIdentity,
  signPdf,
  signQrPayload,
  type AssessorIdentity,
  type SchemeRoot,
} from '../../src/main/signing';

/**
^ * The certificate bench's fixture (issue 7): the same certificate rendered unsigned, and rendered, signed by the
 * lead and co-signed, so the cost of signing can be reported as a ratio to rendering alone.
 * The scheme root and identities are made once in `certificateSigningFixture` (key generation is
 * not what is measured).
 */

export interface CertificateSigningFixture {
  root: SchemeRoot;
  lead: AssessorIdentity;
  coSigner: AssessorIdentity;
  /** The certificate to render; its QR payload is re-signed in the signed path. */
  view: CertificateView;
  /** When the lead signs; the co-signer signs five minutes later. */
  signingTime: Date;
  resourcesDir?: string;
}

const FIXTURE_PASSWORD = 'bench fixture password';

export async function certificateSigningFixture(
  options: { resourcesDir?: string; now?: Date } = {},
): Promise<CertificateSigningFixture> {
  const now = options.now ?? new Date();
  const root = await createSchemeRoot({
    name: 'Coproduction Quality Standard',
    passphrase: FIXTURE_PASSWORD,
    now,
  });
  const identity = async (name: string, role: string) => {
    const issued = await issueAssessorIdentity({
      root,
      rootPassphrase: FIXTURE_PASSWORD,
      name,
      role,
      password: FIXTURE_PASSWORD,
      validDays: 365,
      now,
    });
    return loadIdentity(issued.pkcs12, FIXTURE_PASSWORD);
  };
  const [lead, coSigner] = await Promise.all([
    identity('Amara Okafor', 'Lead assessor'),
    identity('Dafydd Llywelyn', 'Expert by Experience assessor'),
  ]);
  const decisionDate = now.toISOString().slice(0, 10);
  const validUntil = `${Number(decisionDate.slice(0, 4)) + 3}${decisionDate.slice(4)}`.replace(
    /-02-29$/,
    '-02-28',
  );
  const facts = {
    certificateNumber: 'CPS-2026-BENCH001',
    organisation: 'Harbour Minds Community Wellbeing Trust',
    level: 2,
    decisionDate,
    validUntil,
  };
  const view: CertificateView = {
    schemeName: 'Coproduction Quality Standard',
    organisationName: facts.organisation,
    level: 2,
    statements: [...I_STATEMENTS],
    decisionDate,
    validUntil,
    interimReviewDue: decisionDate,
    certificateNumber: facts.certificateNumber,
    leadAssessorName: lead.name,
    coSignerName: coSigner.name,
    qrPayload: await signQrPayload(facts, lead),
    standardTitle: 'Coproduction Standard built on the I Statements',
    standardVersion: 1,
  };
  const fixture: CertificateSigningFixture = { root, lead, coSigner, view, signingTime: now };
  if (options.resourcesDir) fixture.resourcesDir = options.resourcesDir;
  return fixture;
}

function renderOptions(fixture: CertificateSigningFixture) {
  return {
    creationDate: fixture.signingTime,
    ...(fixture.resourcesDir ? { resourcesDir: fixture.resourcesDir } : {}),
  };
}

/** Baseline: the certificate rendered, not signed. */
export function renderCertificateUnsigned(fixture: CertificateSigningFixture): Promise<Buffer> {
  return renderCertificate(fixture.view, renderOptions(fixture));
}

/** What issuing costs: QR payload signed, certificate rendered, certified by the lead, co-signed. */
export async function renderSignAndCoSignCertificate(
  fixture: CertificateSigningFixture,
): Promise<Uint8Array> {
  const { certificateNumber, organisationName: organisation, level, decisionDate, validUntil } = fixture.view;
  const qrPayload = await signQrPayload(
    { certificateNumber, organisation, level, decisionDate, validUntil },
    fixture.lead,
  );
  const pdf = await renderCertificate({ ...fixture.view, qrPayload }, renderOptions(fixture));
  const leadSigned = await signPdf(pdf, {
    identity: fixture.lead,
    role: 'lead',
    signingTime: fixture.signingTime,
    reason: 'Certificate issued by the lead assessor',
  });
  return signPdf(leadSigned, {
    identity: fixture.coSigner,
    role: 'co-signer',
    signingTime: new Date(fixture.signingTime.getTime() + 5 * 60_000),
    reason: 'Co-signed by an Expert by Experience',
  });
}

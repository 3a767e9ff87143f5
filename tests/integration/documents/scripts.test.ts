import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  certificateSigningFixture,
  renderSignAndCoSignCertificate,
  type CertificateSigningFixture,
} from '../../../bench/lib/certificate-fixture';
import { verifyCertificate } from '../../../src/main/certificates';
import { BUNDLED_FAMILIES, renderCertificate, renderReport } from '../../../src/main/documents';
import { issueAssessorIdentity, loadIdentity, signPdf } from '../../../src/main/signing';
import { copanel } from '../certificates/support';
import { missingTools, pdfsig } from '../signing/tools';
import { CREATION_DATE, NAMES_BY_SCRIPT, certificateView, comparable, reportView } from './fixtures';
import {
  missingPdfTools,
  pdfFonts,
  pdfInfo,
  pdfText,
  pdfWorkspace,
  qpdfCheck,
  type PdfWorkspace,
} from './pdf-tools';

/**
 * Issue 12, item 2: names in every script people in the UK write them in print on the certificate
 * and the report (pdftotext gives them back, in reading order), and the certificate signs and
 * verifies in the app (in process), with `copanel verify` and with poppler's pdfsig.
 */

const missing = [...new Set([...missingTools(), ...missingPdfTools()])];
const BUNDLED_FONT_NAMES = new RegExp(
  `^[A-Z]{6}\\+(${BUNDLED_FAMILIES.map((family) => family.regular.replace(/-Regular\.(ttf|otf)$/, '')).join('|')}|NotoSansCJKsc)-(Regular|Bold|Italic|BoldItalic)$`,
);

let work: PdfWorkspace;
let fixture: CertificateSigningFixture;
let rootFile: string;
const verifyAt = () => new Date(fixture.signingTime.getTime() + 60 * 60_000);

beforeAll(async () => {
  if (missing.length > 0) throw new Error(`These tests need ${missing.join(', ')} installed.`);
  work = pdfWorkspace();
  fixture = await certificateSigningFixture({ now: CREATION_DATE });
  rootFile = work.write('scheme-root.pem', Buffer.from(fixture.root.certificatePem));
});

afterAll(() => work?.dispose());

/**
 * A signing identity from the fixture's scheme root in `name`: the verifier checks the names
 * printed for the lead and the co-signer against the identities that signed.
 */
async function identity(name: string, role: string) {
  const issued = await issueAssessorIdentity({
    root: fixture.root,
    rootPassphrase: 'bench fixture password',
    name,
    role,
    password: 'identity password',
    validDays: 365,
    now: fixture.signingTime,
  });
  return loadIdentity(issued.pkcs12, 'identity password');
}

function expectBundledFontsOnly(file: string): void {
  const fonts = pdfFonts(file);
  expect(fonts.length).toBeGreaterThan(0);
  for (const font of fonts) {
    expect(font.name).toMatch(BUNDLED_FONT_NAMES);
    expect(font.embedded).toBe(true);
  }
}

describe.each(NAMES_BY_SCRIPT)('names in $script', (names) => {
  const slug = names.script.replace(/\W+/g, '-').toLowerCase();

  it('print on the certificate, which signs and verifies in the app, with copanel verify and with pdfsig', async () => {
    const signed = await renderSignAndCoSignCertificate({
      ...fixture,
      lead: await identity(names.lead, 'lead'),
      coSigner: await identity(names.coSigner, 'expert-by-experience'),
      view: {
        ...fixture.view,
        organisationName: names.organisation,
        leadAssessorName: names.lead,
        coSignerName: names.coSigner,
      },
    });
    const file = work.write(`certificate-${slug}.pdf`, Buffer.from(signed));

    const text = comparable(pdfText(file));
    for (const name of [names.organisation, names.lead, names.coSigner])
      expect(text).toContain(comparable(name));
    expect(pdfInfo(file).pages).toBe(1);
    expectBundledFontsOnly(file);

    const inApp = await verifyCertificate(signed, {
      trustedRoots: [fixture.root.certificate],
      now: verifyAt(),
    });
    expect(inApp.valid, inApp.summary).toBe(true);
    expect(inApp.facts.organisation).toBe(names.organisation);

    const cli = await copanel([
      'verify',
      file,
      '--trust',
      rootFile,
      '--at',
      verifyAt().toISOString().slice(0, 10),
    ]);
    expect(cli.code, cli.out + cli.err).toBe(0);

    expect(
      pdfsig(file).map((signature) => [signature.signatureValid, signature.totalDocumentSigned]),
    ).toEqual([
      [true, false],
      [true, true],
    ]);
  });

  it('print on the report, which the lead signs and pdfsig accepts', async () => {
    const view = reportView({
      organisation: { ...reportView().organisation, name: names.organisation },
      panel: [
        { name: names.lead, role: 'lead' },
        { name: names.coSigner, role: 'assessor' },
      ],
    });
    const pdf = await renderReport(view, { creationDate: CREATION_DATE });
    const unsignedFile = work.write(`report-${slug}-unsigned.pdf`, pdf);
    const text = comparable(pdfText(unsignedFile));
    for (const name of [names.organisation, names.lead, names.coSigner])
      expect(text).toContain(comparable(name));
    expectBundledFontsOnly(unsignedFile);
    expect(qpdfCheck(unsignedFile).status).toBe(0);

    const signed = await signPdf(pdf, {
      identity: fixture.lead,
      role: 'lead',
      signingTime: fixture.signingTime,
      reason: 'Report issued by the lead assessor',
    });
    const file = work.write(`report-${slug}.pdf`, Buffer.from(signed));
    expect(
      pdfsig(file).map((signature) => [signature.signatureValid, signature.totalDocumentSigned]),
    ).toEqual([[true, true]]);
  });
});

describe('a certificate mixing scripts', () => {
  const mixed = certificateView({
    organisationName: 'Hope مركز الأمل Centre (ليدز) 希望 2026',
    leadAssessorName: 'Priya प्रिया Sharma',
    coSignerName: 'Ελένη Παπαδοπούλου',
  });

  it('is byte-identical when drawn twice from the same input', async () => {
    const first = await renderCertificate(mixed, { creationDate: CREATION_DATE });
    const second = await renderCertificate(mixed, { creationDate: CREATION_DATE });
    expect(first.equals(second)).toBe(true);
  });

  it('verifies when signed by identities with names in Arabic and Tamil', async () => {
    const lead = await identity('فاطمة عبد الله', 'Lead assessor');
    const coSigner = await identity('கவிதா ராஜன்', 'Expert by Experience assessor');
    const signed = await renderSignAndCoSignCertificate({
      ...fixture,
      lead,
      coSigner,
      view: {
        ...fixture.view,
        organisationName: mixed.organisationName,
        leadAssessorName: lead.name,
        coSignerName: coSigner.name,
      },
    });
    const file = work.write('certificate-mixed.pdf', Buffer.from(signed));
    const inApp = await verifyCertificate(signed, {
      trustedRoots: [fixture.root.certificate],
      now: verifyAt(),
    });
    expect(inApp.valid, inApp.summary).toBe(true);
    expect(inApp.facts.signers.join(' | ')).toContain('فاطمة عبد الله');
    expect(inApp.facts.signers.join(' | ')).toContain('கவிதா ராஜன்');
    expect(pdfsig(file).map((signature) => [signature.signerName, signature.signatureValid])).toEqual([
      ['فاطمة عبد الله', true],
      ['கவிதா ராஜன்', true],
    ]);
    const text = comparable(pdfText(file));
    for (const name of ['فاطمة عبد الله', 'கவிதா ராஜன்']) expect(text).toContain(comparable(name));
  });
});

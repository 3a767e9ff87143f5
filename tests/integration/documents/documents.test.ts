import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCertificate, renderReport, renderScoreSheet } from '../../../src/main/documents';
import { I_STATEMENTS } from '../../../src/shared/standard';
import {
  CONSENTED_QUOTE,
  CREATION_DATE,
  ORGANISATION,
  QR_PAYLOAD,
  REFUSED_QUOTE,
  TRACE_SENTENCES,
  WITHDRAWN_QUOTE,
  certificateView,
  reportView,
  scoreSheetView,
} from './fixtures';
import {
  decodeQrFromPage,
  missingPdfTools,
  pdfFonts,
  pdfInfo,
  pdfText,
  pdfWorkspace,
  qpdfCheck,
  type PdfWorkspace,
} from './pdf-tools';

const A4_SHORT = 595.28;
const A4_LONG = 841.89;
const options = { creationDate: CREATION_DATE };
const squash = (text: string) => text.replace(/\s+/g, ' ');

let work: PdfWorkspace;

beforeAll(() => {
  const missing = missingPdfTools();
  if (missing.length > 0) {
    throw new Error(`These tests need poppler-utils and qpdf installed; missing: ${missing.join(', ')}.`);
  }
  work = pdfWorkspace();
});

afterAll(() => work?.dispose());

function expectOnlyEmbeddedAtkinson(file: string): void {
  const fonts = pdfFonts(file);
  expect(fonts.length).toBeGreaterThan(0);
  for (const font of fonts) {
    expect(font.name).toMatch(/^[A-Z]{6}\+AtkinsonHyperlegible-(Regular|Bold|Italic|BoldItalic)$/);
    expect(font.embedded).toBe(true);
  }
}

function expectQpdfClean(file: string): void {
  const { status, output } = qpdfCheck(file);
  expect(output).toContain('No syntax or stream encoding errors found');
  expect(output).not.toMatch(/warning/i);
  expect(status).toBe(0);
}

describe('certificate', () => {
  let file: string;
  let text: string;

  beforeAll(async () => {
    file = work.write('certificate.pdf', await renderCertificate(certificateView(), options));
    text = pdfText(file);
  });

  it('is one A4 landscape page', () => {
    const info = pdfInfo(file);
    expect(info.pages).toBe(1);
    expect(info.widthPt).toBeCloseTo(A4_LONG, 1);
    expect(info.heightPt).toBeCloseTo(A4_SHORT, 1);
  });

  it('shows the organisation, the level, the dates, the number and the scheme', () => {
    expect(text).toContain(ORGANISATION);
    expect(text).toContain('Level 2');
    expect(text).toContain('CPS-2026-0042');
    expect(text).toContain('Coproduction Quality Standard');
    expect(text).toContain('Decision date 2 March 2026');
    expect(text).toContain('Valid until 1 March 2029');
    expect(text).toContain('Interim review due 2 September 2027');
  });

  it('quotes the six I Statements exactly', () => {
    for (const statement of I_STATEMENTS) expect(text).toContain(squash(statement));
  });

  it('names the lead assessor and the Expert by Experience co-signer when they consented', () => {
    expect(text).toContain('Amara Okafor');
    expect(text).toContain('Lead assessor');
    expect(text).toContain('Dafydd Llywelyn');
    expect(text).toContain('Expert by Experience, co-signer');
  });

  it('leaves out names that were not given', async () => {
    const view = certificateView({ leadAssessorName: undefined, coSignerName: undefined });
    const anonymous = pdfText(
      work.write('certificate-anonymous.pdf', await renderCertificate(view, options)),
    );
    expect(anonymous).toContain(ORGANISATION);
    expect(anonymous).not.toContain('Amara Okafor');
    expect(anonymous).not.toContain('Dafydd Llywelyn');
    expect(anonymous).not.toContain('Lead assessor');
    expect(anonymous).not.toContain('co-signer');

    const leadOnly = pdfText(
      work.write(
        'certificate-lead-only.pdf',
        await renderCertificate(certificateView({ coSignerName: undefined }), options),
      ),
    );
    expect(leadOnly).toContain('Amara Okafor');
    expect(leadOnly).not.toContain('Dafydd Llywelyn');
  });

  it('embeds only Atkinson Hyperlegible, never Helvetica', () => {
    expectOnlyEmbeddedAtkinson(file);
  });

  it('carries a QR code that decodes to the exact payload from a 150 dpi rendering', () => {
    expect(decodeQrFromPage(file, work.dir)).toBe(QR_PAYLOAD);
  });

  it('passes qpdf --check with no warnings', () => {
    expectQpdfClean(file);
  });

  it('is byte-identical when rendered twice from the same input', async () => {
    const again = await renderCertificate(certificateView(), options);
    const third = await renderCertificate(certificateView(), options);
    expect(again.equals(third)).toBe(true);
    expect(again.length).toBeGreaterThan(1000);
  });

  it('writes the given creation date and the document title', () => {
    const info = pdfInfo(file);
    expect(info.fields.Title).toBe(`Certificate CPS-2026-0042: ${ORGANISATION}, Level 2`);
    expect(info.fields.Creator).toBe('Coproduction Panel');
    expect(new Date(info.fields.CreationDate ?? '').getTime()).toBe(CREATION_DATE.getTime());
  });

  it('draws each level with its own badge and wording', async () => {
    for (const level of [1, 3] as const) {
      const levelText = pdfText(
        work.write(
          `certificate-level-${level}.pdf`,
          await renderCertificate(certificateView({ level }), options),
        ),
      );
      expect(levelText).toContain(`Level ${level} of 3`);
    }
  });

  it('fits a long organisation name on the one page, drawing letters Atkinson lacks from Noto Sans, never Helvetica', async () => {
    const name =
      'Gwasanaeth Iechyd Meddwl Cymunedol Ŵyr a Dyffryn Conwy, Community Mental Health Partnership';
    const longFile = work.write(
      'certificate-long.pdf',
      await renderCertificate(certificateView({ organisationName: name }), options),
    );
    expect(pdfInfo(longFile).pages).toBe(1);
    const fonts = pdfFonts(longFile).map((font) => font.name.replace(/^[A-Z]{6}\+/, ''));
    expect(new Set(fonts)).toEqual(
      new Set(['AtkinsonHyperlegible-Regular', 'AtkinsonHyperlegible-Bold', 'NotoSans-Bold']),
    );
    expect(pdfText(longFile)).toContain(name);
    expect(decodeQrFromPage(longFile, work.dir)).toBe(QR_PAYLOAD);
  });

  it('decodes a longer payload too', async () => {
    const payload = `${QR_PAYLOAD}.${'x'.repeat(200)}`;
    const longQr = work.write(
      'certificate-long-qr.pdf',
      await renderCertificate(certificateView({ qrPayload: payload }), options),
    );
    expect(decodeQrFromPage(longQr, work.dir)).toBe(payload);
  });

  it('refuses a certificate without the six I Statements', async () => {
    await expect(
      renderCertificate(certificateView({ statements: I_STATEMENTS.slice(0, 5) }), options),
    ).rejects.toThrow(/six I Statements/);
  });
});

describe('assessment report', () => {
  let file: string;
  let text: string;

  beforeAll(async () => {
    file = work.write('report.pdf', await renderReport(reportView(), options));
    text = pdfText(file);
  });

  it('is several A4 portrait pages numbered "Page x of y"', () => {
    const info = pdfInfo(file);
    expect(info.pages).toBeGreaterThan(1);
    expect(info.widthPt).toBeCloseTo(A4_SHORT, 1);
    expect(info.heightPt).toBeCloseTo(A4_LONG, 1);
    for (let page = 1; page <= info.pages; page += 1) expect(text).toContain(`Page ${page} of ${info.pages}`);
  });

  it('gives the decision and the outcome trace in plain words', () => {
    expect(text).toContain('Level 2 awarded');
    expect(text).toContain('Appendix: how the standard’s rules gave the decision');
    for (const sentence of TRACE_SENTENCES) expect(text).toContain(sentence);
    expect(text).toContain('Must-have criteria');
  });

  it('shows each statement with its agreed scores, strengths, recommendations and conditions', () => {
    for (const statement of I_STATEMENTS) expect(text).toContain(squash(statement));
    expect(text).toMatch(/3\.3 People who use the service help shape it Not enough evidence/);
    expect(text).toContain('Why: Reason 3.3: the panel read the plans');
    expect(text).toContain('Offer information in the five most used community languages.');
    expect(text).toContain('To be met by 2 September 2026');
    expect(text).toContain('Ask people who use the service to review the leaflets before they are printed.');
  });

  it('prints a quote only when consent was given', () => {
    expect(text).toContain(CONSENTED_QUOTE);
    expect(text).not.toContain(REFUSED_QUOTE);
    expect(text).not.toContain('betrayed');
    expect(text).not.toContain(WITHDRAWN_QUOTE);
    expect(text).not.toContain('peer worker had not phoned');
  });

  it('lists the panel, withholding names without consent, and the evidence by title', () => {
    expect(text).toContain('Amara Okafor Lead assessor');
    expect(text).toContain('Name withheld Assessor (Expert by Experience)');
    expect(text).toContain('Coproduction strategy 2024–2027');
  });

  it('embeds only Atkinson Hyperlegible and passes qpdf --check', () => {
    expectOnlyEmbeddedAtkinson(file);
    expectQpdfClean(file);
  });

  it('says plainly when no level was awarded', async () => {
    const view = reportView({
      decision: { awarded: false, decisionDate: '2026-03-02' },
      certificateNumber: undefined,
    });
    const notYet = pdfText(work.write('report-not-yet.pdf', await renderReport(view, options)));
    expect(notYet).toContain('Not yet awarded');
    expect(notYet).not.toContain('Valid until');
  });

  it('is byte-identical when rendered twice from the same input', async () => {
    const first = await renderReport(reportView(), options);
    const second = await renderReport(reportView(), options);
    expect(first.equals(second)).toBe(true);
  });
});

describe('blank score sheet', () => {
  let file: string;
  let text: string;

  beforeAll(async () => {
    file = work.write('score-sheet.pdf', await renderScoreSheet(scoreSheetView(), options));
    text = pdfText(file);
  });

  it('lists every criterion with its level descriptors and the score boxes', () => {
    const view = scoreSheetView();
    for (const statement of view.statements) {
      for (const criterion of statement.criteria)
        expect(text).toContain(`${criterion.id} ${criterion.title}`);
    }
    expect(text).toContain('Level 1 Staff ask people what matters to them');
    expect(text).toContain('Not enough evidence');
    expect(text).toContain('Why I gave this score');
  });

  it('is A4 portrait, numbered, and leaves a line for the name when none is given', async () => {
    const info = pdfInfo(file);
    expect(info.widthPt).toBeCloseTo(A4_SHORT, 1);
    expect(text).toContain(`Page 1 of ${info.pages}`);
    expect(text).toContain('Assessor: ____');

    const named = pdfText(
      work.write(
        'score-sheet-named.pdf',
        await renderScoreSheet(scoreSheetView({ memberName: 'Dafydd Llywelyn' }), options),
      ),
    );
    expect(named).toContain('Assessor: Dafydd Llywelyn');
  });

  it('embeds only Atkinson Hyperlegible, passes qpdf --check and is deterministic', async () => {
    expectOnlyEmbeddedAtkinson(file);
    expectQpdfClean(file);
    const first = await renderScoreSheet(scoreSheetView(), options);
    const second = await renderScoreSheet(scoreSheetView(), options);
    expect(first.equals(second)).toBe(true);
  });
});

import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCertificate, renderReport } from '../../../src/main/documents';
import { CREATION_DATE, certificateView, comparable, reportView } from './fixtures';
import { missingPdfTools, pdfInfo, pdfText, pdfWorkspace, type PdfWorkspace } from './pdf-tools';

/** Text as a reader copies it, without the spaces (poppler drops the one between right-to-left and left-to-right runs). */
const unspaced = (text: string) => comparable(text).replace(/ /g, '');

/** The text as laid out on the page, line by line (a word broken across lines shows here as "Hồ-"). */
const laidOut = (file: string) =>
  execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).normalize('NFC');

/**
 * The longest organisation name the app takes (200 characters), mixing scripts, and panel members
 * named in Irish, Ukrainian, Arabic and Vietnamese: every word prints whole (never broken where the
 * font changes inside it, e.g. at the Vietnamese "ồ" that only Noto Sans draws), and nothing is
 * drawn over anything else (the page number beside a long name in the footer).
 */

const LONG_NAME = (
  'محمد الأحمد Siân Ní Bhriain-Ó Súilleabháin Nguyễn Thị Hồng ' + 'Доктор Олена Коваленко '.repeat(8)
).slice(0, 200);
const MEMBERS = ['Siân Ní Bhriain-Ó Súilleabháin', 'Доктор Олена', 'محمد الأحمد', 'Nguyễn Thị Hồng'];
const options = { creationDate: CREATION_DATE };

interface Word {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word poppler finds, with its box on the page. */
function wordBoxes(file: string): Word[] {
  const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  const words: Word[] = [];
  html.split('<page ').forEach((page, index) => {
    for (const match of page.matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
    )) {
      const [, xMin, yMin, xMax, yMax, text] = match;
      words.push({ page: index, text: text!, xMin: +xMin!, yMin: +yMin!, xMax: +xMax!, yMax: +yMax! });
    }
  });
  return words;
}

/**
 * Pairs of words drawn over each other on one line (their middles at the same height, their boxes
 * crossing sideways by more than a sliver). Boxes are the fonts' full height, so words on lines
 * next to each other may touch; that is not counted.
 */
function overlaps(words: Word[]): string[] {
  const found: string[] = [];
  const middle = (word: Word) => (word.yMin + word.yMax) / 2;
  for (const [i, a] of words.entries()) {
    for (const b of words.slice(i + 1)) {
      if (a.page !== b.page) continue;
      const sameLine = Math.abs(middle(a) - middle(b)) < Math.min(a.yMax - a.yMin, b.yMax - b.yMin) / 2;
      const across = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
      if (sameLine && across > 1) found.push(`page ${a.page}: “${a.text}” over “${b.text}”`);
    }
  }
  return found;
}

/** The box of the first word of `text` (as poppler gives it: right-to-left words come reversed). */
function boxOf(words: Word[], text: string): Word {
  const word = words.find((candidate) => candidate.text === text);
  if (!word) throw new Error(`“${text}” is not on the page.`);
  return word;
}

let work: PdfWorkspace;
let report: string;
let certificate: string;

beforeAll(async () => {
  const missing = missingPdfTools();
  if (missing.length > 0) throw new Error(`These tests need ${missing.join(', ')} installed.`);
  work = pdfWorkspace();
  const base = reportView();
  report = work.write(
    'report.pdf',
    await renderReport(
      {
        ...base,
        organisation: { ...base.organisation, name: LONG_NAME },
        panel: [
          { name: MEMBERS[0]!, role: 'lead' },
          { name: MEMBERS[1]!, role: 'assessor' },
          { name: MEMBERS[2]!, role: 'assessor' },
          { name: MEMBERS[3]!, role: 'co_assessor' },
        ],
      },
      options,
    ),
  );
  certificate = work.write(
    'certificate.pdf',
    await renderCertificate(
      certificateView({
        organisationName: LONG_NAME,
        leadAssessorName: MEMBERS[0],
        coSignerName: MEMBERS[2],
      }),
      options,
    ),
  );
}, 120_000);

afterAll(() => work?.dispose());

describe('a 200-character organisation name in four scripts', () => {
  it('prints whole in the report, no word broken across lines', () => {
    const text = unspaced(pdfText(report));
    expect(text).toContain(unspaced(LONG_NAME));
    for (const member of MEMBERS) expect(text).toContain(unspaced(member));
    expect(laidOut(report)).toContain('Nguyễn Thị Hồng');
    expect(laidOut(report)).not.toMatch(/\p{L}-\n/u);
  });

  it('leaves the report’s footer readable: nothing drawn over the page number', () => {
    expect(overlaps(wordBoxes(report))).toEqual([]);
  });

  it('prints whole on the one-page certificate, with the named signers, nothing overlapping', () => {
    expect(pdfInfo(certificate).pages).toBe(1);
    const text = unspaced(pdfText(certificate));
    expect(text).toContain(unspaced(LONG_NAME));
    expect(text).toContain(unspaced(MEMBERS[0]!));
    expect(text).toContain(unspaced(MEMBERS[2]!));
    expect(laidOut(certificate)).not.toMatch(/\p{L}-\n/u);
    expect(overlaps(wordBoxes(certificate))).toEqual([]);
  });

  it('leaves room under a co-signer named in Arabic, whose letters reach lower than Latin ones', async () => {
    // The same certificate with a co-signer named in Latin letters: "Expert by Experience, co-signer"
    // must sit lower under the Arabic name (poppler's boxes are the fonts' full height, too coarse to compare directly).
    const latin = work.write(
      'certificate-latin.pdf',
      await renderCertificate(
        certificateView({
          organisationName: LONG_NAME,
          leadAssessorName: MEMBERS[0],
          coSignerName: 'Dafydd Llywelyn',
        }),
        options,
      ),
    );
    const roleBelowLead = (words: Word[]) => boxOf(words, 'Expert').yMin - boxOf(words, 'Lead').yMin;
    expect(roleBelowLead(wordBoxes(certificate)) - roleBelowLead(wordBoxes(latin))).toBeGreaterThanOrEqual(5);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport } from '../../../src/main/documents';
import { I_STATEMENTS } from '../../../src/shared/standard';
import {
  AWARD_CONDITION,
  CONSENTED_QUOTE,
  CREATION_DATE,
  FIRST_STRENGTH,
  REFUSED_QUOTE,
  STATEMENT_CONDITION,
  TRACE_SENTENCES,
  WITHDRAWN_QUOTE,
  reasonFor,
  reportView,
} from './fixtures';
import { missingPdfTools, pdfText, pdfWorkspace, type PdfWorkspace } from './pdf-tools';

/**
 * Issue 12, item 5: the report reads like a report. A summary first (level, main strengths, main
 * recommendations, conditions and their dates), then one section per I Statement with the agreed
 * scores and the panel's reasons, its conditions and each consented quote once; the rules' trace in
 * an appendix. Checked on the text pdftotext reads from the PDF, in reading order.
 */

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
/** Where the section for I Statement `n` starts: its heading followed by the statement itself. */
const sectionStart = (n: number) => `I Statement ${n} ${squash(I_STATEMENTS[n - 1] ?? '').slice(0, 40)}`;
const count = (text: string, part: string) => text.split(part).length - 1;

let work: PdfWorkspace;
let text: string;

beforeAll(async () => {
  const missing = missingPdfTools();
  if (missing.length > 0) throw new Error(`These tests need ${missing.join(', ')} installed.`);
  work = pdfWorkspace();
  text = pdfText(work.write('report.pdf', await renderReport(reportView(), { creationDate: CREATION_DATE })));
});

afterAll(() => work?.dispose());

function at(part: string): number {
  const index = text.indexOf(squash(part));
  expect(index, `"${part}" is in the report`).toBeGreaterThanOrEqual(0);
  return index;
}

/** The text of the section for I Statement `n` (up to the next section). */
function section(n: number): string {
  const end = n < 6 ? at(sectionStart(n + 1)) : at('About the organisation');
  return text.slice(at(sectionStart(n)), end);
}

describe('the assessment report, in reading order', () => {
  it('opens with a summary, then one section per I Statement in order, then the panel, then the appendix', () => {
    const order = [
      'Assessment report',
      'Summary',
      'Level 2 awarded',
      'Main strengths',
      'Main recommendations',
      'Conditions and their dates',
      'What the panel found, I Statement by I Statement',
      ...[1, 2, 3, 4, 5, 6].map(sectionStart),
      'About the organisation',
      'The panel',
      'Evidence considered',
      'Appendix: how the standard’s rules gave the decision',
    ].map(at);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('gives the level, the main strengths and recommendations, and every condition with its date in the summary', () => {
    const summary = text.slice(at('Summary'), at('What the panel found'));
    expect(summary).toContain('Level 2 awarded');
    expect(summary).toContain('Valid until');
    expect(summary).toContain('1 March 2029');
    for (let n = 1; n <= 6; n += 1) expect(summary).toContain(`${FIRST_STRENGTH(n)} (I Statement ${n})`);
    expect(summary).toContain(
      'Ask people who use the service to review the leaflets before they are printed. (I Statement 1)',
    );
    expect(summary).not.toContain('Families are invited to planning meetings');
    // Soonest first, each with its date and what it is about.
    expect(summary).toContain(`${AWARD_CONDITION.text} To be met by 30 June 2026 · the award as a whole`);
    expect(summary).toContain(`${STATEMENT_CONDITION.text} To be met by 2 September 2026 · I Statement 3`);
    expect(summary.indexOf(AWARD_CONDITION.text)).toBeLessThan(summary.indexOf(STATEMENT_CONDITION.text));
  });

  it('gives each I Statement its agreed scores with the panel’s reasons, strengths and recommendations', () => {
    for (let n = 1; n <= 6; n += 1) {
      const body = section(n);
      for (let c = 0; c < 3; c += 1) expect(body).toContain(`Why: ${reasonFor(n, c)}`);
      expect(body).toContain(FIRST_STRENGTH(n));
      expect(body).toContain('Families are invited to planning meetings when the person wants them there.');
      expect(body).not.toContain(reasonFor(n === 6 ? 1 : n + 1, 0));
    }
    expect(section(3)).toMatch(/3\.3 People who use the service help shape it Not enough evidence/);
  });

  it('places each condition under its I Statement, and the award’s own conditions in the summary only', () => {
    expect(section(3)).toContain(`${STATEMENT_CONDITION.text} To be met by 2 September 2026`);
    for (const n of [1, 2, 4, 5, 6]) {
      expect(section(n)).not.toContain(STATEMENT_CONDITION.text);
      expect(section(n)).toContain('Conditions No conditions.');
    }
    expect(count(text, AWARD_CONDITION.text)).toBe(1);
    expect(count(text, STATEMENT_CONDITION.text)).toBe(2); // the summary and I Statement 3
  });

  it('prints each consented quote exactly once, under the first I Statement it was given for, and no other quote', () => {
    expect(count(text, CONSENTED_QUOTE)).toBe(1);
    expect(section(1)).toContain(`What people told us “${CONSENTED_QUOTE}” Someone who uses the service`);
    expect(section(2)).not.toContain('What people told us');
    expect(text).not.toContain(REFUSED_QUOTE);
    expect(text).not.toContain('betrayed');
    expect(text).not.toContain(WITHDRAWN_QUOTE);
    expect(text).not.toContain('peer worker had not phoned');
  });

  it('keeps the rules’ trace for the appendix', () => {
    const appendix = at('Appendix: how the standard’s rules gave the decision');
    for (const sentence of TRACE_SENTENCES) {
      expect(count(text, sentence), sentence).toBe(1);
      expect(at(sentence)).toBeGreaterThan(appendix);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport } from '../../../src/main/documents';
import { APPEAL_OUTCOME_WORDS } from '../../../src/shared/api';
import { CREATION_DATE, reportView } from './fixtures';
import { missingPdfTools, pdfText, pdfWorkspace, type PdfWorkspace } from './pdf-tools';

/**
 * Issue 15, item 3: the report's "Appeal" section, read back with pdftotext: what was appealed,
 * the dates and a late appeal's reason, the grounds, the review panel (named only with consent),
 * the outcome in the app's plain words with its reasons, and the replacing certificate.
 */

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
let work: PdfWorkspace;
let withAppeal: string;
let without: string;

beforeAll(async () => {
  const missing = missingPdfTools();
  if (missing.length > 0) throw new Error(`These tests need ${missing.join(', ')} installed.`);
  work = pdfWorkspace();
  const view = reportView();
  withAppeal = squash(
    pdfText(
      work.write(
        'appealed.pdf',
        await renderReport(
          {
            ...view,
            appeals: [
              {
                against: 'The decision of 2026-03-01, Level 2, certificate CPS-2026-0000ABCD',
                receivedOn: '2026-03-30',
                deadline: '2026-03-29',
                lateReason: 'The post was delayed.',
                grounds: 'The training outline was not discussed.',
                reviewPanel: [{ name: 'Grace Mensah (fictional)', isLead: true }, { isLead: false }],
                outcome: {
                  ...APPEAL_OUTCOME_WORDS.varied,
                  reasons: 'The outline was in the evidence.',
                  decidedOn: '2026-04-10',
                },
                replacedBy: 'CPS-2026-0000ABCD-2',
              },
            ],
          },
          { creationDate: CREATION_DATE },
        ),
      ),
    ),
  );
  without = squash(
    pdfText(work.write('plain.pdf', await renderReport(view, { creationDate: CREATION_DATE }))),
  );
});

afterAll(() => work?.dispose());

describe('the report’s Appeal section', () => {
  it('prints the appeal after the summary: dates, late reason, grounds, review panel, outcome and reasons', () => {
    const start = withAppeal.indexOf('Appeal Appeal against');
    expect(start).toBeGreaterThan(withAppeal.indexOf('Summary'));
    const section = withAppeal.slice(start, withAppeal.indexOf('What the panel found'));
    for (const part of [
      'The decision of 2026-03-01, Level 2, certificate CPS-2026-0000ABCD',
      // pdftotext reads the facts' labels, then their values.
      'Appeal against Received In time until',
      '30 March 2026 29 March 2026',
      'Accepted after the deadline because: The post was delayed.',
      'Grounds of appeal The training outline was not discussed.',
      'Grace Mensah (fictional) Review panel lead',
      'Name withheld Review panel member',
      'Vary the decision (10 April 2026)',
      'moderation reopens with the reason “appeal”',
      'The review panel’s reasons: The outline was in the evidence.',
      'Certificate CPS-2026-0000ABCD-2 replaced the earlier certificate.',
    ])
      expect(section, part).toContain(part);
  });

  it('has no Appeal section when there was no appeal', () => {
    expect(without).not.toContain('Grounds of appeal');
    expect(without).not.toContain('Review panel');
  });
});

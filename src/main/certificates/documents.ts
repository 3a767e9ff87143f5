import type { PdfFile } from '../../shared/api';
import { UserFacingError } from '../../shared/errors';
import type { OpenCaseScope } from '../case';
import { renderScoreSheet } from '../documents';
import { findCertificate, pdfFile } from './records';
import { scoreSheetView } from './views';

/** A copy of an issued certificate or its signed report, from the case file. */
export async function certificateDocument(
  scope: OpenCaseScope,
  certificateId: string,
  document: 'certificate' | 'report',
): Promise<PdfFile> {
  const row = await findCertificate(scope.caseFile.db, certificateId);
  if (row.status !== 'issued') {
    throw new UserFacingError(
      'WRONG_STAGE',
      `Certificate ${row.number} is not issued yet: an Expert by Experience co-signs it first.`,
    );
  }
  if (document === 'report') {
    if (!row.report_pdf)
      throw new UserFacingError(
        'NOT_FOUND',
        `The report for certificate ${row.number} is not in this case file.`,
      );
    return pdfFile(`report-${row.number}.pdf`, row.report_pdf);
  }
  return pdfFile(`certificate-${row.number}.pdf`, row.pdf);
}

/** A blank score sheet for paper scoring, dated with the case's creation (the same file every time). */
export async function scoreSheetPdf(
  scope: OpenCaseScope,
  options: { resourcesDir: string; memberName?: string },
): Promise<PdfFile> {
  const details = await scope.caseFile.details();
  const pdf = await renderScoreSheet(await scoreSheetView(scope, options.memberName), {
    creationDate: new Date(details.createdAt),
    resourcesDir: options.resourcesDir,
  });
  const who = options.memberName
    ? `-${options.memberName
        .replace(/[^A-Za-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .toLowerCase()}`
    : '';
  return pdfFile(`score-sheet${who}.pdf`, pdf);
}

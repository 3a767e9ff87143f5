/** @jsxRuntime automatic */
import { join } from 'node:path';
import type { ReactElement } from 'react';
import { renderToBuffer, type DocumentProps } from '@react-pdf/renderer';
import { findAppRoot } from '../runtime';
import { CertificateDocument } from './Certificate';
import { documentFontCoverage, registerDocumentFonts } from './fonts';
import { loadBadgeArtwork } from './LevelBadge';
import { printableView, requirePrintableName } from './printable';
import { RegisterListDocument, type RegisterListView } from './RegisterList';
import { ReportDocument } from './Report';
import { ScoreSheetDocument } from './ScoreSheet';
import type { CertificateView, RenderOptions, ReportView, ScoreSheetView } from './types';

/*
 * Determinism: the same view and creationDate give byte-identical PDFs. react-pdf (pdfkit) writes
 * the creation date given, and its trailer /ID is an MD5 of the Info dictionary (title, subject,
 * dates, creator, producer), not random; the titles name the organisation and the certificate
 * number so different documents get different IDs. Fonts are subset with stable tags.
 */

interface Prepared {
  resourcesDir: string;
  /** Every character the bundled fonts draw. */
  coverage: ReadonlySet<number>;
}

async function prepare(options: RenderOptions): Promise<Prepared> {
  if (!(options.creationDate instanceof Date) || Number.isNaN(options.creationDate.getTime())) {
    throw new TypeError(
      'A document needs a valid creationDate, so the same input always gives the same file.',
    );
  }
  const resourcesDir = options.resourcesDir ?? join(findAppRoot(), 'resources');
  await registerDocumentFonts(resourcesDir);
  return { resourcesDir, coverage: await documentFontCoverage(resourcesDir) };
}

/**
 * The names a certificate prints, checked as they were when entered: a certificate the verifier
 * could not read back (a name with a character no bundled font draws) is never drawn.
 */
async function requirePrintableNames(view: CertificateView, resourcesDir: string): Promise<void> {
  await requirePrintableName(
    view.organisationName,
    { field: 'organisationName', what: 'the organisation’s name' },
    resourcesDir,
  );
  if (view.leadAssessorName)
    await requirePrintableName(
      view.leadAssessorName,
      { field: 'leadAssessorName', what: 'the lead assessor’s name' },
      resourcesDir,
    );
  if (view.coSignerName)
    await requirePrintableName(
      view.coSignerName,
      { field: 'coSignerName', what: 'the co-signer’s name' },
      resourcesDir,
    );
}

/** The certificate: one page, A4 landscape. */
export async function renderCertificate(view: CertificateView, options: RenderOptions): Promise<Buffer> {
  if (view.statements.length !== 6) {
    throw new RangeError(`A certificate shows the six I Statements; it was given ${view.statements.length}.`);
  }
  const { resourcesDir, coverage } = await prepare(options);
  await requirePrintableNames(view, resourcesDir);
  const printable = printableView(view, coverage, new Set(['qrPayload', 'qrLink']));
  const badge = loadBadgeArtwork(resourcesDir, view.level);
  return renderToBuffer(
    <CertificateDocument view={printable} badge={badge} creationDate={options.creationDate} />,
  );
}

/** The assessment report: A4 portrait, as many pages as it needs. Quotes are printed only with consent given. */
export async function renderReport(view: ReportView, options: RenderOptions): Promise<Buffer> {
  const { resourcesDir, coverage } = await prepare(options);
  const printable = printableView(view, coverage);
  const badge = view.decision.awarded ? loadBadgeArtwork(resourcesDir, view.decision.level) : undefined;
  return renderToBuffer(
    <ReportDocument view={printable} badge={badge} creationDate={options.creationDate} />,
  );
}

/** A blank score sheet for scoring on paper: A4 portrait. */
export async function renderScoreSheet(view: ScoreSheetView, options: RenderOptions): Promise<Buffer> {
  const { coverage } = await prepare(options);
  const printable = printableView(view, coverage);
  return renderToBuffer(<ScoreSheetDocument view={printable} creationDate={options.creationDate} />);
}

/** The register of certificates as a printable list (issue 15): A4 portrait, as many pages as it needs. */
export async function renderRegisterList(view: RegisterListView, options: RenderOptions): Promise<Buffer> {
  const { coverage } = await prepare(options);
  const printable = printableView(view, coverage);
  return renderToBuffer(<RegisterListDocument view={printable} creationDate={options.creationDate} />);
}

/**
 * Another document in the same typography (bundled fonts, the report's styles): the fee statement
 * and the invoice summary (src/main/fees). Text no bundled font draws is replaced as for the report.
 */
export async function renderDocument<T extends object>(
  view: T,
  options: RenderOptions,
  draw: (printable: T) => ReactElement<DocumentProps>,
): Promise<Buffer> {
  const { coverage } = await prepare(options);
  return renderToBuffer(draw(printableView(view, coverage)));
}

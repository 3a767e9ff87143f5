import type { RegisterEntry } from '../../shared/api';
import { csvCell as sharedCsvCell, csvText } from '../csv';

/**
 * The register as CSV for a spreadsheet. Safe against formula injection (OWASP): a cell that starts
 * with =, +, -, @, a tab or a carriage return is prefixed with an apostrophe so a spreadsheet shows
 * it as text; every cell is quoted, quotes doubled; lines end in CRLF (RFC 4180).
 */

const COLUMNS: ReadonlyArray<readonly [heading: string, cell: (entry: RegisterEntry) => string]> = [
  ['Certificate number', (e) => e.certificateNumber],
  ['Organisation', (e) => e.organisation],
  ['Level', (e) => String(e.level)],
  ['Status', (e) => e.status.state.replaceAll('_', ' ')],
  ['Status in words', (e) => e.status.words],
  ['Decision date', (e) => e.decisionDate],
  ['Interim review due', (e) => e.interimReviewDue],
  ['Valid until', (e) => e.validUntil],
  ['Standard version', (e) => e.standardVersion ?? ''],
  ['Signed by', (e) => e.signers.join('; ')],
  ['Case file audit head', (e) => (e.auditHead ? `${e.auditHead.entries}:${e.auditHead.hash}` : '')],
  ['Certificate SHA-256', (e) => e.pdfSha256],
];

/** A register cell: quoted always, never run as a formula (the one rule in src/main/csv.ts). */
export function csvCell(value: string): string {
  return sharedCsvCell(value, 'always');
}

export function registerCsv(entries: readonly RegisterEntry[]): string {
  const headings = COLUMNS.map(([heading]) => heading);
  const rows = entries.map((entry) => COLUMNS.map(([, cell]) => cell(entry)));
  return csvText([headings, ...rows], 'always');
}

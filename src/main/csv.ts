/**
 * CSV for spreadsheets (the finance office's fee claims, the commissioners' register), one rule for
 * both. A text cell that starts with =, +, -, @, a tab or a carriage return gets a leading apostrophe
 * so a spreadsheet shows it as text and never runs it as a formula (OWASP's advice); quotes are
 * doubled inside quoted cells and lines end in CRLF (RFC 4180).
 */

/** 'needed': quote only cells with a comma, quote or line break; 'always': quote every cell. */
export type CsvQuoting = 'needed' | 'always';

/** One cell, safe against formula injection. */
export function csvCell(value: string | number, quoting: CsvQuoting = 'needed'): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  const quote = quoting === 'always' || /[",\r\n]/.test(text);
  return quote ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Whole rows as CSV text, each line ending in CRLF. */
export function csvText(
  rows: readonly (readonly (string | number)[])[],
  quoting: CsvQuoting = 'needed',
): string {
  return rows.map((row) => row.map((cell) => csvCell(cell, quoting)).join(',')).join('\r\n') + '\r\n';
}

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

/**
 * CSV text as a file to open in a spreadsheet: it starts with a byte-order mark, without which
 * Excel reads UTF-8 as an old Windows code page and garbles names such as "Tŷ", Arabic or Chinese.
 * Text printed to a terminal or a pipe goes without it.
 */
export function csvFile(text: string): string {
  return `\uFEFF${text}`;
}

/** Whole rows as CSV text, each line ending in CRLF. */
export function csvText(
  rows: readonly (readonly (string | number)[])[],
  quoting: CsvQuoting = 'needed',
): string {
  return rows.map((row) => row.map((cell) => csvCell(cell, quoting)).join(',')).join('\r\n') + '\r\n';
}

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** Poppler (pdftotext, pdfinfo, pdffonts, pdftoppm) and qpdf, run on PDFs written to a temp folder. */

const REQUIRED = ['pdftotext', 'pdfinfo', 'pdffonts', 'pdftoppm', 'qpdf'] as const;

export function missingPdfTools(): string[] {
  return REQUIRED.filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
}

export interface PdfWorkspace {
  write(name: string, pdf: Buffer): string;
  dir: string;
  dispose(): void;
}

export function pdfWorkspace(): PdfWorkspace {
  const dir = mkdtempSync(join(tmpdir(), 'copanel-documents-'));
  return {
    dir,
    write(name, pdf) {
      const file = join(dir, name);
      writeFileSync(file, pdf);
      return file;
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function run(tool: string, args: string[]): string {
  return execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** The text, with runs of white space (line ends included) made single spaces. */
export function pdfText(file: string): string {
  return run('pdftotext', ['-enc', 'UTF-8', file, '-']).normalize('NFC').replace(/\s+/g, ' ');
}

export interface PdfInfo {
  pages: number;
  widthPt: number;
  heightPt: number;
  fields: Record<string, string>;
}

export function pdfInfo(file: string): PdfInfo {
  const fields: Record<string, string> = {};
  for (const line of run('pdfinfo', [file]).split('\n')) {
    const at = line.indexOf(':');
    if (at > 0) fields[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  const size = /([\d.]+) x ([\d.]+) pts/.exec(fields['Page size'] ?? '');
  return { pages: Number(fields.Pages), widthPt: Number(size?.[1]), heightPt: Number(size?.[2]), fields };
}

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
}

export function pdfFonts(file: string): PdfFont[] {
  const [, rule = '', ...rows] = run('pdffonts', [file]).split('\n');
  // The line of dashes under the header gives the columns: name, type, encoding, emb, sub, uni, object, ID.
  const columns = [...rule.matchAll(/-+/g)].map((m) => [m.index ?? 0, (m.index ?? 0) + m[0].length] as const);
  const cell = (row: string, index: number) => {
    const column = columns[index];
    return column ? row.slice(column[0], column[1]).trim() : '';
  };
  return rows
    .filter((row) => row.trim() !== '')
    .map((row) => ({ name: cell(row, 0), type: cell(row, 1), embedded: cell(row, 3) === 'yes' }));
}

/** qpdf --check: exit status (0 clean, 2 errors, 3 warnings) and everything it printed. */
export function qpdfCheck(file: string): { status: number; output: string } {
  const result = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
  return { status: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
}

/** Renders page `page` at `dpi` and decodes the QR code on it, or returns null when none is found. */
export function decodeQrFromPage(file: string, workDir: string, page = 1, dpi = 150): string | null {
  const base = join(workDir, `page-${page}-${dpi}`);
  run('pdftoppm', [
    '-r',
    String(dpi),
    '-f',
    String(page),
    '-l',
    String(page),
    '-png',
    '-singlefile',
    file,
    base,
  ]);
  const png = PNG.sync.read(readFileSync(`${base}.png`));
  const code = jsQR(
    new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length),
    png.width,
    png.height,
  );
  return code ? code.data : null;
}

/** Renders every page to PNG in `dir` (for looking at by hand). */
export function renderPages(file: string, dir: string, prefix: string, dpi = 100): void {
  run('pdftoppm', ['-r', String(dpi), '-png', file, join(dir, prefix)]);
}

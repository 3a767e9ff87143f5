/**
 * What the PDF reader will do for one file, at most. Every PDF the app is given to check is
 * untrusted, so reading it is bounded in time and memory: these limits sit far above anything a
 * certificate or report from the app needs (a certificate is about 50 KB, three revisions, two
 * signatures, one page) and far below what would hang the app or exhaust its memory.
 */

import { MAX_CHECKED_FILE_BYTES } from '../../../shared/file-words';

const MEBIBYTE = 1024 * 1024;

export const PDF_LIMITS = {
  /** The largest file checked at all. */
  fileBytes: MAX_CHECKED_FILE_BYTES,
  /** Revisions (cross-reference sections) in one file. */
  revisions: 32,
  /** Signatures in one file: a certificate has two, a report one. */
  signatures: 8,
  /** Arrays and dictionaries inside one another. */
  nesting: 64,
  /** Objects one revision may list. */
  objectsPerRevision: 100_000,
  /** Objects read (parsed) from one file. */
  objectsRead: 200_000,
  /** What one compressed stream may expand to. */
  inflatedBytesPerStream: 16 * MEBIBYTE,
  /** What all compressed streams of one file may expand to, together. */
  inflatedBytesPerFile: 48 * MEBIBYTE,
  /** Pages in the page tree, and the tree's depth. */
  pages: 2_000,
  pageTreeDepth: 32,
  /** Form fields walked to find the signatures. */
  formFields: 10_000,
  /** Characters of page text read for the printed facts. */
  pageTextCharacters: 200_000,
  /** Entries in one font's ToUnicode map, and its size (a real one is a few kilobytes). */
  unicodeMapEntries: 70_000,
  unicodeMapBytes: 1 * MEBIBYTE,
  /** What the first page's content streams may hold, decoded (the certificate's is about 30 KB). */
  pageContentBytes: 4 * MEBIBYTE,
  /** Bytes hashed to compare what two revisions draw. */
  drawingBytes: 64 * MEBIBYTE,
} as const;

/**
 * The bytes are not a PDF structure the reader can trust. `reason` says why in plain words, as
 * the end of a sentence: "This PDF cannot be checked: <reason>."
 */
export class PdfSyntaxError extends Error {
  readonly reason: string;
  constructor(
    message: string,
    readonly offset: number,
    reason?: string,
  ) {
    super(`${message} (at byte ${offset})`);
    this.name = 'PdfSyntaxError';
    this.reason = reason ?? `its structure is damaged near byte ${offset.toLocaleString('en-GB')}`;
  }
}

/** The file asks for more work or memory than PDF_LIMITS allow; `reason` says which, in plain words. */
export class PdfLimitError extends PdfSyntaxError {
  constructor(reason: string, offset = 0) {
    super(reason, offset, reason);
    this.name = 'PdfLimitError';
  }
}

/** A short, printable excerpt of untrusted text for an error message. */
export function excerpt(text: string): string {
  const clean = text.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > 24 ? `${clean.slice(0, 24)}…` : clean;
}

export function megabytes(bytes: number): string {
  return `${(bytes / MEBIBYTE).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;
}

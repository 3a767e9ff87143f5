import { closeSync, openSync, readSync } from 'node:fs';
import { CASE_FILE_WORDS, type StoredFileWords } from './failures';

/**
 * What a file given where a case file was asked for really is, when its first bytes say so
 * plainly: the Verify screen is also where people hold the certificate PDF, so that is the file
 * most often chosen by mistake. A case file's first bytes are random (its encryption's salt), so
 * this is asked only once the file has been found not to be a case file.
 */
const KINDS: { magic: string; what: (asked: StoredFileWords) => string }[] = [
  {
    magic: '%PDF-',
    what: ({ noun }) =>
      `it is a PDF document, such as the certificate or the report, not the ${noun} behind it`,
  },
  {
    magic: 'PK\u0003\u0004',
    what: ({ noun, extension }) =>
      `it is a ZIP archive, or a document made from one such as a Word file; if the ${noun} was sent packed in a ZIP, unpack it and choose the ${extension} file inside`,
  },
];

const LONGEST_MAGIC = Math.max(...KINDS.map((kind) => kind.magic.length));

/** The file's kind in words, for "… is not a case file (…)" (or the `asked` kind), or undefined when the start says nothing. */
export function otherKindOfFile(path: string, asked: StoredFileWords = CASE_FILE_WORDS): string | undefined {
  const start = Buffer.alloc(LONGEST_MAGIC);
  let read = 0;
  try {
    const fd = openSync(path, 'r');
    try {
      read = readSync(fd, start, 0, start.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
  const text = start.subarray(0, read).toString('latin1');
  return KINDS.find((kind) => text.startsWith(kind.magic))?.what(asked);
}

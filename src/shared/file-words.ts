import { shownFileName } from './hidden-characters';

/**
 * The words every file door in the app uses for a file it cannot take (the screens before a byte
 * is sent, and src/main again when the file arrives): an empty file, and one larger than that door
 * takes, with the file's real size and the limit. One wording per problem, whichever door.
 */

const MEBIBYTE = 1024 * 1024;

/**
 * The largest file the certificate check reads at all (PDF_LIMITS.fileBytes in
 * src/main/signing/pdf/limits.ts): a certificate, a root certificate or a revocation list from the
 * scheme is well under 1 MB.
 */
export const MAX_CHECKED_FILE_BYTES = 10 * MEBIBYTE;

/** A size in words: "812 bytes", "48 KB", "50 MB", "10.5 MB", "4 GB". */
export function sizeInWords(bytes: number): string {
  const units: [number, string][] = [
    [1024 * MEBIBYTE, 'GB'],
    [MEBIBYTE, 'MB'],
    [1024, 'KB'],
  ];
  for (const [unit, name] of units) {
    if (bytes >= unit) {
      const amount = bytes / unit;
      // One decimal place below 100, whole numbers above; never "10.0".
      const shown = amount >= 100 ? Math.round(amount) : Math.round(amount * 10) / 10;
      return `${shown.toLocaleString('en-GB')} ${name}`;
    }
  }
  return `${bytes} byte${bytes === 1 ? '' : 's'}`;
}

/** A chosen file that holds nothing (0 bytes), said the same way at every door. */
export function emptyFileMessage(fileName: string): string {
  return `“${shownFileName(fileName)}” is empty (0 bytes). Check it is the right file and that it has finished saving or downloading, then choose it again.`;
}

/** A file larger than a door takes, with its real size and the limit. `what` is "a certificate". */
export function fileTooLargeToCheckMessage(
  fileName: string,
  sizeBytes: number,
  what: string,
  largest: number,
): string {
  return `“${shownFileName(fileName)}” is ${sizeInWords(sizeBytes)}; the most the app checks as ${what} is ${sizeInWords(largest)}, so it was not checked. Check it is the right file.`;
}

/**
 * Why a file cannot be checked at all — empty, or larger than `largest` — in the words above;
 * undefined when it can be sent. `what` names it with its article: "a certificate".
 */
export function unusableFile(
  file: { name: string; size: number },
  what: string,
  largest: number = MAX_CHECKED_FILE_BYTES,
): string | undefined {
  if (file.size === 0) return emptyFileMessage(file.name);
  if (file.size > largest) return fileTooLargeToCheckMessage(file.name, file.size, what, largest);
  return undefined;
}

/**
 * Files the check could not even start on, said plainly before anything is sent (the API would
 * otherwise answer in its own terms, e.g. "base64: Too small"). The size limit is the verifier's
 * (PDF_LIMITS.fileBytes in src/main/signing/pdf/limits.ts).
 */
const LARGEST_FILE_BYTES = 10 * 1024 * 1024;

export function unusableFile(file: { name: string; size: number }, what: string): string | undefined {
  if (file.size === 0) return `“${file.name}” is empty, so it is not ${what}. Choose the file again.`;
  if (file.size > LARGEST_FILE_BYTES)
    return `“${file.name}” is ${(file.size / 1024 / 1024).toFixed(1)} MB; ${what} from the scheme is well under 1 MB, so it was not checked.`;
  return undefined;
}

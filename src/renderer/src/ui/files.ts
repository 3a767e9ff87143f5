import { fileTooLargeMessage, MAX_KEPT_FILE_BYTES } from '../../../shared/api';
import { emptyFileMessage } from '../../../shared/file-words';
import { shownFileName } from '../../../shared/hidden-characters';

/** Reads a chosen file as base64, for small files sent through the API (PDFs, identities, root certificates). */
export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) binary += String.fromCharCode(...bytes.subarray(i, i + step));
  return btoa(binary);
}

/** A blob URL for a base64 PDF (or another file), for previews and downloads. Revoke it when done. */
export function pdfUrl(base64: string, mediaType = 'application/pdf'): string {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return URL.createObjectURL(new Blob([bytes], { type: mediaType }));
}

/** Saves a base64 PDF (or another file, given its media type) through the browser's download. */
export function downloadPdf(base64: string, fileName: string, mediaType = 'application/pdf'): void {
  const url = pdfUrl(base64, mediaType);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Why a chosen file cannot be kept in a case or scheme file (over 100 MB, or empty), in the same
 * words as src/main, which checks again; null when it can be sent. `what` names it ("receipt").
 */
export function whyNotSent(file: File, what: string): string | null {
  if (file.size > MAX_KEPT_FILE_BYTES) return fileTooLargeMessage(shownFileName(file.name), what);
  if (file.size === 0) return emptyFileMessage(file.name);
  return null;
}

import type { PDFDocumentLoadingTask } from 'pdfjs-dist/legacy/build/pdf.mjs';
// The worker is part of the build (served by the room like the page's own scripts): nothing is fetched from elsewhere.
import workerUrl from 'pdfjs-dist/legacy/build/pdf.worker.min.mjs?url';

/** The largest picture inside a PDF pdf.js decodes (in pixels): a hostile file cannot ask for more. */
const MAX_IMAGE_PIXELS = 16_000_000;

/**
 * Starts pdf.js on a PDF's bytes, treating the file as hostile: it is parsed in pdf.js's own worker;
 * no code is built from strings (`isEvalSupported: false`, so the page's CSP needs no 'unsafe-eval');
 * no fonts, character maps, colour profiles or WebAssembly are fetched (none are given an address,
 * so fonts a PDF does not carry are drawn with the device's own); no scripting, no XFA forms.
 * pdf.js is loaded only when a member opens a PDF (the legacy build, for older phone browsers).
 */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentLoadingTask> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
  return pdfjs.getDocument({
    // pdf.js takes the buffer over (it moves to the worker), so it is given a copy to keep ours intact.
    data: bytes.slice(),
    isEvalSupported: false,
    useWorkerFetch: false,
    useWasm: false,
    useSystemFonts: true,
    enableXfa: false,
    maxImageSize: MAX_IMAGE_PIXELS,
    stopAtErrors: false,
    verbosity: 0,
  });
}

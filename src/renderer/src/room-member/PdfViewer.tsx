import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { PDFDocumentLoadingTask, PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { Button } from '../ui/Button';
import { ErrorNotice } from '../ui/feedback';
import { openPdf } from './pdf';

/** What a member is told when pdf.js cannot read the file: never the parser's own words. */
export const PDF_NOT_SHOWN =
  'This PDF could not be shown on this device. Ask the lead assessor to show it on their computer.';

/** Zoom steps, as a share of the page's width fitted to the screen. */
const ZOOMS = [0.5, 0.75, 1, 1.5, 2, 3] as const;
const FITTED = 2;
/**
 * The most pixels one drawn page may have (about 32 MB of canvas): a huge page or a high zoom on a
 * sharp screen is drawn less sharp rather than running a phone out of memory.
 */
const MAX_CANVAS_PIXELS = 8_000_000;

type Opened =
  { step: 'opening' } | { step: 'failed' } | { step: 'open'; document: PDFDocumentProxy; pages: number };

/**
 * A PDF drawn inside the page with pdf.js, one page at a time, for phones whose browsers show no
 * PDF in an <object>. The file is parsed in pdf.js's worker (no eval, no fonts or maps fetched);
 * only the page on screen is drawn (a 300-page file holds one canvas), and its text is put in the
 * page, visually hidden, so a screen reader reads what the canvas shows.
 */
export function PdfViewer({ bytes, fileName }: { bytes: Uint8Array; fileName: string }) {
  const [opened, setOpened] = useState<Opened>({ step: 'opening' });
  const [pageNumber, setPageNumber] = useState(1);
  const [zoom, setZoom] = useState<number>(FITTED);

  useEffect(() => {
    let task: PDFDocumentLoadingTask | null = null;
    let cancelled = false;
    void openPdf(bytes).then(
      (loading) => {
        task = loading;
        if (cancelled) return void loading.destroy();
        loading.promise.then(
          (document) => {
            if (!cancelled) setOpened({ step: 'open', document, pages: document.numPages });
          },
          () => {
            if (!cancelled) setOpened({ step: 'failed' });
          },
        );
      },
      () => {
        if (!cancelled) setOpened({ step: 'failed' });
      },
    );
    return () => {
      cancelled = true;
      void task?.destroy();
    };
  }, [bytes]);

  if (opened.step === 'failed')
    return <ErrorNotice title={`${fileName} did not open`} message={PDF_NOT_SHOWN} />;
  if (opened.step === 'opening') return <p role="status">Opening the PDF’s pages…</p>;

  const { document, pages } = opened;
  const go = (to: number) => setPageNumber(Math.min(pages, Math.max(1, to)));
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'ArrowRight' || event.key === 'PageDown') go(pageNumber + 1);
    else if (event.key === 'ArrowLeft' || event.key === 'PageUp') go(pageNumber - 1);
    else return;
    event.preventDefault();
  };
  return (
    <div className="room-member-pdf">
      <p className="room-member-pdf-position" aria-live="polite">
        Page {pageNumber} of {pages}
      </p>
      <div className="room-member-attachment-actions" role="group" aria-label={`Pages of ${fileName}`}>
        <Button onPress={() => go(pageNumber - 1)} isDisabled={pageNumber <= 1}>
          Previous page
        </Button>
        <Button onPress={() => go(pageNumber + 1)} isDisabled={pageNumber >= pages}>
          Next page
        </Button>
        <Button onPress={() => setZoom((step) => step - 1)} isDisabled={zoom <= 0}>
          Zoom out
        </Button>
        <Button onPress={() => setZoom((step) => step + 1)} isDisabled={zoom >= ZOOMS.length - 1}>
          Zoom in
        </Button>
      </div>
      <PdfPage
        document={document}
        pageNumber={pageNumber}
        scale={ZOOMS[zoom] ?? 1}
        label={`${fileName}, page ${pageNumber} of ${pages}, at ${Math.round((ZOOMS[zoom] ?? 1) * 100)}%. Left and right arrow keys turn the page.`}
        onKeyDown={onKeyDown}
      />
    </div>
  );
}

type Drawn = { step: 'drawing' } | { step: 'drawn'; text: string } | { step: 'failed' };

/** One page: drawn on the one canvas (the last drawing is stopped first), and its text for screen readers. */
function PdfPage({
  document,
  pageNumber,
  scale,
  label,
  onKeyDown,
}: {
  document: PDFDocumentProxy;
  pageNumber: number;
  scale: number;
  label: string;
  onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => void;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const frame = useRef<HTMLDivElement>(null);
  const [drawn, setDrawn] = useState<Drawn>({ step: 'drawing' });
  /** The frame's width: the page is drawn again to fit when it changes (a phone turned sideways). */
  const [width, setWidth] = useState(0);

  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    setWidth(element.clientWidth);
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const draw = useCallback(
    async (isCancelled: () => boolean, onTask: (cancel: () => void) => void) => {
      const target = canvas.current;
      if (!target || width === 0) return;
      setDrawn({ step: 'drawing' });
      const page = await document.getPage(pageNumber);
      try {
        const fitted = page.getViewport({ scale: 1 });
        const cssScale = (width / fitted.width) * scale;
        const wanted = cssScale * (window.devicePixelRatio || 1);
        const area = fitted.width * fitted.height * wanted * wanted;
        const pixelScale =
          area > MAX_CANVAS_PIXELS ? Math.sqrt(MAX_CANVAS_PIXELS / (fitted.width * fitted.height)) : wanted;
        const viewport = page.getViewport({ scale: pixelScale });
        target.width = Math.floor(viewport.width);
        target.height = Math.floor(viewport.height);
        target.style.width = `${Math.floor(fitted.width * cssScale)}px`;
        target.style.height = `${Math.floor(fitted.height * cssScale)}px`;
        const task = page.render({ canvas: target, viewport });
        onTask(() => task.cancel());
        const [, content] = await Promise.all([task.promise, page.getTextContent()]);
        if (isCancelled()) return;
        let text = '';
        for (const item of content.items) {
          if (!('str' in item)) continue;
          text += item.str + (item.hasEOL ? '\n' : '');
        }
        setDrawn({ step: 'drawn', text: text.trim() });
      } finally {
        page.cleanup();
      }
    },
    [document, pageNumber, scale, width],
  );

  useEffect(() => {
    let cancelled = false;
    let cancelTask = () => {};
    draw(
      () => cancelled,
      (cancel) => (cancelTask = cancel),
    ).catch(() => {
      if (!cancelled) setDrawn({ step: 'failed' });
    });
    return () => {
      cancelled = true;
      cancelTask();
    };
  }, [draw]);

  return (
    <>
      <div
        className="room-member-pdf-page"
        ref={frame}
        tabIndex={0}
        role="group"
        aria-label={label}
        onKeyDown={onKeyDown}
      >
        <canvas ref={canvas} aria-hidden="true" />
      </div>
      {drawn.step === 'failed' && (
        <p role="alert">Page {pageNumber} could not be drawn on this device. Try the next page.</p>
      )}
      {drawn.step === 'drawn' && (
        <div className="visually-hidden" role="region" aria-label={`Text of page ${pageNumber}`}>
          <p className="room-member-text">{drawn.text || 'This page has no text: it may be a picture.'}</p>
        </div>
      )}
    </>
  );
}

import type { PdfDocument } from '../signing/pdf/document';
import { decodeStream } from '../signing/pdf/document';
import { type PdfDict, PdfStream, textOf } from '../signing/pdf/objects';
import { openPdf, pageRefs } from '../signing/pdf/structure';

/**
 * What a certificate PDF says, read straight from the file without rasterising it: the document
 * information (/Title, /Keywords — where the certificate keeps a copy of its QR payload) and the
 * text printed on its first page. Both are read from the ORIGINAL revision, the one the lead
 * signed, so nothing appended later can change what is read here.
 */
export interface SignedContent {
  title: string | undefined;
  /** The certificate's QR payload, as the renderer wrote it into /Keywords. */
  keywords: string | undefined;
  /** The first page's text in drawing order (words may be split across lines). */
  pageText: string;
}

/** Reads the original revision's information and first-page text; undefined when the PDF cannot be read. */
export function readSignedContent(pdf: Uint8Array): SignedContent | undefined {
  try {
    const doc = originalRevision(pdf);
    const info = doc.dict(doc.trailer.get('Info'));
    const firstPage = pageRefs(doc)[0];
    const infoText = (key: string): string | undefined => {
      const value = doc.resolve(info?.get(key));
      return value instanceof PdfStream ? undefined : textOf(value);
    };
    return {
      title: infoText('Title'),
      keywords: infoText('Keywords'),
      pageText: firstPage ? pageText(doc, doc.dict(firstPage)) : '',
    };
  } catch {
    return undefined;
  }
}

/** The document as it was before any incremental update (the bytes every signature covers). */
function originalRevision(pdf: Uint8Array): PdfDocument {
  const doc = openPdf(pdf);
  const oldest = doc.sections[doc.sections.length - 1];
  if (!oldest || doc.sections.length === 1 || oldest.revisionEnd >= pdf.length) return doc;
  return openPdf(pdf.subarray(0, oldest.revisionEnd));
}

type GlyphMap = Map<number, string>;
interface PageFont {
  /** Bytes per character code: 2 for composite (Type0) fonts, 1 for simple fonts. */
  codeLength: 1 | 2;
  toUnicode: GlyphMap | undefined;
}

function pageText(doc: PdfDocument, page: PdfDict | undefined): string {
  if (!page) return '';
  const fonts = pageFonts(doc, page);
  const contents = doc.resolve(page.get('Contents'));
  const streams = (Array.isArray(contents) ? contents.map((item) => doc.resolve(item)) : [contents]).filter(
    (item): item is PdfStream => item instanceof PdfStream,
  );
  return streams
    .map((stream) => showText(Buffer.from(decodeStream(stream)).toString('latin1'), fonts))
    .join('\n');
}

function pageFonts(doc: PdfDocument, page: PdfDict): Map<string, PageFont> {
  const resources = doc.dict(page.get('Resources'));
  const fontDict = doc.dict(resources?.get('Font'));
  const fonts = new Map<string, PageFont>();
  for (const [name, value] of fontDict?.entries ?? []) {
    const font = doc.dict(value);
    if (!font) continue;
    const toUnicode = doc.resolve(font.get('ToUnicode'));
    fonts.set(name, {
      codeLength: font.nameOf('Subtype') === 'Type0' ? 2 : 1,
      toUnicode:
        toUnicode instanceof PdfStream
          ? parseToUnicode(Buffer.from(decodeStream(toUnicode)).toString('latin1'))
          : undefined,
    });
  }
  return fonts;
}

/** A ToUnicode CMap's bfchar and bfrange entries (the forms PDF writers use). */
export function parseToUnicode(cmap: string): GlyphMap {
  const map: GlyphMap = new Map();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const pair of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f\s]*)>/g))
      map.set(parseInt(pair[1]!, 16), utf16(pair[2]!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const range of block[1]!.matchAll(
      /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]*>)/g,
    )) {
      const low = parseInt(range[1]!, 16);
      const high = parseInt(range[2]!, 16);
      const target = range[3]!;
      if (target.startsWith('[')) {
        const targets = [...target.matchAll(/<([0-9A-Fa-f\s]*)>/g)].map((m) => utf16(m[1]!));
        targets.forEach((text, index) => {
          if (low + index <= high) map.set(low + index, text);
        });
      } else {
        const start = parseInt(target.slice(1, -1) || '0', 16);
        for (let code = low; code <= high && code - low < 65_536; code++)
          map.set(code, String.fromCodePoint(start + (code - low)));
      }
    }
  }
  return map;
}

/** A hex string's UTF-16BE text; white space between the digits is ignored (pdfkit writes "<0644 0623>" for a ligature). */
function utf16(spacedHex: string): string {
  const hex = spacedHex.replace(/\s+/g, '');
  const units: number[] = [];
  for (let i = 0; i + 4 <= hex.length; i += 4) units.push(parseInt(hex.slice(i, i + 4), 16));
  return String.fromCharCode(...units);
}

/**
 * The text shown by a content stream's Tj and TJ operators, decoded through each font's ToUnicode
 * map; one piece per text object, one line each. A large negative TJ adjustment counts as a space.
 * A marked-content span with ActualText (the documents write one where the glyphs alone would read
 * wrongly, e.g. an Indic vowel sign drawn before its consonant) gives its ActualText instead of the
 * glyphs inside it. Right-to-left text is drawn, and its ActualText given, in display order, as PDF
 * viewers expect; each piece of it is read back in reading order.
 */
function showText(content: string, fonts: Map<string, PageFont>): string {
  let font: PageFont | undefined;
  const pieces: string[] = [];
  let current = '';
  /** Open marked-content sequences: the ActualText of each, or null; and how many have one. */
  const marked: (string | null)[] = [];
  let actualTextSpans = 0;
  const insideActualText = () => actualTextSpans > 0;
  const operators =
    /\/([^\s/[\]<>()]+)\s+[-\d.]+\s+Tf\b|\[((?:<[0-9A-Fa-f\s]*>|[-\d.\s]+)*)\]\s*TJ\b|<([0-9A-Fa-f\s]*)>\s*Tj\b|\bET\b|\/Span\s*<<\s*\/ActualText\s*<([0-9A-Fa-f\s]*)>\s*>>\s*BDC\b|\b(BDC|BMC|EMC)\b/g;
  for (const match of content.matchAll(operators)) {
    if (match[1] !== undefined) font = fonts.get(match[1]);
    else if (match[2] !== undefined) {
      for (const part of match[2].matchAll(/<([0-9A-Fa-f\s]*)>|(-?[\d.]+)/g)) {
        if (part[1] !== undefined) current += decodeString(part[1], font);
        else if (Number(part[2]) < -250) current += ' ';
      }
    } else if (match[3] !== undefined) current += decodeString(match[3], font);
    else if (match[4] !== undefined) {
      marked.push(utf16(match[4]).replace(/^\uFEFF/, ''));
      actualTextSpans += 1;
    } else if (match[5] === 'EMC') {
      const actualText = marked.pop() ?? null;
      if (actualText !== null) {
        actualTextSpans -= 1;
        if (!insideActualText()) pieces.push(actualText);
      }
    } else if (match[5] !== undefined) marked.push(null);
    else {
      if (!insideActualText()) pieces.push(current);
      current = '';
    }
  }
  if (current && !insideActualText()) pieces.push(current);
  return pieces.map(inReadingOrder).join('\n');
}

const RIGHT_TO_LEFT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;

/** A piece of right-to-left text (drawn in display order) in reading order; other text as it is. */
function inReadingOrder(piece: string): string {
  return RIGHT_TO_LEFT.test(piece) ? [...piece].reverse().join('') : piece;
}

function decodeString(hex: string, font: PageFont | undefined): string {
  const digits = hex.replace(/\s+/g, '');
  const width = (font?.codeLength ?? 1) * 2;
  let out = '';
  for (let i = 0; i + width <= digits.length; i += width) {
    const code = parseInt(digits.slice(i, i + width), 16);
    out += font?.toUnicode?.get(code) ?? (width === 2 ? '' : String.fromCharCode(code));
  }
  return out;
}

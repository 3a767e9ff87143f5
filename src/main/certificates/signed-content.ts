import {
  contentOperations,
  contentTokens,
  type PdfDocument,
  type PdfRevision,
  PDF_LIMITS,
  PdfLimitError,
  PdfSyntaxError,
  PdfDict,
  PdfName,
  PdfStream,
  PdfString,
  textOf,
  type PdfValue,
  PdfOperator,
  openPdf,
  pageAttribute,
  pageRefs,
  readPdf,
} from '../signing';

/**
 * What a certificate PDF says, read straight from the file without rasterising it: the document
 * information (/Title, /Keywords — where the certificate keeps a copy of its QR payload) and the
 * text printed on its first page. The verifier reads it from exactly the revision the lead's
 * signature covers (see verify.ts), so nothing added before or after can change what is read.
 * The page text is read with the linear tokeniser (no regular expression over the file's bytes),
 * within the file's reading budget.
 */
export interface SignedContent {
  title: string | undefined;
  /** The certificate's QR payload, as the renderer wrote it into /Keywords. */
  keywords: string | undefined;
  /** The first page's text in drawing order (words may be split across lines). */
  pageText: string;
}

/** Reads a document's information and first-page text, as its newest revision has them. */
export function readSignedContent(source: Uint8Array | PdfDocument): SignedContent {
  if (source instanceof Uint8Array) return readPdf(() => readSignedContent(openPdf(source)));
  const revision = source.revision(0);
  const info = revision.dict(revision.trailer.get('Info'));
  const firstPage = pageRefs(revision)[0];
  const infoText = (key: string): string | undefined => {
    const value = revision.resolve(info?.get(key));
    return value instanceof PdfStream ? undefined : textOf(value);
  };
  return {
    title: infoText('Title'),
    keywords: infoText('Keywords'),
    pageText: firstPage ? pageText(revision, revision.dict(firstPage)) : '',
  };
}

type GlyphMap = Map<number, string>;
interface PageFont {
  /** Bytes per character code: 2 for composite (Type0) fonts, 1 for simple fonts. */
  codeLength: 1 | 2;
  toUnicode: GlyphMap | undefined;
}

function pageText(revision: PdfRevision, page: PdfDict | undefined): string {
  if (!page) return '';
  const fonts = pageFonts(revision, page);
  const contents = revision.resolve(page.get('Contents'));
  const streams = (
    Array.isArray(contents) ? contents.map((item) => revision.resolve(item)) : [contents]
  ).filter((item): item is PdfStream => item instanceof PdfStream);
  const text = new PageText();
  let contentBytes = 0;
  for (const stream of streams) {
    const content = revision.doc.decode(stream);
    contentBytes += content.length;
    if (contentBytes > PDF_LIMITS.pageContentBytes)
      throw new PdfLimitError('its first page holds far more drawing instructions than a certificate');
    try {
      showText(content, fonts, text);
    } catch (error) {
      if (error instanceof PdfSyntaxError && !(error instanceof PdfLimitError))
        throw new PdfSyntaxError(error.message, 0, 'the text on its first page cannot be read');
      throw error;
    }
  }
  return text.value;
}

function pageFonts(revision: PdfRevision, page: PdfDict): Map<string, PageFont> {
  const resources = revision.dict(pageAttribute(revision, page, 'Resources'));
  const fontDict = revision.dict(resources?.get('Font'));
  const fonts = new Map<string, PageFont>();
  for (const [name, value] of fontDict?.entries ?? []) {
    const font = revision.dict(value);
    if (!font) continue;
    const toUnicode = revision.resolve(font.get('ToUnicode'));
    fonts.set(name, {
      codeLength: font.nameOf('Subtype') === 'Type0' ? 2 : 1,
      toUnicode: toUnicode instanceof PdfStream ? parseToUnicode(revision.doc.decode(toUnicode)) : undefined,
    });
  }
  return fonts;
}

/**
 * A ToUnicode CMap's bfchar and bfrange entries (the forms PDF writers use), read token by token:
 * a map that never says "endbfchar" simply ends with the stream.
 */
function parseToUnicode(cmap: Uint8Array): GlyphMap {
  if (cmap.length > PDF_LIMITS.unicodeMapBytes)
    throw new PdfLimitError('a font in it has a character map far larger than any font needs');
  const map: GlyphMap = new Map();
  let mode: 'char' | 'range' | undefined;
  let pending: PdfValue[] = [];
  const add = (code: number, text: string) => {
    if (map.size >= PDF_LIMITS.unicodeMapEntries)
      throw new PdfLimitError('a font in it maps more characters than any font has');
    map.set(code, text);
  };
  for (const token of contentTokens(cmap)) {
    if (token instanceof PdfOperator) {
      mode = token.word === 'beginbfchar' ? 'char' : token.word === 'beginbfrange' ? 'range' : undefined;
      pending = [];
      continue;
    }
    if (!mode) continue;
    pending.push(token);
    if (mode === 'char' && pending.length === 2) {
      const [source, target] = pending;
      if (source instanceof PdfString && target instanceof PdfString)
        add(codeOf(source.bytes), utf16(target.bytes));
      pending = [];
    } else if (mode === 'range' && pending.length === 3) {
      const [low, high, target] = pending;
      if (low instanceof PdfString && high instanceof PdfString)
        addRange(codeOf(low.bytes), codeOf(high.bytes), target, add);
      pending = [];
    }
  }
  return map;
}

function addRange(
  low: number,
  high: number,
  target: PdfValue | undefined,
  add: (code: number, text: string) => void,
): void {
  if (Array.isArray(target)) {
    target.forEach((item, index) => {
      if (item instanceof PdfString && low + index <= high) add(low + index, utf16(item.bytes));
    });
  } else if (target instanceof PdfString) {
    const start = codeOf(target.bytes);
    for (let code = low; code <= high && code - low < 65_536; code++) {
      const point = start + (code - low);
      if (point <= 0x10ffff) add(code, String.fromCodePoint(point));
    }
  }
}

function codeOf(bytes: Uint8Array): number {
  let code = 0;
  for (const byte of bytes.subarray(0, 4)) code = code * 256 + byte;
  return code;
}

function utf16(bytes: Uint8Array): string {
  const units: number[] = [];
  for (let i = 0; i + 1 < bytes.length && units.length < 64; i += 2)
    units.push((bytes[i]! << 8) | bytes[i + 1]!);
  return String.fromCharCode(...units);
}

/**
 * The page's text, one piece per text object (one line each), bounded by
 * PDF_LIMITS.pageTextCharacters. A marked-content span with ActualText (the documents write one
 * where the glyphs alone would read wrongly, e.g. an Indic vowel sign drawn before its consonant)
 * gives its ActualText instead of the glyphs inside it. Right-to-left text is drawn, and its
 * ActualText given, in display order, as PDF viewers expect; each piece is read back in reading order.
 */
class PageText {
  private readonly pieces: string[] = [];
  private current = '';
  /** Open marked-content sequences: the ActualText of each, or null; and how many have one. */
  private readonly marked: (string | null)[] = [];
  private actualTextSpans = 0;
  private characters = 0;

  private count(length: number): void {
    this.characters += length;
    if (this.characters > PDF_LIMITS.pageTextCharacters)
      throw new PdfLimitError('its first page has far more text than a certificate');
  }

  private get insideActualText(): boolean {
    return this.actualTextSpans > 0;
  }

  show(text: string): void {
    this.count(text.length);
    this.current += text;
  }

  endTextObject(): void {
    if (!this.insideActualText) this.pieces.push(this.current);
    this.current = '';
  }

  beginMarkedContent(actualText: string | null): void {
    if (this.marked.length >= PDF_LIMITS.nesting)
      throw new PdfLimitError(`its page marks content more than ${PDF_LIMITS.nesting} deep`);
    this.marked.push(actualText);
    if (actualText !== null) {
      this.count(actualText.length);
      this.actualTextSpans += 1;
    }
  }

  endMarkedContent(): void {
    const actualText = this.marked.pop() ?? null;
    if (actualText === null) return;
    this.actualTextSpans -= 1;
    if (!this.insideActualText) this.pieces.push(actualText);
  }

  get value(): string {
    const pieces = this.current && !this.insideActualText ? [...this.pieces, this.current] : this.pieces;
    return pieces.map(inReadingOrder).join('\n');
  }
}

const RIGHT_TO_LEFT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;

/** A piece of right-to-left text (drawn in display order) in reading order; other text as it is. */
function inReadingOrder(piece: string): string {
  return RIGHT_TO_LEFT.test(piece) ? [...piece].reverse().join('') : piece;
}

/** The operators that show text, choose its font, end a text object or mark content (showText reads no other). */
const TEXT_OPERATORS: ReadonlySet<string> = new Set(['Tf', 'Tj', "'", '"', 'TJ', 'ET', 'BDC', 'BMC', 'EMC']);

/**
 * The text shown by a content stream's text operators (Tj, TJ, ' and "), decoded through each
 * font's ToUnicode map, with ActualText spans (BDC … EMC) read as PageText says. A large negative
 * TJ adjustment counts as a space.
 */
function showText(content: Uint8Array, fonts: Map<string, PageFont>, text: PageText): void {
  let font: PageFont | undefined;
  for (const { operator, operands } of contentOperations(content, TEXT_OPERATORS)) {
    if (operator === 'Tf') {
      const name = operands[0];
      font = name instanceof PdfName ? fonts.get(name.name) : undefined;
    } else if (operator === 'Tj' || operator === "'" || operator === '"') {
      const shown = operands[operands.length - 1];
      if (shown instanceof PdfString) text.show(decodeString(shown.bytes, font));
    } else if (operator === 'TJ') {
      const items = operands[0];
      for (const item of Array.isArray(items) ? items : []) {
        if (item instanceof PdfString) text.show(decodeString(item.bytes, font));
        else if (typeof item === 'number' && item < -250) text.show(' ');
      }
    } else if (operator === 'ET') text.endTextObject();
    else if (operator === 'BDC') {
      const properties = operands[1];
      const actualText = properties instanceof PdfDict ? textOf(properties.get('ActualText')) : undefined;
      text.beginMarkedContent(actualText ?? null);
    } else if (operator === 'BMC') text.beginMarkedContent(null);
    else if (operator === 'EMC') text.endMarkedContent();
  }
}

function decodeString(bytes: Uint8Array, font: PageFont | undefined): string {
  const width = font?.codeLength ?? 1;
  let out = '';
  for (let i = 0; i + width <= bytes.length; i += width) {
    const code = width === 2 ? (bytes[i]! << 8) | bytes[i + 1]! : bytes[i]!;
    out += font?.toUnicode?.get(code) ?? (width === 2 ? '' : String.fromCharCode(code));
  }
  return out;
}

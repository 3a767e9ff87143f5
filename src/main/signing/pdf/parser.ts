import { PdfDict, PdfName, PdfRef, PdfStream, PdfString, type PdfObject, type PdfValue } from './objects';
import { PDF_LIMITS, PdfSyntaxError, excerpt } from './limits';

export {} from './limits';

/*
 * Tokenising is linear in the bytes read: a hand-written scanner, no regular expression over the
 * file's bytes, and nesting bounded by PDF_LIMITS.nesting (deeper input fails cleanly).
 */

/** Each byte's class (ISO 32000 §7.2.2): regular, white space or delimiter. */
const REGULAR = 0;
const WHITE = 1;
const DELIMITER = 2;
const CLASS = new Uint8Array(256);
for (const byte of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[byte] = WHITE;
for (const byte of [0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]) CLASS[byte] = DELIMITER;

export function isWhitespace(byte: number | undefined): boolean {
  return byte !== undefined && CLASS[byte] === WHITE;
}

function isRegular(byte: number | undefined): boolean {
  return byte !== undefined && CLASS[byte] === REGULAR;
}

/** A bare word that is not a value: an operator in a content stream or CMap, or "obj", "R"… */
export class PdfOperator {
  constructor(readonly word: string) {}
}

type Token = PdfValue | PdfOperator | Delimiter;

/** Resolves a stream's /Length when it is an indirect reference. */
export type LengthResolver = (ref: PdfRef) => number | undefined;

/** A cursor over PDF bytes that reads tokens and objects. */
export class PdfScanner {
  pos: number;
  /** The same bytes as a Buffer, to read words without copying them. */
  private readonly text: Buffer;
  constructor(
    readonly bytes: Uint8Array,
    start = 0,
  ) {
    this.pos = start;
    this.text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  skipWhitespaceAndComments(): void {
    const b = this.bytes;
    while (this.pos < b.length) {
      const c = b[this.pos]!;
      if (CLASS[c] === WHITE) this.pos++;
      else if (c === 0x25) {
        while (this.pos < b.length && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++;
      } else break;
    }
  }

  private endOfRegularRun(from: number): number {
    const b = this.bytes;
    let end = from;
    while (end < b.length && CLASS[b[end]!] === REGULAR) end++;
    return end;
  }

  private readRegularRun(): string {
    const start = this.pos;
    this.pos = this.endOfRegularRun(start);
    return this.text.toString('latin1', start, this.pos);
  }

  /**
   * Steps over the next token without building it when it is a bare word (ISO 32000 §7.8.2: a
   * number, true, false or null, or an operator), after white space and comments: 'value' or
   * 'operator', with the word's bytes from `start` to the cursor; undefined when the next token is
   * something else (a string, name, array or dictionary — left for readToken) or there is none.
   */
  stepOverWord(): 'value' | 'operator' | undefined {
    this.skipWhitespaceAndComments();
    const start = this.pos;
    const end = this.endOfRegularRun(start);
    if (end === start) return undefined;
    this.pos = end;
    return isValueWord(this.bytes, start, end) ? 'value' : 'operator';
  }

  /** The bytes from `start` to the cursor, as text (the word stepOverWord stepped over). */
  wordFrom(start: number): string {
    return this.text.toString('latin1', start, this.pos);
  }

  /** Reads a plain unsigned integer (used for xref tables and object headers). */
  readInteger(): number {
    this.skipWhitespaceAndComments();
    const start = this.pos;
    const text = this.readRegularRun();
    if (!isDigits(text)) throw new PdfSyntaxError(`expected an integer, found "${excerpt(text)}"`, start);
    return Number(text);
  }

  readKeyword(expected: string): void {
    this.skipWhitespaceAndComments();
    const start = this.pos;
    const word = this.readRegularRun();
    if (word !== expected)
      throw new PdfSyntaxError(`expected "${expected}", found "${excerpt(word)}"`, start);
  }

  peekKeyword(expected: string): boolean {
    const saved = this.pos;
    this.skipWhitespaceAndComments();
    const start = this.pos;
    this.pos = saved;
    if (this.endOfRegularRun(start) - start !== expected.length) return false;
    for (let i = 0; i < expected.length; i++)
      if (this.bytes[start + i] !== expected.charCodeAt(i)) return false;
    return true;
  }

  private nextToken(depth: number): Token {
    this.skipWhitespaceAndComments();
    const b = this.bytes;
    const start = this.pos;
    if (start >= b.length) throw new PdfSyntaxError('unexpected end of file', start);
    const c = b[start]!;
    if (c === 0x3c && b[start + 1] === 0x3c) {
      this.pos += 2;
      return this.readDictBody(deeper(depth, start));
    }
    if (c === 0x3e && b[start + 1] === 0x3e) {
      this.pos += 2;
      return { delimiter: '>>' };
    }
    if (c === 0x3c) return this.readHexString();
    if (c === 0x28) return this.readLiteralString();
    if (c === 0x5b) {
      this.pos++;
      return this.readArrayBody(deeper(depth, start));
    }
    if (c === 0x5d) {
      this.pos++;
      return { delimiter: ']' };
    }
    if (c === 0x2f) {
      this.pos++;
      return new PdfName(decodeName(this.readRegularRun()));
    }
    if (c === 0x7b || c === 0x7d) {
      this.pos++;
      return new PdfOperator(String.fromCharCode(c));
    }
    const word = this.readRegularRun();
    if (word === '') throw new PdfSyntaxError(`unexpected character 0x${c.toString(16)}`, start);
    if (isDigits(word)) return this.integerOrReference(Number(word));
    const number = numberFrom(word);
    if (number !== undefined) return number;
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    return new PdfOperator(word);
  }

  /** After an integer, looks ahead for "gen R" to form an indirect reference. */
  private integerOrReference(num: number): number | PdfRef {
    const saved = this.pos;
    this.skipWhitespaceAndComments();
    const genStart = this.pos;
    const genEnd = this.endOfRegularRun(genStart);
    let digits = genEnd > genStart && genEnd - genStart <= 10;
    for (let i = genStart; digits && i < genEnd; i++)
      digits = this.bytes[i]! >= 0x30 && this.bytes[i]! <= 0x39;
    if (digits) {
      this.pos = genEnd;
      this.skipWhitespaceAndComments();
      if (this.bytes[this.pos] === 0x52 && !isRegular(this.bytes[this.pos + 1])) {
        this.pos++;
        return new PdfRef(num, Number(this.text.toString('latin1', genStart, genEnd)));
      }
    }
    this.pos = saved;
    return num;
  }

  private readDictBody(depth: number): PdfDict {
    const dict = new PdfDict();
    for (;;) {
      const keyStart = this.pos;
      const key = this.nextToken(depth);
      if (isDelimiter(key, '>>')) return dict;
      if (!(key instanceof PdfName)) throw new PdfSyntaxError('expected a name as dictionary key', keyStart);
      // Readers disagree on which of two equal keys counts, so a file that repeats one is refused.
      if (dict.has(key.name))
        throw new PdfSyntaxError(
          `repeated key /${excerpt(key.name)}`,
          keyStart,
          `a dictionary in it names /${excerpt(key.name)} twice, so readers may disagree on what it says`,
        );
      const valueStart = this.pos;
      const value = this.nextToken(depth);
      if (!isValue(value))
        throw new PdfSyntaxError(`unexpected token as value of /${excerpt(key.name)}`, valueStart);
      dict.set(key.name, value);
    }
  }

  private readArrayBody(depth: number): PdfValue[] {
    const items: PdfValue[] = [];
    for (;;) {
      const start = this.pos;
      const item = this.nextToken(depth);
      if (isDelimiter(item, ']')) return items;
      if (!isValue(item)) throw new PdfSyntaxError('unexpected token in array', start);
      items.push(item);
    }
  }

  private readHexString(): PdfString {
    const start = this.pos;
    const b = this.bytes;
    const end = indexOfByte(b, 0x3e, start + 1);
    if (end < 0) throw new PdfSyntaxError('unterminated hex string', start);
    const out = new Uint8Array(Math.ceil((end - start - 1) / 2));
    let length = 0;
    let high = -1;
    for (let i = start + 1; i < end; i++) {
      const c = b[i]!;
      if (CLASS[c] === WHITE) continue;
      const value = hexValue(c);
      if (value < 0) throw new PdfSyntaxError('invalid character in hex string', i);
      if (high < 0) high = value;
      else {
        out[length++] = (high << 4) | value;
        high = -1;
      }
    }
    if (high >= 0) out[length++] = high << 4;
    this.pos = end + 1;
    return new PdfString(out.slice(0, length), true, { start, end: end + 1 });
  }

  private readLiteralString(): PdfString {
    const start = this.pos;
    const b = this.bytes;
    const out: number[] = [];
    let depth = 1;
    let i = start + 1;
    while (i < b.length) {
      const c = b[i]!;
      if (c === 0x5c) {
        const n = b[i + 1];
        i += 2;
        if (n === undefined) break;
        const escaped = ESCAPES.get(n);
        if (escaped !== undefined) out.push(escaped);
        else if (n >= 0x30 && n <= 0x37) {
          let octal = n - 0x30;
          for (let k = 0; k < 2 && b[i]! >= 0x30 && b[i]! <= 0x37; k++, i++)
            octal = octal * 8 + (b[i]! - 0x30);
          out.push(octal & 0xff);
        } else if (n === 0x0d) {
          if (b[i] === 0x0a) i++;
        } else if (n !== 0x0a) out.push(n);
        continue;
      }
      if (c === 0x28) depth++;
      if (c === 0x29 && --depth === 0) {
        this.pos = i + 1;
        return new PdfString(Uint8Array.from(out), false, { start, end: i + 1 });
      }
      out.push(c);
      i++;
    }
    throw new PdfSyntaxError('unterminated literal string', start);
  }

  /** Reads one direct object (dictionary, array, string, name, number, reference…). */
  readValue(): PdfValue {
    const start = this.pos;
    const token = this.nextToken(0);
    if (!isValue(token)) throw new PdfSyntaxError('expected an object', start);
    return token;
  }

  /**
   * Reads the next value or operator of a content stream or CMap, or undefined at the end of
   * the bytes. A stray "]" or ">>" is a syntax error.
   */
  readToken(): PdfValue | PdfOperator | undefined {
    this.skipWhitespaceAndComments();
    if (this.pos >= this.bytes.length) return undefined;
    const start = this.pos;
    const token = this.nextToken(0);
    if (token instanceof PdfOperator || isValue(token)) return token;
    throw new PdfSyntaxError('unexpected closing delimiter', start);
  }
}

const ESCAPES = new Map([
  [0x6e, 0x0a],
  [0x72, 0x0d],
  [0x74, 0x09],
  [0x62, 0x08],
  [0x66, 0x0c],
  [0x28, 0x28],
  [0x29, 0x29],
  [0x5c, 0x5c],
]);

function deeper(depth: number, offset: number): number {
  if (depth >= PDF_LIMITS.nesting)
    throw new PdfSyntaxError(
      'nesting too deep',
      offset,
      `its objects are nested more than ${PDF_LIMITS.nesting} deep, which no certificate needs`,
    );
  return depth + 1;
}

function isDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** A PDF real or integer ("-12", "3.5", ".5", "4."), read in one pass; undefined when not a number. */
function numberFrom(word: string): number | undefined {
  let i = word[0] === '+' || word[0] === '-' ? 1 : 0;
  let digits = 0;
  let dots = 0;
  for (; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) digits++;
    else if (c === 0x2e && dots === 0) dots++;
    else return undefined;
  }
  return digits > 0 ? Number(word) : undefined;
}

/**
 * Whether a bare word is a value as nextToken reads it — a number (numberFrom's grammar), true,
 * false or null — rather than an operator, read from the bytes without making the word.
 */
function isValueWord(bytes: Uint8Array, start: number, end: number): boolean {
  let i = bytes[start] === 0x2b || bytes[start] === 0x2d ? start + 1 : start;
  let digits = 0;
  let dots = 0;
  for (; i < end; i++) {
    const c = bytes[i]!;
    if (c >= 0x30 && c <= 0x39) digits++;
    else if (c === 0x2e && dots === 0) dots++;
    else break;
  }
  if (i === end) return digits > 0;
  return (
    isWordAt(bytes, start, end, 'true') ||
    isWordAt(bytes, start, end, 'false') ||
    isWordAt(bytes, start, end, 'null')
  );
}

function isWordAt(bytes: Uint8Array, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (bytes[start + i] !== word.charCodeAt(i)) return false;
  return true;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

type Delimiter = { delimiter: '>>' | ']' };

function isDelimiter(token: Token, delimiter: '>>' | ']'): token is Delimiter {
  return typeof token === 'object' && token !== null && 'delimiter' in token && token.delimiter === delimiter;
}

function isValue(token: Token): token is PdfValue {
  return (
    !(token instanceof PdfOperator) &&
    !(typeof token === 'object' && token !== null && !Array.isArray(token) && 'delimiter' in token)
  );
}

function decodeName(raw: string): string {
  return raw.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function indexOfByte(bytes: Uint8Array, byte: number, from: number): number {
  for (let i = from; i < bytes.length; i++) if (bytes[i] === byte) return i;
  return -1;
}

export function indexOfText(bytes: Uint8Array, text: string, from = 0): number {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(text, from, 'latin1');
}

export function lastIndexOfText(bytes: Uint8Array, text: string, before?: number): number {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).lastIndexOf(text, before, 'latin1');
}

export interface IndirectObject {
  num: number;
  gen: number;
  value: PdfObject;
  /** Offset of the object header ("12 0 obj"). */
  start: number;
  /** Offset just after "endobj". */
  end: number;
}

/** Parses "num gen obj … endobj" at `offset`, including a stream's bytes. */
export function parseIndirectObject(
  bytes: Uint8Array,
  offset: number,
  resolveLength: LengthResolver,
): IndirectObject {
  const scanner = new PdfScanner(bytes, offset);
  scanner.skipWhitespaceAndComments();
  const start = scanner.pos;
  const num = scanner.readInteger();
  const gen = scanner.readInteger();
  scanner.readKeyword('obj');
  const value = scanner.readValue();
  if (value instanceof PdfDict && scanner.peekKeyword('stream')) {
    scanner.readKeyword('stream');
    let dataStart = scanner.pos;
    if (bytes[dataStart] === 0x0d) dataStart++;
    if (bytes[dataStart] === 0x0a) dataStart++;
    const dataEnd = streamEnd(bytes, dataStart, value, resolveLength);
    const stream = new PdfStream(value, bytes.subarray(dataStart, dataEnd));
    scanner.pos = dataEnd;
    scanner.readKeyword('endstream');
    const end = endOfObject(scanner);
    return { num, gen, value: stream, start, end };
  }
  return { num, gen, value, start, end: endOfObject(scanner) };
}

function endOfObject(scanner: PdfScanner): number {
  if (scanner.peekKeyword('endobj')) scanner.readKeyword('endobj');
  return scanner.pos;
}

function streamEnd(
  bytes: Uint8Array,
  dataStart: number,
  dict: PdfDict,
  resolveLength: LengthResolver,
): number {
  const lengthValue = dict.get('Length');
  const length =
    typeof lengthValue === 'number'
      ? lengthValue
      : lengthValue instanceof PdfRef
        ? resolveLength(lengthValue)
        : undefined;
  if (length !== undefined && Number.isInteger(length) && length >= 0 && dataStart + length <= bytes.length) {
    const after = new PdfScanner(bytes, dataStart + length);
    if (after.peekKeyword('endstream')) return dataStart + length;
  }
  // A wrong /Length: fall back to the "endstream" keyword, trimming its end-of-line marker.
  const found = indexOfText(bytes, 'endstream', dataStart);
  if (found < 0) throw new PdfSyntaxError('stream without endstream', dataStart);
  let end = found;
  if (bytes[end - 1] === 0x0a) end--;
  if (bytes[end - 1] === 0x0d) end--;
  return end;
}

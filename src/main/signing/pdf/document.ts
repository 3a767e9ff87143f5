import { inflateSync } from 'node:zlib';
import { PdfDict, PdfName, PdfRef, PdfStream, type PdfObject, type PdfValue } from './objects';
import { PdfScanner, PdfSyntaxError, indexOfText, lastIndexOfText, parseIndirectObject } from './parser';

export type XrefEntry =
  | { kind: 'free' }
  | { kind: 'in-use'; offset: number; gen: number }
  | { kind: 'compressed'; streamNum: number; index: number };

/** One cross-reference section: the objects one revision (re)defines, and its trailer. */
export interface XrefSection {
  /** Where "xref" or the cross-reference stream object starts. */
  offset: number;
  format: 'table' | 'stream';
  /** Object number of the cross-reference stream itself (format 'stream'). */
  streamNum?: number;
  entries: Map<number, XrefEntry>;
  trailer: PdfDict;
  /** Offset just after the "%%EOF" line that closes this revision. */
  revisionEnd: number;
}

const MAX_SECTIONS = 1000;

/**
 * A PDF file read through its chain of cross-reference sections. Sections are ordered newest
 * first; `view(k)` sees the document as it was when section k was the newest.
 */
export class PdfDocument {
  readonly sections: XrefSection[];
  private readonly objectCache = new Map<string, PdfObject | undefined>();
  private readonly objectStreamCache = new Map<number, Map<number, PdfObject>>();

  constructor(readonly bytes: Uint8Array) {
    if (indexOfText(bytes.subarray(0, 1024), '%PDF-') < 0) throw new PdfSyntaxError('no %PDF- header', 0);
    this.sections = readSectionChain(bytes, (ref) => this.lengthOf(ref));
  }

  get newest(): XrefSection {
    return this.sections[0]!;
  }

  /** The trailer of the newest revision. */
  get trailer(): PdfDict {
    return this.newest.trailer;
  }

  /** Highest object number + 1, over every revision. */
  get size(): number {
    return Math.max(...this.sections.map((s) => s.trailer.numberOf('Size') ?? 0));
  }

  /** The object as the newest revision defines it (undefined when free or missing). */
  get(ref: PdfRef | number): PdfObject | undefined {
    return this.objectAt(typeof ref === 'number' ? ref : ref.num, 0);
  }

  /** Follows a reference (or returns a direct value unchanged), in the newest revision. */
  resolve(value: PdfValue | undefined): PdfObject | undefined {
    return value instanceof PdfRef ? this.get(value) : value;
  }

  dict(value: PdfValue | undefined): PdfDict | undefined {
    const resolved = this.resolve(value);
    return resolved instanceof PdfDict ? resolved : resolved instanceof PdfStream ? resolved.dict : undefined;
  }

  /** The object `num` as seen by the revision whose section is `sections[sectionIndex]`. */
  objectAt(num: number, sectionIndex: number): PdfObject | undefined {
    const entry = this.entryAt(num, sectionIndex);
    if (!entry || entry.kind === 'free') return undefined;
    if (entry.kind === 'compressed') return this.readCompressed(entry.streamNum, num, sectionIndex);
    const key = `o${entry.offset}`;
    if (this.objectCache.has(key)) return this.objectCache.get(key);
    const value = this.readObjectAt(entry.offset, num);
    this.objectCache.set(key, value);
    return value;
  }

  /** The cross-reference entry for `num` visible from `sections[sectionIndex]`. */
  entryAt(num: number, sectionIndex: number): XrefEntry | undefined {
    for (let i = sectionIndex; i < this.sections.length; i++) {
      const entry = this.sections[i]!.entries.get(num);
      if (entry) return entry;
    }
    return undefined;
  }

  /** The byte span of an uncompressed object in the newest revision. */
  spanOf(num: number): { start: number; end: number } | undefined {
    const entry = this.entryAt(num, 0);
    if (!entry || entry.kind !== 'in-use') return undefined;
    const parsed = parseIndirectObject(this.bytes, entry.offset, (ref) => this.lengthOf(ref));
    return { start: parsed.start, end: parsed.end };
  }

  /** Re-parses an uncompressed object to get string positions (needed for /Contents). */
  parseAt(num: number): PdfObject | undefined {
    const entry = this.entryAt(num, 0);
    if (!entry || entry.kind !== 'in-use') return undefined;
    return parseIndirectObject(this.bytes, entry.offset, (ref) => this.lengthOf(ref)).value;
  }

  private readObjectAt(offset: number, expectedNum: number): PdfObject | undefined {
    if (offset <= 0 || offset >= this.bytes.length) return undefined;
    const parsed = parseIndirectObject(this.bytes, offset, (ref) => this.lengthOf(ref));
    if (parsed.num !== expectedNum)
      throw new PdfSyntaxError(`xref points object ${expectedNum} at object ${parsed.num}`, offset);
    return parsed.value;
  }

  private readCompressed(streamNum: number, num: number, sectionIndex: number): PdfObject | undefined {
    const streamEntry = this.entryAt(streamNum, sectionIndex);
    if (!streamEntry || streamEntry.kind !== 'in-use') return undefined;
    let objects = this.objectStreamCache.get(streamEntry.offset);
    if (!objects) {
      const stream = this.objectAt(streamNum, sectionIndex);
      if (!(stream instanceof PdfStream)) return undefined;
      objects = parseObjectStream(stream);
      this.objectStreamCache.set(streamEntry.offset, objects);
    }
    return objects.get(num);
  }

  private lengthOf(ref: PdfRef): number | undefined {
    const entry = this.entryAt(ref.num, 0);
    if (!entry || entry.kind !== 'in-use') return undefined;
    const scanner = new PdfScanner(this.bytes, entry.offset);
    try {
      scanner.readInteger();
      scanner.readInteger();
      scanner.readKeyword('obj');
      const value = scanner.readValue();
      return typeof value === 'number' ? value : undefined;
    } catch {
      return undefined;
    }
  }
}

function readSectionChain(
  bytes: Uint8Array,
  resolveLength: (ref: PdfRef) => number | undefined,
): XrefSection[] {
  const sections: XrefSection[] = [];
  const seen = new Set<number>();
  let offset: number | undefined = readStartxref(bytes);
  while (offset !== undefined && !seen.has(offset) && sections.length < MAX_SECTIONS) {
    seen.add(offset);
    const section = readSection(bytes, offset, resolveLength);
    sections.push(section);
    const prev = section.trailer.numberOf('Prev');
    offset = prev;
  }
  return sections;
}

function readStartxref(bytes: Uint8Array): number {
  const at = lastIndexOfText(bytes, 'startxref');
  if (at < 0) throw new PdfSyntaxError('no startxref', bytes.length);
  const scanner = new PdfScanner(bytes, at + 'startxref'.length);
  return scanner.readInteger();
}

function revisionEndAfter(bytes: Uint8Array, from: number): number {
  const eof = indexOfText(bytes, '%%EOF', from);
  if (eof < 0) return bytes.length;
  let end = eof + 5;
  if (bytes[end] === 0x0d) end++;
  if (bytes[end] === 0x0a) end++;
  return end;
}

function readSection(
  bytes: Uint8Array,
  offset: number,
  resolveLength: (ref: PdfRef) => number | undefined,
): XrefSection {
  const scanner = new PdfScanner(bytes, offset);
  if (scanner.peekKeyword('xref')) return readXrefTable(bytes, offset, resolveLength);
  const parsed = parseIndirectObject(bytes, offset, resolveLength);
  if (!(parsed.value instanceof PdfStream) || parsed.value.dict.nameOf('Type') !== 'XRef') {
    throw new PdfSyntaxError('startxref does not point at a cross-reference section', offset);
  }
  return {
    offset,
    format: 'stream',
    streamNum: parsed.num,
    entries: xrefStreamEntries(parsed.value),
    trailer: parsed.value.dict,
    revisionEnd: revisionEndAfter(bytes, parsed.end),
  };
}

function readXrefTable(
  bytes: Uint8Array,
  offset: number,
  resolveLength: (ref: PdfRef) => number | undefined,
): XrefSection {
  const scanner = new PdfScanner(bytes, offset);
  scanner.readKeyword('xref');
  const entries = new Map<number, XrefEntry>();
  while (!scanner.peekKeyword('trailer')) {
    const first = scanner.readInteger();
    const count = scanner.readInteger();
    for (let i = 0; i < count; i++) {
      const entryOffset = scanner.readInteger();
      const gen = scanner.readInteger();
      scanner.skipWhitespaceAndComments();
      const type = String.fromCharCode(bytes[scanner.pos]!);
      scanner.pos++;
      if (type !== 'n' && type !== 'f') throw new PdfSyntaxError('bad xref entry type', scanner.pos - 1);
      entries.set(first + i, type === 'n' ? { kind: 'in-use', offset: entryOffset, gen } : { kind: 'free' });
    }
  }
  scanner.readKeyword('trailer');
  const trailer = scanner.readValue();
  if (!(trailer instanceof PdfDict)) throw new PdfSyntaxError('trailer is not a dictionary', scanner.pos);
  // A hybrid-reference file also lists objects in a cross-reference stream; the table wins.
  const hybrid = trailer.numberOf('XRefStm');
  if (hybrid !== undefined) {
    const stream = parseIndirectObject(bytes, hybrid, resolveLength).value;
    if (stream instanceof PdfStream) {
      for (const [num, entry] of xrefStreamEntries(stream)) if (!entries.has(num)) entries.set(num, entry);
    }
  }
  return { offset, format: 'table', entries, trailer, revisionEnd: revisionEndAfter(bytes, scanner.pos) };
}

function xrefStreamEntries(stream: PdfStream): Map<number, XrefEntry> {
  const dict = stream.dict;
  const widths = numbers(dict.get('W'));
  const size = dict.numberOf('Size') ?? 0;
  const index = dict.has('Index') ? numbers(dict.get('Index')) : [0, size];
  if (widths.length !== 3) throw new PdfSyntaxError('cross-reference stream without /W', 0);
  const data = decodeStream(stream);
  const entries = new Map<number, XrefEntry>();
  const rowLength = widths[0]! + widths[1]! + widths[2]!;
  let row = 0;
  for (let i = 0; i + 1 < index.length; i += 2) {
    const first = index[i]!;
    const count = index[i + 1]!;
    for (let k = 0; k < count; k++, row++) {
      const at = row * rowLength;
      if (at + rowLength > data.length) break;
      const type = widths[0] === 0 ? 1 : readField(data, at, widths[0]!);
      const field2 = readField(data, at + widths[0]!, widths[1]!);
      const field3 = readField(data, at + widths[0]! + widths[1]!, widths[2]!);
      if (type === 0) entries.set(first + k, { kind: 'free' });
      else if (type === 1) entries.set(first + k, { kind: 'in-use', offset: field2, gen: field3 });
      else if (type === 2) entries.set(first + k, { kind: 'compressed', streamNum: field2, index: field3 });
    }
  }
  return entries;
}

function readField(data: Uint8Array, at: number, width: number): number {
  let value = 0;
  for (let i = 0; i < width; i++) value = value * 256 + data[at + i]!;
  return value;
}

function numbers(value: PdfValue | undefined): number[] {
  return Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : [];
}

/** Decodes a stream's data: FlateDecode (with PNG predictors) or no filter. */
export function decodeStream(stream: PdfStream): Uint8Array {
  const filter = stream.dict.get('Filter');
  const filters = Array.isArray(filter) ? filter : filter === undefined ? [] : [filter];
  let data: Uint8Array = stream.raw;
  for (const f of filters) {
    if (!(f instanceof PdfName) || f.name !== 'FlateDecode')
      throw new PdfSyntaxError(`unsupported stream filter`, 0);
    data = inflateSync(data);
  }
  const params = stream.dict.get('DecodeParms');
  const decodeParms = Array.isArray(params) ? params[0] : params;
  if (decodeParms instanceof PdfDict && (decodeParms.numberOf('Predictor') ?? 1) >= 10) {
    data = undoPngPredictor(data, decodeParms.numberOf('Columns') ?? 1);
  }
  return data;
}

function undoPngPredictor(data: Uint8Array, columns: number): Uint8Array {
  const rowLength = columns + 1;
  const rows = Math.floor(data.length / rowLength);
  const out = new Uint8Array(rows * columns);
  for (let r = 0; r < rows; r++) {
    const filterType = data[r * rowLength]!;
    for (let c = 0; c < columns; c++) {
      const raw = data[r * rowLength + 1 + c]!;
      const left = c > 0 ? out[r * columns + c - 1]! : 0;
      const up = r > 0 ? out[(r - 1) * columns + c]! : 0;
      const upLeft = r > 0 && c > 0 ? out[(r - 1) * columns + c - 1]! : 0;
      let value: number;
      if (filterType === 0) value = raw;
      else if (filterType === 1) value = raw + left;
      else if (filterType === 2) value = raw + up;
      else if (filterType === 3) value = raw + Math.floor((left + up) / 2);
      else {
        const p = left + up - upLeft;
        const pa = Math.abs(p - left);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - upLeft);
        value = raw + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
      }
      out[r * columns + c] = value & 0xff;
    }
  }
  return out;
}

function parseObjectStream(stream: PdfStream): Map<number, PdfObject> {
  const data = decodeStream(stream);
  const count = stream.dict.numberOf('N') ?? 0;
  const first = stream.dict.numberOf('First') ?? 0;
  const header = new PdfScanner(data, 0);
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < count; i++) pairs.push([header.readInteger(), header.readInteger()]);
  const objects = new Map<number, PdfObject>();
  for (const [num, offset] of pairs) {
    const scanner = new PdfScanner(data, first + offset);
    objects.set(num, scanner.readValue());
  }
  return objects;
}

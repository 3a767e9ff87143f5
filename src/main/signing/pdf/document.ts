import { inflateSync } from 'node:zlib';
import { PDF_LIMITS, PdfLimitError, PdfSyntaxError, megabytes } from './limits';
import { PdfDict, PdfName, PdfRef, PdfStream, type PdfObject, type PdfValue } from './objects';
import { PdfScanner, indexOfText, lastIndexOfText, parseIndirectObject } from './parser';

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

/**
 * What reading one file may cost: bytes inflated and objects parsed, against PDF_LIMITS. One
 * budget per file, shared by every view of it, so no part of a file can make the reader do
 * unbounded work.
 */
class ReadBudget {
  private inflated = 0;
  private objects = 0;

  inflate(data: Uint8Array): Uint8Array {
    const room = Math.min(PDF_LIMITS.inflatedBytesPerStream, PDF_LIMITS.inflatedBytesPerFile - this.inflated);
    let output: Buffer;
    try {
      output = inflateSync(data, { maxOutputLength: Math.max(room, 1) });
    } catch (error) {
      if (error instanceof RangeError)
        throw new PdfLimitError(
          room < PDF_LIMITS.inflatedBytesPerStream
            ? `its compressed streams together expand to more than ${megabytes(PDF_LIMITS.inflatedBytesPerFile)}`
            : `a compressed stream in it expands to more than ${megabytes(PDF_LIMITS.inflatedBytesPerStream)}`,
        );
      throw new PdfSyntaxError('damaged compressed stream', 0, 'a compressed stream in it is damaged');
    }
    this.inflated += output.length;
    return output;
  }

  countObject(offset: number): void {
    if (++this.objects > PDF_LIMITS.objectsRead)
      throw new PdfLimitError(
        `it has more than ${PDF_LIMITS.objectsRead.toLocaleString('en-GB')} objects to read`,
        offset,
      );
  }
}

/**
 * A PDF file read through its chain of cross-reference sections. Sections are ordered newest
 * first; `revision(k)` sees the document as it was when section k was the newest. References
 * resolve only to an object of the same generation, as a reader resolves them.
 */
export class PdfDocument {
  readonly sections: XrefSection[];
  readonly budget: ReadBudget;
  private readonly objectCache = new Map<string, PdfObject | undefined>();
  private readonly objectStreamCache = new Map<number, Map<number, PdfObject>>();
  private readonly views = new Map<number, PdfRevision>();

  constructor(
    readonly bytes: Uint8Array,
    budget?: ReadBudget,
  ) {
    this.budget = budget ?? new ReadBudget();
    if (indexOfText(bytes.subarray(0, 1024), '%PDF-') < 0)
      throw new PdfSyntaxError('no %PDF- header', 0, 'it is not a PDF');
    try {
      this.sections = readSectionChain(bytes, this.budget, (ref) => this.lengthOf(ref));
    } catch (error) {
      throw endsEarly(bytes) && !(error instanceof PdfLimitError) ? cutShort() : error;
    }
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

  /** The document as the revision of `sections[sectionIndex]` left it. */
  revision(sectionIndex: number): PdfRevision {
    let view = this.views.get(sectionIndex);
    if (!view) {
      view = new PdfRevision(this, sectionIndex);
      this.views.set(sectionIndex, view);
    }
    return view;
  }

  /** The object as the newest revision defines it (undefined when free, missing or of another generation). */
  get(ref: PdfRef | number): PdfObject | undefined {
    return this.revision(0).object(ref);
  }

  /** Follows a reference (or returns a direct value unchanged), in the newest revision. */
  resolve(value: PdfValue | undefined): PdfObject | undefined {
    return this.revision(0).resolve(value);
  }

  dict(value: PdfValue | undefined): PdfDict | undefined {
    return this.revision(0).dict(value);
  }

  /**
   * The object `num` as seen by the revision whose section is `sections[sectionIndex]`; with
   * `gen`, only when the object has that generation (a compressed object has generation 0).
   */
  objectAt(num: number, sectionIndex: number, gen?: number): PdfObject | undefined {
    const entry = this.entryAt(num, sectionIndex);
    if (!entry || entry.kind === 'free') return undefined;
    if (entry.kind === 'compressed') {
      if (gen !== undefined && gen !== 0) return undefined;
      return this.readCompressed(entry.streamNum, num, sectionIndex);
    }
    if (gen !== undefined && gen !== entry.gen) return undefined;
    // Keyed by offset and number, so an index pointing two objects at one place is caught both times.
    const key = `${entry.offset}/${num}/${entry.gen}`;
    if (this.objectCache.has(key)) return this.objectCache.get(key);
    const value = this.readObjectAt(entry.offset, num, entry.gen);
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

  /** A stream's data, decoded within the file's budget: FlateDecode (with PNG predictors) or no filter. */
  decode(stream: PdfStream): Uint8Array {
    return decodeStream(stream, this.budget);
  }

  private readObjectAt(offset: number, expectedNum: number, expectedGen: number): PdfObject | undefined {
    if (offset <= 0 || offset >= this.bytes.length) return undefined;
    this.budget.countObject(offset);
    const parsed = parseIndirectObject(this.bytes, offset, (ref) => this.lengthOf(ref));
    if (parsed.num !== expectedNum || parsed.gen !== expectedGen)
      throw new PdfSyntaxError(
        `xref points object ${expectedNum} at object ${parsed.num}`,
        offset,
        `its index points object ${expectedNum} ${expectedGen} at the bytes of object ${parsed.num} ${parsed.gen}, so readers may show different things`,
      );
    return parsed.value;
  }

  private readCompressed(streamNum: number, num: number, sectionIndex: number): PdfObject | undefined {
    const streamEntry = this.entryAt(streamNum, sectionIndex);
    if (!streamEntry || streamEntry.kind !== 'in-use') return undefined;
    let objects = this.objectStreamCache.get(streamEntry.offset);
    if (!objects) {
      const stream = this.objectAt(streamNum, sectionIndex);
      if (!(stream instanceof PdfStream) || stream.dict.nameOf('Type') !== 'ObjStm') return undefined;
      objects = parseObjectStream(stream, this.budget);
      this.objectStreamCache.set(streamEntry.offset, objects);
    }
    return objects.get(num);
  }

  private lengthOf(ref: PdfRef): number | undefined {
    const entry = this.entryAt(ref.num, 0);
    if (!entry || entry.kind !== 'in-use' || entry.gen !== ref.gen) return undefined;
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

/** One revision of a document: its trailer, and references resolved as that revision left them. */
export class PdfRevision {
  constructor(
    readonly doc: PdfDocument,
    readonly sectionIndex: number,
  ) {}

  get section(): XrefSection {
    return this.doc.sections[this.sectionIndex]!;
  }

  get trailer(): PdfDict {
    return this.section.trailer;
  }

  /** The catalog's reference, when the trailer has one. */
  get catalogRef(): PdfRef | undefined {
    const root = this.trailer.get('Root');
    return root instanceof PdfRef ? root : undefined;
  }

  get catalog(): PdfDict | undefined {
    return this.dict(this.catalogRef);
  }

  object(ref: PdfRef | number): PdfObject | undefined {
    return typeof ref === 'number'
      ? this.doc.objectAt(ref, this.sectionIndex)
      : this.doc.objectAt(ref.num, this.sectionIndex, ref.gen);
  }

  resolve(value: PdfValue | undefined): PdfObject | undefined {
    return value instanceof PdfRef ? this.object(value) : value;
  }

  /** A dictionary, or a stream's dictionary. */
  dict(value: PdfValue | undefined): PdfDict | undefined {
    const resolved = this.resolve(value);
    return resolved instanceof PdfDict ? resolved : resolved instanceof PdfStream ? resolved.dict : undefined;
  }

  array(value: PdfValue | undefined): PdfValue[] {
    const resolved = this.resolve(value);
    return Array.isArray(resolved) ? resolved : [];
  }
}

/** Whether the file stops before its end: no "%%EOF" after its last "startxref" (or none at all). */
function endsEarly(bytes: Uint8Array): boolean {
  return indexOfText(bytes, '%%EOF', Math.max(0, lastIndexOfText(bytes, 'startxref'))) < 0;
}

function cutShort(): PdfSyntaxError {
  return new PdfSyntaxError('cut short', 0, 'it was cut short (the file is incomplete)');
}

function readSectionChain(
  bytes: Uint8Array,
  budget: ReadBudget,
  resolveLength: (ref: PdfRef) => number | undefined,
): XrefSection[] {
  const sections: XrefSection[] = [];
  const seen = new Set<number>();
  let offset: number | undefined = readStartxref(bytes);
  while (offset !== undefined) {
    if (seen.has(offset))
      throw new PdfSyntaxError('xref chain loops', offset, 'its index of objects loops back on itself');
    if (sections.length >= PDF_LIMITS.revisions)
      throw new PdfLimitError(`it has more than ${PDF_LIMITS.revisions} revisions`, offset);
    seen.add(offset);
    const section = readSection(bytes, offset, budget, resolveLength);
    sections.push(section);
    const prev = section.trailer.numberOf('Prev');
    offset = prev;
  }
  return sections;
}

function readStartxref(bytes: Uint8Array): number {
  const at = lastIndexOfText(bytes, 'startxref');
  if (at < 0)
    throw new PdfSyntaxError('no startxref', bytes.length, 'it has no index of its objects (no "startxref")');
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
  budget: ReadBudget,
  resolveLength: (ref: PdfRef) => number | undefined,
): XrefSection {
  const scanner = new PdfScanner(bytes, offset);
  if (scanner.peekKeyword('xref')) return readXrefTable(bytes, offset, budget, resolveLength);
  budget.countObject(offset);
  const parsed = parseIndirectObject(bytes, offset, resolveLength);
  if (!(parsed.value instanceof PdfStream) || parsed.value.dict.nameOf('Type') !== 'XRef') {
    throw new PdfSyntaxError(
      'startxref does not point at a cross-reference section',
      offset,
      'its index of objects is not where the file says it is',
    );
  }
  return {
    offset,
    format: 'stream',
    streamNum: parsed.num,
    entries: xrefStreamEntries(parsed.value, budget),
    trailer: parsed.value.dict,
    revisionEnd: revisionEndAfter(bytes, parsed.end),
  };
}

function tooManyObjects(offset: number): PdfLimitError {
  return new PdfLimitError(
    `a revision in it lists more than ${PDF_LIMITS.objectsPerRevision.toLocaleString('en-GB')} objects`,
    offset,
  );
}

function readXrefTable(
  bytes: Uint8Array,
  offset: number,
  budget: ReadBudget,
  resolveLength: (ref: PdfRef) => number | undefined,
): XrefSection {
  const scanner = new PdfScanner(bytes, offset);
  scanner.readKeyword('xref');
  const entries = new Map<number, XrefEntry>();
  while (!scanner.peekKeyword('trailer')) {
    const first = scanner.readInteger();
    const count = scanner.readInteger();
    for (let i = 0; i < count; i++) {
      if (entries.size >= PDF_LIMITS.objectsPerRevision) throw tooManyObjects(offset);
      const entryOffset = scanner.readInteger();
      const gen = scanner.readInteger();
      scanner.skipWhitespaceAndComments();
      const type = String.fromCharCode(bytes[scanner.pos] ?? 0);
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
    budget.countObject(hybrid);
    const stream = parseIndirectObject(bytes, hybrid, resolveLength).value;
    if (stream instanceof PdfStream) {
      for (const [num, entry] of xrefStreamEntries(stream, budget))
        if (!entries.has(num)) entries.set(num, entry);
    }
  }
  return { offset, format: 'table', entries, trailer, revisionEnd: revisionEndAfter(bytes, scanner.pos) };
}

function xrefStreamEntries(stream: PdfStream, budget: ReadBudget): Map<number, XrefEntry> {
  const dict = stream.dict;
  const widths = numbers(dict.get('W'));
  const size = dict.numberOf('Size') ?? 0;
  const index = dict.has('Index') ? numbers(dict.get('Index')) : [0, size];
  if (widths.length !== 3 || widths.some((w) => !Number.isInteger(w) || w < 0 || w > 8))
    throw new PdfSyntaxError('cross-reference stream with a bad /W', 0);
  const rowLength = widths[0]! + widths[1]! + widths[2]!;
  if (rowLength === 0) throw new PdfSyntaxError('cross-reference stream with empty rows', 0);
  const data = decodeStream(stream, budget);
  const entries = new Map<number, XrefEntry>();
  let row = 0;
  for (let i = 0; i + 1 < index.length; i += 2) {
    const first = index[i]!;
    const count = index[i + 1]!;
    for (let k = 0; k < count; k++, row++) {
      const at = row * rowLength;
      if (at + rowLength > data.length) return entries;
      if (entries.size >= PDF_LIMITS.objectsPerRevision) throw tooManyObjects(0);
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

/** Decodes a stream's data within `budget`: FlateDecode (with PNG predictors) or no filter. */
function decodeStream(stream: PdfStream, budget: ReadBudget): Uint8Array {
  const filter = stream.dict.get('Filter');
  const filters = Array.isArray(filter) ? filter : filter === undefined ? [] : [filter];
  let data: Uint8Array = stream.raw;
  for (const f of filters) {
    if (!(f instanceof PdfName) || f.name !== 'FlateDecode')
      throw new PdfSyntaxError(
        'unsupported stream filter',
        0,
        'it compresses a stream in a way the app does not read',
      );
    data = budget.inflate(data);
  }
  const params = stream.dict.get('DecodeParms');
  const decodeParms = Array.isArray(params) ? params[0] : params;
  if (decodeParms instanceof PdfDict && (decodeParms.numberOf('Predictor') ?? 1) >= 10) {
    data = undoPngPredictor(data, decodeParms.numberOf('Columns') ?? 1);
  }
  return data;
}

function undoPngPredictor(data: Uint8Array, columns: number): Uint8Array {
  if (!Number.isInteger(columns) || columns < 1 || columns > 65_536)
    throw new PdfSyntaxError('bad predictor columns', 0);
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

function parseObjectStream(stream: PdfStream, budget: ReadBudget): Map<number, PdfObject> {
  const data = decodeStream(stream, budget);
  const count = stream.dict.numberOf('N') ?? 0;
  const first = stream.dict.numberOf('First') ?? 0;
  if (!Number.isInteger(count) || count < 0 || count > PDF_LIMITS.objectsPerRevision)
    throw new PdfSyntaxError('bad object stream count', 0);
  const header = new PdfScanner(data, 0);
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < count; i++) pairs.push([header.readInteger(), header.readInteger()]);
  const objects = new Map<number, PdfObject>();
  for (const [num, offset] of pairs) {
    budget.countObject(offset);
    const scanner = new PdfScanner(data, first + offset);
    objects.set(num, scanner.readValue());
  }
  return objects;
}

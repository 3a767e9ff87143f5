import {
  PdfDict,
  PdfName,
  PdfRaw,
  PdfRef,
  PdfStream,
  PdfString,
  type PdfObject,
  type PdfValue,
} from './objects';
import type { PdfDocument } from './document';

/** Serialises a direct object in PDF syntax (ASCII only: strings with other bytes are written in hex). */
export function serialize(value: PdfValue): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return formatNumber(value);
  if (value instanceof PdfName) return `/${escapeName(value.name)}`;
  if (value instanceof PdfRef) return `${value.num} ${value.gen} R`;
  if (value instanceof PdfRaw) return value.text;
  if (value instanceof PdfString) return serializeString(value);
  if (Array.isArray(value)) return `[${value.map(serialize).join(' ')}]`;
  const parts: string[] = [];
  for (const [key, item] of value.entries) parts.push(`/${escapeName(key)} ${serialize(item)}`);
  return `<< ${parts.join(' ')} >>`;
}

function formatNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error('A PDF number must be finite');
  if (Number.isInteger(n)) return String(n);
  const text = String(n);
  return text.includes('e') ? n.toFixed(10).replace(/0+$/, '').replace(/\.$/, '') : text;
}

function escapeName(raw: string): string {
  let out = '';
  for (const ch of raw) {
    const code = ch.charCodeAt(0);
    if (code < 0x21 || code > 0x7e || '()<>[]{}/%#'.includes(ch))
      out += `#${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out;
}

function serializeString(value: PdfString): string {
  const bytes = value.bytes;
  const printable = bytes.every((b) => b >= 0x20 && b <= 0x7e);
  if (value.hex || !printable) return `<${Buffer.from(bytes).toString('hex')}>`;
  return `(${Buffer.from(bytes)
    .toString('latin1')
    .replace(/([\\()])/g, '\\$1')})`;
}

export interface UpdatedObject {
  num: number;
  gen: number;
  value: PdfObject;
}

export interface IncrementalUpdateResult {
  bytes: Buffer;
  /** Where each written object starts in the new file. */
  objectOffsets: Map<number, number>;
}

/**
 * Appends an incremental update: the given objects, a new cross-reference section (a table or
 * a stream, matching the previous section) with /Prev pointing at the old one, and a trailer.
 * Every byte of the original file stays as it was.
 */
export function appendIncrementalUpdate(doc: PdfDocument, objects: UpdatedObject[]): IncrementalUpdateResult {
  const chunks: Buffer[] = [Buffer.from(doc.bytes.buffer, doc.bytes.byteOffset, doc.bytes.byteLength)];
  let length = doc.bytes.length;
  const push = (chunk: Buffer): void => {
    chunks.push(chunk);
    length += chunk.length;
  };
  const last = doc.bytes[doc.bytes.length - 1];
  if (last !== 0x0a && last !== 0x0d) push(Buffer.from('\n', 'latin1'));

  const objectOffsets = new Map<number, number>();
  for (const object of objects) {
    objectOffsets.set(object.num, length);
    push(serializeIndirectObject(object));
  }

  const highest = Math.max(doc.size, ...objects.map((o) => o.num + 1));
  const trailer = new PdfDict();
  for (const key of ['Root', 'Info', 'ID']) {
    const value = doc.trailer.get(key);
    if (value !== undefined) trailer.set(key, value);
  }
  trailer.set('Prev', doc.newest.offset);

  const xrefOffset = length;
  if (doc.newest.format === 'table') {
    trailer.set('Size', highest);
    push(
      Buffer.from(
        `${xrefTable(objectOffsets, objects)}trailer\n${serialize(orderTrailer(trailer))}\n`,
        'latin1',
      ),
    );
  } else {
    const streamNum = highest;
    objectOffsets.set(streamNum, xrefOffset);
    push(xrefStream(streamNum, objects, objectOffsets, trailer));
  }
  push(Buffer.from(`startxref\n${xrefOffset}\n%%EOF\n`, 'latin1'));
  return { bytes: Buffer.concat(chunks, length), objectOffsets };
}

function orderTrailer(trailer: PdfDict): PdfDict {
  const ordered = new PdfDict();
  for (const key of ['Size', 'Root', 'Info', 'ID', 'Prev']) {
    const value = trailer.get(key);
    if (value !== undefined) ordered.set(key, value);
  }
  return ordered;
}

function serializeIndirectObject(object: UpdatedObject): Buffer {
  const head = `${object.num} ${object.gen} obj\n`;
  if (object.value instanceof PdfStream) {
    const dict = object.value.dict.clone().set('Length', object.value.raw.length);
    return Buffer.concat([
      Buffer.from(`${head}${serialize(dict)}\nstream\n`, 'latin1'),
      Buffer.from(object.value.raw),
      Buffer.from('\nendstream\nendobj\n', 'latin1'),
    ]);
  }
  return Buffer.from(`${head}${serialize(object.value)}\nendobj\n`, 'latin1');
}

/** Groups object numbers into runs of consecutive numbers (xref subsections). */
function runsOf(numbers: number[]): Array<[number, number[]]> {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const runs: Array<[number, number[]]> = [];
  for (const num of sorted) {
    const current = runs[runs.length - 1];
    if (current && current[0] + current[1].length === num) current[1].push(num);
    else runs.push([num, [num]]);
  }
  return runs;
}

function xrefTable(offsets: Map<number, number>, objects: UpdatedObject[]): string {
  const gens = new Map(objects.map((o) => [o.num, o.gen]));
  let out = 'xref\n';
  for (const [first, nums] of runsOf([...offsets.keys()])) {
    out += `${first} ${nums.length}\n`;
    for (const num of nums) {
      out += `${String(offsets.get(num)).padStart(10, '0')} ${String(gens.get(num) ?? 0).padStart(5, '0')} n \n`;
    }
  }
  return out;
}

function xrefStream(
  streamNum: number,
  objects: UpdatedObject[],
  offsets: Map<number, number>,
  trailer: PdfDict,
): Buffer {
  const gens = new Map(objects.map((o) => [o.num, o.gen]));
  const runs = runsOf([...offsets.keys()]);
  const rows: number[] = [];
  const index: number[] = [];
  for (const [first, nums] of runs) {
    index.push(first, nums.length);
    for (const num of nums) {
      const offset = offsets.get(num)!;
      rows.push(
        1,
        (offset >>> 24) & 0xff,
        (offset >>> 16) & 0xff,
        (offset >>> 8) & 0xff,
        offset & 0xff,
        ((gens.get(num) ?? 0) >> 8) & 0xff,
        (gens.get(num) ?? 0) & 0xff,
      );
    }
  }
  const dict = new PdfDict([
    ['Type', new PdfName('XRef')],
    ['Size', streamNum + 1],
    ['Index', index],
    ['W', [1, 4, 2]],
  ]);
  for (const [key, value] of orderTrailer(trailer).entries) dict.set(key, value);
  return serializeIndirectObject({
    num: streamNum,
    gen: 0,
    value: new PdfStream(dict, Uint8Array.from(rows)),
  });
}

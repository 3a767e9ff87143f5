import { constants, deflateRawSync, deflateSync } from 'node:zlib';
import {
  PdfDocument,
  PdfDict,
  PdfRaw,
  PdfRef,
  PdfStream,
  pdfName as name,
  pdfText,
  indexOfText,
  pageRefs,
  appendIncrementalUpdate,
  serialize,
  type UpdatedObject,
} from '../../../src/main/signing';

/**
 * The hostile files of issue 11 §3, each built on a real signed certificate by an incremental
 * update (or byte surgery), the way someone would make a file to hang, exhaust or crash a verifier.
 */

function firstPage(doc: PdfDocument): { ref: PdfRef; page: PdfDict } {
  const ref = pageRefs(doc)[0]!;
  return { ref, page: doc.dict(ref)!.clone() };
}

function update(
  pdf: Uint8Array,
  build: (doc: PdfDocument, allocate: () => PdfRef) => UpdatedObject[],
): Buffer {
  const doc = new PdfDocument(pdf);
  let next = doc.size;
  const objects = build(doc, () => new PdfRef(next++, 0));
  return appendIncrementalUpdate(
    doc,
    objects.sort((a, b) => a.num - b.num),
  ).bytes;
}

function object(ref: PdfRef, value: UpdatedObject['value']): UpdatedObject {
  return { num: ref.num, gen: ref.gen, value };
}

/** The page tree lists the same node twice at every level: 2^depth paths to one page. */
export function pageTreeListingNodesTwice(pdf: Uint8Array, depth = 30): Buffer {
  return update(pdf, (doc, allocate) => {
    const catalogRef = doc.trailer.get('Root') as PdfRef;
    const catalog = doc.dict(catalogRef)!.clone();
    const { ref: pageRef } = firstPage(doc);
    const nodes = Array.from({ length: depth }, () => allocate());
    const objects = nodes.map((ref, i) => {
      const kid = nodes[i + 1] ?? pageRef;
      return object(
        ref,
        new PdfDict([
          ['Type', name('Pages')],
          ['Kids', [kid, kid]],
          ['Count', 2 ** Math.min(depth - i, 50)],
        ]),
      );
    });
    catalog.set('Pages', nodes[0]!);
    return [...objects, object(catalogRef, catalog)];
  });
}

/** Page 1's text is drawn by a TJ array that never closes. */
export function unterminatedTjArray(pdf: Uint8Array, numbers = 40_000): Buffer {
  return update(pdf, (doc, allocate) => {
    const { ref, page } = firstPage(doc);
    const content = allocate();
    page.set('Contents', content);
    const text = `BT /F1 12 Tf 72 500 Td [${'1 '.repeat(numbers)}\nET\n`;
    return [
      object(ref, page),
      object(content, new PdfStream(new PdfDict([['Filter', name('FlateDecode')]]), deflateSync(text))),
    ];
  });
}

/** A font on page 1 whose ToUnicode map opens "beginbfchar" again and again and never ends it. */
export function toUnicodeWithoutEndMarker(pdf: Uint8Array, repeats = 300_000): Buffer {
  return update(pdf, (doc, allocate) => {
    const { ref, page } = firstPage(doc);
    const cmap = allocate();
    const font = allocate();
    const resources = doc.dict(page.get('Resources'))?.clone() ?? new PdfDict();
    const fonts = doc.dict(resources.get('Font'))?.clone() ?? new PdfDict();
    fonts.set('Hostile', font);
    resources.set('Font', fonts);
    page.set('Resources', resources);
    const text = `/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n${'1 beginbfchar <00> '.repeat(repeats)}`;
    return [
      object(ref, page),
      object(cmap, new PdfStream(new PdfDict([['Filter', name('FlateDecode')]]), deflateSync(text))),
      object(
        font,
        new PdfDict([
          ['Type', name('Font')],
          ['Subtype', name('Type1')],
          ['BaseFont', name('Helvetica')],
          ['ToUnicode', cmap],
        ]),
      ),
    ];
  });
}

/**
 * `count` signatures, each a copy of a real CMS signature with a byte range that covers the
 * whole file, so a verifier that checks each one hashes the whole file `count` times.
 */
export function thousandsOfSignatures(signed: Uint8Array, cms: Uint8Array, count = 2000): Buffer {
  const hex = Buffer.from(cms).toString('hex');
  const sigNums: number[] = [];
  const bytes = update(signed, (doc, allocate) => {
    const catalogRef = doc.trailer.get('Root') as PdfRef;
    const formRef = doc.dict(catalogRef)!.get('AcroForm') as PdfRef;
    const form = doc.dict(formRef)!.clone();
    const fields = [...(form.get('Fields') as PdfRef[])];
    const { ref: pageRef } = firstPage(doc);
    const objects: UpdatedObject[] = [];
    for (let i = 0; i < count; i++) {
      const signature = allocate();
      const widget = allocate();
      sigNums.push(signature.num);
      objects.push(
        object(
          signature,
          new PdfDict([
            ['Type', name('Sig')],
            ['Filter', name('Adobe.PPKLite')],
            ['SubFilter', name('ETSI.CAdES.detached')],
            ['ByteRange', new PdfRaw('[0000000000 0000000000 0000000000 0000000000]')],
            ['M', pdfText('D:20250302100000Z')],
            ['Contents', new PdfRaw(`<${hex}>`)],
          ]),
        ),
        object(
          widget,
          new PdfDict([
            ['Type', name('Annot')],
            ['Subtype', name('Widget')],
            ['FT', name('Sig')],
            ['T', pdfText(`Signature${i}`)],
            ['V', signature],
            ['F', 132],
            ['Rect', [0, 0, 0, 0]],
            ['P', pageRef],
          ]),
        ),
      );
      fields.push(widget);
    }
    form.set('Fields', fields);
    return [...objects, object(formRef, form)];
  });
  const doc = new PdfDocument(bytes);
  for (const num of sigNums) {
    const at = doc.newest.entries.get(num);
    if (at?.kind !== 'in-use') throw new Error('signature not written');
    const rangeAt = indexOfText(bytes, '/ByteRange [', at.offset) + '/ByteRange '.length;
    const start = indexOfText(bytes, '/Contents <', at.offset) + '/Contents '.length;
    const end = start + hex.length + 2;
    const range = `[0 ${start} ${end} ${bytes.length - end}`;
    bytes.write(`${range}${' '.repeat(45 - range.length - 1)}]`, rangeAt, 'latin1');
  }
  return bytes;
}

/** Deflate data of `mebibytes` MiB of zeros, built from one flushed block (byte-aligned, so it repeats). */
function zerosDeflated(mebibytes: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(1 << 20), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE(((((mebibytes * (1 << 20)) % 65521) << 16) | 1) >>> 0);
  return Buffer.concat([
    Buffer.from([0x78, 0xda]),
    ...Array<Buffer>(mebibytes).fill(block),
    deflateRawSync(Buffer.alloc(0)),
    adler,
  ]);
}

/** Page 1's content is a stream compressed twice: about 2 KB that inflates to a gibibyte. */
export function doublyCompressedBomb(pdf: Uint8Array, mebibytes = 1024): Buffer {
  const bomb = deflateSync(zerosDeflated(mebibytes), { level: 9 });
  return update(pdf, (doc, allocate) => {
    const { ref, page } = firstPage(doc);
    const content = allocate();
    page.set('Contents', content);
    return [
      object(ref, page),
      object(
        content,
        new PdfStream(new PdfDict([['Filter', [name('FlateDecode'), name('FlateDecode')]]]), bomb),
      ),
    ];
  });
}

export function bombSize(mebibytes = 1024): number {
  return deflateSync(zerosDeflated(mebibytes), { level: 9 }).length;
}

/** The catalog carries an array nested `depth` deep. */
export function deeplyNested(pdf: Uint8Array, depth = 100_000): Buffer {
  return update(pdf, (doc) => {
    const catalogRef = doc.trailer.get('Root') as PdfRef;
    const catalog = doc.dict(catalogRef)!.clone();
    catalog.set('Deep', new PdfRaw(`${'['.repeat(depth)}${']'.repeat(depth)}`));
    return [object(catalogRef, catalog)];
  });
}

/**
 * The last cross-reference section points the form's object number at the bytes of the page's
 * content stream: the index says "object 12 is here" and the bytes there are object 7.
 */
export function misPointingXref(pdf: Uint8Array): Buffer {
  const doc = new PdfDocument(pdf);
  const catalogRef = doc.trailer.get('Root') as PdfRef;
  const formRef = doc.dict(catalogRef)!.get('AcroForm') as PdfRef;
  const contentsRef = doc.dict(pageRefs(doc)[0])!.get('Contents') as PdfRef;
  const { bytes, objectOffsets } = appendIncrementalUpdate(
    doc,
    [object(formRef, doc.dict(formRef)!), object(contentsRef, doc.get(contentsRef)!)].sort(
      (a, b) => a.num - b.num,
    ),
  );
  const wrong = String(objectOffsets.get(contentsRef.num)!).padStart(10, '0');
  const right = String(objectOffsets.get(formRef.num)!).padStart(10, '0');
  const xref = bytes.lastIndexOf('\nxref\n', undefined, 'latin1');
  const entry = bytes.indexOf(`${right} 00000 n`, xref, 'latin1');
  if (entry < 0) throw new Error('xref entry not found');
  bytes.write(wrong, entry, 'latin1');
  return bytes;
}

/**
 * The document as the newest revision sees it, written again as one revision (no incremental
 * updates): what a tool that rewrites files would produce, and what a reader of the oldest
 * revision reads.
 */
export function flatten(pdf: Uint8Array): Buffer {
  const doc = new PdfDocument(pdf);
  const chunks: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = chunks[0]!.length;
  const offsets: number[] = [];
  for (let num = 1; num < doc.size; num++) {
    const value = doc.get(num);
    if (value === undefined || (value instanceof PdfStream && value.dict.nameOf('Type') === 'XRef')) continue;
    offsets[num] = length;
    const body =
      value instanceof PdfStream
        ? Buffer.concat([
            Buffer.from(
              `${serialize(value.dict.clone().set('Length', value.raw.length))}\nstream\n`,
              'latin1',
            ),
            Buffer.from(value.raw),
            Buffer.from('\nendstream', 'latin1'),
          ])
        : Buffer.from(serialize(value), 'latin1');
    const chunk = Buffer.concat([Buffer.from(`${num} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n')]);
    chunks.push(chunk);
    length += chunk.length;
  }
  let xref = `xref\n0 ${doc.size}\n0000000000 65535 f \n`;
  for (let num = 1; num < doc.size; num++)
    xref +=
      offsets[num] === undefined
        ? '0000000000 00000 f \n'
        : `${String(offsets[num]).padStart(10, '0')} 00000 n \n`;
  const trailer = new PdfDict([['Size', doc.size]]);
  for (const key of ['Root', 'Info']) {
    const value = doc.trailer.get(key);
    if (value !== undefined) trailer.set(key, value);
  }
  chunks.push(Buffer.from(`${xref}trailer\n${serialize(trailer)}\nstartxref\n${length}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(chunks);
}

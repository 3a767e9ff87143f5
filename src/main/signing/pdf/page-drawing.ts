import { createHash, type Hash } from 'node:crypto';
import type { PdfRevision } from './document';
import { PDF_LIMITS, PdfLimitError } from './limits';
import { PdfDict, PdfName, PdfRaw, PdfRef, PdfStream, PdfString, type PdfObject } from './objects';
import { isNeverDrawn } from './revision-changes';
import { INHERITED_PAGE_KEYS, pageAttribute, pageRefs } from './structure';

/**
 * What each page of a revision draws, as one fingerprint per page: the page's own entries and
 * the ones it inherits (content, resources, boxes, rotation) and every annotation that is drawn
 * (not hidden, not of zero size), followed through every reference to the objects themselves.
 * Two revisions with the same fingerprints show a reader the same pages, whatever else differs.
 */
export function pageDrawings(revision: PdfRevision): string[] {
  const writer = new DrawingWriter(revision);
  return pageRefs(revision).map((pageRef) => {
    const page = revision.dict(pageRef);
    if (!page) return 'missing page';
    const hash = createHash('sha256');
    writer.start(hash);
    const own = new PdfDict([...page.entries].filter(([key]) => !NOT_DRAWN_PAGE_KEYS.has(key)));
    for (const key of INHERITED_PAGE_KEYS) {
      const value = pageAttribute(revision, page, key);
      if (value !== undefined) own.set(key, value);
    }
    writer.write(own, 0);
    for (const annotation of revision.array(page.get('Annots'))) {
      const dict = revision.dict(annotation);
      if (!dict || isNeverDrawn(dict)) continue;
      const isSignature = dict.nameOf('FT') === 'Sig';
      const drawn = [...dict.entries].filter(
        ([key]) => !BACK_LINKS.has(key) && !(isSignature && key === 'V'),
      );
      writer.write(new PdfDict(drawn), 0);
    }
    return hash.digest('hex');
  });
}

/** Page entries that do not change what the page draws (annotations are added one by one). */
const NOT_DRAWN_PAGE_KEYS = new Set(['Annots', 'Parent', 'StructParents', 'Tabs']);
/**
 * Links from an annotation back to its page or field tree (they would pull in the whole
 * document); a signature's value (/V) is not drawn either.
 */
const BACK_LINKS = new Set(['P', 'Parent']);

/** Writes objects in a canonical form into a hash, following references once each, within budget. */
class DrawingWriter {
  private hash: Hash | undefined;
  private visited = new Map<string, number>();
  private bytes = 0;

  constructor(private readonly revision: PdfRevision) {}

  start(hash: Hash): void {
    this.hash = hash;
    this.visited = new Map();
  }

  write(value: PdfObject | undefined, depth: number): void {
    if (depth > 4 * PDF_LIMITS.nesting)
      throw new PdfLimitError('its pages refer to objects through too many levels');
    if (value === undefined || value === null) return this.put('n');
    if (typeof value === 'boolean') return this.put(value ? 't' : 'f');
    if (typeof value === 'number') return this.put(`#${value}`);
    if (value instanceof PdfName) return this.put(`/${value.name.length}:${value.name}`);
    if (value instanceof PdfString) return this.putBytes('s', value.bytes);
    if (value instanceof PdfRaw) return this.put(`r${value.text}`);
    if (value instanceof PdfRef) return this.writeRef(value, depth);
    if (Array.isArray(value)) {
      this.put(`[${value.length}`);
      for (const item of value) this.write(item, depth + 1);
      return this.put(']');
    }
    if (value instanceof PdfStream) {
      this.write(value.dict, depth + 1);
      return this.putBytes('S', value.raw);
    }
    const keys = [...value.entries.keys()].sort();
    this.put(`<${keys.length}`);
    for (const key of keys) {
      this.put(`/${key.length}:${key}`);
      this.write(value.get(key), depth + 1);
    }
    this.put('>');
  }

  private writeRef(ref: PdfRef, depth: number): void {
    const key = `${ref.num} ${ref.gen}`;
    const seen = this.visited.get(key);
    if (seen !== undefined) return this.put(`@${seen}`);
    this.visited.set(key, this.visited.size);
    this.write(this.revision.object(ref) ?? null, depth + 1);
  }

  private put(text: string): void {
    this.count(text.length);
    this.hash!.update(text, 'latin1');
  }

  private putBytes(tag: string, bytes: Uint8Array): void {
    this.put(`${tag}${bytes.length}:`);
    this.count(bytes.length);
    this.hash!.update(bytes);
  }

  private count(length: number): void {
    this.bytes += length;
    if (this.bytes > PDF_LIMITS.drawingBytes)
      throw new PdfLimitError('its pages are too large to compare with what was signed');
  }
}

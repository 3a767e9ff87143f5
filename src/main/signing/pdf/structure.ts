import { UserFacingError } from '../../../shared/errors';
import { PdfDocument } from './document';
import { PdfDict, PdfRef, PdfStream, textOf, type PdfObject, type PdfValue } from './objects';
import { PdfSyntaxError } from './parser';

/** Opens PDF bytes for signing or verification, with user-facing errors. */
export function openPdf(bytes: Uint8Array): PdfDocument {
  let doc: PdfDocument;
  try {
    doc = new PdfDocument(bytes);
  } catch (error) {
    if (error instanceof PdfSyntaxError && /%PDF-/.test(error.message)) {
      throw new UserFacingError('NOT_A_PDF', 'This file is not a PDF. Choose the PDF certificate or report.');
    }
    throw new UserFacingError(
      'PDF_NOT_SUPPORTED',
      'This PDF is damaged or uses a structure the app cannot read, so it cannot be signed or checked.',
    );
  }
  if (doc.trailer.has('Encrypt')) {
    throw new UserFacingError(
      'PDF_NOT_SUPPORTED',
      'This PDF is password-protected (encrypted), so the app cannot sign or check it.',
    );
  }
  if (
    !(doc.trailer.get('Root') instanceof PdfRef) ||
    !(doc.get(doc.trailer.get('Root') as PdfRef) instanceof PdfDict)
  ) {
    throw new UserFacingError(
      'PDF_NOT_SUPPORTED',
      'This PDF has no document catalog, so it cannot be signed or checked.',
    );
  }
  return doc;
}

export function catalogRef(doc: PdfDocument): PdfRef {
  return doc.trailer.get('Root') as PdfRef;
}

/** References of the document's pages, in order. */
export function pageRefs(doc: PdfDocument): PdfRef[] {
  const catalog = doc.dict(catalogRef(doc));
  const pages: PdfRef[] = [];
  const visit = (node: PdfValue | undefined, depth: number): void => {
    if (!(node instanceof PdfRef) || depth > 64) return;
    const dict = doc.dict(node);
    if (!dict) return;
    if (dict.nameOf('Type') === 'Page' || (!dict.has('Kids') && dict.has('MediaBox'))) {
      pages.push(node);
      return;
    }
    const kids = doc.resolve(dict.get('Kids'));
    if (Array.isArray(kids)) for (const kid of kids) visit(kid, depth + 1);
  };
  visit(catalog?.get('Pages'), 0);
  return pages;
}

export interface SignatureField {
  fieldRef?: PdfRef;
  field: PdfDict;
  /** Fully qualified field name. */
  name: string;
  /** The signature dictionary (/V), when the field is signed. */
  signature?: PdfDict;
  /** Number of the indirect object whose bytes hold the signature dictionary. */
  signatureObjectNum?: number;
}

/** Every signature field reachable from the catalog's /AcroForm /Fields (walking /Kids). */
export function signatureFields(doc: PdfDocument): SignatureField[] {
  const acroForm = doc.dict(doc.dict(catalogRef(doc))?.get('AcroForm'));
  const fields = doc.resolve(acroForm?.get('Fields'));
  const found: SignatureField[] = [];
  const seen = new Set<number>();
  const visit = (
    item: PdfValue,
    parentName: string,
    inheritedType: string | undefined,
    depth: number,
  ): void => {
    if (depth > 32) return;
    if (item instanceof PdfRef) {
      if (seen.has(item.num)) return;
      seen.add(item.num);
    }
    const field = doc.dict(item);
    if (!field) return;
    const partial = textOf(field.get('T'));
    const name = partial === undefined ? parentName : parentName ? `${parentName}.${partial}` : partial;
    const type = field.nameOf('FT') ?? inheritedType;
    const kids = doc.resolve(field.get('Kids'));
    const kidFields = Array.isArray(kids) ? kids.filter((k) => doc.dict(k)?.has('T')) : [];
    if (kidFields.length > 0) {
      for (const kid of kidFields) visit(kid, name, type, depth + 1);
      return;
    }
    if (type !== 'Sig') return;
    const entry: SignatureField = { field, name };
    if (item instanceof PdfRef) entry.fieldRef = item;
    const value = field.get('V');
    const signature = doc.dict(value);
    if (signature) {
      entry.signature = signature;
      const holder = value instanceof PdfRef ? value : item instanceof PdfRef ? item : undefined;
      if (holder) entry.signatureObjectNum = holder.num;
    }
    found.push(entry);
  };
  if (Array.isArray(fields)) for (const item of fields) visit(item, '', undefined, 0);
  return found;
}

export function isStream(value: PdfObject | undefined): value is PdfStream {
  return value instanceof PdfStream;
}

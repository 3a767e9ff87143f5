import { UserFacingError } from '../../../shared/errors';
import { PdfDocument, type PdfRevision } from './document';
import { PDF_LIMITS, PdfLimitError, PdfSyntaxError, megabytes } from './limits';
import { PdfDict, PdfRef, textOf, type PdfValue } from './objects';

/**
 * Opens PDF bytes for signing or verification. Anything the reader cannot trust becomes a
 * UserFacingError in plain words (never a stack trace): NOT_A_PDF, or PDF_NOT_SUPPORTED saying why.
 */
export function openPdf(bytes: Uint8Array): PdfDocument {
  if (bytes.length > PDF_LIMITS.fileBytes)
    throw new UserFacingError(
      'PDF_NOT_SUPPORTED',
      `This file is ${megabytes(bytes.length)}; a certificate or report from the app is well under 1 MB, so it was not checked. Ask for the certificate again.`,
    );
  const doc = readPdf(() => new PdfDocument(bytes));
  if (doc.trailer.has('Encrypt')) {
    throw new UserFacingError(
      'PDF_NOT_SUPPORTED',
      'This PDF is password-protected (encrypted), so the app cannot sign or check it.',
    );
  }
  if (!readPdf(() => doc.revision(0).catalog)) {
    throw new UserFacingError(
      'PDF_NOT_SUPPORTED',
      'This PDF has no document catalog, so it cannot be signed or checked.',
    );
  }
  return doc;
}

/**
 * Runs `read` over an untrusted PDF and turns what can go wrong reading it (damage, a limit, a
 * stack overflow in a library given a hostile structure) into a plain UserFacingError.
 */
export function readPdf<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw asUserFacing(error);
  }
}

/** The user-facing form of an error met while reading an untrusted PDF; other errors unchanged. */
export function asUserFacing(error: unknown): unknown {
  if (error instanceof UserFacingError) return error;
  if (error instanceof PdfSyntaxError && error.reason === 'it is not a PDF')
    return new UserFacingError('NOT_A_PDF', 'This file is not a PDF. Choose the PDF certificate or report.');
  if (error instanceof PdfSyntaxError)
    return new UserFacingError(
      'PDF_NOT_SUPPORTED',
      `This PDF cannot be checked: ${error.reason}. It may be damaged, or made to mislead; ask for the certificate again.`,
    );
  if (error instanceof RangeError)
    return new UserFacingError(
      'PDF_NOT_SUPPORTED',
      'This PDF cannot be checked: its structure is too deeply nested or too large to read safely. It may be damaged, or made to mislead; ask for the certificate again.',
    );
  return error;
}

export function catalogRef(doc: PdfDocument): PdfRef {
  return doc.revision(0).catalogRef!;
}

/**
 * References of the document's pages, in order, as `revision` left them. A page tree that lists
 * a node twice (or loops), is deeper than PDF_LIMITS.pageTreeDepth or has more pages than
 * PDF_LIMITS.pages is refused: readers would disagree on, or never finish, its pages.
 */
export function pageRefs(source: PdfDocument | PdfRevision): PdfRef[] {
  const revision = source instanceof PdfDocument ? source.revision(0) : source;
  const pages: PdfRef[] = [];
  const visited = new Set<number>();
  const visit = (node: PdfValue | undefined, depth: number): void => {
    if (!(node instanceof PdfRef)) return;
    if (visited.has(node.num))
      throw new PdfSyntaxError(
        'page tree lists a node twice',
        0,
        'its page tree lists the same page or group of pages twice',
      );
    visited.add(node.num);
    if (depth > PDF_LIMITS.pageTreeDepth)
      throw new PdfLimitError(`its page tree is more than ${PDF_LIMITS.pageTreeDepth} levels deep`);
    const dict = revision.dict(node);
    if (!dict) return;
    if (dict.nameOf('Type') === 'Page' || (!dict.has('Kids') && dict.has('MediaBox'))) {
      if (pages.length >= PDF_LIMITS.pages)
        throw new PdfLimitError(`it has more than ${PDF_LIMITS.pages.toLocaleString('en-GB')} pages`);
      pages.push(node);
      return;
    }
    for (const kid of revision.array(dict.get('Kids'))) visit(kid, depth + 1);
  };
  visit(revision.catalog?.get('Pages'), 0);
  return pages;
}

/** Page attributes a page takes from its ancestors in the page tree when it does not set them. */
export const INHERITED_PAGE_KEYS = ['Resources', 'MediaBox', 'CropBox', 'Rotate'] as const;

/** A page's value for `key`, its own or inherited through /Parent (bounded, loop-safe). */
export function pageAttribute(
  revision: PdfRevision,
  page: PdfDict,
  key: (typeof INHERITED_PAGE_KEYS)[number],
): PdfValue | undefined {
  let node: PdfDict | undefined = page;
  const seen = new Set<PdfDict>();
  for (let depth = 0; node && !seen.has(node) && depth <= PDF_LIMITS.pageTreeDepth; depth++) {
    seen.add(node);
    const value = node.get(key);
    if (value !== undefined) return value;
    node = revision.dict(node.get('Parent'));
  }
  return undefined;
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

/** Every signature field reachable from the catalog's /AcroForm /Fields (walking /Kids), as `source` left them. */
export function signatureFields(source: PdfDocument | PdfRevision): SignatureField[] {
  const revision = source instanceof PdfDocument ? source.revision(0) : source;
  const acroForm = revision.dict(revision.catalog?.get('AcroForm'));
  const found: SignatureField[] = [];
  const seen = new Set<number>();
  let walked = 0;
  const visit = (
    item: PdfValue,
    parentName: string,
    inheritedType: string | undefined,
    depth: number,
  ): void => {
    if (depth > PDF_LIMITS.nesting) throw new PdfLimitError('its form fields are nested too deeply');
    if (++walked > PDF_LIMITS.formFields)
      throw new PdfLimitError(
        `it has more than ${PDF_LIMITS.formFields.toLocaleString('en-GB')} form fields`,
      );
    if (item instanceof PdfRef) {
      if (seen.has(item.num)) return;
      seen.add(item.num);
    }
    const field = revision.dict(item);
    if (!field) return;
    const partial = textOf(field.get('T'));
    const name = partial === undefined ? parentName : parentName ? `${parentName}.${partial}` : partial;
    const type = field.nameOf('FT') ?? inheritedType;
    const kidFields = revision.array(field.get('Kids')).filter((k) => revision.dict(k)?.has('T'));
    if (kidFields.length > 0) {
      for (const kid of kidFields) visit(kid, name, type, depth + 1);
      return;
    }
    if (type !== 'Sig') return;
    const entry: SignatureField = { field, name };
    if (item instanceof PdfRef) entry.fieldRef = item;
    const value = field.get('V');
    const signature = revision.dict(value);
    if (signature) {
      entry.signature = signature;
      const holder = value instanceof PdfRef ? value : item instanceof PdfRef ? item : undefined;
      if (holder) entry.signatureObjectNum = holder.num;
    }
    found.push(entry);
  };
  for (const item of revision.array(acroForm?.get('Fields'))) visit(item, '', undefined, 0);
  return found;
}

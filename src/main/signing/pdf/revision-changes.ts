import type { PdfDocument } from './document';
import { PdfDict, PdfRef, PdfStream, sameObject, type PdfObject, type PdfValue } from './objects';

/**
 * What a revision added after the first signature may change. A signer's incremental update may
 * add signature fields and their widgets, signature dictionaries, appearance streams and DSS
 * data, and link them in (page /Annots, /AcroForm /Fields, /SigFlags, catalog /AcroForm, /DSS).
 * Anything else — page content, fonts, other annotations, document information — is a change
 * to the signed document.
 */
const CATALOG_KEYS_ALLOWED_TO_CHANGE = new Set(['AcroForm', 'DSS', 'Extensions']);
const ACROFORM_KEYS_ALLOWED_TO_CHANGE = new Set(['Fields', 'SigFlags']);
const EMPTY_SIGNATURE_FIELD_KEYS_ALLOWED_TO_CHANGE = new Set(['V', 'AP']);

export interface RevisionChange {
  /** 1 = the original file; each incremental update adds one. */
  revision: number;
  problem: string;
}

/** Lists every change, in revisions starting at or after `from` (a byte offset), that is not a signature. */
export function changesOtherThanSignatures(doc: PdfDocument, from: number): RevisionChange[] {
  const problems: RevisionChange[] = [];
  const revisions = doc.sections.length;
  doc.sections.forEach((section, index) => {
    if (section.offset < from) return;
    const revision = revisions - index;
    const inspector = new RevisionInspector(doc, index);
    for (const problem of inspector.problems()) problems.push({ revision, problem });
  });
  return problems.sort((a, b) => a.revision - b.revision);
}

class RevisionInspector {
  private readonly before: number;
  private readonly descriptions: Map<number, string>;

  constructor(
    private readonly doc: PdfDocument,
    /** Index into doc.sections of the revision being inspected. */
    private readonly after: number,
  ) {
    this.before = after + 1;
    this.descriptions = describeObjects(doc, this.before);
  }

  *problems(): Generator<string> {
    const section = this.doc.sections[this.after]!;
    const previous = this.doc.sections[this.before];
    if (!previous) return;
    for (const key of ['Root', 'Info', 'Encrypt']) {
      if (!sameObject(section.trailer.get(key), previous.trailer.get(key)))
        yield `it replaces the document's ${key === 'Info' ? 'information' : key === 'Root' ? 'catalog' : 'encryption'}`;
    }
    for (const [num, entry] of section.entries) {
      if (num === 0 || num === section.streamNum) continue;
      const old = this.doc.objectAt(num, this.before);
      if (entry.kind === 'free') {
        if (old !== undefined) yield `it deletes ${this.describe(num)}`;
        continue;
      }
      const updated = this.doc.objectAt(num, this.after);
      if (old === undefined || sameObject(old, updated)) continue;
      const problem = this.unexpectedChange(num, old, updated);
      if (problem) yield problem;
    }
  }

  private describe(num: number): string {
    return this.descriptions.get(num) ?? `object ${num}`;
  }

  /** Undefined when the change is one a signature may make; otherwise what changed. */
  private unexpectedChange(num: number, old: PdfObject, updated: PdfObject | undefined): string | undefined {
    const changed = `it changes ${this.describe(num)}`;
    if (old instanceof PdfStream)
      return old.dict.nameOf('Type') === 'ObjStm'
        ? `it rewrites a compressed object stream (object ${num})`
        : changed;
    if (Array.isArray(old)) return this.listChangeProblem(num, old, updated) ?? undefined;
    if (!(old instanceof PdfDict) || !(updated instanceof PdfDict)) return changed;
    const catalogRef = this.doc.sections[this.before]!.trailer.get('Root');
    if (catalogRef instanceof PdfRef && catalogRef.num === num) {
      if (!onlyKeysChanged(old, updated, CATALOG_KEYS_ALLOWED_TO_CHANGE)) return changed;
      // A form that is direct, or replaced by a new object, is compared here as a whole.
      const oldForm = old.get('AcroForm');
      const newForm = updated.get('AcroForm');
      if (sameObject(oldForm, newForm)) return undefined;
      return this.acroFormProblem(this.dictBefore(oldForm), this.dictAfter(newForm));
    }
    if (old.nameOf('Type') === 'Page') {
      if (!onlyKeysChanged(old, updated, new Set(['Annots']))) return changed;
      return this.addedOnlyProblem(
        this.arrayBefore(old.get('Annots')),
        this.arrayAfter(updated.get('Annots')),
        'annotation',
        (v) => this.isSignatureWidget(v),
      );
    }
    if (this.isAcroForm(num)) return this.acroFormProblem(old, updated);
    if (
      old.nameOf('FT') === 'Sig' &&
      !old.has('V') &&
      onlyKeysChanged(old, updated, EMPTY_SIGNATURE_FIELD_KEYS_ALLOWED_TO_CHANGE)
    )
      return undefined;
    return changed;
  }

  private acroFormProblem(old: PdfDict | undefined, updated: PdfDict | undefined): string | undefined {
    if (!updated) return 'it removes the form';
    if (!old)
      return this.addedOnlyProblem([], this.arrayAfter(updated.get('Fields')), 'form field', (v) =>
        this.isSignatureField(v),
      );
    if (!onlyKeysChanged(old, updated, ACROFORM_KEYS_ALLOWED_TO_CHANGE))
      return 'it changes the form settings';
    return this.addedOnlyProblem(
      this.arrayBefore(old.get('Fields')),
      this.arrayAfter(updated.get('Fields')),
      'form field',
      (v) => this.isSignatureField(v),
    );
  }

  /** An array object changed: allowed only when it is a page's /Annots or the form's /Fields and only grew. */
  private listChangeProblem(
    num: number,
    old: PdfValue[],
    updated: PdfObject | undefined,
  ): string | undefined {
    const newList = Array.isArray(updated) ? updated : [];
    for (const pageRef of pageRefsIn(this.doc, this.after)) {
      const page = this.doc.objectAt(pageRef.num, this.after);
      const annots = page instanceof PdfDict ? page.get('Annots') : undefined;
      if (annots instanceof PdfRef && annots.num === num)
        return this.addedOnlyProblem(old, newList, 'annotation', (v) => this.isSignatureWidget(v));
    }
    const form = this.dictAfter(this.catalogAfter()?.get('AcroForm'));
    const fields = form?.get('Fields');
    if (fields instanceof PdfRef && fields.num === num)
      return this.addedOnlyProblem(old, newList, 'form field', (v) => this.isSignatureField(v));
    return `it changes ${this.describe(num)}`;
  }

  private addedOnlyProblem(
    old: PdfValue[],
    updated: PdfValue[],
    kind: string,
    allowed: (v: PdfValue) => boolean,
  ): string | undefined {
    const remaining = [...updated];
    for (const item of old) {
      const at = remaining.findIndex((candidate) => sameObject(candidate, item));
      if (at < 0) return `it removes an existing ${kind}`;
      remaining.splice(at, 1);
    }
    const other = remaining.find((item) => !allowed(item));
    if (other !== undefined)
      return `it adds ${kind === 'annotation' ? 'an annotation' : 'a form field'} that is not a signature${other instanceof PdfRef ? ` (object ${other.num})` : ''}`;
    return undefined;
  }

  private isSignatureField(value: PdfValue): boolean {
    const dict = this.dictAfter(value);
    return dict?.nameOf('FT') === 'Sig';
  }

  private isSignatureWidget(value: PdfValue): boolean {
    const dict = this.dictAfter(value);
    if (!dict || dict.nameOf('Subtype') !== 'Widget') return false;
    if (dict.nameOf('FT') === 'Sig') return true;
    return this.dictAfter(dict.get('Parent'))?.nameOf('FT') === 'Sig';
  }

  private isAcroForm(num: number): boolean {
    const refs = [this.catalogBefore()?.get('AcroForm'), this.catalogAfter()?.get('AcroForm')];
    return refs.some((ref) => ref instanceof PdfRef && ref.num === num);
  }

  private catalogBefore(): PdfDict | undefined {
    return this.dictBefore(this.doc.sections[this.before]!.trailer.get('Root'));
  }

  private catalogAfter(): PdfDict | undefined {
    return this.dictAfter(this.doc.sections[this.after]!.trailer.get('Root'));
  }

  private dictBefore(value: PdfValue | undefined): PdfDict | undefined {
    return dictIn(this.doc, value, this.before);
  }

  private dictAfter(value: PdfValue | undefined): PdfDict | undefined {
    return dictIn(this.doc, value, this.after);
  }

  private arrayBefore(value: PdfValue | undefined): PdfValue[] {
    return arrayIn(this.doc, value, this.before);
  }

  private arrayAfter(value: PdfValue | undefined): PdfValue[] {
    return arrayIn(this.doc, value, this.after);
  }
}

function dictIn(doc: PdfDocument, value: PdfValue | undefined, sectionIndex: number): PdfDict | undefined {
  const resolved = value instanceof PdfRef ? doc.objectAt(value.num, sectionIndex) : value;
  return resolved instanceof PdfDict ? resolved : undefined;
}

function arrayIn(doc: PdfDocument, value: PdfValue | undefined, sectionIndex: number): PdfValue[] {
  const resolved = value instanceof PdfRef ? doc.objectAt(value.num, sectionIndex) : value;
  return Array.isArray(resolved) ? resolved : [];
}

function onlyKeysChanged(old: PdfDict, updated: PdfDict, allowed: Set<string>): boolean {
  const keys = new Set([...old.entries.keys(), ...updated.entries.keys()]);
  for (const key of keys) if (!allowed.has(key) && !sameObject(old.get(key), updated.get(key))) return false;
  return true;
}

function pageRefsIn(doc: PdfDocument, sectionIndex: number): PdfRef[] {
  const pages: PdfRef[] = [];
  const visit = (node: PdfValue | undefined, depth: number): void => {
    if (!(node instanceof PdfRef) || depth > 64) return;
    const dict = dictIn(doc, node, sectionIndex);
    if (!dict) return;
    if (dict.nameOf('Type') === 'Page') {
      pages.push(node);
      return;
    }
    for (const kid of arrayIn(doc, dict.get('Kids'), sectionIndex)) visit(kid, depth + 1);
  };
  visit(dictIn(doc, doc.sections[sectionIndex]!.trailer.get('Root'), sectionIndex)?.get('Pages'), 0);
  return pages;
}

/** Plain names for the objects a reader would recognise, as of one revision. */
function describeObjects(doc: PdfDocument, sectionIndex: number): Map<number, string> {
  const names = new Map<number, string>();
  const trailer = doc.sections[sectionIndex]?.trailer;
  if (!trailer) return names;
  const root = trailer.get('Root');
  if (root instanceof PdfRef) {
    names.set(root.num, "the document's catalog");
    const pages = dictIn(doc, root, sectionIndex)?.get('Pages');
    if (pages instanceof PdfRef) names.set(pages.num, "the document's list of pages");
  }
  const info = trailer.get('Info');
  if (info instanceof PdfRef) names.set(info.num, "the document's information (title, author, dates)");
  pageRefsIn(doc, sectionIndex).forEach((pageRef, i) => {
    names.set(pageRef.num, `page ${i + 1}`);
    const page = dictIn(doc, pageRef, sectionIndex);
    const contents = page?.get('Contents');
    const refs =
      contents instanceof PdfRef
        ? [contents, ...arrayIn(doc, contents, sectionIndex)]
        : Array.isArray(contents)
          ? contents
          : [];
    for (const ref of refs) if (ref instanceof PdfRef) names.set(ref.num, `the content of page ${i + 1}`);
    const resources = dictIn(doc, page?.get('Resources'), sectionIndex);
    for (const [group, label] of [
      ['Font', 'a font'],
      ['XObject', 'an image or drawing'],
    ] as const) {
      const entries = dictIn(doc, resources?.get(group), sectionIndex);
      for (const value of entries?.entries.values() ?? [])
        if (value instanceof PdfRef && !names.has(value.num))
          names.set(value.num, `${label} on page ${i + 1}`);
    }
  });
  return names;
}

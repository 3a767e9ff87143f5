import type { PdfDocument, PdfRevision, XrefEntry } from './document';
import { excerpt } from './limits';
import { PdfDict, PdfRef, PdfStream, sameObject, textOf, type PdfObject, type PdfValue } from './objects';
import { pageRefs } from './structure';

/**
 * What may change after the lead assessor certifies a document (DocMDP, permission 2), judged
 * the way pyHanko's difference analysis does it — reject by default: every object a later
 * revision adds, changes, frees or gives a new generation is examined, and each must be explained
 * as part of adding an invisible co-signature. Anything unexplained is a named problem.
 *
 * A co-signature may add: a signature field that is also its own widget annotation, named
 * CoSignerSignature<n>, invisible (a zero-size /Rect or the Hidden flag), with no drawing in
 * /AP and no action (/A, /AA); the signature dictionary its /V points at; the widget in a page's
 * /Annots and the field in the form's /Fields (only appended to); the form's /SigFlags; and a
 * form where the catalog had none. Nothing else: no page content, fonts, other annotations,
 * document information, catalog entries, deletions or new generations of existing objects.
 */

/** The name the app gives the co-signature fields it adds: CoSignerSignature1, CoSignerSignature2… */
export const CO_SIGNATURE_FIELD_BASE = 'CoSignerSignature';
export const LEAD_SIGNATURE_FIELD_BASE = 'LeadAssessorSignature';

function isCoSignatureFieldName(name: string): boolean {
  const rest = name.startsWith(CO_SIGNATURE_FIELD_BASE) ? name.slice(CO_SIGNATURE_FIELD_BASE.length) : '';
  return /^[1-9][0-9]{0,2}$/.test(rest);
}

export interface RevisionChange {
  /** 1 = the original file; each incremental update adds one. */
  revision: number;
  problem: string;
}

/** More objects than any co-signature writes (it writes four or five). */
const MAX_OBJECTS_PER_SIGNATURE_UPDATE = 64;
/** Stop after this many problems: one is enough to make the document not valid. */
const MAX_PROBLEMS = 8;

/** Hidden annotation flag (ISO 32000 §12.5.3): never displayed or printed. */
const HIDDEN = 2;

/**
 * Every problem in the revisions newer than `sections[certifiedIndex]` (the revision the
 * certifying signature covers), oldest first.
 */
export function changesAfterCertification(doc: PdfDocument, certifiedIndex: number): RevisionChange[] {
  const problems: RevisionChange[] = [];
  const revisions = doc.sections.length;
  for (let index = certifiedIndex - 1; index >= 0 && problems.length < MAX_PROBLEMS; index--) {
    for (const problem of new RevisionInspector(doc, index).problems()) {
      problems.push({ revision: revisions - index, problem });
      if (problems.length >= MAX_PROBLEMS) break;
    }
  }
  return problems;
}

interface Changed {
  old: PdfObject;
  updated: PdfObject | undefined;
}

class RevisionInspector {
  private readonly before: PdfRevision;
  private readonly after: PdfRevision;
  private readonly added = new Set<number>();
  private readonly changed = new Map<number, Changed>();
  private readonly explained = new Set<number>();
  /** Objects already named in a problem (a drawing a rejected widget points at), not reported again. */
  private readonly covered = new Set<number>();
  private readonly found: string[] = [];
  private descriptions: Map<number, string> | undefined;

  constructor(
    private readonly doc: PdfDocument,
    sectionIndex: number,
  ) {
    this.after = doc.revision(sectionIndex);
    this.before = doc.revision(sectionIndex + 1);
  }

  problems(): string[] {
    const section = this.after.section;
    for (const key of ['Root', 'Info', 'Encrypt'] as const) {
      if (!sameObject(section.trailer.get(key), this.before.trailer.get(key)))
        this.report(`it replaces the document's ${TRAILER_WORDS[key]}`);
    }
    const entries = [...section.entries].filter(([num]) => num !== 0 && num !== section.streamNum);
    if (entries.length > MAX_OBJECTS_PER_SIGNATURE_UPDATE) {
      this.report(
        `it rewrites ${entries.length.toLocaleString('en-GB')} objects, where a co-signature adds a few`,
      );
      return this.found;
    }
    for (const [num, entry] of entries) this.classify(num, entry);
    this.explainCatalog();
    const newFields = this.explainForm();
    const newWidgets = this.explainPages();
    this.explainFields(newFields, newWidgets);
    for (const num of this.added)
      if (!this.explained.has(num) && !this.covered.has(num))
        this.report(`it adds ${this.describeAdded(num)}, which is not part of a co-signature`);
    for (const num of this.changed.keys())
      if (!this.explained.has(num)) this.report(`it changes ${this.describe(num)}`);
    return this.found;
  }

  private report(problem: string): void {
    if (!this.found.includes(problem)) this.found.push(problem);
  }

  private classify(num: number, entry: XrefEntry): void {
    const previous = this.doc.entryAt(num, this.before.sectionIndex);
    const old = previous && previous.kind !== 'free' ? this.before.object(num) : undefined;
    if (entry.kind === 'free') {
      if (old !== undefined) this.report(`it deletes ${this.describe(num)}`);
      return;
    }
    if (old !== undefined && generationOf(previous) !== generationOf(entry)) {
      this.report(`it replaces ${this.describe(num)} with a new generation of it`);
      return;
    }
    const updated = this.after.object(num);
    if (old === undefined) this.added.add(num);
    else if (!sameObject(old, updated)) this.changed.set(num, { old, updated });
  }

  /** The catalog may change only in its form entry (whose content explainForm judges). */
  private explainCatalog(): void {
    const ref = this.after.catalogRef;
    const change = ref ? this.changed.get(ref.num) : undefined;
    if (!ref || !change) return;
    if (change.old instanceof PdfDict && change.updated instanceof PdfDict)
      if (onlyKeysChanged(change.old, change.updated, ['AcroForm'])) this.explained.add(ref.num);
  }

  /** The form may only gain fields (appended to /Fields) and set /SigFlags. Returns the fields it gained. */
  private explainForm(): PdfValue[] {
    const oldForm = this.before.dict(this.before.catalog?.get('AcroForm'));
    const newFormValue = this.after.catalog?.get('AcroForm');
    const newForm = this.after.dict(newFormValue);
    if (!newForm) {
      if (oldForm) this.report('it removes the form');
      return [];
    }
    if (oldForm && !onlyKeysChanged(oldForm, newForm, ['Fields', 'SigFlags'])) {
      this.report('it changes the form settings');
      return [];
    }
    const fieldsValue = newForm.get('Fields');
    const additions = appended(this.before.array(oldForm?.get('Fields')), this.after.array(fieldsValue));
    if (!additions) {
      this.report('it removes or reorders form fields');
      return [];
    }
    for (const value of [newFormValue, fieldsValue])
      if (value instanceof PdfRef && (this.changed.has(value.num) || this.added.has(value.num)))
        this.explained.add(value.num);
    return additions;
  }

  /** A page may only gain widgets in /Annots. Returns the widgets added, by page. */
  private explainPages(): Map<number, number> {
    const widgets = new Map<number, number>();
    for (const pageRef of pageRefs(this.after)) {
      const page = this.after.dict(pageRef);
      const oldPage = this.before.dict(pageRef);
      if (!page) continue;
      if (this.added.has(pageRef.num)) {
        this.report(`it adds a page (object ${pageRef.num})`);
        continue;
      }
      const pageChanged = this.changed.has(pageRef.num);
      const annotsRef = page.get('Annots');
      const annotsTouched =
        annotsRef instanceof PdfRef && (this.changed.has(annotsRef.num) || this.added.has(annotsRef.num));
      if (!pageChanged && !annotsTouched) continue;
      if (!oldPage || !onlyKeysChanged(oldPage, page, ['Annots'])) continue;
      const additions = appended(this.before.array(oldPage.get('Annots')), this.after.array(annotsRef));
      if (!additions) {
        this.report(`it removes or reorders the annotations of ${this.describe(pageRef.num)}`);
        continue;
      }
      if (pageChanged) this.explained.add(pageRef.num);
      if (annotsRef instanceof PdfRef) this.explained.add(annotsRef.num);
      for (const widget of additions) {
        if (widget instanceof PdfRef) widgets.set(widget.num, pageRef.num);
        else this.report(`it adds an annotation written inside ${this.describe(pageRef.num)}`);
      }
    }
    return widgets;
  }

  /**
   * Each field added to the form (or an empty signature field filled in) must be an invisible
   * co-signature widget on a page, and its signature dictionary is then explained too.
   */
  private explainFields(newFields: PdfValue[], newWidgets: Map<number, number>): void {
    const candidates: number[] = [];
    for (const field of newFields) {
      if (field instanceof PdfRef && this.added.has(field.num)) candidates.push(field.num);
      else this.report('it adds to the form a field that is not a new co-signature');
    }
    for (const [num, change] of this.changed) {
      if (isEmptySignatureField(change.old) && change.updated instanceof PdfDict) {
        if (onlyKeysChanged(change.old, change.updated, ['V'])) candidates.push(num);
      }
    }
    for (const num of candidates) {
      const field = this.after.object(num);
      if (!(field instanceof PdfDict)) continue;
      const problems = this.coSignatureFieldProblems(field);
      for (const problem of problems) this.report(problem);
      const page = newWidgets.get(num);
      const namedPage = field.get('P');
      if (this.added.has(num) && page === undefined)
        this.report(`it adds a signature field (object ${num}) that is on no page`);
      else if (page !== undefined && namedPage instanceof PdfRef && namedPage.num !== page)
        this.report(
          `it adds a signature field (object ${num}) that names another page than the one it is on`,
        );
      newWidgets.delete(num);
      if (problems.length > 0) {
        for (const ref of [...referencedNums(field.get('AP')), ...referencedNums(field.get('V'))])
          this.covered.add(ref);
        this.covered.add(num);
        continue;
      }
      this.explained.add(num);
      const signature = field.get('V');
      if (signature instanceof PdfRef && this.added.has(signature.num)) {
        const dict = this.after.dict(signature);
        if (dict && (dict.nameOf('Type') ?? 'Sig') === 'Sig') this.explained.add(signature.num);
      }
    }
    for (const widget of newWidgets.keys()) {
      if (this.covered.has(widget)) continue;
      const dict = this.after.object(widget);
      this.report(
        dict instanceof PdfDict && dict.nameOf('FT') === 'Sig'
          ? `it adds a signature widget (object ${widget}) that is not a field of the form`
          : `it adds an annotation that is not a co-signature (object ${widget})`,
      );
    }
  }

  /** What makes a field anything other than an invisible co-signature, in plain words. */
  private coSignatureFieldProblems(field: PdfDict): string[] {
    const problems: string[] = [];
    const name = textOf(field.get('T')) ?? '';
    if (field.nameOf('FT') !== 'Sig')
      return [`it adds a form field "${excerpt(name)}" that is not a signature`];
    const visible = !hasZeroArea(field.get('Rect')) && ((field.numberOf('F') ?? 0) & HIDDEN) === 0;
    const draws = !appearanceIsEmpty(this.after, field.get('AP'));
    if (draws && visible) problems.push("a signature's appearance covers part of the certificate");
    else if (draws)
      problems.push('a signature carries a drawing (an appearance), which a co-signature never has');
    else if (visible)
      problems.push('a signature field takes up part of the page, where a co-signature is invisible');
    if (field.has('A') || field.has('AA'))
      problems.push('a signature field carries an action, something a reader would run');
    if (field.nameOf('Subtype') !== 'Widget' || field.has('Kids') || field.has('Parent'))
      problems.push('it adds a signature field in parts (not one widget), which a co-signature never is');
    if (!isCoSignatureFieldName(name))
      problems.push(
        `it adds a signature field named "${excerpt(name)}", where only the co-signature (${CO_SIGNATURE_FIELD_BASE}…) may be added`,
      );
    return problems;
  }

  private describe(num: number): string {
    this.descriptions ??= describeObjects(this.before);
    return this.descriptions.get(num) ?? `object ${num}`;
  }

  private describeAdded(num: number): string {
    const value = this.after.object(num);
    const dict = value instanceof PdfStream ? value.dict : value instanceof PdfDict ? value : undefined;
    const kind =
      dict?.nameOf('Subtype') === 'Form' || value instanceof PdfStream
        ? 'a drawing'
        : dict?.nameOf('Type') === 'Font'
          ? 'a font'
          : dict?.nameOf('Type') === 'Annot'
            ? 'an annotation'
            : 'an object';
    return `${kind} (object ${num})`;
  }
}

const TRAILER_WORDS = { Root: 'catalog', Info: 'information', Encrypt: 'encryption' } as const;

function generationOf(entry: XrefEntry | undefined): number | undefined {
  return entry?.kind === 'in-use' ? entry.gen : entry?.kind === 'compressed' ? 0 : undefined;
}

function isEmptySignatureField(value: PdfObject): value is PdfDict {
  return value instanceof PdfDict && value.nameOf('FT') === 'Sig' && !value.has('V');
}

/** `updated` is `old` with items appended (nothing removed or moved): the items appended, else undefined. */
function appended(old: PdfValue[], updated: PdfValue[]): PdfValue[] | undefined {
  if (updated.length < old.length) return undefined;
  for (let i = 0; i < old.length; i++) if (!sameObject(old[i], updated[i])) return undefined;
  return updated.slice(old.length);
}

function onlyKeysChanged(old: PdfDict, updated: PdfDict, allowed: readonly string[]): boolean {
  const keys = new Set([...old.entries.keys(), ...updated.entries.keys()]);
  for (const key of keys)
    if (!allowed.includes(key) && !sameObject(old.get(key), updated.get(key))) return false;
  return true;
}

function hasZeroArea(rect: PdfValue | undefined): boolean {
  if (!Array.isArray(rect) || rect.length !== 4 || !rect.every((n) => typeof n === 'number')) return true;
  const [x1, y1, x2, y2] = rect as number[];
  return Math.abs(x2! - x1!) * Math.abs(y2! - y1!) === 0;
}

/** Whether an annotation is never drawn: no area, or the Hidden flag. */
export function isNeverDrawn(annotation: PdfDict): boolean {
  return hasZeroArea(annotation.get('Rect')) || ((annotation.numberOf('F') ?? 0) & HIDDEN) !== 0;
}

/**
 * An /AP that draws nothing: absent, or every appearance stream in it (normal, rollover, down;
 * directly or per state) has no content but white space.
 */
function appearanceIsEmpty(revision: PdfRevision, value: PdfValue | undefined): boolean {
  if (value === undefined) return true;
  const ap = revision.resolve(value);
  if (!(ap instanceof PdfDict)) return false;
  const streams: PdfObject[] = [];
  for (const entry of ap.entries.values()) {
    const resolved = revision.resolve(entry);
    if (resolved instanceof PdfDict && !(resolved instanceof PdfStream)) {
      for (const state of resolved.entries.values()) streams.push(revision.resolve(state) ?? null);
    } else streams.push(resolved ?? null);
    if (streams.length > 16) return false;
  }
  return streams.every((stream) => {
    if (!(stream instanceof PdfStream)) return false;
    const data = revision.doc.decode(stream);
    return data.every((byte) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09);
  });
}

/** Object numbers referred to from a value (one level into arrays and dictionaries). */
function referencedNums(value: PdfValue | undefined): number[] {
  if (value instanceof PdfRef) return [value.num];
  const items = Array.isArray(value) ? value : value instanceof PdfDict ? [...value.entries.values()] : [];
  return items.flatMap((item) =>
    item instanceof PdfRef
      ? [item.num]
      : item instanceof PdfDict
        ? [...item.entries.values()].filter((v): v is PdfRef => v instanceof PdfRef).map((v) => v.num)
        : [],
  );
}

/** Plain names for the objects a reader would recognise, as of one revision. */
function describeObjects(revision: PdfRevision): Map<number, string> {
  const names = new Map<number, string>();
  const root = revision.catalogRef;
  if (root) {
    names.set(root.num, "the document's catalog");
    const pages = revision.catalog?.get('Pages');
    if (pages instanceof PdfRef) names.set(pages.num, "the document's list of pages");
  }
  const info = revision.trailer.get('Info');
  if (info instanceof PdfRef) names.set(info.num, "the document's information (title, author, dates)");
  pageRefs(revision).forEach((pageRef, i) => {
    names.set(pageRef.num, `page ${i + 1}`);
    const page = revision.dict(pageRef);
    const contents = page?.get('Contents');
    const refs =
      contents instanceof PdfRef ? [contents, ...revision.array(contents)] : revision.array(contents);
    for (const ref of refs) if (ref instanceof PdfRef) names.set(ref.num, `the content of page ${i + 1}`);
    const resources = revision.dict(page?.get('Resources'));
    for (const [group, label] of [
      ['Font', 'a font'],
      ['XObject', 'an image or drawing'],
    ] as const) {
      const entries = revision.dict(resources?.get(group));
      for (const value of entries?.entries.values() ?? [])
        if (value instanceof PdfRef && !names.has(value.num))
          names.set(value.num, `${label} on page ${i + 1}`);
    }
  });
  return names;
}

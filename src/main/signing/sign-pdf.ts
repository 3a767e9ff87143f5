import { UserFacingError } from '../../shared/errors';
import type { AssessorIdentity } from './assessor-identity';
import { buildCadesDetachedSignature } from './cms';
import { sha256 } from './crypto-engine';
import type { PdfDocument } from './pdf/document';
import { PdfDict, PdfRaw, PdfRef, name, pdfText, type PdfValue } from './pdf/objects';
import { indexOfText } from './pdf/parser';
import { formatPdfDate } from './pdf/pdf-date';
import { CO_SIGNATURE_FIELD_BASE, LEAD_SIGNATURE_FIELD_BASE } from './pdf/revision-changes';
import { catalogRef, openPdf, pageRefs, readPdf, signatureFields } from './pdf/structure';
import { appendIncrementalUpdate, type UpdatedObject } from './pdf/writer';

export type SignerRole = 'lead' | 'co-signer';

export interface SignPdfOptions {
  identity: AssessorIdentity;
  /** The lead signs first (a certifying signature); an Expert by Experience co-signs after. */
  role: SignerRole;
  /** Goes in the signature dictionary's /M (PAdES: not a signed attribute). */
  signingTime: Date;
  /** Defaults to the identity's name. */
  name?: string;
  reason?: string;
  location?: string;
  contactInfo?: string;
  /**
   * Sign even though the identity's certificate is not valid at `signingTime`. Only for building
   * test fixtures that a verifier must reject; the app never sets it.
   */
  allowCertificateOutsideValidity?: boolean;
}

/** Bytes reserved for the CMS beyond the certificates it carries (attributes, signature, names). */
const CMS_OVERHEAD_BYTES = 2048;
const BYTE_RANGE_PLACEHOLDER = '[0000000000 0000000000 0000000000 0000000000]';

/**
 * Signs a PDF as PAdES baseline B-B (SubFilter ETSI.CAdES.detached). The signature is always
 * added as an incremental update, so an already-signed file keeps its earlier signatures intact
 * and the result carries one more valid signature.
 */
export async function signPdf(pdf: Uint8Array, options: SignPdfOptions): Promise<Uint8Array> {
  assertIdentityCanSign(options);
  const doc = openPdf(pdf);
  const prepared = readPdf(() => prepareSignatureUpdate(doc, options));
  const { bytes, objectOffsets } = appendIncrementalUpdate(doc, prepared.objects);
  const signatureAt = objectOffsets.get(prepared.signatureNum)!;
  const byteRangeAt =
    indexOfText(bytes, `/ByteRange ${BYTE_RANGE_PLACEHOLDER}`, signatureAt) + '/ByteRange '.length;
  const contentsStart = indexOfText(bytes, '/Contents <', signatureAt) + '/Contents '.length;
  const contentsEnd = contentsStart + prepared.placeholderBytes * 2 + 2;
  const byteRange = [0, contentsStart, contentsEnd, bytes.length - contentsEnd];
  bytes.write(formatByteRange(byteRange), byteRangeAt, 'latin1');

  const digest = sha256(Buffer.concat([bytes.subarray(0, contentsStart), bytes.subarray(contentsEnd)]));
  const cms = await buildCadesDetachedSignature(digest, options.identity);
  if (cms.length > prepared.placeholderBytes)
    throw new Error(`The signature (${cms.length} bytes) does not fit its placeholder`);
  bytes.write(Buffer.from(cms).toString('hex'), contentsStart + 1, 'latin1');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function assertIdentityCanSign(options: SignPdfOptions): void {
  const certificate = options.identity.certificate;
  if (options.allowCertificateOutsideValidity || certificate.isValidAt(options.signingTime)) return;
  const expired = options.signingTime.getTime() > certificate.notAfter.getTime();
  throw new UserFacingError(
    'IDENTITY_EXPIRED',
    expired
      ? `${options.identity.name}'s signing identity expired on ${certificate.notAfter.toISOString().slice(0, 10)}. Ask the scheme to issue a new identity.`
      : `${options.identity.name}'s signing identity is not valid until ${certificate.notBefore.toISOString().slice(0, 10)}.`,
  );
}

function formatByteRange(range: number[]): string {
  const text = `[${range.join(' ')}`;
  return `${text}${' '.repeat(BYTE_RANGE_PLACEHOLDER.length - text.length - 1)}]`;
}

interface PreparedUpdate {
  objects: UpdatedObject[];
  signatureNum: number;
  placeholderBytes: number;
}

/** The objects the incremental update writes: signature, field/widget, and what links them in. */
function prepareSignatureUpdate(doc: PdfDocument, options: SignPdfOptions): PreparedUpdate {
  const catalogReference = catalogRef(doc);
  const catalog = doc.dict(catalogReference)!.clone();
  const firstPage = pageRefs(doc)[0];
  if (!firstPage)
    throw new UserFacingError('PDF_NOT_SUPPORTED', 'This PDF has no pages, so it cannot be signed.');
  const existing = signatureFields(doc);
  const objects = new Map<number, UpdatedObject>();
  const write = (ref: PdfRef, value: UpdatedObject['value']): void => {
    objects.set(ref.num, { num: ref.num, gen: ref.gen, value });
  };
  let nextNum = doc.size;
  const allocate = (): PdfRef => new PdfRef(nextNum++, 0);
  const signatureRef = allocate();
  const widgetRef = allocate();

  const placeholderBytes = placeholderSize(options.identity);
  const certifies = options.role === 'lead' && !existing.some((f) => f.signature) && !catalog.has('Perms');
  write(signatureRef, signatureDictionary(options, placeholderBytes, certifies));
  write(
    widgetRef,
    new PdfDict([
      ['Type', name('Annot')],
      ['Subtype', name('Widget')],
      ['FT', name('Sig')],
      [
        'T',
        pdfText(
          uniqueFieldName(
            options.role,
            existing.map((f) => f.name),
          ),
        ),
      ],
      ['V', signatureRef],
      ['F', 132],
      ['Rect', [0, 0, 0, 0]],
      ['P', firstPage],
    ]),
  );

  let catalogChanged = false;
  addToPageAnnotations(doc, firstPage, widgetRef, write);
  const acroFormValue = catalog.get('AcroForm');
  if (acroFormValue instanceof PdfRef) {
    write(acroFormValue, acroFormWithField(doc, doc.dict(acroFormValue), widgetRef, write));
  } else {
    const acroFormRef = allocate();
    write(acroFormRef, acroFormWithField(doc, doc.dict(acroFormValue), widgetRef, write));
    catalog.set('AcroForm', acroFormRef);
    catalogChanged = true;
  }
  if (certifies) {
    catalog.set('Perms', new PdfDict([['DocMDP', signatureRef]]));
    catalogChanged = true;
  }
  if (headerVersion(doc) < 1.7 && !catalog.has('Version')) {
    catalog.set('Version', name('1.7'));
    catalogChanged = true;
  }
  if (!catalog.has('Extensions')) {
    // PAdES (ETSI.CAdES.detached) in a PDF 1.7 file is announced with the ESIC extension.
    catalog.set(
      'Extensions',
      new PdfDict([
        [
          'ESIC',
          new PdfDict([
            ['BaseVersion', name('1.7')],
            ['ExtensionLevel', 2],
          ]),
        ],
      ]),
    );
    catalogChanged = true;
  }
  if (catalogChanged) write(catalogReference, catalog);
  return {
    objects: [...objects.values()].sort((a, b) => a.num - b.num),
    signatureNum: signatureRef.num,
    placeholderBytes,
  };
}

/** The version in the file's "%PDF-x.y" header. */
function headerVersion(doc: PdfDocument): number {
  const match = /%PDF-(\d+\.\d+)/.exec(Buffer.from(doc.bytes.subarray(0, 1024)).toString('latin1'));
  return match ? Number(match[1]) : 1.4;
}

function placeholderSize(identity: AssessorIdentity): number {
  const chainBytes = identity.chain.reduce((sum, c) => sum + c.der.length, 0);
  return Math.ceil((chainBytes + CMS_OVERHEAD_BYTES) / 256) * 256;
}

function signatureDictionary(options: SignPdfOptions, placeholderBytes: number, certifies: boolean): PdfDict {
  const dict = new PdfDict([
    ['Type', name('Sig')],
    ['Filter', name('Adobe.PPKLite')],
    ['SubFilter', name('ETSI.CAdES.detached')],
    ['ByteRange', new PdfRaw(BYTE_RANGE_PLACEHOLDER)],
    ['M', pdfText(formatPdfDate(options.signingTime))],
    ['Name', pdfText(options.name ?? options.identity.name)],
  ]);
  if (options.reason) dict.set('Reason', pdfText(options.reason));
  if (options.location) dict.set('Location', pdfText(options.location));
  if (options.contactInfo) dict.set('ContactInfo', pdfText(options.contactInfo));
  dict.set('Prop_Build', new PdfDict([['App', new PdfDict([['Name', name('Coproduction Panel')]])]]));
  if (certifies) {
    // The lead's signature certifies the document: later changes may only fill in and sign fields (P 2).
    const transformParams = new PdfDict([
      ['Type', name('TransformParams')],
      ['P', 2],
      ['V', name('1.2')],
    ]);
    dict.set('Reference', [
      new PdfDict([
        ['Type', name('SigRef')],
        ['TransformMethod', name('DocMDP')],
        ['TransformParams', transformParams],
      ]),
    ]);
  }
  dict.set('Contents', new PdfRaw(`<${'0'.repeat(placeholderBytes * 2)}>`));
  return dict;
}

function uniqueFieldName(role: SignerRole, taken: string[]): string {
  const base = role === 'lead' ? LEAD_SIGNATURE_FIELD_BASE : CO_SIGNATURE_FIELD_BASE;
  for (let n = 1; ; n++) if (!taken.includes(`${base}${n}`)) return `${base}${n}`;
}

type Write = (ref: PdfRef, value: UpdatedObject['value']) => void;

function addToPageAnnotations(doc: PdfDocument, pageRef: PdfRef, widgetRef: PdfRef, write: Write): void {
  const page = doc.dict(pageRef)!.clone();
  const annots = page.get('Annots');
  if (annots instanceof PdfRef) {
    const array = doc.resolve(annots);
    write(annots, [...(Array.isArray(array) ? array : []), widgetRef]);
    return;
  }
  page.set('Annots', [...(Array.isArray(annots) ? annots : []), widgetRef]);
  write(pageRef, page);
}

function acroFormWithField(
  doc: PdfDocument,
  current: PdfDict | undefined,
  fieldRef: PdfRef,
  write: Write,
): PdfDict {
  const acroForm = current ? current.clone() : new PdfDict();
  const fields = acroForm.get('Fields');
  if (fields instanceof PdfRef) {
    const array = doc.resolve(fields);
    write(fields, [...(Array.isArray(array) ? array : []), fieldRef]);
  } else {
    acroForm.set('Fields', [...(Array.isArray(fields) ? (fields as PdfValue[]) : []), fieldRef]);
  }
  acroForm.set('SigFlags', 3);
  return acroForm;
}

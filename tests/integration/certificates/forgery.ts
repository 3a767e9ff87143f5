import * as pkijs from 'pkijs';
import { renderCertificate, type CertificateView } from '../../../src/main/documents';
import {
  createSchemeRoot,
  issueAssessorIdentity,
  loadIdentity,
  signPdf,
  signQrPayload,
  unlockSchemeRoot,
  type AssessorIdentity,
  type SchemeRoot,
  PkiCertificate,
  buildCadesDetachedSignature,
  sha256,
  toArrayBuffer,
  PdfDocument,
  PdfDict,
  PdfRaw,
  PdfRef,
  PdfStream,
  pdfName as name,
  pdfText,
  sameObject,
  indexOfText,
  formatPdfDate,
  pageRefs,
  signatureFields,
  appendIncrementalUpdate,
  type UpdatedObject,
  asn1js,
} from '../../../src/main/signing';
import { I_STATEMENTS } from '../../../src/shared/standard';

/**
 * Certificates as the app makes them (react-pdf, signed QR payload, the lead's certifying
 * signature, the co-signature), and the forgeries issue 11 describes, built the way an attacker
 * holding one scheme identity (or the lead's own keys) would build them.
 */

export const ROOT_PASSPHRASE = 'a long scheme passphrase for forgery tests';
const PASSWORD = 'forgery test password';
export const DECIDED = new Date('2025-03-02T09:00:00Z');
export const LEAD_SIGNS = new Date('2025-03-02T10:00:00Z');
export const CO_SIGNS = new Date('2025-03-02T10:05:00Z');
/** When a commissioner checks the certificate. */
export const CHECKED = new Date('2025-04-01T12:00:00Z');

export const LEAD_NAME = 'Amara Okafor';
export const CO_SIGNER_NAME = 'Dafydd Llywelyn';

export interface ForgeryScheme {
  root: SchemeRoot;
  lead: AssessorIdentity;
  coSigner: AssessorIdentity;
  /** Another Expert by Experience on the scheme's register (not the one printed on the certificate). */
  otherExpert: AssessorIdentity;
}

export async function issueIdentity(
  root: SchemeRoot,
  name: string,
  role: string,
  options: { now?: Date; validDays?: number } = {},
): Promise<AssessorIdentity> {
  const issued = await issueAssessorIdentity({
    root,
    rootPassphrase: ROOT_PASSPHRASE,
    name,
    role,
    password: PASSWORD,
    validDays: options.validDays ?? 4 * 365 + 1,
    now: options.now ?? new Date('2025-01-02T00:00:00Z'),
  });
  return loadIdentity(issued.pkcs12, PASSWORD);
}

export async function forgeryScheme(): Promise<ForgeryScheme> {
  const root = await createSchemeRoot({
    name: 'Coproduction Quality Standard',
    passphrase: ROOT_PASSPHRASE,
    now: new Date('2024-01-01T00:00:00Z'),
  });
  const [lead, coSigner, otherExpert] = await Promise.all([
    issueIdentity(root, LEAD_NAME, 'Lead assessor'),
    issueIdentity(root, CO_SIGNER_NAME, 'Expert by Experience assessor'),
    issueIdentity(root, 'Priya Shah', 'Expert by Experience assessor'),
  ]);
  return { root, lead, coSigner, otherExpert };
}

export interface CertificateFacts {
  organisation: string;
  level: 1 | 2 | 3;
}

export const GENUINE: CertificateFacts = { organisation: 'Harbour Minds Community Trust', level: 2 };

/** The certificate page as the app renders it, with the QR payload signed by `lead`. */
export async function renderCertificatePdf(
  scheme: ForgeryScheme,
  printed: CertificateFacts = GENUINE,
  options: { qrFacts?: CertificateFacts; coSignerName?: string | null } = {},
): Promise<Buffer> {
  const qrFacts = options.qrFacts ?? printed;
  const facts = {
    certificateNumber: 'CPS-2025-FORGERY1',
    decisionDate: '2025-03-02',
    validUntil: '2028-03-02',
  };
  const view: CertificateView = {
    schemeName: 'Coproduction Quality Standard',
    organisationName: printed.organisation,
    level: printed.level,
    statements: [...I_STATEMENTS],
    decisionDate: facts.decisionDate,
    validUntil: facts.validUntil,
    interimReviewDue: '2026-09-02',
    certificateNumber: facts.certificateNumber,
    leadAssessorName: LEAD_NAME,
    qrPayload: await signQrPayload(
      { ...facts, organisation: qrFacts.organisation, level: qrFacts.level },
      scheme.lead,
    ),
    standardTitle: 'Coproduction Standard built on the I Statements',
    standardVersion: 1,
  };
  const coSignerName = options.coSignerName === undefined ? CO_SIGNER_NAME : options.coSignerName;
  if (coSignerName !== null) view.coSignerName = coSignerName;
  return renderCertificate(view, { creationDate: DECIDED });
}

export function leadSigns(pdf: Uint8Array, identity: AssessorIdentity, at = LEAD_SIGNS): Promise<Uint8Array> {
  return signPdf(pdf, {
    identity,
    role: 'lead',
    signingTime: at,
    reason: 'Certificate issued by the lead assessor',
  });
}

export function coSigns(
  pdf: Uint8Array,
  identity: AssessorIdentity,
  options: { at?: Date; allowCertificateOutsideValidity?: boolean } = {},
): Promise<Uint8Array> {
  return signPdf(pdf, {
    identity,
    role: 'co-signer',
    signingTime: options.at ?? CO_SIGNS,
    reason: 'Co-signed by an Expert by Experience',
    ...(options.allowCertificateOutsideValidity ? { allowCertificateOutsideValidity: true } : {}),
  });
}

/** The genuine certificate: rendered, certified by the lead, co-signed by the printed Expert by Experience. */
export async function genuineCertificate(scheme: ForgeryScheme): Promise<Uint8Array> {
  return coSigns(await leadSigns(await renderCertificatePdf(scheme), scheme.lead), scheme.coSigner);
}

/**
 * An update made before the lead signs: every object of `replacement` that differs from `pdf`'s
 * (the two rendered from the same layout, so their objects line up) is written again, so what a
 * reader sees becomes `replacement` while the file's oldest revision is still `pdf`.
 */
export function updateToLookLike(pdf: Uint8Array, replacement: Uint8Array): Buffer {
  const original = new PdfDocument(pdf);
  const target = new PdfDocument(replacement);
  const objects: UpdatedObject[] = [];
  for (let num = 1; num < target.size; num++) {
    const wanted = target.get(num);
    if (wanted === undefined || sameObject(original.get(num), wanted)) continue;
    objects.push({ num, gen: 0, value: wanted });
  }
  if (objects.length === 0) throw new Error('the two PDFs draw the same');
  return appendIncrementalUpdate(original, objects).bytes;
}

/** A content stream that draws "Level 3" in large type with the standard Helvetica font. */
export function levelThreeDrawing(width = 400, height = 120): PdfStream {
  const content = Buffer.from(
    `q 1 1 1 rg 0 0 ${width} ${height} re f Q BT /Helv 72 Tf 0 0 0 rg 10 30 Td (Level 3) Tj ET`,
    'latin1',
  );
  return new PdfStream(
    new PdfDict([
      ['Type', name('XObject')],
      ['Subtype', name('Form')],
      ['BBox', [0, 0, width, height]],
      [
        'Resources',
        new PdfDict([
          [
            'Font',
            new PdfDict([
              [
                'Helv',
                new PdfDict([
                  ['Type', name('Font')],
                  ['Subtype', name('Type1')],
                  ['BaseFont', name('Helvetica')],
                ]),
              ],
            ]),
          ],
        ]),
      ],
    ]),
    content,
  );
}

export interface ForgedSignatureOptions {
  identity: AssessorIdentity;
  fieldName: string;
  signingTime: Date;
  /** A visible appearance for the widget: where it sits on the page and what it draws. */
  appearance?: { rect: [number, number, number, number]; drawing: PdfStream };
  /** Leave the signature value empty: an unsigned signature field (still a signature widget). */
  unsigned?: boolean;
}

export async function forgedSignature(pdf: Uint8Array, options: ForgedSignatureOptions): Promise<Buffer> {
  const doc = new PdfDocument(pdf);
  const catalogRef = doc.trailer.get('Root') as PdfRef;
  const catalog = doc.dict(catalogRef)!.clone();
  const pageRef = pageRefs(doc)[0]!;
  let next = doc.size;
  const allocate = (): PdfRef => new PdfRef(next++, 0);
  const signatureRef = allocate();
  const widgetRef = allocate();
  const objects: UpdatedObject[] = [];
  const write = (ref: PdfRef, value: UpdatedObject['value']) =>
    objects.push({ num: ref.num, gen: ref.gen, value });
  const placeholderBytes = 8192;
  const widget = new PdfDict([
    ['Type', name('Annot')],
    ['Subtype', name('Widget')],
    ['FT', name('Sig')],
    ['T', pdfText(options.fieldName)],
    ['F', 132],
    ['Rect', [0, 0, 0, 0]],
    ['P', pageRef],
  ]);
  if (!options.unsigned) widget.set('V', signatureRef);
  if (options.appearance) {
    const drawing = allocate();
    write(drawing, options.appearance.drawing);
    widget
      .set('F', 4)
      .set('Rect', options.appearance.rect)
      .set('AP', new PdfDict([['N', drawing]]));
  }
  write(widgetRef, widget);
  if (!options.unsigned)
    write(
      signatureRef,
      new PdfDict([
        ['Type', name('Sig')],
        ['Filter', name('Adobe.PPKLite')],
        ['SubFilter', name('ETSI.CAdES.detached')],
        ['ByteRange', new PdfRaw('[0000000000 0000000000 0000000000 0000000000]')],
        ['M', pdfText(formatPdfDate(options.signingTime))],
        ['Name', pdfText(options.identity.name)],
        ['Contents', new PdfRaw(`<${'0'.repeat(placeholderBytes * 2)}>`)],
      ]),
    );
  const page = doc.dict(pageRef)!.clone();
  const annots = page.get('Annots');
  page.set('Annots', [...(Array.isArray(annots) ? annots : []), widgetRef]);
  write(pageRef, page);
  const formRef = catalog.get('AcroForm');
  const form = doc.dict(formRef)?.clone() ?? new PdfDict();
  const fields = form.get('Fields');
  form.set('Fields', [...(Array.isArray(fields) ? fields : []), widgetRef]).set('SigFlags', 3);
  if (formRef instanceof PdfRef) write(formRef, form);
  else {
    const newFormRef = allocate();
    write(newFormRef, form);
    catalog.set('AcroForm', newFormRef);
    write(catalogRef, catalog);
  }
  objects.sort((a, b) => a.num - b.num);
  const { bytes, objectOffsets } = appendIncrementalUpdate(doc, objects);
  if (options.unsigned) return bytes;
  const at = objectOffsets.get(signatureRef.num)!;
  const rangeAt = indexOfText(bytes, '/ByteRange [', at) + '/ByteRange '.length;
  const contentsStart = indexOfText(bytes, '/Contents <', at) + '/Contents '.length;
  const contentsEnd = contentsStart + placeholderBytes * 2 + 2;
  const range = `[0 ${contentsStart} ${contentsEnd} ${bytes.length - contentsEnd}`;
  bytes.write(`${range}${' '.repeat(45 - range.length - 1)}]`, rangeAt, 'latin1');
  const digest = sha256(Buffer.concat([bytes.subarray(0, contentsStart), bytes.subarray(contentsEnd)]));
  const cms = await buildCadesDetachedSignature(digest, options.identity);
  bytes.write(Buffer.from(cms).toString('hex'), contentsStart + 1, 'latin1');
  return bytes;
}

/** A visible appearance drawing "Level 3" across the middle of the page. */
export const LEVEL_THREE_OVER_THE_PAGE: NonNullable<ForgedSignatureOptions['appearance']> = {
  rect: [220, 250, 620, 370],
  drawing: levelThreeDrawing(),
};

/**
 * A second certificate for the lead's own key, issued by the scheme root (as a scheme office
 * that made a mistake, or an attacker with the root key, would): another name, the Expert by
 * Experience role. Signing with it puts both signatures on one key.
 */
export async function sameKeyIdentity(
  scheme: ForgeryScheme,
  name: string,
  role: string,
): Promise<AssessorIdentity> {
  const template = await issueIdentity(scheme.root, name, role);
  const rootKey = await unlockSchemeRoot(scheme.root, ROOT_PASSPHRASE);
  const certificate = pkijs.Certificate.fromBER(toArrayBuffer(template.certificate.der));
  certificate.subjectPublicKeyInfo = pkijs.PublicKeyInfo.fromBER(
    toArrayBuffer(scheme.lead.certificate.publicKeyInfo),
  );
  certificate.serialNumber = new asn1js.Integer({ value: 0x5a3e });
  await certificate.sign(rootKey, 'SHA-256');
  const forged = PkiCertificate.fromAsn(certificate);
  return {
    ...template,
    privateKey: scheme.lead.privateKey,
    certificate: forged,
    chain: [forged, scheme.root.certificate],
    certificateNumber: forged.serialNumber,
    keyId: forged.keyId,
  };
}

/** Names of the signature fields, in order. */
export function fieldNames(pdf: Uint8Array): string[] {
  return signatureFields(new PdfDocument(pdf)).map((field) => field.name);
}

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCertificate } from '../../../src/main/certificates';
import { PdfDocument, type PdfRef, pageRefs, appendIncrementalUpdate } from '../../../src/main/signing';
import type { CertificateVerification } from '../../../src/shared/api';
import { missingPdfTools, qpdfCheck } from '../documents/pdf-tools';
import { missingTools, pdfsig, workspace, type Workspace } from '../signing/tools';
import {
  CHECKED,
  CO_SIGNER_NAME,
  CO_SIGNS,
  LEAD_SIGNS,
  LEVEL_THREE_OVER_THE_PAGE,
  coSigns,
  forgedSignature,
  forgeryScheme,
  genuineCertificate,
  issueIdentity,
  leadSigns,
  renderCertificatePdf,
  sameKeyIdentity,
  updateToLookLike,
  type ForgeryScheme,
} from './forgery';

/**
 * The attacks of issue 11, each built as an attacker would build it. Every one of these files
 * carries signatures that are cryptographically valid (pdfsig agrees), and each was reported
 * VALID before the verifier learned to judge what a reader sees and who signed.
 */

const missing = [...new Set([...missingTools(), ...missingPdfTools()])];

function failed(result: CertificateVerification): Array<{ name: string; message: string }> {
  return result.checks.filter((check) => !check.passed).map(({ name, message }) => ({ name, message }));
}

function failedMessages(result: CertificateVerification): string {
  return failed(result)
    .map((check) => `${check.name}: ${check.message}`)
    .join('\n');
}

describe('attacks on a certificate are not valid, each with a plain reason', () => {
  let scheme: ForgeryScheme;
  let genuine: Uint8Array;
  let ws: Workspace;
  const verify = (pdf: Uint8Array, now = CHECKED) =>
    verifyCertificate(pdf, { trustedRoots: [scheme.root.certificate], now });

  beforeAll(async () => {
    scheme = await forgeryScheme();
    genuine = await genuineCertificate(scheme);
    ws = workspace();
  });
  afterAll(() => ws?.dispose());

  it('the genuine certificate is valid, and its last revision draws exactly what the lead signed (pdftoppm)', async () => {
    const result = await verify(genuine);
    expect(failed(result)).toEqual([]);
    expect(result.valid).toBe(true);
    if (missing.length > 0) return;
    const leadRevision = ws.write('genuine-lead.pdf', genuine.subarray(0, leadRevisionEnd(genuine)));
    expect(render(ws.write('genuine.pdf', genuine))).toEqual(render(leadRevision));
  });

  it.skipIf(missing.length > 0)(
    'a third signature whose field paints "Level 3" over the page: pdfsig says all valid; we say not valid',
    async () => {
      const painted = await forgedSignature(genuine, {
        identity: scheme.otherExpert,
        fieldName: 'Witness',
        signingTime: new Date('2025-03-03T09:00:00Z'),
        appearance: LEVEL_THREE_OVER_THE_PAGE,
      });
      const file = ws.write('third-signature-repaint.pdf', painted);
      expect(pdfsig(file).map((s) => [s.signatureValid, s.totalDocumentSigned])).toEqual([
        [true, false],
        [true, false],
        [true, true],
      ]);
      expect(qpdfCheck(file).status).toBe(0);
      expect(render(file)).not.toEqual(render(ws.write('before-repaint.pdf', genuine)));
      const result = await verify(painted);
      expect(result.valid).toBe(false);
      expect(failedMessages(result)).toContain('covers part of the certificate');
      expect(result.summary).toMatch(/^Do not rely on this certificate\./);
    },
  );

  it('an unsigned signature field with an appearance, then any signature over it: not valid', async () => {
    const field = await forgedSignature(genuine, {
      identity: scheme.otherExpert,
      fieldName: 'Stamp',
      signingTime: CO_SIGNS,
      appearance: LEVEL_THREE_OVER_THE_PAGE,
      unsigned: true,
    });
    const sealed = await coSigns(field, scheme.otherExpert, { at: new Date('2025-03-03T09:00:00Z') });
    const result = await verify(sealed);
    expect(result.valid).toBe(false);
    expect(failedMessages(result)).toContain('covers part of the certificate');
  });

  it('the co-signature itself with a visible appearance drawing "Level 3": not valid', async () => {
    const leadSigned = await leadSigns(await renderCertificatePdf(scheme), scheme.lead);
    const painted = await forgedSignature(leadSigned, {
      identity: scheme.coSigner,
      fieldName: 'CoSignerSignature1',
      signingTime: CO_SIGNS,
      appearance: LEVEL_THREE_OVER_THE_PAGE,
    });
    const result = await verify(painted);
    expect(result.valid).toBe(false);
    expect(failedMessages(result)).toContain('covers part of the certificate');
  });

  it('an update giving the page content a new generation (so "N 0 R" finds nothing, and readers draw a blank page), then the co-signature: not valid', async () => {
    const leadSigned = await leadSigns(await renderCertificatePdf(scheme), scheme.lead);
    const doc = new PdfDocument(leadSigned);
    const contents = doc.dict(pageRefs(doc)[0])!.get('Contents') as PdfRef;
    const regenerated = appendIncrementalUpdate(doc, [
      { num: contents.num, gen: contents.gen + 1, value: doc.get(contents)! },
    ]).bytes;
    const forged = await coSigns(regenerated, scheme.coSigner);
    if (missing.length === 0) {
      const file = ws.write('new-generation.pdf', forged);
      expect(pdfsig(file).map((s) => s.signatureValid)).toEqual([true, true]);
      const leadFile = ws.write('new-generation-lead.pdf', leadSigned);
      expect(render(file)).not.toEqual(render(leadFile));
    }
    const result = await verify(forged);
    expect(result.valid).toBe(false);
    expect(failedMessages(result)).toContain('it replaces the content of page 1 with a new generation of it');
    expect(failedMessages(result)).toContain('page 1 draws something different now');
  });

  it('an update made before the lead signed changes what is printed (Level 3) while the signed QR says Level 2: not valid', async () => {
    const levelTwo = await renderCertificatePdf(scheme);
    const printedLevelThree = await renderCertificatePdf(
      scheme,
      { ...GENUINE_FACTS, level: 3 },
      { qrFacts: GENUINE_FACTS },
    );
    const updated = updateToLookLike(levelTwo, printedLevelThree);
    const forged = await coSigns(await leadSigns(updated, scheme.lead), scheme.coSigner);
    if (missing.length === 0) {
      const file = ws.write('pre-signature-update.pdf', forged);
      expect(pdfsig(file).map((s) => s.signatureValid)).toEqual([true, true]);
      expect(pdfText(file)).toContain('Level 3');
    }
    const result = await verify(forged);
    expect(result.valid).toBe(false);
    expect(failed(result).map((check) => check.name)).toContain('QR code matches the printed certificate');
    expect(failedMessages(result)).toContain('level (QR: "2", certificate: "3")');
  });

  it('a backdated signing time with an identity that has since expired: not valid, and /M is only "the time the signer claims"', async () => {
    const expiring = await issueIdentity(scheme.root, CO_SIGNER_NAME, 'Expert by Experience assessor', {
      now: new Date('2024-03-01T00:00:00Z'),
      validDays: 400,
    });
    expect(expiring.certificate.notAfter.toISOString()).toBe('2025-04-05T00:00:00.000Z');
    const leadSigned = await leadSigns(await renderCertificatePdf(scheme), scheme.lead);
    // Signed after 5 April 2025 but dated 2 March 2025, inside the identity's validity: the file
    // cannot show the difference, so the identity is judged at the time of checking.
    const backdated = await coSigns(leadSigned, expiring, { at: CO_SIGNS });
    const checkedAfterExpiry = new Date('2025-06-01T12:00:00Z');
    const result = await verify(backdated, checkedAfterExpiry);
    expect(result.valid).toBe(false);
    const reasons = failedMessages(result);
    expect(reasons).toContain(`${CO_SIGNER_NAME}'s identity expired on 5 April 2025`);
    expect(reasons).toContain('the time the signer claims');
    const beforeExpiry = await verify(backdated, CHECKED);
    expect(failed(beforeExpiry)).toEqual([]);
  });

  it('both signatures on one key: the lead co-signs with their own identity, or with a second certificate for the same key: not valid', async () => {
    const leadSigned = await leadSigns(await renderCertificatePdf(scheme), scheme.lead);
    const ownIdentity = await verify(await coSigns(leadSigned, scheme.lead));
    expect(ownIdentity.valid).toBe(false);
    expect(failedMessages(ownIdentity)).toContain('same key as the lead assessor');

    const secondCertificate = await sameKeyIdentity(scheme, CO_SIGNER_NAME, 'Expert by Experience assessor');
    const sameKey = await verify(await coSigns(leadSigned, secondCertificate));
    expect(sameKey.valid).toBe(false);
    expect(failedMessages(sameKey)).toContain('same key as the lead assessor');
  });

  it('co-signed by an Expert by Experience who is not the co-signer printed on the certificate: not valid', async () => {
    const leadSigned = await leadSigns(await renderCertificatePdf(scheme), scheme.lead);
    const result = await verify(await coSigns(leadSigned, scheme.otherExpert));
    expect(result.valid).toBe(false);
    expect(failedMessages(result)).toContain(
      `The certificate names ${CO_SIGNER_NAME} as its co-signer, but it was co-signed by Priya Shah`,
    );
  });

  it('co-signed by a lead-role identity, or certified by an Expert by Experience: not valid', async () => {
    const otherLead = await issueIdentity(scheme.root, CO_SIGNER_NAME, 'Lead assessor');
    const leadSigned = await leadSigns(await renderCertificatePdf(scheme), scheme.lead);
    const wrongCoSigner = await verify(await coSigns(leadSigned, otherLead));
    expect(wrongCoSigner.valid).toBe(false);
    expect(failedMessages(wrongCoSigner)).toContain('not an Expert by Experience identity');

    const certifiedByExpert = await verify(
      await coSigns(
        await leadSigns(await renderCertificatePdf(scheme), scheme.coSigner, LEAD_SIGNS),
        scheme.otherExpert,
      ),
    );
    expect(certifiedByExpert.valid).toBe(false);
    expect(failedMessages(certifiedByExpert)).toContain('not a lead assessor identity');
  });
});

const GENUINE_FACTS = { organisation: 'Harbour Minds Community Trust', level: 2 as const };

/** Where the lead's revision ends: the end of the first signature's byte range. */
function leadRevisionEnd(pdf: Uint8Array): number {
  const match = /\/ByteRange \[0 \d+ (\d+) (\d+)/.exec(Buffer.from(pdf).toString('latin1'))!;
  return Number(match[1]) + Number(match[2]);
}

/** The page rendered by pdftoppm (poppler draws annotation appearances, as a reader does). */
function render(file: string): Buffer {
  const prefix = `${file}.render`;
  execFileSync('pdftoppm', ['-r', '24', '-png', '-singlefile', file, prefix], { stdio: 'pipe' });
  return readFileSync(`${prefix}.png`);
}

function pdfText(file: string): string {
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
}

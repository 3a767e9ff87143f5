import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  parseRevocationList,
  revokeCertificates,
  signPdf,
  verifyPdf,
  type PdfVerification,
  type VerifyPdfOptions,
  PdfDocument,
  PdfDict,
  PdfRef,
  PdfStream,
  pdfName as name,
  pdfText,
  pageRefs,
  appendIncrementalUpdate,
} from '../../../src/main/signing';
import {
  CHECKED_AT,
  LEAD_SIGNS_AT,
  ROOT_PASSPHRASE,
  coSign,
  identityFrom,
  makeScheme,
  signAsLead,
  type TestScheme,
} from './scheme-fixture';
import { renderTestCertificate } from './test-pdf';
import { missingTools, pdfsig, run, workspace, type Workspace } from './tools';

const missing = missingTools();

/** Ids of the checks that failed, per signature then for the document. */
function failures(result: PdfVerification): { signatures: string[][]; document: string[] } {
  return {
    signatures: result.signatures.map((s) => s.checks.filter((c) => c.status === 'failed').map((c) => c.id)),
    document: result.documentChecks.filter((c) => c.status === 'failed').map((c) => c.id),
  };
}

function messageOf(result: PdfVerification, id: string): string {
  const check = [...result.signatures.flatMap((s) => s.checks), ...result.documentChecks].find(
    (c) => c.id === id && c.status === 'failed',
  );
  return check?.message ?? '';
}

/** Replaces the first occurrence of `from` by `to` (same length) in a copy. */
function tamper(pdf: Uint8Array, from: string, to: string, after = 0): Buffer {
  expect(to.length).toBe(from.length);
  const copy = Buffer.from(pdf);
  const at = copy.indexOf(from, after, 'latin1');
  expect(at).toBeGreaterThanOrEqual(0);
  copy.write(to, at, 'latin1');
  return copy;
}

/** An incremental update that replaces page 1's content stream, as a forger would append it. */
function appendContentChange(pdf: Uint8Array): Buffer {
  const doc = new PdfDocument(pdf);
  const page = doc.dict(pageRefs(doc)[0])!;
  const contents = page.get('Contents') as PdfRef;
  const forged = new PdfStream(
    new PdfDict(),
    Buffer.from('BT /F1 48 Tf 100 300 Td (Level 3) Tj ET', 'latin1'),
  );
  return appendIncrementalUpdate(doc, [{ num: contents.num, gen: contents.gen, value: forged }]).bytes;
}

/** An incremental update that adds a visible note (a FreeText annotation) to page 1. */
function appendNote(pdf: Uint8Array): Buffer {
  const doc = new PdfDocument(pdf);
  const pageRef = pageRefs(doc)[0]!;
  const page = doc.dict(pageRef)!.clone();
  const note = new PdfRef(doc.size, 0);
  const annots = page.get('Annots');
  page.set('Annots', [...(Array.isArray(annots) ? annots : []), note]);
  const freeText = new PdfDict([
    ['Type', name('Annot')],
    ['Subtype', name('FreeText')],
    ['Rect', [100, 100, 400, 160]],
    ['Contents', pdfText('Level 3 awarded')],
    ['DA', pdfText('/Helv 24 Tf 0 g')],
  ]);
  return appendIncrementalUpdate(doc, [
    { num: pageRef.num, gen: pageRef.gen, value: page },
    { num: note.num, gen: 0, value: freeText },
  ]).bytes;
}

describe('verification failures, each with its own reason', () => {
  let scheme: TestScheme;
  let coSigned: Uint8Array;
  let leadSigned: Uint8Array;
  let options: VerifyPdfOptions;
  let ws: Workspace;

  beforeAll(async () => {
    scheme = await makeScheme();
    leadSigned = await signAsLead(await renderTestCertificate(), scheme.lead);
    coSigned = await coSign(leadSigned, scheme.coSigner);
    options = { trustedRoots: [scheme.root.certificate], now: CHECKED_AT, signers: 'lead-and-co-signer' };
    ws = workspace();
  });
  afterAll(() => ws?.dispose());

  it('a changed byte in the part both signatures cover fails both digests', async () => {
    const changed = tamper(coSigned, '(react-pdf)', '(react-pdg)');
    const result = await verifyPdf(changed, options);
    expect(failures(result)).toEqual({
      signatures: [['document-digest'], ['document-digest']],
      document: [],
    });
    expect(messageOf(result, 'document-digest')).toBe(
      'The document has been changed since Amara Okafor signed it: its SHA-256 digest no longer matches the signature.',
    );
  });

  it("a changed byte in the lead's signature dictionary fails both digests; one in the co-signer's update fails only the co-signer's", async () => {
    const inLead = await verifyPdf(
      tamper(coSigned, 'Certificate issued by', 'Certificate Issued by'),
      options,
    );
    expect(failures(inLead).signatures).toEqual([['document-digest'], ['document-digest']]);
    const afterCoSignerContents = tamper(coSigned, '(CoSignerSignature1)', '(CoSignerSignature2)');
    const inCoSigner = await verifyPdf(afterCoSignerContents, options);
    expect(failures(inCoSigner)).toEqual({ signatures: [[], ['document-digest']], document: [] });
  });

  it.skipIf(missing.length > 0)('pdfsig also reports a tampered signature as not valid', () => {
    const file = ws.write('tampered.pdf', tamper(coSigned, '(CoSignerSignature1)', '(CoSignerSignature2)'));
    const signatures = pdfsig(file);
    expect(signatures[0]!.signatureValid).toBe(true);
    expect(signatures[1]!.signatureValid).toBe(false);
    expect(signatures[1]!.validation).toMatch(/Digest Mismatch|Invalid/i);
  });

  it('an appended update that changes page content fails "changes after signing" and "same page", though each signed revision is intact', async () => {
    const result = await verifyPdf(appendContentChange(coSigned), options);
    expect(failures(result)).toEqual({
      signatures: [[], []],
      document: ['changes-after-signing', 'same-page-drawn', 'whole-document-signed'],
    });
    expect(messageOf(result, 'changes-after-signing')).toBe(
      'Something other than an invisible co-signature was added after the lead assessor certified the document (revision 4: it changes the content of page 1).',
    );
    expect(messageOf(result, 'same-page-drawn')).toBe(
      'What a reader sees is not what Amara Okafor signed: page 1 draws something different now.',
    );
  });

  it('content changed before the co-signature is still caught, even though the co-signature covers the whole file', async () => {
    const forged = await coSign(appendContentChange(leadSigned), scheme.coSigner);
    const result = await verifyPdf(forged, options);
    expect(failures(result)).toEqual({
      signatures: [[], []],
      document: ['changes-after-signing', 'same-page-drawn'],
    });
    expect(messageOf(result, 'changes-after-signing')).toContain(
      'revision 3: it changes the content of page 1',
    );
  });

  it('an appended annotation that is not a signature fails "changes after signing"', async () => {
    const result = await verifyPdf(appendNote(coSigned), options);
    expect(failures(result).document).toEqual([
      'changes-after-signing',
      'same-page-drawn',
      'whole-document-signed',
    ]);
    expect(messageOf(result, 'changes-after-signing')).toMatch(
      /it adds an annotation that is not a co-signature \(object \d+\)/,
    );
  });

  it('bytes appended after the last signature fail "whole document signed"', async () => {
    const result = await verifyPdf(
      Buffer.concat([Buffer.from(coSigned), Buffer.from('% appended\n')]),
      options,
    );
    expect(failures(result)).toEqual({ signatures: [[], []], document: ['whole-document-signed'] });
    expect(messageOf(result, 'whole-document-signed')).toBe(
      '11 bytes were added after the last signature (Dafydd Llywelyn); no signature covers them.',
    );
  });

  it('a signer whose identity another root issued fails chain trust only', async () => {
    const other = await makeScheme('Unofficial Scheme');
    const forged = await coSign(leadSigned, other.coSigner);
    const result = await verifyPdf(forged, options);
    expect(failures(result)).toEqual({ signatures: [[], ['trusted-chain']], document: [] });
    expect(messageOf(result, 'trusted-chain')).toBe(
      `Dafydd Llywelyn's certificate was not issued by a trusted scheme root (it names "Unofficial Scheme Root" as its issuer), so this signature cannot be trusted.`,
    );
  });

  it('an identity that had expired when it signed (and so by the time of checking) fails its validity check only', async () => {
    const expired = await identityFrom(scheme.root, 'Former Assessor', 'Lead assessor', {
      now: new Date('2023-01-01T00:00:00Z'),
      validDays: 365,
    });
    const signed = await signPdf(await renderTestCertificate(), {
      identity: expired.identity,
      role: 'lead',
      signingTime: LEAD_SIGNS_AT,
      allowCertificateOutsideValidity: true,
    });
    const result = await verifyPdf(signed, { ...options, signers: 'lead-only' });
    expect(failures(result)).toEqual({ signatures: [['identity-valid']], document: [] });
    expect(messageOf(result, 'identity-valid')).toBe(
      "Former Assessor's identity expired on 1 January 2024, before 1 April 2025, the date checked. Without a trusted timestamp a signature can be trusted only while the identity that made it is valid; the date in the signature, 2 March 2025 at 10:00 UTC, is only the time the signer claims.",
    );
  });

  it('checked as on the signing day, the signatures are valid; as on the day before, the identities were not yet valid', async () => {
    const sameDay = await verifyPdf(coSigned, { ...options, now: new Date('2025-03-02T09:30:00Z') });
    expect(sameDay.problems).toEqual([]);
    const dayBefore = await verifyPdf(coSigned, { ...options, now: new Date('2025-03-01T12:00:00Z') });
    expect(failures(dayBefore).signatures).toEqual([['identity-valid'], ['identity-valid']]);
    expect(messageOf(dayBefore, 'identity-valid')).toBe(
      "Amara Okafor's identity is valid only from 2 March 2025, after 1 March 2025, the date checked.",
    );
  });

  it('a revoked certificate fails revocation only, and a withdrawn kitemark fails its own check', async () => {
    const crl = await revokeCertificates({
      root: scheme.root,
      rootPassphrase: ROOT_PASSPHRASE,
      entries: [
        {
          serial: scheme.coSigner.certificateNumber,
          reason: 'keyCompromise',
          date: new Date('2025-03-20T00:00:00Z'),
        },
        {
          kitemarkCertificateNumber: 'CPS-2025-0042',
          reason: 'privilegeWithdrawn',
          date: new Date('2025-03-21T00:00:00Z'),
        },
      ],
      now: new Date('2025-03-21T00:00:00Z'),
    });
    const revocations = [await parseRevocationList(crl.pem, [scheme.root.certificate])];
    const result = await verifyPdf(coSigned, {
      ...options,
      revocations,
      readCertified: () => ({ kitemark: { certificateNumber: 'CPS-2025-0042', validUntil: '2028-03-01' } }),
    });
    expect(failures(result)).toEqual({
      signatures: [[], ['revocation']],
      document: ['kitemark-not-revoked'],
    });
    expect(messageOf(result, 'revocation')).toBe(
      `Dafydd Llywelyn's certificate (number ${scheme.coSigner.certificateNumber}) was revoked on 20 March 2025 because the key may have been compromised.`,
    );
    expect(messageOf(result, 'kitemark-not-revoked')).toBe(
      'Certificate CPS-2025-0042 was withdrawn by the scheme on 21 March 2025 because the award or permission was withdrawn.',
    );
    expect(result.signatures[0]!.checks.find((c) => c.id === 'revocation')?.status).toBe('passed');
  });

  it('a suspension (reason certificateHold) is reported as a suspension, for the kitemark and for a signer, never as a withdrawal', async () => {
    const crl = await revokeCertificates({
      root: scheme.root,
      rootPassphrase: ROOT_PASSPHRASE,
      entries: [
        {
          serial: scheme.coSigner.certificateNumber,
          reason: 'certificateHold',
          date: new Date('2025-03-20T00:00:00Z'),
        },
        {
          kitemarkCertificateNumber: 'CPS-2025-0042',
          reason: 'certificateHold',
          date: new Date('2025-03-21T00:00:00Z'),
        },
      ],
      now: new Date('2025-03-21T00:00:00Z'),
    });
    const revocations = [await parseRevocationList(crl.pem, [scheme.root.certificate])];
    expect(revocations[0]!.entries.map((entry) => entry.reason)).toEqual([
      'certificateHold',
      'certificateHold',
    ]);
    const result = await verifyPdf(coSigned, {
      ...options,
      revocations,
      readCertified: () => ({ kitemark: { certificateNumber: 'CPS-2025-0042', validUntil: '2028-03-01' } }),
    });
    expect(failures(result)).toEqual({
      signatures: [[], ['revocation']],
      document: ['kitemark-not-suspended'],
    });
    expect(messageOf(result, 'kitemark-not-suspended')).toBe(
      'Certificate CPS-2025-0042 has been suspended by the scheme since 21 March 2025 (on hold while the scheme looks into it); it cannot be relied on unless the scheme reinstates it.',
    );
    expect(messageOf(result, 'revocation')).toBe(
      `Dafydd Llywelyn's certificate (number ${scheme.coSigner.certificateNumber}) has been suspended by the scheme since 20 March 2025 (on hold while the scheme looks into it), so this signature cannot be relied on unless the scheme reinstates it.`,
    );
    expect(result.problems.join(' ')).not.toMatch(/withdrawn|revoked/);
  });

  it.skipIf(missing.length > 0)(
    'openssl reads a suspension in the list as the reason Certificate Hold',
    async () => {
      const crl = await revokeCertificates({
        root: scheme.root,
        rootPassphrase: ROOT_PASSPHRASE,
        entries: [
          {
            kitemarkCertificateNumber: 'CPS-2025-0042',
            reason: 'certificateHold',
            date: new Date('2025-03-21T00:00:00Z'),
          },
        ],
        now: new Date('2025-03-21T00:00:00Z'),
      });
      const text = run('openssl', ['crl', '-in', ws.write('held.crl', crl.pem), '-noout', '-text']);
      expect(text.status).toBe(0);
      expect(text.output).toMatch(/X509v3 CRL Reason Code:\s*Certificate Hold/);
    },
  );

  it('an expired kitemark fails its expiry check only', async () => {
    const result = await verifyPdf(coSigned, {
      ...options,
      now: new Date('2028-03-02T00:00:00Z'),
      readCertified: () => ({ kitemark: { validUntil: '2028-03-01' } }),
    });
    expect(failures(result)).toEqual({ signatures: [[], []], document: ['kitemark-current'] });
    expect(messageOf(result, 'kitemark-current')).toBe(
      'The kitemark has expired: it was valid until 1 March 2028.',
    );
    const current = await verifyPdf(coSigned, {
      ...options,
      readCertified: () => ({ kitemark: { validUntil: '2028-03-01' } }),
    });
    expect(current.documentChecks.find((c) => c.id === 'kitemark-current')?.message).toBe(
      'The kitemark is current: it is valid until 1 March 2028.',
    );
  });

  it('a file cut short inside the co-signature is called incomplete, not "only the lead has signed" nor "bytes added"', async () => {
    const cut = coSigned.subarray(0, coSigned.length - 400);
    const result = await verifyPdf(cut, options);
    expect(failures(result).document).toEqual(['co-signed', 'whole-document-signed']);
    expect(messageOf(result, 'whole-document-signed')).toBe(
      'This file is incomplete (cut short): it ends partway through what was added after Amara Okafor’s signature. Ask for the certificate again.',
    );
    expect(messageOf(result, 'co-signed')).toBe(
      'The co-signature cannot be checked. This file is incomplete (cut short): it ends partway through what was added after the lead assessor Amara Okafor’s signature. Ask for the certificate again.',
    );
    const appended = await verifyPdf(
      Buffer.concat([Buffer.from(leadSigned), Buffer.from('% a note\n')]),
      options,
    );
    expect(messageOf(appended, 'co-signed')).toMatch(/^Only the lead assessor \(Amara Okafor\) has signed\./);
  });

  it('a file cut short before its end, or whose index of objects loops, is refused in those words', async () => {
    for (const length of [100, coSigned.length - 10]) {
      await expect(verifyPdf(coSigned.subarray(0, length), options)).rejects.toMatchObject({
        code: 'PDF_NOT_SUPPORTED',
        message: expect.stringMatching(
          /^This PDF cannot be checked: it was cut short \(the file is incomplete\)\./,
        ),
      });
    }
    const at = coSigned.length;
    const loop = Buffer.concat([
      Buffer.from(coSigned),
      Buffer.from(`xref\n0 0\ntrailer\n<< /Size 1 /Prev ${at} >>\nstartxref\n${at}\n%%EOF\n`, 'latin1'),
    ]);
    await expect(verifyPdf(loop, options)).rejects.toMatchObject({
      message: expect.stringMatching(
        /^This PDF cannot be checked: its index of objects loops back on itself\./,
      ),
    });
  });

  it('the lead signing again after a genuine co-signature: the co-signer is named, and the extra signature is not allowed', async () => {
    const result = await verifyPdf(await coSign(coSigned, scheme.lead), options);
    expect(failures(result).document).toContain('co-signed');
    expect(messageOf(result, 'co-signed')).toBe(
      'Dafydd Llywelyn co-signed; then Amara Okafor, the lead assessor, signed again, which is not allowed: after the lead assessor’s signature, only the Expert by Experience co-signs.',
    );
  });

  it('an unsigned PDF fails with a plain reason, and a non-PDF is refused', async () => {
    const result = await verifyPdf(await renderTestCertificate(), options);
    expect(result.valid).toBe(false);
    expect(result.problems).toEqual(['This PDF has no signatures, so it cannot be shown to be genuine.']);
    await expect(verifyPdf(Buffer.from('not a pdf'), options)).rejects.toMatchObject({ code: 'NOT_A_PDF' });
  });

  it('a signature whose byte range was moved off its signature value is rejected (signature wrapping)', async () => {
    const text = Buffer.from(leadSigned).toString('latin1');
    const match = /\/ByteRange \[(0 (\d+) (\d+) (\d+)) *\]/.exec(text)!;
    const [a, b, c] = [Number(match[2]), Number(match[3]), Number(match[4])];
    const shifted = `0 ${a - 1} ${b} ${c}`.padEnd(match[1]!.length, ' ');
    const copy = Buffer.from(leadSigned);
    copy.write(shifted, match.index + '/ByteRange ['.length, 'latin1');
    const result = await verifyPdf(copy, options);
    expect(failures(result).signatures[0]).toContain('byte-range');
    expect(messageOf(result, 'byte-range')).toBe(
      'The gap in the signed bytes is not where the signature value is, so other content could have been slipped in unsigned.',
    );
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPdf, verifyPdf } from '../../../src/main/signing';
import {
  CHECKED_AT,
  LEAD_SIGNS_AT,
  coSign,
  identityFrom,
  makeScheme,
  signAsLead,
  signaturesIn,
  type TestScheme,
} from './scheme-fixture';
import { renderTestCertificate } from './test-pdf';
import { missingTools, nssDatabaseTrusting, pdfsig, run, workspace, type Workspace } from './tools';

const missing = missingTools();

describe('PDF signatures: the lead signs, an Expert by Experience co-signs', () => {
  let scheme: TestScheme;
  let unsigned: Buffer;
  let leadSigned: Uint8Array;
  let coSigned: Uint8Array;
  let ws: Workspace;
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    scheme = await makeScheme();
    unsigned = await renderTestCertificate();
    let started = performance.now();
    leadSigned = await signAsLead(unsigned, scheme.lead);
    timings.leadSignMs = performance.now() - started;
    started = performance.now();
    coSigned = await coSign(leadSigned, scheme.coSigner);
    timings.coSignMs = performance.now() - started;
    ws = workspace();
  });
  afterAll(() => {
    ws?.dispose();
    console.info(
      `signing timings (ms): ${JSON.stringify(Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v * 10) / 10])))}`,
    );
  });

  it('adds each signature as an incremental update, leaving earlier bytes untouched', () => {
    expect(Buffer.from(leadSigned.subarray(0, unsigned.length)).equals(unsigned)).toBe(true);
    expect(Buffer.from(coSigned.subarray(0, leadSigned.length)).equals(Buffer.from(leadSigned))).toBe(true);
    const [first, second] = signaturesIn(coSigned);
    expect(first!.byteRange[2]! + first!.byteRange[3]!).toBe(leadSigned.length);
    expect(second!.byteRange[2]! + second!.byteRange[3]!).toBe(coSigned.length);
    const text = Buffer.from(coSigned).toString('latin1');
    expect(text.match(/\/SubFilter \/ETSI\.CAdES\.detached/g)).toHaveLength(2);
    expect(text.match(/\/Prev \d+/g)).toHaveLength(2);
    expect(text).toContain("/M (D:20250302100000+00'00')");
  });

  it('our verifier accepts both signatures and reports who signed, in which role', async () => {
    const started = performance.now();
    const result = await verifyPdf(coSigned, {
      trustedRoots: [scheme.root.certificate],
      now: CHECKED_AT,
      signers: 'lead-and-co-signer',
    });
    timings.verifyMs = performance.now() - started;
    expect(result.problems).toEqual([]);
    expect(result.valid).toBe(true);
    expect(
      result.signatures.map((s) => [s.signerName, s.signerRole, s.certifies, s.coversWholeDocument]),
    ).toEqual([
      ['Amara Okafor', 'Lead assessor', true, false],
      ['Dafydd Llywelyn', 'Expert by Experience assessor', false, true],
    ]);
    expect(result.signatures[0]!.claimedSigningTime).toEqual(LEAD_SIGNS_AT);
    expect(result.signatures[0]!.checks.map((c) => [c.id, c.status])).toEqual([
      ['byte-range', 'passed'],
      ['document-digest', 'passed'],
      ['cms-signature', 'passed'],
      ['pades-attributes', 'passed'],
      ['trusted-chain', 'passed'],
      ['key-usage', 'passed'],
      ['identity-valid', 'passed'],
      ['revocation', 'not-checked'],
    ]);
    expect(result.documentChecks.map((c) => c.message)).toEqual([
      'This PDF has 2 signatures: Amara Okafor, Dafydd Llywelyn.',
      'Amara Okafor certified the document with a lead assessor identity; after it, only signatures may be added.',
      'Co-signed by Dafydd Llywelyn, an Expert by Experience identity distinct from the lead assessor’s (the certificate names no co-signer).',
      'Nothing but invisible co-signatures was added after the lead assessor certified the document.',
      'The file draws exactly the page Amara Okafor signed.',
      'The last signature (Dafydd Llywelyn) covers the whole file.',
    ]);
  });

  it('refuses to sign with an identity that is not valid at the signing time, or something that is not a PDF', async () => {
    const expired = await identityFrom(scheme.root, 'Old Assessor', 'Lead assessor', {
      now: new Date('2021-01-01T00:00:00Z'),
      validDays: 365,
    });
    await expect(
      signPdf(unsigned, { identity: expired.identity, role: 'lead', signingTime: LEAD_SIGNS_AT }),
    ).rejects.toMatchObject({
      code: 'IDENTITY_EXPIRED',
      message: expect.stringContaining('expired on 2022-01-01'),
    });
    await expect(
      signPdf(Buffer.from('hello'), { identity: scheme.lead, role: 'lead', signingTime: LEAD_SIGNS_AT }),
    ).rejects.toMatchObject({ code: 'NOT_A_PDF' });
  });

  describe.skipIf(missing.length > 0)(
    `with poppler, qpdf, NSS and openssl (${missing.join(', ') || 'all present'})`,
    () => {
      it('pdfsig reports two valid signatures, the last covering the whole document', () => {
        const signatures = pdfsig(ws.write('co-signed.pdf', coSigned));
        expect(
          signatures.map((s) => [s.fieldName, s.signerName, s.validation, s.totalDocumentSigned]),
        ).toEqual([
          ['LeadAssessorSignature1', 'Amara Okafor', 'Signature is Valid.', false],
          ['CoSignerSignature1', 'Dafydd Llywelyn', 'Signature is Valid.', true],
        ]);
      });

      it('pdfsig trusts both certificates once the scheme root is in the NSS database', () => {
        const nss = nssDatabaseTrusting(ws, scheme.root.certificatePem);
        const signatures = pdfsig(ws.write('trusted.pdf', coSigned), nss);
        expect(signatures.map((s) => s.certificate)).toEqual([
          'Certificate is Trusted.',
          'Certificate is Trusted.',
        ]);
        expect(signatures.every((s) => s.signatureValid)).toBe(true);
      });

      it('qpdf --check finds no errors or warnings', () => {
        const checked = run('qpdf', ['--check', ws.write('qpdf.pdf', coSigned)]);
        expect(checked.status).toBe(0);
        expect(checked.output).toContain('No syntax or stream encoding errors found');
        expect(checked.output).not.toMatch(/WARNING|error:/i);
      });

      it('each CMS is CAdES detached with signing-certificate-v2, no signing-time, and verifies in openssl against the root', () => {
        const rootFile = ws.write('root.pem', scheme.root.certificatePem);
        for (const [i, signature] of signaturesIn(coSigned).entries()) {
          const cmsFile = ws.write(`signature-${i}.p7s`, signature.cms);
          const contentFile = ws.write(`signed-${i}.bin`, signature.signedBytes);
          const verified = run('openssl', [
            'cms',
            '-verify',
            '-inform',
            'DER',
            '-in',
            cmsFile,
            '-content',
            contentFile,
            '-binary',
            '-CAfile',
            rootFile,
            '-purpose',
            'any',
            '-out',
            '/dev/null',
          ]);
          expect(verified.output).toContain('Verification successful');
          const printed = run('openssl', [
            'cms',
            '-cmsout',
            '-print',
            '-inform',
            'DER',
            '-in',
            cmsFile,
          ]).output;
          expect(printed).toContain('id-smime-aa-signingCertificateV2');
          expect(printed).toContain('messageDigest');
          expect(printed).toContain('contentType');
          expect(printed).not.toContain('signingTime');
          expect(printed).toMatch(/eContent: <ABSENT>/);
          expect(printed).toContain('ecdsa-with-SHA256');
          expect(printed.match(/subject: /g)?.length ?? 0).toBeGreaterThanOrEqual(2); // signer + root
        }
      });

      it('signs a PDF whose cross-reference is a compressed stream, keeping pdfsig and qpdf happy', async () => {
        const original = ws.write('plain.pdf', unsigned);
        const compressed = join(ws.dir, 'object-streams.pdf');
        expect(run('qpdf', ['--object-streams=generate', original, compressed]).status).toBe(0);
        const input = readFileSync(compressed);
        expect(input.toString('latin1')).toContain('/Type /XRef');
        const signed = await coSign(await signAsLead(input, scheme.lead), scheme.coSigner);
        const file = ws.write('object-streams-signed.pdf', signed);
        expect(pdfsig(file).map((s) => [s.validation, s.totalDocumentSigned])).toEqual([
          ['Signature is Valid.', false],
          ['Signature is Valid.', true],
        ]);
        const checked = run('qpdf', ['--check', file]);
        expect(checked.status).toBe(0);
        expect(checked.output).not.toMatch(/WARNING/);
        const result = await verifyPdf(signed, {
          trustedRoots: [scheme.root.certificate],
          now: CHECKED_AT,
          signers: 'lead-and-co-signer',
        });
        expect(result.problems).toEqual([]);
      });

      it('pdftotext still reads the signed certificate', () => {
        const text = run('pdftotext', [ws.write('text.pdf', coSigned), '-']).output;
        expect(text).toContain('Harbour Minds Community Trust');
        expect(text).toContain('Level 2');
      });
    },
  );
});

import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  decodeQrPayload,
  payloadOfCode,
  signQrPayload,
  verificationLink,
  verifyPdf,
  verifyQrPayload,
  type KitemarkFacts,
} from '../../../src/main/signing';
import { CHECKED_AT, coSign, makeScheme, signAsLead, type TestScheme } from './scheme-fixture';
import { renderTestCertificate } from './test-pdf';

const FACTS: KitemarkFacts = {
  certificateNumber: 'CPS-2025-0042',
  organisation: 'Harbour Minds Community Mental Health Trust',
  level: 2,
  decisionDate: '2025-03-02',
  validUntil: '2028-03-01',
};

function failedIds(checks: Array<{ id: string; status: string }>): string[] {
  return checks.filter((c) => c.status === 'failed').map((c) => c.id);
}

/** Re-encodes the payload part of a QR text (keeping the old signature), as a forger would. */
function withChangedFacts(text: string, change: Record<string, unknown>): string {
  const [prefix, body, signature] = text.split('.');
  const json = { ...JSON.parse(Buffer.from(body!, 'base64url').toString('utf8')), ...change };
  return [prefix, Buffer.from(JSON.stringify(json)).toString('base64url'), signature].join('.');
}

describe("the certificate's QR payload", () => {
  let scheme: TestScheme;
  let payload: string;

  beforeAll(async () => {
    scheme = await makeScheme();
    payload = await signQrPayload(FACTS, scheme.lead);
  });

  it('is compact and round-trips: signed by the lead, verified offline against the scheme root', async () => {
    expect(payload.length).toBeLessThan(320);
    expect(payload).toMatch(/^CPK1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86}$/);
    expect(decodeQrPayload(payload)).toEqual({ ...FACTS, keyId: scheme.lead.keyId });
    const result = await verifyQrPayload(payload, {
      trustedRoots: [scheme.root.certificate],
      knownCertificates: [scheme.lead.certificate, scheme.coSigner.certificate],
      expected: FACTS,
    });
    expect(result.valid).toBe(true);
    expect(result.signer).toEqual({ name: 'Amara Okafor', certificateNumber: scheme.lead.certificateNumber });
    expect(result.checks.map((c) => c.message)).toEqual([
      'The QR code describes certificate CPS-2025-0042 for Harbour Minds Community Mental Health Trust, level 2.',
      'The QR code was signed by Amara Okafor, whose certificate was issued by the trusted scheme root.',
      "The QR code's signature is valid: its facts are exactly as the lead assessor signed them.",
      "The QR code matches the certificate's text (valid until 1 March 2028).",
    ]);
  });

  it('reads the same payload from a verification link (new certificates) and bare (older ones); a changed link fails', async () => {
    const link = verificationLink('https://verify.example.org/check', payload);
    expect(link).toBe(`https://verify.example.org/check#${payload}`);
    expect(payloadOfCode(`  ${link}\n`)).toBe(payload);
    expect(payloadOfCode(payload)).toBe(payload);
    expect(decodeQrPayload(link)).toEqual(decodeQrPayload(payload));
    const options = {
      trustedRoots: [scheme.root.certificate],
      knownCertificates: [scheme.lead.certificate],
      expected: FACTS,
    };
    for (const code of [link, payload]) expect((await verifyQrPayload(code, options)).valid).toBe(true);
    const changed = `${link.slice(0, -10)}${link.at(-10) === 'A' ? 'B' : 'A'}${link.slice(-9)}`; // in the signature
    expect((await verifyQrPayload(changed, options)).valid).toBe(false);
    // A link without the payload is not a certificate code.
    expect(decodeQrPayload('https://verify.example.org/check')).toBeUndefined();
  });

  it('carries the case file’s audit head when given one, and payloads signed without one still verify', async () => {
    const auditHead = { entries: 1234, hash: 'ab'.repeat(32) };
    const anchored = await signQrPayload({ ...FACTS, auditHead }, scheme.lead);
    expect(decodeQrPayload(anchored)).toEqual({ ...FACTS, keyId: scheme.lead.keyId, auditHead });
    expect(QRCode.create(anchored, { errorCorrectionLevel: 'M' }).version).toBeLessThanOrEqual(15);
    const options = {
      trustedRoots: [scheme.root.certificate],
      knownCertificates: [scheme.lead.certificate],
      expected: FACTS,
    };
    expect((await verifyQrPayload(anchored, options)).valid).toBe(true);
    // A payload signed before the audit head existed (no "a" member) decodes and verifies as before.
    expect(decodeQrPayload(payload)).not.toHaveProperty('auditHead');
    expect((await verifyQrPayload(payload, options)).valid).toBe(true);
    // Moving the anchored head breaks the signature; a malformed head is not a payload at all.
    const moved = withChangedFacts(anchored, { a: `1000:${'ab'.repeat(32)}` });
    expect(failedIds((await verifyQrPayload(moved, options)).checks)).toEqual(['qr-signature']);
    expect(decodeQrPayload(withChangedFacts(anchored, { a: 'not a head' }))).toBeUndefined();
  });

  it('survives being drawn as a QR code and read back from the image', async () => {
    const png = PNG.sync.read(
      await QRCode.toBuffer(payload, { errorCorrectionLevel: 'M', margin: 4, scale: 4 }),
    );
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded?.data).toBe(payload);
    const version = QRCode.create(payload, { errorCorrectionLevel: 'M' }).version;
    expect(version).toBeLessThanOrEqual(15);
  });

  it('detects changed facts, a changed signature and an unknown or untrusted signer', async () => {
    const options = { trustedRoots: [scheme.root.certificate], knownCertificates: [scheme.lead.certificate] };
    const upgraded = await verifyQrPayload(withChangedFacts(payload, { l: 3 }), options);
    expect(failedIds(upgraded.checks)).toEqual(['qr-signature']);
    // Change a character well inside the signature (the last base64url character partly holds padding bits).
    const at = payload.length - 10;
    const changed = payload.slice(0, at) + (payload[at] === 'A' ? 'B' : 'A') + payload.slice(at + 1);
    expect(failedIds((await verifyQrPayload(changed, options)).checks)).toEqual(['qr-signature']);
    expect(failedIds((await verifyQrPayload(payload, { ...options, knownCertificates: [] })).checks)).toEqual(
      ['qr-signer'],
    );
    expect(failedIds((await verifyQrPayload('https://example.org/not-ours', options)).checks)).toEqual([
      'qr-readable',
    ]);

    const other = await makeScheme('Unofficial Scheme');
    const foreign = await signQrPayload(FACTS, other.lead);
    const untrusted = await verifyQrPayload(foreign, {
      ...options,
      knownCertificates: [other.lead.certificate],
    });
    expect(failedIds(untrusted.checks)).toEqual(['qr-signer']);
  });

  it("fails when it does not match the certificate's text", async () => {
    const result = await verifyQrPayload(payload, {
      trustedRoots: [scheme.root.certificate],
      knownCertificates: [scheme.lead.certificate],
      expected: { ...FACTS, level: 3 },
    });
    expect(failedIds(result.checks)).toEqual(['qr-matches-certificate']);
    expect(result.checks.at(-1)?.message).toBe(
      `The QR code does not match the certificate's text: level (QR: "2", certificate: "3").`,
    );
  });

  it('verifies with the PDF: signed by the lead who signed the certificate, using the certificates inside it', async () => {
    const pdf = await coSign(await signAsLead(await renderTestCertificate(), scheme.lead), scheme.coSigner);
    const options = {
      trustedRoots: [scheme.root.certificate],
      now: CHECKED_AT,
      signers: 'lead-and-co-signer' as const,
    };
    const good = await verifyPdf(pdf, {
      ...options,
      readCertified: () => ({ kitemark: FACTS, qrPayload: payload }),
    });
    expect(good.problems).toEqual([]);
    expect(good.documentChecks.map((c) => c.id)).toEqual([
      'has-signatures',
      'certified-by-lead',
      'co-signed',
      'changes-after-signing',
      'same-page-drawn',
      'whole-document-signed',
      'kitemark-current',
      'kitemark-not-revoked',
      'qr-readable',
      'qr-signer',
      'qr-signature',
      'qr-matches-certificate',
    ]);
    const byCoSignerPayload = await signQrPayload(FACTS, scheme.coSigner);
    const byCoSigner = await verifyPdf(pdf, {
      ...options,
      readCertified: () => ({ kitemark: FACTS, qrPayload: byCoSignerPayload }),
    });
    expect(byCoSigner.problems).toEqual([
      'The QR code was not signed by the lead signer of this PDF (Amara Okafor).',
    ]);
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  certificateSigningFixture,
  renderCertificateUnsigned,
  renderSignAndCoSignCertificate,
  type CertificateSigningFixture,
} from '../../../bench/lib/certificate-fixture';
import { verifyCertificate } from '../../../src/main/certificates';
import { signPdf } from '../../../src/main/signing';
import type { CertificateVerification } from '../../../src/shared/api';
import { workspace, type Workspace } from '../signing/tools';
import { copanel } from './support';

/**
 * Certificates that must NOT verify, each failing with its own reason: signed by an identity
 * another scheme issued, signed with an identity that had expired, or not yet co-signed.
 * Built with the bench fixtures (the same render + sign path the app uses), checked with
 * `copanel verify`.
 */

const DAY = 24 * 60 * 60 * 1000;

function failedChecks(result: CertificateVerification): string[] {
  return result.checks.filter((check) => !check.passed).map((check) => check.name);
}

describe('certificates that fail verification, each with its own reason', () => {
  let ws: Workspace;
  let scheme: CertificateSigningFixture;
  let otherScheme: CertificateSigningFixture;
  let rootFile: string;
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    ws = workspace();
    [scheme, otherScheme] = await Promise.all([certificateSigningFixture(), certificateSigningFixture()]);
    rootFile = ws.write('scheme-root.pem', scheme.root.certificatePem);
  });
  afterAll(() => {
    console.info(`bench hooks (ms): ${JSON.stringify(timings)}`);
    ws?.dispose();
  });

  const verifyFile = async (
    name: string,
    pdf: Uint8Array,
  ): Promise<{ code: number; result: CertificateVerification }> => {
    const file = join(ws.dir, name);
    writeFileSync(file, pdf);
    const run = await copanel(['verify', file, '--trust', rootFile, '--json']);
    return { code: run.code, result: JSON.parse(run.out) as CertificateVerification };
  };

  it('the bench hooks render unsigned, and render + sign + co-sign a certificate that verifies', async () => {
    await renderCertificateUnsigned(scheme); // fonts loaded once, outside the timing
    let started = performance.now();
    const unsigned = await renderCertificateUnsigned(scheme);
    timings.renderMs = Math.round(performance.now() - started);
    started = performance.now();
    const signed = await renderSignAndCoSignCertificate(scheme);
    timings.renderSignCoSignMs = Math.round(performance.now() - started);
    expect(unsigned.subarray(0, 5).toString()).toBe('%PDF-');
    const result = await verifyCertificate(signed, {
      trustedRoots: [scheme.root.certificate],
      now: new Date(),
    });
    expect(failedChecks(result)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('signed by identities another scheme issued: "issued by the trusted scheme" fails for each signature, and for the QR code', async () => {
    const { code, result } = await verifyFile(
      'other-scheme.pdf',
      await renderSignAndCoSignCertificate(otherScheme),
    );
    expect(code).toBe(1);
    expect(failedChecks(result)).toEqual([
      'Signature 1 (Amara Okafor): issued by the trusted scheme',
      'Signature 2 (Dafydd Llywelyn): issued by the trusted scheme',
      'QR code signed by the lead assessor',
    ]);
    expect(result.summary).toContain("Amara Okafor's certificate was not issued by a trusted scheme root");
  });

  it('signed with identities that had expired: "identity in date when checked" fails for each signature', async () => {
    const longAgo = new Date(Date.now() - 2 * 365 * DAY);
    const expired = await certificateSigningFixture({ now: longAgo });
    const pdf = await renderCertificateUnsigned(expired);
    const now = new Date();
    const leadSigned = await signPdf(pdf, {
      identity: expired.lead,
      role: 'lead',
      signingTime: now,
      allowCertificateOutsideValidity: true,
    });
    const coSigned = await signPdf(leadSigned, {
      identity: expired.coSigner,
      role: 'co-signer',
      signingTime: now,
      allowCertificateOutsideValidity: true,
    });
    const file = ws.write('expired-root.pem', expired.root.certificatePem);
    const run = await copanel(['verify', ws.write('expired.pdf', coSigned), '--trust', file, '--json']);
    const result = JSON.parse(run.out) as CertificateVerification;
    expect(run.code).toBe(1);
    expect(failedChecks(result)).toEqual([
      'Signature 1 (Amara Okafor): identity in date when checked',
      'Signature 2 (Dafydd Llywelyn): identity in date when checked',
    ]);
    expect(result.checks.find((check) => !check.passed)?.message).toMatch(
      /^Amara Okafor's identity expired on .*, the date checked\. Without a trusted timestamp/,
    );
  });

  it('signed by the lead only: not issued until an Expert by Experience co-signs', async () => {
    const leadOnly = await signPdf(await renderCertificateUnsigned(scheme), {
      identity: scheme.lead,
      role: 'lead',
      signingTime: scheme.signingTime,
    });
    const { code, result } = await verifyFile('lead-only.pdf', leadOnly);
    expect(code).toBe(1);
    expect(failedChecks(result)).toEqual(['Co-signed by the Expert by Experience']);
    expect(result.summary).toContain('A certificate is issued once an Expert by Experience co-signs it.');
  });

  it('an unsigned PDF, or one that is not a certificate, is not valid', async () => {
    const { code, result } = await verifyFile('unsigned.pdf', await renderCertificateUnsigned(scheme));
    expect(code).toBe(1);
    expect(failedChecks(result)).toContain('Signatures present');
    expect(result.document).toBe('other');
    expect(result.summary).toMatch(/^It has no signatures and carries no certificate facts/);
    const notPdf = await copanel(['verify', ws.write('notes.txt', 'just some notes'), '--trust', rootFile]);
    expect(notPdf.code).toBe(1);
    expect(notPdf.err).toContain('This file is not a PDF.');
    const empty = await copanel(['verify', ws.write('empty.pdf', ''), '--trust', rootFile]);
    expect(empty.code).toBe(1);
    expect(empty.err).toBe(
      'copanel verify: “empty.pdf” is empty (0 bytes). Check it is the right file and that it has finished saving or downloading, then choose it again.',
    );
    expect(empty.err).not.toContain('base64');
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { verifyCertificateInDetail } from '../../../src/main/certificates';
import { parseRevocationList, revokeCertificates } from '../../../src/main/signing';
import { CHECKED, ROOT_PASSPHRASE, forgeryScheme, genuineCertificate, type ForgeryScheme } from './forgery';
import { appendContentChange } from './support';

/**
 * The one-line reason of a verdict: the most serious failure for a reader (signed outside the
 * scheme, changed, cut short, withdrawn or suspended, not co-signed …) before the date and format
 * details, whatever order the checks ran in; with no trusted root, what to do where the reader is.
 */
describe('the reason a certificate may not be relied on', () => {
  let scheme: ForgeryScheme;
  let genuine: Uint8Array;
  let changed: Uint8Array;

  beforeAll(async () => {
    scheme = await forgeryScheme();
    genuine = await genuineCertificate(scheme);
    changed = appendContentChange(genuine);
  });

  const trusted = () => ({ trustedRoots: [scheme.root.certificate], now: CHECKED });

  it('a changed page is the reason, before identities and the award being out of date', async () => {
    const years = { ...trusted(), now: new Date('2030-01-01T12:00:00Z') };
    const { result, reason } = await verifyCertificateInDetail(changed, years);
    const failed = result.checks.filter((check) => !check.passed).map((check) => check.name);
    expect(failed[0]).toBe('Signature 1 (Amara Okafor): identity in date when checked');
    expect(failed).toContain('Nothing changed after signing');
    expect(result.summary).toMatch(
      /^Do not rely on this certificate\. Something other than an invisible co-signature was added after the lead assessor certified the document \(revision 4: it changes the content of page 1\)\. Ask the organisation or the scheme for the genuine certificate\.$/,
    );
    expect(reason).toBe(result.summary.replace('Do not rely on this certificate. ', ''));
  });

  it('with no trusted root, a genuine certificate is not called a failure: the app says where to trust the root, the CLI names --trust', async () => {
    const app = await verifyCertificateInDetail(genuine, { trustedRoots: [], now: CHECKED });
    expect(app.result.valid).toBe(false);
    expect(app.reason).toBeUndefined();
    expect(app.result.summary).toBe(
      'No scheme root certificate is trusted on this computer, so the signatures cannot be traced to the scheme. Trust the scheme’s root first: Settings → Trusted scheme roots (or choose it under “More options”), then check again.',
    );
    const cli = await verifyCertificateInDetail(genuine, { trustedRoots: [], now: CHECKED, reader: 'cli' });
    expect(cli.result.summary).toContain('Give the scheme’s root certificate with --trust ROOT.pem');
  });

  it('with no trusted root, a changed certificate is still called changed', async () => {
    const { result, reason } = await verifyCertificateInDetail(changed, { trustedRoots: [], now: CHECKED });
    expect(result.summary).toMatch(
      /^Do not rely on this certificate\. Something other than an invisible co-signature was added after the lead assessor certified the document/,
    );
    expect(result.summary).not.toMatch(/trusted|--trust/);
    expect(reason).toMatch(/^Something other than an invisible co-signature was added/);
  });

  it('a suspended certificate is reported as suspended, with no advice to find a genuine copy (it is genuine)', async () => {
    const crl = await revokeCertificates({
      root: scheme.root,
      rootPassphrase: ROOT_PASSPHRASE,
      entries: [
        {
          kitemarkCertificateNumber: 'CPS-2025-FORGERY1',
          reason: 'certificateHold',
          date: new Date('2025-03-20T00:00:00Z'),
        },
      ],
      now: new Date('2025-03-20T00:00:00Z'),
    });
    const revocations = [await parseRevocationList(crl.pem, [scheme.root.certificate])];
    const { result } = await verifyCertificateInDetail(genuine, { ...trusted(), revocations });
    expect(result.valid).toBe(false);
    expect(result.summary).toBe(
      'Do not rely on this certificate. Certificate CPS-2025-FORGERY1 has been suspended by the scheme since 20 March 2025 (on hold while the scheme looks into it); it cannot be relied on unless the scheme reinstates it.',
    );
    expect(result.checks.filter((check) => !check.passed).map((check) => check.name)).toEqual([
      'Certificate not suspended',
    ]);
  });

  it('with no revocation list, a genuine certificate says whether it was withdrawn or suspended was not checked', async () => {
    const { result } = await verifyCertificateInDetail(genuine, trusted());
    expect(result.valid).toBe(true);
    expect(result.summary).toContain(
      'Whether it was withdrawn or suspended was not checked: give the scheme’s latest revocation list to check that too.',
    );
  });
});

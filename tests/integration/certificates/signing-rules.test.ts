import { beforeAll, describe, expect, it } from 'vitest';
import {
  verifyCertificate,
  requireCoSignerIdentity,
  requireLeadIdentity,
} from '../../../src/main/certificates';
import { verifyPdf, type AssessorIdentity } from '../../../src/main/signing';
import {
  CHECKED,
  LEAD_NAME,
  coSigns,
  forgeryScheme,
  issueIdentity,
  leadSigns,
  renderCertificatePdf,
  sameKeyIdentity,
  type ForgeryScheme,
} from './forgery';

/**
 * Issue 11 §1, when the app signs: the lead certifies only with a lead assessor identity; the
 * co-signature needs an Expert by Experience identity with another key and another name than the
 * lead's, in the name of the co-signer the certificate prints; every identity outlives the
 * certificate. (The verifier's side of the same rule is in attacks.test.ts.)
 */

const VALID_UNTIL = '2028-03-02';

describe('who may sign, when the app signs', () => {
  let scheme: ForgeryScheme;
  let leadSigned: Uint8Array;
  let lead: { name: string; keyId: string };

  beforeAll(async () => {
    scheme = await forgeryScheme();
    leadSigned = await leadSigns(await renderCertificatePdf(scheme), scheme.lead);
    lead = { name: scheme.lead.name, keyId: scheme.lead.keyId };
  });

  const coSignWith =
    (identity: AssessorIdentity, pdf = leadSigned) =>
    () =>
      requireCoSignerIdentity(identity, pdf, lead, VALID_UNTIL);

  it('the lead certifies only with a lead assessor identity', async () => {
    expect(() => requireLeadIdentity(scheme.lead, VALID_UNTIL)).not.toThrow();
    const expertInLeadsName = await issueIdentity(scheme.root, LEAD_NAME, 'expert-by-experience');
    expect(() => requireLeadIdentity(expertInLeadsName, VALID_UNTIL)).toThrow(
      expect.objectContaining({
        code: 'IDENTITY_INVALID',
        message: `${LEAD_NAME}’s signing identity is an Expert by Experience identity, but the lead assessor certifies with a lead assessor identity in their own name. Ask the scheme to issue one (“copanel scheme issue --role lead”).`,
      }),
    );
  });

  it('an identity that expires before the certificate does is refused, saying why', async () => {
    const short = await issueIdentity(scheme.root, LEAD_NAME, 'lead', { validDays: 800 });
    expect(() => requireLeadIdentity(short, VALID_UNTIL)).toThrow(
      expect.objectContaining({
        code: 'IDENTITY_EXPIRED',
        message: expect.stringContaining('before the certificate’s valid-until date (2 March 2028)'),
      }),
    );
  });

  it('the co-signer uses an Expert by Experience identity of their own, in the name the certificate prints', async () => {
    expect(coSignWith(scheme.coSigner)).not.toThrow();
    expect(coSignWith(scheme.lead)).toThrow(expect.objectContaining({ code: 'IDENTITY_INVALID' }));
    const sameKey = await sameKeyIdentity(scheme, 'Dafydd Llywelyn', 'expert-by-experience');
    expect(coSignWith(sameKey)).toThrow(
      expect.objectContaining({
        code: 'FORBIDDEN',
        message: expect.stringContaining('same key as the lead'),
      }),
    );
    const expertInLeadsName = await issueIdentity(scheme.root, LEAD_NAME, 'expert-by-experience');
    expect(coSignWith(expertInLeadsName)).toThrow(
      expect.objectContaining({
        code: 'FORBIDDEN',
        message: expect.stringContaining('in the lead assessor’s name'),
      }),
    );
    expect(coSignWith(scheme.otherExpert)).toThrow(
      expect.objectContaining({
        code: 'FORBIDDEN',
        message:
          'The certificate names Dafydd Llywelyn as its co-signer, so it is co-signed with Dafydd Llywelyn’s identity, not Priya Shah’s.',
      }),
    );
  });

  it('when the certificate names no co-signer (no consent to be named), any other Expert by Experience may co-sign', async () => {
    const unnamed = await leadSigns(
      await renderCertificatePdf(scheme, undefined, { coSignerName: null }),
      scheme.lead,
    );
    expect(coSignWith(scheme.otherExpert, unnamed)).not.toThrow();
    const result = await verifyCertificate(await coSigns(unnamed, scheme.otherExpert), {
      trustedRoots: [scheme.root.certificate],
      now: CHECKED,
    });
    expect(result.checks.filter((check) => !check.passed)).toEqual([]);
    expect(
      result.checks.find((check) => check.name === 'Co-signed by the Expert by Experience')?.message,
    ).toBe(
      'Co-signed by Priya Shah, an Expert by Experience identity distinct from the lead assessor’s (the certificate names no co-signer).',
    );
  });

  it('a lead-signed certificate or report passes the lead-only rule, and fails it once someone else signs', async () => {
    const options = { trustedRoots: [scheme.root.certificate], now: CHECKED, signers: 'lead-only' as const };
    expect((await verifyPdf(leadSigned, options)).problems).toEqual([]);
    const coSigned = await verifyPdf(await coSigns(leadSigned, scheme.coSigner), options);
    expect(coSigned.problems).toEqual([
      'Only the lead assessor signs this document, but Dafydd Llywelyn also signed it.',
    ]);
  });
});

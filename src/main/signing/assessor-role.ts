import * as pkijs from 'pkijs';
import * as asn1js from './asn1';
import type { PkiCertificate } from './certificate';

/**
 * The role the scheme issued an assessor's identity for, carried in the identity certificate
 * itself so that no one can sign in a role the scheme did not give them: a certificate policy of
 * the scheme's own (RFC 5280 §4.2.1.4, non-critical, so standard validators such as poppler's
 * pdfsig and OpenSSL accept the certificate as before).
 *
 * The OID arc is the scheme's own UUID-based arc (ITU-T X.667, no registration needed):
 *   2.25.213814232480750019073182785224168450490          Coproduction Panel scheme
 *   2.25.213814232480750019073182785224168450490.1        assessor roles
 *   2.25.213814232480750019073182785224168450490.1.1      lead assessor
 *   2.25.213814232480750019073182785224168450490.1.2      Expert by Experience assessor
 *   2.25.213814232480750019073182785224168450490.1.3      co-assessor (professional)
 * (UUID a0db1f8f-be0e-444f-9314-a1e2542429ba.) The certificate's title attribute still names the
 * role in words for people; the verifier and the app trust only the policy.
 */
const SCHEME_OID_ARC = '2.25.213814232480750019073182785224168450490';
const CERTIFICATE_POLICIES = '2.5.29.32';

export const ASSESSOR_ROLES = ['lead', 'expert-by-experience', 'co-assessor'] as const;
export type AssessorRole = (typeof ASSESSOR_ROLES)[number];

const ASSESSOR_ROLE_OIDS: Record<AssessorRole, string> = {
  lead: `${SCHEME_OID_ARC}.1.1`,
  'expert-by-experience': `${SCHEME_OID_ARC}.1.2`,
  'co-assessor': `${SCHEME_OID_ARC}.1.3`,
};

/** The role in words, as certificates and screens print it. */
export const ASSESSOR_ROLE_TITLES: Record<AssessorRole, string> = {
  lead: 'Lead assessor',
  'expert-by-experience': 'Expert by Experience assessor',
  'co-assessor': 'Co-assessor',
};

const ROLE_WORDS: Record<string, AssessorRole> = {
  lead: 'lead',
  'lead-assessor': 'lead',
  'lead assessor': 'lead',
  assessor: 'expert-by-experience',
  ebe: 'expert-by-experience',
  'expert-by-experience': 'expert-by-experience',
  'expert by experience': 'expert-by-experience',
  'expert by experience assessor': 'expert-by-experience',
  'co-assessor': 'co-assessor',
  coassessor: 'co-assessor',
  'co assessor': 'co-assessor',
};

/** "lead", "Lead assessor", "expert-by-experience", "ebe", "Co-assessor"… → the role; undefined otherwise. */
export function assessorRoleFromWords(text: string): AssessorRole | undefined {
  return ROLE_WORDS[text.trim().toLowerCase().replace(/\s+/g, ' ')];
}

/** DER of an OID, compared byte for byte (asn1js does not print arcs above 2^53 as decimals). */
function oidDer(oid: string): Buffer {
  return Buffer.from(new asn1js.ObjectIdentifier({ value: oid }).valueBlock.toBER(false));
}

const ROLE_BY_OID_DER = new Map(
  ASSESSOR_ROLES.map((role) => [oidDer(ASSESSOR_ROLE_OIDS[role]).toString('hex'), role] as const),
);

/** The certificatePolicies extension naming one assessor role. */
export function assessorRoleExtension(role: AssessorRole): pkijs.Extension {
  const policies = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: ASSESSOR_ROLE_OIDS[role] })] }),
    ],
  });
  return new pkijs.Extension({
    extnID: CERTIFICATE_POLICIES,
    critical: false,
    extnValue: policies.toBER(false),
  });
}

/**
 * The assessor role the scheme put in this certificate, or undefined when it names none (or,
 * contradicting itself, more than one).
 */
export function assessorRoleOf(certificate: PkiCertificate): AssessorRole | undefined {
  const extension = certificate.extension(CERTIFICATE_POLICIES);
  if (!extension) return undefined;
  const parsed = asn1js.fromBER(extension.extnValue.valueBlock.valueHexView);
  if (!(parsed.result instanceof asn1js.Sequence)) return undefined;
  const roles = new Set<AssessorRole>();
  for (const policy of parsed.result.valueBlock.value) {
    const oid = policy instanceof asn1js.Sequence ? policy.valueBlock.value[0] : undefined;
    if (!(oid instanceof asn1js.ObjectIdentifier)) continue;
    const role = ROLE_BY_OID_DER.get(Buffer.from(oid.valueBlock.toBER(false)).toString('hex'));
    if (role) roles.add(role);
  }
  return roles.size === 1 ? [...roles][0] : undefined;
}

/** "a lead assessor identity", "an Expert by Experience identity", "an identity with no scheme role". */
export function roleDescription(role: AssessorRole | undefined): string {
  if (role === 'lead') return 'a lead assessor identity';
  if (role === 'expert-by-experience') return 'an Expert by Experience identity';
  if (role === 'co-assessor') return 'a co-assessor identity';
  return 'an identity with no scheme role';
}

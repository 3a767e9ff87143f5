import { createPublicKey, verify as verifyBytes, webcrypto } from 'node:crypto';
import { z } from 'zod';
import type { RegisterEntry } from '../../shared/api';
import { UserFacingError } from '../../shared/errors';
import { unlockSchemeRoot, type PkiCertificate, type SchemeRoot } from '../signing';
import { STILL_GOOD } from './check';
import type { PublishedEntry, PublishedRegister } from './signed-register';

/**
 * A certificate as an Open Badges 3.0 credential (issue 15 item 7): a W3C Verifiable Credential of
 * type OpenBadgeCredential, signed as a VC-JWT (Open Badges 3.0 §8.2: the JWT's payload is the
 * credential itself, with iss, jti, nbf and exp mirroring it; ES256) with the scheme root's key, so
 * an organisation can put it on its website and anyone holding the scheme's root certificate can
 * check it offline. The issuer's id names the root by its fingerprint; the subject is the
 * organisation, named (Open Badges' IdentityObject) rather than given an id it does not have.
 */

export const OB3_CONTEXT = [
  'https://www.w3.org/ns/credentials/v2',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
] as const;

/** The issuer's id: the scheme root, by the SHA-256 of its certificate. */
export function issuerId(root: PkiCertificate): string {
  return `urn:copanel:scheme-root:sha256:${root.sha256.toString('hex')}`;
}

const KITEMARK_LEVELS: Record<number, string> = {
  1: 'Level 1: coproduction is established',
  2: 'Level 2: coproduction is embedded',
  3: 'Level 3: coproduction leads the organisation',
};

type BadgeFacts = Pick<
  RegisterEntry | PublishedEntry,
  | 'certificateNumber'
  | 'organisation'
  | 'level'
  | 'decisionDate'
  | 'validUntil'
  | 'standardVersion'
  | 'pdfSha256'
>;

/** The Open Badges 3.0 credential for a certificate in the register (unsigned). */
export function badgeCredential(entry: BadgeFacts, root: SchemeRoot) {
  const issuer = {
    id: issuerId(root.certificate),
    type: ['Profile'],
    name: root.name,
  };
  return {
    '@context': [...OB3_CONTEXT],
    id: `urn:copanel:certificate:${entry.certificateNumber}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: `Coproduction kitemark, Level ${entry.level}: ${entry.organisation}`,
    issuer,
    validFrom: `${entry.decisionDate}T00:00:00Z`,
    validUntil: `${entry.validUntil}T23:59:59Z`,
    awardedDate: `${entry.decisionDate}T00:00:00Z`,
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [
        { type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: entry.organisation },
      ],
      achievement: {
        id: `urn:copanel:kitemark:level-${entry.level}`,
        type: ['Achievement'],
        achievementType: 'Award',
        name: `Coproduction kitemark, Level ${entry.level}`,
        description: `${KITEMARK_LEVELS[entry.level] ?? `Level ${entry.level}`}, as assessed by a panel against the coproduction quality standard${entry.standardVersion ? ` (${entry.standardVersion})` : ''}.`,
        criteria: {
          narrative: `Assessed by a panel of the scheme, with people who use the organisation's services among the assessors; certificate ${entry.certificateNumber} (SHA-256 of the certificate PDF ${entry.pdfSha256}).`,
        },
      },
    },
    evidence: [
      {
        id: `urn:copanel:certificate-pdf:sha256:${entry.pdfSha256}`,
        type: ['Evidence'],
        name: `Certificate ${entry.certificateNumber}`,
      },
    ],
  };
}

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** `copanel register badge`: the credential as a VC-JWT signed ES256 with the scheme root's key. */
export async function signBadge(
  entry: BadgeFacts,
  root: SchemeRoot,
  rootPassphrase: string,
  issuedAt: Date,
): Promise<string> {
  const privateKey = await unlockSchemeRoot(root, rootPassphrase);
  const credential = badgeCredential(entry, root);
  const header = { alg: 'ES256', typ: 'JWT', kid: root.certificate.keyId };
  const payload = {
    ...credential,
    iss: credential.issuer.id,
    jti: credential.id,
    nbf: seconds(credential.validFrom),
    exp: seconds(credential.validUntil),
    iat: Math.floor(issuedAt.getTime() / 1000),
  };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  const signature = await webcrypto.subtle.sign(
    { name: 'ECDSA', hash: 'SHA-256' },
    privateKey,
    new TextEncoder().encode(signingInput),
  );
  return `${signingInput}.${Buffer.from(signature).toString('base64url')}`;
}

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** The largest credential the app reads (its own are about 2 kB). */
const BADGE_MAX_BYTES = 64 * 1024;
const JWT_SHAPE = /^[A-Za-z0-9_-]{1,8000}\.[A-Za-z0-9_-]{1,80000}\.[A-Za-z0-9_-]{1,200}$/;

const BADGE_PAYLOAD = z.object({
  '@context': z.array(z.string().max(200)).max(10),
  id: z.string().max(200),
  type: z.array(z.string().max(100)).max(10),
  issuer: z.object({ id: z.string().max(200), name: z.string().max(500) }),
  validFrom: z.string().max(40),
  validUntil: z.string().max(40),
  credentialSubject: z.object({
    identifier: z
      .array(z.object({ identityType: z.string().max(40), identityHash: z.string().max(500) }))
      .min(1)
      .max(10),
    achievement: z.object({ name: z.string().max(500) }),
  }),
  iss: z.string().max(200),
  jti: z.string().max(200),
  nbf: z.number().int(),
  exp: z.number().int(),
});

export interface CheckedBadge {
  certificateNumber: string;
  organisation: string;
  achievement: string;
  issuer: string;
  validFrom: string;
  validUntil: string;
  /** The certificate's status in the signed register given, when one was. */
  registerStatus?: string;
}

export function looksLikeBadge(bytes: Uint8Array): boolean {
  if (bytes.length > BADGE_MAX_BYTES) return false;
  return JWT_SHAPE.test(Buffer.from(bytes).toString('latin1').trim());
}

const badgeRefused = (why: string) =>
  new UserFacingError('REGISTER_NOT_GENUINE', `Do not rely on this Open Badges credential: ${why}`);

/**
 * `copanel register verify BADGE.jwt --trust ROOT.pem [--register register.json]`: the signature
 * must be the trusted scheme root's (ES256), the issuer the root itself, the credential an Open
 * Badges 3.0 OpenBadgeCredential within its dates on `now`, and — when a verified register is
 * given — the certificate must be in it and in force.
 */
export function verifyBadge(
  jwt: Uint8Array,
  trustedRoots: PkiCertificate[],
  options: { now: Date; register?: PublishedRegister },
): CheckedBadge {
  const text = Buffer.from(jwt).toString('latin1').trim();
  if (jwt.length > BADGE_MAX_BYTES || !JWT_SHAPE.test(text))
    throw badgeRefused('it is not a signed credential (a JWT) as the app writes them.');
  const [headerPart, payloadPart, signaturePart] = text.split('.') as [string, string, string];
  const header = parseJson(headerPart) as { alg?: unknown } | undefined;
  if (header?.alg !== 'ES256')
    throw badgeRefused('it is not signed with ES256, as the scheme signs its badges.');
  const parsed = BADGE_PAYLOAD.safeParse(parseJson(payloadPart));
  if (!parsed.success) throw badgeRefused('it is not an Open Badges 3.0 credential the app can read.');
  const badge = parsed.data;
  const root = trustedRoots.find((candidate) => issuerId(candidate) === badge.iss);
  if (!root || badge.issuer.id !== badge.iss)
    throw badgeRefused(
      'it was not issued by the scheme root you trust. Get the badge from the scheme itself.',
    );
  const signed = verifyBytes(
    'sha256',
    Buffer.from(`${headerPart}.${payloadPart}`, 'latin1'),
    {
      key: createPublicKey({ key: root.publicKeyInfo, format: 'der', type: 'spki' }),
      dsaEncoding: 'ieee-p1363',
    },
    Buffer.from(signaturePart, 'base64url'),
  );
  if (!signed)
    throw badgeRefused('its signature does not match the scheme root’s key: it was changed or forged.');
  if (
    !OB3_CONTEXT.every((context) => badge['@context'].includes(context)) ||
    !badge.type.includes('OpenBadgeCredential')
  )
    throw badgeRefused('it is signed, but it is not an Open Badges 3.0 credential.');
  if (badge.nbf !== seconds(badge.validFrom) || badge.exp !== seconds(badge.validUntil))
    throw badgeRefused('its dates disagree with each other.');
  const at = options.now.getTime() / 1000;
  if (at < badge.nbf) throw badgeRefused(`it is not valid until ${badge.validFrom.slice(0, 10)}.`);
  if (at > badge.exp) throw badgeRefused(`it expired: it was valid until ${badge.validUntil.slice(0, 10)}.`);
  const certificateNumber = badge.jti.replace(/^urn:copanel:certificate:/, '');
  const checked: CheckedBadge = {
    certificateNumber,
    organisation: badge.credentialSubject.identifier[0]!.identityHash,
    achievement: badge.credentialSubject.achievement.name,
    issuer: badge.issuer.name,
    validFrom: badge.validFrom.slice(0, 10),
    validUntil: badge.validUntil.slice(0, 10),
  };
  if (options.register) {
    const entry = options.register.entries.find(
      (candidate) => candidate.certificateNumber === certificateNumber,
    );
    if (!entry) throw badgeRefused(`the scheme’s register does not list certificate ${certificateNumber}.`);
    if (!STILL_GOOD.has(entry.status.state))
      throw badgeRefused(`the scheme’s register says: ${entry.status.words}`);
    checked.registerStatus = entry.status.words;
  }
  return checked;
}

function parseJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

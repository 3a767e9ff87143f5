import { PkiCertificate } from './certificate';
import { findRevocation, REVOCATION_REASON_TEXT, type RevocationList } from './revocation';
import {
  failed,
  notChecked,
  passed,
  plainDate,
  plainDateTime,
  type VerificationCheck,
} from './verification-result';

export type CertificateCheckId = 'trusted-chain' | 'key-usage' | 'validity-at-signing-time' | 'revocation';

const MAX_CHAIN_LENGTH = 6;

export interface ChainResult {
  /** The signer first, ending at a trusted root when `trusted`. */
  chain: PkiCertificate[];
  trusted: boolean;
  root?: PkiCertificate;
}

/**
 * Builds the chain from `signer` through the certificates at hand (e.g. those in the CMS) to one
 * of the trusted roots, checking every certificate's signature and that each issuer is a CA.
 */
export async function buildTrustedChain(
  signer: PkiCertificate,
  available: PkiCertificate[],
  trustedRoots: PkiCertificate[],
): Promise<ChainResult> {
  const chain = [signer];
  let current = signer;
  while (chain.length <= MAX_CHAIN_LENGTH) {
    const root = await findIssuer(current, trustedRoots);
    if (root) {
      if (!root.sameAs(current)) chain.push(root);
      return { chain, trusted: true, root };
    }
    if (trustedRoots.some((r) => r.sameAs(current))) return { chain, trusted: true, root: current };
    if (current.isSelfIssued) break;
    const issuer = await findIssuer(
      current,
      available.filter((c) => !chain.includes(c) && c.isCertificateAuthority),
    );
    if (!issuer) break;
    chain.push(issuer);
    current = issuer;
  }
  return { chain, trusted: false };
}

async function findIssuer(
  certificate: PkiCertificate,
  candidates: PkiCertificate[],
): Promise<PkiCertificate | undefined> {
  for (const candidate of candidates) {
    const mayIssue =
      candidate.isCertificateAuthority && (candidate.keyUsage?.includes('keyCertSign') ?? true);
    if (mayIssue && (await certificate.isIssuedBy(candidate))) return candidate;
  }
  return undefined;
}

export function chainCheck(who: string, result: ChainResult): VerificationCheck<'trusted-chain'> {
  const signer = result.chain[0]!;
  if (result.trusted && result.root) {
    return passed(
      'trusted-chain',
      `${who}'s certificate (number ${signer.serialNumber}) was issued by the trusted scheme root "${result.root.commonName}".`,
    );
  }
  return failed(
    'trusted-chain',
    `${who}'s certificate was not issued by a trusted scheme root (it names "${signer.issuerCommonName || 'an unknown issuer'}" as its issuer), so this signature cannot be trusted.`,
  );
}

export function keyUsageCheck(who: string, signer: PkiCertificate): VerificationCheck<'key-usage'> {
  const usage = signer.keyUsage;
  if (usage === undefined)
    return failed('key-usage', `${who}'s certificate does not say it may be used for signing documents.`);
  if (usage.includes('digitalSignature') || usage.includes('nonRepudiation')) {
    return passed(
      'key-usage',
      `${who}'s certificate is meant for signing documents (${usage.filter((u) => u === 'digitalSignature' || u === 'nonRepudiation').join(', ')}).`,
    );
  }
  return failed(
    'key-usage',
    `${who}'s certificate is not meant for signing documents (it allows only ${usage.join(', ') || 'nothing'}).`,
  );
}

/** Every certificate in the chain must be valid at the signing time, and that time not in the future. */
export function validityCheck(
  who: string,
  chain: PkiCertificate[],
  signingTime: Date | undefined,
  now: Date,
): VerificationCheck<'validity-at-signing-time'> {
  const id = 'validity-at-signing-time';
  if (!signingTime)
    return failed(
      id,
      `The signature does not record when ${who} signed, so the certificate's validity cannot be checked.`,
    );
  if (signingTime.getTime() > now.getTime() + 5 * 60_000)
    return failed(
      id,
      `The signature claims it was made on ${plainDateTime(signingTime)}, which is in the future.`,
    );
  const signer = chain[0]!;
  for (const certificate of chain) {
    if (certificate.isValidAt(signingTime)) continue;
    const whose =
      certificate === signer ? `${who}'s certificate` : `The scheme certificate "${certificate.commonName}"`;
    if (signingTime.getTime() > certificate.notAfter.getTime()) {
      return failed(
        id,
        `${whose} had expired when the document was signed: it was valid until ${plainDate(certificate.notAfter)}, and the signature is dated ${plainDate(signingTime)}.`,
      );
    }
    return failed(
      id,
      `${whose} was not yet valid when the document was signed: it is valid from ${plainDate(certificate.notBefore)}, and the signature is dated ${plainDate(signingTime)}.`,
    );
  }
  return passed(
    id,
    `${who}'s certificate was valid when they signed on ${plainDate(signingTime)} (valid ${plainDate(signer.notBefore)} to ${plainDate(signer.notAfter)}).`,
  );
}

/** Checks every certificate below the root against revocation lists from its issuer. */
export function revocationCheck(
  who: string,
  chain: PkiCertificate[],
  lists: RevocationList[] | undefined,
  now?: Date,
): VerificationCheck<'revocation'> {
  if (!lists || lists.length === 0)
    return notChecked(
      'revocation',
      'No revocation list was given, so whether the certificate was revoked was not checked.',
    );
  // A root is trusted directly; every certificate it (or an intermediate) issued is checked.
  const checked = chain.length > 1 ? chain.slice(0, -1) : chain;
  for (const [i, certificate] of checked.entries()) {
    const fromIssuer = lists.filter((list) => list.issuer.subjectDer.equals(certificate.issuerDer));
    const entry = findRevocation(fromIssuer, certificate.serialNumber);
    if (!entry) continue;
    const whose =
      i === 0
        ? `${who}'s certificate (number ${certificate.serialNumber})`
        : `The scheme certificate "${certificate.commonName}"`;
    return failed(
      'revocation',
      `${whose} was revoked on ${plainDate(entry.date)} because ${REVOCATION_REASON_TEXT[entry.reason]}.`,
    );
  }
  const newest = lists.reduce((a, b) => (a.issuedAt.getTime() >= b.issuedAt.getTime() ? a : b));
  const stale =
    now && newest.nextUpdate && newest.nextUpdate.getTime() < now.getTime()
      ? ` That list was due to be replaced on ${plainDate(newest.nextUpdate)}: ask the scheme for the current one.`
      : '';
  return passed(
    'revocation',
    `${who}'s certificate is not on the scheme's revocation list of ${plainDate(newest.issuedAt)}.${stale}`,
  );
}

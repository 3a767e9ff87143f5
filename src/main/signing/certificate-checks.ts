import { PkiCertificate } from './certificate';
import { findRevocation, isSuspension, REVOCATION_REASON_TEXT, type RevocationList } from './revocation';
import {
  failed,
  notChecked,
  passed,
  plainDate,
  plainDateTime,
  type VerificationCheck,
} from './verification-result';

export type CertificateCheckId = 'trusted-chain' | 'key-usage' | 'identity-valid' | 'revocation';

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

/**
 * Without a trusted timestamp nothing proves when a signature was made: the signing time in the
 * PDF (/M) is only what the signer claims. So, as pyHanko does, every certificate in the chain is
 * checked at the time of checking (`checkedAt`: now, or a date the person checking gives), and
 * the claimed time must be a possible one: inside the signer's validity and not after `checkedAt`.
 */
export function identityValidityCheck(
  who: string,
  chain: PkiCertificate[],
  claimed: Date | undefined,
  checkedAt: Date,
): VerificationCheck<'identity-valid'> {
  const id = 'identity-valid';
  const signer = chain[0]!;
  const claim = claimed
    ? `; the date in the signature, ${plainDateTime(claimed)}, is only the time the signer claims`
    : '';
  for (const certificate of chain) {
    if (certificate.isValidAt(checkedAt)) continue;
    const whose =
      certificate === signer ? `${who}'s identity` : `The scheme certificate "${certificate.commonName}"`;
    if (checkedAt.getTime() > certificate.notAfter.getTime())
      return failed(
        id,
        `${whose} expired on ${plainDate(certificate.notAfter)}, before ${plainDate(checkedAt)}, the date checked. Without a trusted timestamp a signature can be trusted only while the identity that made it is valid${claim}.`,
      );
    return failed(
      id,
      `${whose} is valid only from ${plainDate(certificate.notBefore)}, after ${plainDate(checkedAt)}, the date checked.`,
    );
  }
  if (!claimed) return failed(id, `The signature does not say when ${who} signed, as a PDF signature must.`);
  // A date to check "as on" covers that whole day (UTC): a signature made later that day is fine.
  const endOfCheckedDay = Date.UTC(
    checkedAt.getUTCFullYear(),
    checkedAt.getUTCMonth(),
    checkedAt.getUTCDate() + 1,
  );
  if (claimed.getTime() > Math.max(endOfCheckedDay, checkedAt.getTime() + 5 * 60_000))
    return failed(
      id,
      `${who} claims to have signed on ${plainDateTime(claimed)}, after ${plainDate(checkedAt)}, the date checked.`,
    );
  if (!signer.isValidAt(claimed))
    return failed(
      id,
      `${who} claims to have signed on ${plainDateTime(claimed)}, when their identity was not valid (it is valid ${plainDate(signer.notBefore)} to ${plainDate(signer.notAfter)}).`,
    );
  return passed(
    id,
    `${who}'s identity is valid on ${plainDate(checkedAt)}, the date checked (valid ${plainDate(signer.notBefore)} to ${plainDate(signer.notAfter)}). ${who} signed, by their own claim, on ${plainDateTime(claimed)}: the time the signer claims, which no timestamp proves.`,
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
      isSuspension(entry)
        ? `${whose} has been suspended by the scheme since ${plainDate(entry.date)} (on hold while the scheme looks into it), so this signature cannot be relied on unless the scheme reinstates it.`
        : `${whose} was revoked on ${plainDate(entry.date)} because ${REVOCATION_REASON_TEXT[entry.reason]}.`,
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

import { createPrivateKey, createPublicKey } from 'node:crypto';
import * as pkijs from 'pkijs';
import { UserFacingError } from '../../shared/errors';
import { ECDSA_P256, randomSerial, subtle, useNodeCrypto } from './crypto-engine';
import {
  OID,
  PkiCertificate,
  authorityKeyIdentifierExtension,
  basicConstraintsExtension,
  distinguishedName,
  keyUsageExtension,
  serialInteger,
  subjectKeyIdentifierExtension,
  x509Time,
} from './certificate';
import {
  ASSESSOR_ROLE_TITLES,
  assessorRoleExtension,
  assessorRoleFromWords,
  assessorRoleOf,
  type AssessorRole,
} from './assessor-role';
import { importSigningKey } from './private-key-file';
import { buildPkcs12, readPkcs12 } from './pkcs12';
import { DAY_MS, unlockSchemeRoot, type SchemeRoot } from './scheme-root';

/** An assessor's signing identity, ready to sign: key, certificate and chain up to the root. */
export interface AssessorIdentity {
  privateKey: CryptoKey;
  certificate: PkiCertificate;
  /** The assessor's certificate first, then its issuers up to the scheme root when present. */
  chain: PkiCertificate[];
  name: string;
  /** The role in the certificate's title, e.g. "Lead assessor" (words for people). */
  role: string;
  /** The role the scheme issued the identity for (its certificate policy); undefined for an identity without one. */
  schemeRole?: AssessorRole;
  /** The certificate's serial number in hex: the assessor certificate number. */
  certificateNumber: string;
  /** Short id of the public key (PkiCertificate.keyId), used in QR payloads and issue records. */
  keyId: string;
}

/** What `copanel scheme issue` produces. */
export interface IssuedIdentity {
  /** Password-protected PKCS#12 (`.p12`) to hand to the assessor. */
  pkcs12: Uint8Array;
  certificate: PkiCertificate;
  certificatePem: string;
  certificateNumber: string;
  keyId: string;
  validFrom: Date;
  validUntil: Date;
  role: AssessorRole;
}

export interface IssueAssessorIdentityInput {
  root: SchemeRoot;
  rootPassphrase: string;
  name: string;
  /**
   * The role: "lead", "expert-by-experience", "co-assessor", or the same in words ("Lead
   * assessor", "Expert by Experience assessor"). Stored as the certificate's policy (what the app
   * and the verifier trust) and, in words, as its title.
   */
  role: string;
  /** Password that will protect the PKCS#12 file. */
  password: string;
  validDays: number;
  now: Date;
}

/** `copanel scheme issue`: a new key pair and a certificate signed by the scheme root, as PKCS#12. */
export async function issueAssessorIdentity(input: IssueAssessorIdentityInput): Promise<IssuedIdentity> {
  useNodeCrypto();
  const name = input.name.trim();
  if (!name) throw new UserFacingError('INVALID_INPUT', "Enter the assessor's name.");
  if (!(input.validDays > 0))
    throw new UserFacingError('INVALID_INPUT', 'An identity must be valid for at least one day.');
  if (!input.password)
    throw new UserFacingError('INVALID_INPUT', 'Choose a password to protect the identity file.');
  const role = assessorRoleFromWords(input.role);
  if (!role)
    throw new UserFacingError(
      'INVALID_INPUT',
      `"${input.role}" is not a role the scheme issues identities for: use lead, expert-by-experience or co-assessor.`,
    );
  const title = ASSESSOR_ROLE_TITLES[role];
  const rootKey = await unlockSchemeRoot(input.root, input.rootPassphrase);
  const keys = (await subtle().generateKey(ECDSA_P256, true, ['sign', 'verify'])) as CryptoKeyPair;
  const validFrom = new Date(input.now.getTime() - 60_000);
  const validUntil = new Date(input.now.getTime() + input.validDays * DAY_MS);
  const certificate = new pkijs.Certificate({
    version: 2,
    serialNumber: serialInteger(randomSerial()),
    issuer: input.root.certificate.asn.subject,
    subject: distinguishedName([
      [OID.commonName, name],
      [OID.title, title],
      [OID.organisationalUnit, 'Assessors'],
      [OID.organisation, input.root.name],
    ]),
    notBefore: x509Time(validFrom),
    notAfter: x509Time(validUntil),
  });
  await certificate.subjectPublicKeyInfo.importKey(keys.publicKey);
  certificate.extensions = [
    basicConstraintsExtension(false),
    keyUsageExtension(['digitalSignature', 'nonRepudiation']),
    subjectKeyIdentifierExtension(certificate.subjectPublicKeyInfo),
    authorityKeyIdentifierExtension(input.root.certificate),
    assessorRoleExtension(role),
  ];
  await certificate.sign(rootKey, 'SHA-256');
  const issued = PkiCertificate.fromAsn(certificate);
  const pkcs12 = await buildPkcs12({
    privateKey: keys.privateKey,
    certificates: [issued, input.root.certificate],
    password: input.password,
    friendlyName: `${name} (${title})`,
  });
  return {
    pkcs12,
    certificate: issued,
    certificatePem: issued.toPem(),
    certificateNumber: issued.serialNumber,
    keyId: issued.keyId,
    validFrom,
    validUntil,
    role,
  };
}

/** Opens an assessor's PKCS#12 with their password (WRONG_IDENTITY_PASSWORD when it is wrong). */
export async function loadIdentity(pkcs12: Uint8Array, password: string): Promise<AssessorIdentity> {
  const contents = await readPkcs12(pkcs12, password);
  const privateKey = await importSigningKey(contents.privateKeyPkcs8);
  const certificate = certificateForKey(contents.privateKeyPkcs8, contents.certificates);
  const identity: AssessorIdentity = {
    privateKey,
    certificate,
    chain: await orderChain(certificate, contents.certificates),
    name: certificate.commonName || 'Unnamed assessor',
    role: certificate.title ?? '',
    certificateNumber: certificate.serialNumber,
    keyId: certificate.keyId,
  };
  const schemeRole = assessorRoleOf(certificate);
  if (schemeRole) identity.schemeRole = schemeRole;
  return identity;
}

/** Finds the certificate whose public key belongs to the private key. */
function certificateForKey(pkcs8: Uint8Array, certificates: PkiCertificate[]): PkiCertificate {
  const publicKeyInfo = createPublicKey(
    createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' }),
  ).export({ type: 'spki', format: 'der' });
  const match = certificates.find((c) => c.publicKeyInfo.equals(publicKeyInfo));
  if (!match)
    throw new UserFacingError(
      'IDENTITY_INVALID',
      'The identity file has no certificate for its key. Ask the scheme to issue the identity again.',
    );
  return match;
}

/** Orders certificates from the signer up through its issuers, dropping unrelated ones. */
async function orderChain(leaf: PkiCertificate, all: PkiCertificate[]): Promise<PkiCertificate[]> {
  const chain = [leaf];
  let current = leaf;
  while (!current.isSelfIssued && chain.length < 8) {
    let issuer: PkiCertificate | undefined;
    for (const candidate of all)
      if (!chain.includes(candidate) && (await current.isIssuedBy(candidate))) issuer = candidate;
    if (!issuer) break;
    chain.push(issuer);
    current = issuer;
  }
  return chain;
}

import * as pkijs from 'pkijs';
import { ECDSA_P256, randomSerial, subtle, useNodeCrypto } from './crypto-engine';
import {
  OID,
  PkiCertificate,
  basicConstraintsExtension,
  distinguishedName,
  keyUsageExtension,
  serialInteger,
  subjectKeyIdentifierExtension,
  x509Time,
} from './certificate';
import { decryptSigningKey, encryptPrivateKey } from './private-key-file';

/**
 * The scheme's root of trust: a self-signed CA certificate and its private key, which exists
 * only inside an encrypted PKCS#8 file protected by the scheme passphrase.
 */
export interface SchemeRoot {
  name: string;
  certificate: PkiCertificate;
  /** PEM of the root certificate: what verifiers trust (`scheme-root.pem`). */
  certificatePem: string;
  /** PEM "ENCRYPTED PRIVATE KEY" (PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC). */
  encryptedKeyPem: string;
}

export interface CreateSchemeRootInput {
  /** The scheme's name, used in the root certificate's common name and organisation. */
  name: string;
  passphrase: string;
  now: Date;
  /** How long the root certificate is valid; default 20 years. */
  validYears?: number;
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/** `copanel scheme init`: a new ECDSA P-256 root key pair and self-signed root certificate. */
export async function createSchemeRoot(input: CreateSchemeRootInput): Promise<SchemeRoot> {
  useNodeCrypto();
  const keys = (await subtle().generateKey(ECDSA_P256, true, ['sign', 'verify'])) as CryptoKeyPair;
  const name = distinguishedName([
    [OID.commonName, `${input.name} Root`],
    [OID.organisation, input.name],
  ]);
  const certificate = new pkijs.Certificate({
    version: 2,
    serialNumber: serialInteger(randomSerial()),
    issuer: name,
    subject: name,
    notBefore: x509Time(new Date(input.now.getTime() - 60_000)),
    notAfter: x509Time(new Date(input.now.getTime() + (input.validYears ?? 20) * 365 * DAY_MS)),
  });
  await certificate.subjectPublicKeyInfo.importKey(keys.publicKey);
  certificate.extensions = [
    basicConstraintsExtension(true),
    keyUsageExtension(['keyCertSign', 'cRLSign']),
    subjectKeyIdentifierExtension(certificate.subjectPublicKeyInfo),
  ];
  await certificate.sign(keys.privateKey, 'SHA-256');
  const pki = PkiCertificate.fromAsn(certificate);
  return {
    name: input.name,
    certificate: pki,
    certificatePem: pki.toPem(),
    encryptedKeyPem: await encryptPrivateKey(keys.privateKey, input.passphrase),
  };
}

/** Rebuilds a SchemeRoot from its two files (certificate PEM and encrypted key PEM). */
export function loadSchemeRoot(files: { certificatePem: string; encryptedKeyPem: string }): SchemeRoot {
  const certificate = PkiCertificate.from(files.certificatePem);
  return {
    name: certificate.organisation ?? certificate.commonName,
    certificate,
    certificatePem: certificate.toPem(),
    encryptedKeyPem: files.encryptedKeyPem,
  };
}

/** Opens the root's private key (WRONG_SCHEME_PASSPHRASE when the passphrase is wrong). */
export function unlockSchemeRoot(root: SchemeRoot, passphrase: string): Promise<CryptoKey> {
  return decryptSigningKey(root.encryptedKeyPem, passphrase);
}

import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TrustedRoot } from '../../shared/api';
import { UserFacingError } from '../../shared/errors';
import { PkiCertificate } from '../signing';

/**
 * The scheme root certificates this computer trusts when checking certificates, kept as PEM files
 * in `<userDataDir>/trust/`. Only public certificates: nothing secret is stored here.
 */

const TRUST_FOLDER = 'trust';

function folder(userDataDir: string): string {
  return join(userDataDir, TRUST_FOLDER);
}

function trustedRootView(certificate: PkiCertificate): TrustedRoot {
  const fingerprint = certificate.sha256.toString('hex');
  return {
    id: fingerprint.slice(0, 16),
    name: certificate.organisation ?? certificate.commonName,
    validFrom: certificate.notBefore.toISOString(),
    validTo: certificate.notAfter.toISOString(),
    fingerprint,
  };
}

/** Every certificate in a PEM bundle or one DER certificate; refuses anything else plainly. */
function readRootCertificates(bytes: Uint8Array, where: string): PkiCertificate[] {
  const text = Buffer.from(bytes).toString('latin1');
  try {
    const certificates = text.includes('-----BEGIN CERTIFICATE-----')
      ? PkiCertificate.allFromPem(text)
      : [PkiCertificate.from(bytes)];
    if (certificates.length > 0) return certificates;
  } catch {
    // reported below
  }
  throw new UserFacingError(
    'INVALID_INPUT',
    `${where} is not a certificate. Use the scheme root certificate (scheme-root.pem) the scheme published.`,
  );
}

/** A scheme root must be a self-signed certificate authority, not an assessor's certificate. */
function requireSchemeRoot(certificate: PkiCertificate): PkiCertificate {
  if (!certificate.isSelfIssued || !certificate.isCertificateAuthority) {
    throw new UserFacingError(
      'INVALID_INPUT',
      `“${certificate.commonName}” is not a scheme root certificate (it was issued by “${certificate.issuerCommonName}”). Use the scheme root certificate the scheme published.`,
    );
  }
  return certificate;
}

export function trustRoot(userDataDir: string, bytes: Uint8Array, fileName: string): TrustedRoot {
  const roots = readRootCertificates(bytes, `“${fileName}”`).map(requireSchemeRoot);
  mkdirSync(folder(userDataDir), { recursive: true });
  const views = roots.map((root) => {
    const view = trustedRootView(root);
    const path = join(folder(userDataDir), `${view.id}.pem`);
    writeFileSync(`${path}.tmp`, root.toPem());
    renameSync(`${path}.tmp`, path);
    return view;
  });
  return views[0]!;
}

/** The trusted roots as certificates (unreadable files are skipped). */
export function trustedRoots(userDataDir: string): PkiCertificate[] {
  let names: string[];
  try {
    names = readdirSync(folder(userDataDir)).filter((name) => name.endsWith('.pem'));
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    try {
      return PkiCertificate.allFromPem(readFileSync(join(folder(userDataDir), name), 'utf8'));
    } catch {
      return [];
    }
  });
}

export function listTrustedRoots(userDataDir: string): TrustedRoot[] {
  return trustedRoots(userDataDir)
    .map(trustedRootView)
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Scheme roots given for one check (PEM bundle or DER), each checked to be a root. */
export function readSchemeRootsFromInput(bytes: Uint8Array): PkiCertificate[] {
  return readRootCertificates(bytes, 'The trusted root you gave').map(requireSchemeRoot);
}

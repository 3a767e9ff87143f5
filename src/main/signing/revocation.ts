import * as asn1js from './asn1';
import * as pkijs from 'pkijs';
import { UserFacingError } from '../../shared/errors';
import { derFrom, pem, sha256, toArrayBuffer, useNodeCrypto } from './crypto-engine';
import {
  OID,
  PkiCertificate,
  authorityKeyIdentifierExtension,
  normalizeSerial,
  serialInteger,
  x509Time,
} from './certificate';
import { DAY_MS, unlockSchemeRoot, type SchemeRoot } from './scheme-root';

export const REVOCATION_REASONS = {
  unspecified: 0,
  keyCompromise: 1,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  certificateHold: 6,
  privilegeWithdrawn: 9,
} as const;
export type RevocationReason = keyof typeof REVOCATION_REASONS;

/** Plain-English wording of each reason, for verification messages. */
export const REVOCATION_REASON_TEXT: Record<RevocationReason, string> = {
  unspecified: 'no reason given',
  keyCompromise: 'the key may have been compromised',
  affiliationChanged: 'the holder left the scheme or changed role',
  superseded: 'it was replaced',
  cessationOfOperation: 'it is no longer used',
  certificateHold: 'it is on hold',
  privilegeWithdrawn: 'the award or permission was withdrawn',
};

/** Whether an entry only suspends the certificate (on hold: the scheme may reinstate it), rather than withdrawing it for good. */
export function isSuspension(entry: RevokedEntry): boolean {
  return entry.reason === 'certificateHold';
}

export interface RevocationEntry {
  /** An assessor certificate's number (its X.509 serial number, hex). */
  serial?: string;
  /** Or a kitemark certificate's number, e.g. "CP-2025-0007", listed under `kitemarkRevocationSerial`. */
  kitemarkCertificateNumber?: string;
  reason: RevocationReason;
  date: Date;
}

export interface RevokedEntry {
  serial: string;
  reason: RevocationReason;
  date: Date;
}

/** A revocation list whose signature has been checked against a trusted scheme root. */
export interface RevocationList {
  issuer: PkiCertificate;
  issuedAt: Date;
  nextUpdate?: Date;
  entries: RevokedEntry[];
  der: Uint8Array;
}

/**
 * A kitemark certificate number is not an X.509 serial, so it is listed under a serial derived
 * from it: the first 16 bytes of SHA-256("coproduction-kitemark:" + number), top bit cleared.
 */
export function kitemarkRevocationSerial(certificateNumber: string): string {
  const digest = sha256(
    new TextEncoder().encode(`coproduction-kitemark:${certificateNumber.trim()}`),
  ).subarray(0, 16);
  digest[0] = digest[0]! & 0x7f;
  return normalizeSerial(digest.toString('hex'));
}

/**
 * `copanel scheme revoke`: an X.509 CRL signed by the scheme root listing every entry given
 * (pass the full list each time: the newest list replaces older ones).
 */
export async function revokeCertificates(input: {
  root: SchemeRoot;
  rootPassphrase: string;
  entries: RevocationEntry[];
  now?: Date;
  /** Days until the next list is due; default 365. */
  nextUpdateDays?: number;
}): Promise<{ der: Uint8Array; pem: string }> {
  useNodeCrypto();
  const rootKey = await unlockSchemeRoot(input.root, input.rootPassphrase);
  const issuedAt = input.now ?? new Date();
  const crl = new pkijs.CertificateRevocationList({
    version: 1,
    issuer: input.root.certificate.asn.subject,
    thisUpdate: x509Time(issuedAt),
    nextUpdate: x509Time(new Date(issuedAt.getTime() + (input.nextUpdateDays ?? 365) * DAY_MS)),
  });
  if (input.entries.length > 0) crl.revokedCertificates = input.entries.map(revokedCertificate);
  crl.crlExtensions = new pkijs.Extensions({
    extensions: [
      authorityKeyIdentifierExtension(input.root.certificate),
      new pkijs.Extension({
        extnID: OID.crlNumber,
        critical: false,
        extnValue: new asn1js.Integer({ value: Math.floor(issuedAt.getTime() / 1000) }).toBER(false),
      }),
    ],
  });
  await crl.sign(rootKey, 'SHA-256');
  const der = new Uint8Array(crl.toSchema().toBER(false));
  return { der, pem: pem('X509 CRL', der) };
}

function revokedCertificate(entry: RevocationEntry): pkijs.RevokedCertificate {
  const serial =
    entry.serial ??
    (entry.kitemarkCertificateNumber ? kitemarkRevocationSerial(entry.kitemarkCertificateNumber) : undefined);
  if (!serial || (entry.serial && entry.kitemarkCertificateNumber)) {
    throw new UserFacingError(
      'INVALID_INPUT',
      'Each revocation names either an assessor certificate number or a kitemark certificate number.',
    );
  }
  if (!/^[0-9a-fA-F:\s]+$/.test(serial))
    throw new UserFacingError('INVALID_INPUT', `"${serial}" is not an assessor certificate number.`);
  return new pkijs.RevokedCertificate({
    userCertificate: serialInteger(serial),
    revocationDate: x509Time(entry.date),
    crlEntryExtensions: new pkijs.Extensions({
      extensions: [
        new pkijs.Extension({
          extnID: OID.crlReason,
          critical: false,
          extnValue: new asn1js.Enumerated({ value: REVOCATION_REASONS[entry.reason] }).toBER(false),
        }),
      ],
    }),
  });
}

/** Reads a revocation list (PEM or DER) and checks it was signed by one of the trusted roots. */
export async function parseRevocationList(
  input: Uint8Array | string,
  trustedRoots: PkiCertificate[],
): Promise<RevocationList> {
  useNodeCrypto();
  let crl: pkijs.CertificateRevocationList;
  let der: Uint8Array;
  try {
    der = Uint8Array.from(derFrom(input, 'X509 CRL'));
    crl = pkijs.CertificateRevocationList.fromBER(toArrayBuffer(der));
  } catch {
    throw new UserFacingError(
      'REVOCATION_LIST_INVALID',
      'This file is not a revocation list. Use the list made by "copanel scheme revoke".',
    );
  }
  const issuer = await signerOf(crl, trustedRoots);
  if (!issuer) {
    throw new UserFacingError(
      'REVOCATION_LIST_INVALID',
      "This revocation list was not signed by the scheme's trusted root, so it cannot be used. Get the current list from the scheme.",
    );
  }
  const list: RevocationList = {
    issuer,
    issuedAt: crl.thisUpdate.value,
    entries: (crl.revokedCertificates ?? []).map(revokedEntry),
    der,
  };
  if (crl.nextUpdate) list.nextUpdate = crl.nextUpdate.value;
  return list;
}

async function signerOf(
  crl: pkijs.CertificateRevocationList,
  trustedRoots: PkiCertificate[],
): Promise<PkiCertificate | undefined> {
  for (const root of trustedRoots) {
    try {
      if (await crl.verify({ issuerCertificate: root.asn })) return root;
    } catch {
      // a root with a different name: try the next one
    }
  }
  return undefined;
}

function revokedEntry(revoked: pkijs.RevokedCertificate): RevokedEntry {
  const reasonExtension = revoked.crlEntryExtensions?.extensions.find((e) => e.extnID === OID.crlReason);
  let reason: RevocationReason = 'unspecified';
  if (reasonExtension) {
    const parsed = asn1js.fromBER(reasonExtension.extnValue.valueBlock.valueHexView).result;
    const code = parsed instanceof asn1js.Enumerated ? parsed.valueBlock.valueDec : 0;
    reason =
      (Object.keys(REVOCATION_REASONS) as RevocationReason[]).find(
        (key) => REVOCATION_REASONS[key] === code,
      ) ?? 'unspecified';
  }
  return {
    serial: normalizeSerial(Buffer.from(revoked.userCertificate.valueBlock.valueHexView).toString('hex')),
    reason,
    date: revoked.revocationDate.value,
  };
}

/** The entry revoking `serial` in any of the lists, if there is one. */
export function findRevocation(lists: RevocationList[], serial: string): RevokedEntry | undefined {
  const wanted = normalizeSerial(serial);
  for (const list of lists) {
    const entry = list.entries.find((e) => e.serial === wanted);
    if (entry) return entry;
  }
  return undefined;
}

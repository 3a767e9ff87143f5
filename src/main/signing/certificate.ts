import { createHash } from 'node:crypto';
import * as asn1js from './asn1';
import * as pkijs from 'pkijs';
import { derFrom, pem, sha256, toArrayBuffer, useNodeCrypto } from './crypto-engine';

export const OID = {
  commonName: '2.5.4.3',
  organisation: '2.5.4.10',
  organisationalUnit: '2.5.4.11',
  title: '2.5.4.12',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
  crlNumber: '2.5.29.20',
  crlReason: '2.5.29.21',
} as const;

/** The key usages the app cares about (RFC 5280 §4.2.1.3 bit order). */
const KEY_USAGE_BITS = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
] as const;
export type KeyUsage = (typeof KEY_USAGE_BITS)[number];

/**
 * An X.509 certificate (a scheme root or an assessor's certificate), read with pkijs.
 * Named "PkiCertificate" so it is never confused with the kitemark certificate a panel awards.
 */
export class PkiCertificate {
  readonly der: Uint8Array;
  readonly asn: pkijs.Certificate;

  private constructor(der: Uint8Array) {
    useNodeCrypto();
    this.der = der;
    this.asn = pkijs.Certificate.fromBER(toArrayBuffer(der));
  }

  static fromDer(der: Uint8Array): PkiCertificate {
    return new PkiCertificate(Uint8Array.from(der));
  }

  /** From PEM text or DER bytes. */
  static from(input: Uint8Array | string): PkiCertificate {
    return new PkiCertificate(Uint8Array.from(derFrom(input, 'CERTIFICATE')));
  }

  static fromAsn(certificate: pkijs.Certificate): PkiCertificate {
    return new PkiCertificate(new Uint8Array(certificate.toSchema().toBER(false)));
  }

  /** Every certificate in a PEM bundle (e.g. a `--trust` file holding several roots). */
  static allFromPem(text: string): PkiCertificate[] {
    return [...text.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g)].map((m) =>
      PkiCertificate.from(m[0]),
    );
  }

  toPem(): string {
    return pem('CERTIFICATE', this.der);
  }

  /** A readable summary, so results holding certificates can be printed as JSON. */
  toJSON(): {
    commonName: string;
    title?: string;
    issuer: string;
    serialNumber: string;
    keyId: string;
    notBefore: string;
    notAfter: string;
  } {
    const summary = {
      commonName: this.commonName,
      issuer: this.issuerCommonName,
      serialNumber: this.serialNumber,
      keyId: this.keyId,
      notBefore: this.notBefore.toISOString(),
      notAfter: this.notAfter.toISOString(),
    };
    return this.title ? { ...summary, title: this.title } : summary;
  }

  /** The serial number in lower-case hex without leading zero bytes: the certificate number. */
  get serialNumber(): string {
    return normalizeSerial(Buffer.from(this.asn.serialNumber.valueBlock.valueHexView).toString('hex'));
  }

  get commonName(): string {
    return nameField(this.asn.subject, OID.commonName) ?? '';
  }

  get title(): string | undefined {
    return nameField(this.asn.subject, OID.title);
  }

  get organisation(): string | undefined {
    return nameField(this.asn.subject, OID.organisation);
  }

  get issuerCommonName(): string {
    return nameField(this.asn.issuer, OID.commonName) ?? '';
  }

  get notBefore(): Date {
    return this.asn.notBefore.value;
  }

  get notAfter(): Date {
    return this.asn.notAfter.value;
  }

  /** DER of the subject name, for exact comparisons with an issuer name. */
  get subjectDer(): Buffer {
    return Buffer.from(this.asn.subject.toSchema().toBER(false));
  }

  get issuerDer(): Buffer {
    return Buffer.from(this.asn.issuer.toSchema().toBER(false));
  }

  get isSelfIssued(): boolean {
    return this.subjectDer.equals(this.issuerDer);
  }

  /** DER of the SubjectPublicKeyInfo. */
  get publicKeyInfo(): Buffer {
    return Buffer.from(this.asn.subjectPublicKeyInfo.toSchema().toBER(false));
  }

  /** Short id of the public key: first 8 bytes of SHA-256(SubjectPublicKeyInfo), hex. */
  get keyId(): string {
    return sha256(this.publicKeyInfo).subarray(0, 8).toString('hex');
  }

  /** SHA-256 of the whole certificate (used by ESS signing-certificate-v2). */
  get sha256(): Buffer {
    return sha256(this.der);
  }

  get isCertificateAuthority(): boolean {
    const ext = this.extension(OID.basicConstraints);
    if (!ext) return false;
    const parsed = asn1js.fromBER(ext.extnValue.valueBlock.valueHexView);
    const first = parsed.result instanceof asn1js.Sequence ? parsed.result.valueBlock.value[0] : undefined;
    return first instanceof asn1js.Boolean && first.getValue();
  }

  /** The key usages listed, or undefined when the certificate has no key-usage extension. */
  get keyUsage(): KeyUsage[] | undefined {
    const ext = this.extension(OID.keyUsage);
    if (!ext) return undefined;
    const parsed = asn1js.fromBER(ext.extnValue.valueBlock.valueHexView);
    if (!(parsed.result instanceof asn1js.BitString)) return [];
    const bytes = parsed.result.valueBlock.valueHexView;
    return KEY_USAGE_BITS.filter((_, bit) => ((bytes[bit >> 3] ?? 0) & (0x80 >> (bit & 7))) !== 0);
  }

  extension(oid: string): pkijs.Extension | undefined {
    return this.asn.extensions?.find((e) => e.extnID === oid);
  }

  /** Whether `issuer`'s key signed this certificate and the names chain. */
  async isIssuedBy(issuer: PkiCertificate): Promise<boolean> {
    if (!this.issuerDer.equals(issuer.subjectDer)) return false;
    try {
      return await this.asn.verify(issuer.asn);
    } catch {
      return false;
    }
  }

  sameAs(other: PkiCertificate): boolean {
    return Buffer.from(this.der).equals(Buffer.from(other.der));
  }

  /** Whether `at` is within the certificate's validity period. */
  isValidAt(at: Date): boolean {
    return at.getTime() >= this.notBefore.getTime() && at.getTime() <= this.notAfter.getTime();
  }
}

export function normalizeSerial(hex: string): string {
  const clean = hex
    .toLowerCase()
    .replace(/[^0-9a-f]/g, '')
    .replace(/^(00)+(?=..)/, '');
  return clean.length % 2 === 1 ? `0${clean}` : clean;
}

function nameField(name: pkijs.RelativeDistinguishedNames, oid: string): string | undefined {
  const match = name.typesAndValues.find((tv) => tv.type === oid);
  const value: unknown = match?.value?.valueBlock?.value;
  return typeof value === 'string' ? value : undefined;
}

/** A distinguished name from [oid, text] pairs, each its own RDN, as UTF8String. */
export function distinguishedName(fields: Array<[string, string]>): pkijs.RelativeDistinguishedNames {
  // pkijs would put every attribute into one multi-valued RDN, so encode the SEQUENCE OF SET ourselves.
  const sequence = new asn1js.Sequence({
    value: fields.map(
      ([type, value]) =>
        new asn1js.Set({
          value: [
            new pkijs.AttributeTypeAndValue({ type, value: new asn1js.Utf8String({ value }) }).toSchema(),
          ],
        }),
    ),
  });
  return pkijs.RelativeDistinguishedNames.fromBER(sequence.toBER(false));
}

export function keyUsageExtension(usages: KeyUsage[]): pkijs.Extension {
  let bits = 0;
  for (const usage of usages) bits |= 0x80 >> KEY_USAGE_BITS.indexOf(usage);
  let unused = 0;
  while (unused < 7 && (bits & (1 << unused)) === 0) unused++;
  const bitString = new asn1js.BitString({ valueHex: Uint8Array.from([bits]), unusedBits: unused });
  return new pkijs.Extension({ extnID: OID.keyUsage, critical: true, extnValue: bitString.toBER(false) });
}

export function basicConstraintsExtension(isAuthority: boolean): pkijs.Extension {
  const value = isAuthority
    ? new pkijs.BasicConstraints({ cA: true, pathLenConstraint: 0 })
    : new pkijs.BasicConstraints({ cA: false });
  return new pkijs.Extension({
    extnID: OID.basicConstraints,
    critical: true,
    extnValue: value.toSchema().toBER(false),
  });
}

/** RFC 5280 method 1 key identifier: SHA-1 of the subjectPublicKey bits. */
function keyIdentifierOf(spki: pkijs.PublicKeyInfo): Uint8Array {
  return createHash('sha1').update(spki.subjectPublicKey.valueBlock.valueHexView).digest();
}

export function subjectKeyIdentifierExtension(spki: pkijs.PublicKeyInfo): pkijs.Extension {
  return new pkijs.Extension({
    extnID: OID.subjectKeyIdentifier,
    critical: false,
    extnValue: new asn1js.OctetString({ valueHex: keyIdentifierOf(spki) }).toBER(false),
  });
}

export function authorityKeyIdentifierExtension(issuer: PkiCertificate): pkijs.Extension {
  const value = new pkijs.AuthorityKeyIdentifier({
    keyIdentifier: new asn1js.OctetString({ valueHex: keyIdentifierOf(issuer.asn.subjectPublicKeyInfo) }),
  });
  return new pkijs.Extension({
    extnID: OID.authorityKeyIdentifier,
    critical: false,
    extnValue: value.toSchema().toBER(false),
  });
}

/** UTCTime up to 2049, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5). */
export function x509Time(date: Date): pkijs.Time {
  return new pkijs.Time({ type: date.getUTCFullYear() >= 2050 ? 1 : 0, value: date });
}

/** A positive INTEGER for a serial number given in hex. */
export function serialInteger(hex: string): asn1js.Integer {
  const bytes = Buffer.from(normalizeSerial(hex), 'hex');
  return new asn1js.Integer({
    valueHex: bytes[0]! >= 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes,
  });
}

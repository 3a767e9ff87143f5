import { createPublicKey, verify as verifySignatureBytes } from 'node:crypto';
import * as asn1js from './asn1';
import * as pkijs from 'pkijs';
import { toArrayBuffer, useNodeCrypto } from './crypto-engine';
import { PkiCertificate } from './certificate';
import type { AssessorIdentity } from './assessor-identity';

const CMS_OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
} as const;

/** Signature algorithms that name their own hash (ECDSA and RSA PKCS#1 v1.5 with SHA-2). */
const SIGNATURE_HASHES: Record<string, 'sha256' | 'sha384' | 'sha512'> = {
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
};

const HASH_NAMES: Record<string, 'sha256' | 'sha384' | 'sha512'> = {
  [CMS_OID.sha256]: 'sha256',
  [CMS_OID.sha384]: 'sha384',
  [CMS_OID.sha512]: 'sha512',
};

/**
 * A CAdES detached signature (PAdES baseline B-B): CMS SignedData without content, carrying the
 * signer's certificate chain and the signed attributes content-type, message-digest and
 * ESS signing-certificate-v2. No signing-time attribute: PAdES puts the time in the PDF's /M.
 */
export async function buildCadesDetachedSignature(
  documentDigest: Uint8Array,
  identity: AssessorIdentity,
): Promise<Uint8Array> {
  useNodeCrypto();
  const attributes = [
    new pkijs.Attribute({
      type: CMS_OID.contentType,
      values: [new asn1js.ObjectIdentifier({ value: CMS_OID.data })],
    }),
    new pkijs.Attribute({
      type: CMS_OID.messageDigest,
      values: [new asn1js.OctetString({ valueHex: documentDigest })],
    }),
    new pkijs.Attribute({
      type: CMS_OID.signingCertificateV2,
      values: [signingCertificateV2(identity.certificate)],
    }),
  ];
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: CMS_OID.data }),
    certificates: identity.chain.map((c) => c.asn),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({
          issuer: identity.certificate.asn.issuer,
          serialNumber: identity.certificate.asn.serialNumber,
        }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: sortedForDer(attributes) }),
      }),
    ],
  });
  await signedData.sign(identity.privateKey, 0, 'SHA-256');
  const contentInfo = new pkijs.ContentInfo({
    contentType: CMS_OID.signedData,
    content: signedData.toSchema(true),
  });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
}

/** SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 } with the SHA-256 default hash. */
function signingCertificateV2(certificate: PkiCertificate): asn1js.Sequence {
  const essCertIdV2 = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: certificate.sha256 })],
  });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

/** DER encodes SET OF in ascending order of the encodings; verifiers such as OpenSSL re-encode. */
function sortedForDer(attributes: pkijs.Attribute[]): pkijs.Attribute[] {
  const encoded = attributes.map((attribute) => ({
    attribute,
    der: Buffer.from(attribute.toSchema().toBER(false)),
  }));
  return encoded.sort((a, b) => Buffer.compare(a.der, b.der)).map((e) => e.attribute);
}

/** What the verifier needs from a CMS signature, decoded once. */
export interface DecodedCmsSignature {
  certificates: PkiCertificate[];
  signer?: PkiCertificate;
  digestAlgorithm?: 'sha256' | 'sha384' | 'sha512';
  digestAlgorithmOid: string;
  messageDigest?: Uint8Array;
  contentTypeIsData: boolean;
  hasSigningTime: boolean;
  /** The certificate hash in signing-certificate-v2 (or v1), when present. */
  signingCertificateHash?: { algorithm: 'sha1' | 'sha256' | 'sha384' | 'sha512'; hash: Uint8Array };
  /** The DER SET of signed attributes: the bytes the signer's key signed. */
  signedAttributes?: Uint8Array;
  signature: Uint8Array;
  signatureAlgorithmOid: string;
  /** Whether the CMS carries the content itself (a PAdES signature must not). */
  isDetached: boolean;
}

/** Decodes a DER CMS ContentInfo (trailing zero padding from a PDF placeholder is ignored). */
export function decodeCmsSignature(bytes: Uint8Array): DecodedCmsSignature {
  useNodeCrypto();
  const parsed = asn1js.fromBER(toArrayBuffer(bytes));
  if (parsed.offset === -1) throw new Error('not DER');
  const contentInfo = new pkijs.ContentInfo({ schema: parsed.result });
  if (contentInfo.contentType !== CMS_OID.signedData) throw new Error('not SignedData');
  const signedData = new pkijs.SignedData({ schema: contentInfo.content });
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo) throw new Error('no signer');
  const certificates = (signedData.certificates ?? [])
    .filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate)
    .map(PkiCertificate.fromAsn);
  const attributes = signerInfo.signedAttrs?.attributes ?? [];
  const attribute = (oid: string): pkijs.Attribute | undefined => attributes.find((a) => a.type === oid);
  const digest = attribute(CMS_OID.messageDigest)?.values[0];
  const contentType = attribute(CMS_OID.contentType)?.values[0];
  const decoded: DecodedCmsSignature = {
    certificates,
    digestAlgorithmOid: signerInfo.digestAlgorithm.algorithmId,
    contentTypeIsData:
      contentType instanceof asn1js.ObjectIdentifier && contentType.valueBlock.toString() === CMS_OID.data,
    hasSigningTime: attribute(CMS_OID.signingTime) !== undefined,
    signature: new Uint8Array(signerInfo.signature.valueBlock.valueHexView),
    signatureAlgorithmOid: signerInfo.signatureAlgorithm.algorithmId,
    isDetached: signedData.encapContentInfo.eContent === undefined,
  };
  const signer = signerCertificate(signerInfo, certificates);
  if (signer) decoded.signer = signer;
  const hashName = HASH_NAMES[signerInfo.digestAlgorithm.algorithmId];
  if (hashName) decoded.digestAlgorithm = hashName;
  if (digest instanceof asn1js.OctetString)
    decoded.messageDigest = new Uint8Array(digest.valueBlock.valueHexView);
  if (signerInfo.signedAttrs) decoded.signedAttributes = new Uint8Array(signerInfo.signedAttrs.encodedValue);
  const certHash = signingCertificateHash(
    attribute(CMS_OID.signingCertificateV2),
    attribute(CMS_OID.signingCertificate),
  );
  if (certHash) decoded.signingCertificateHash = certHash;
  return decoded;
}

function signerCertificate(
  signerInfo: pkijs.SignerInfo,
  certificates: PkiCertificate[],
): PkiCertificate | undefined {
  const sid = signerInfo.sid;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    const issuer = Buffer.from(sid.issuer.toSchema().toBER(false));
    const serial = Buffer.from(sid.serialNumber.valueBlock.valueHexView);
    return certificates.find(
      (c) =>
        c.issuerDer.equals(issuer) && Buffer.from(c.asn.serialNumber.valueBlock.valueHexView).equals(serial),
    );
  }
  // [0] SubjectKeyIdentifier
  const view: unknown = (sid as { valueBlock?: { valueHexView?: Uint8Array } }).valueBlock?.valueHexView;
  if (!(view instanceof Uint8Array)) return undefined;
  const keyId = Buffer.from(view);
  return certificates.find((c) => {
    const ext = c.extension('2.5.29.14');
    const value = ext ? asn1js.fromBER(ext.extnValue.valueBlock.valueHexView).result : undefined;
    return value instanceof asn1js.OctetString && Buffer.from(value.valueBlock.valueHexView).equals(keyId);
  });
}

function signingCertificateHash(
  v2: pkijs.Attribute | undefined,
  v1: pkijs.Attribute | undefined,
): DecodedCmsSignature['signingCertificateHash'] {
  const value = (v2 ?? v1)?.values[0];
  const certs = value instanceof asn1js.Sequence ? value.valueBlock.value[0] : undefined;
  const first = certs instanceof asn1js.Sequence ? certs.valueBlock.value[0] : undefined;
  if (!(first instanceof asn1js.Sequence)) return undefined;
  if (!v2) {
    const hash = first.valueBlock.value[0];
    return hash instanceof asn1js.OctetString
      ? { algorithm: 'sha1', hash: new Uint8Array(hash.valueBlock.valueHexView) }
      : undefined;
  }
  let algorithm: 'sha256' | 'sha384' | 'sha512' = 'sha256';
  let index = 0;
  const head = first.valueBlock.value[0];
  if (head instanceof asn1js.Sequence) {
    const oid = head.valueBlock.value[0];
    const name = oid instanceof asn1js.ObjectIdentifier ? HASH_NAMES[oid.valueBlock.toString()] : undefined;
    if (!name) return undefined;
    algorithm = name;
    index = 1;
  }
  const hash = first.valueBlock.value[index];
  return hash instanceof asn1js.OctetString
    ? { algorithm, hash: new Uint8Array(hash.valueBlock.valueHexView) }
    : undefined;
}

/** Checks the signer's signature over the signed attributes with the certificate's public key. */
export function signedAttributesVerify(decoded: DecodedCmsSignature): boolean {
  if (!decoded.signer || !decoded.signedAttributes || !decoded.digestAlgorithm) return false;
  try {
    const publicKey = createPublicKey({ key: decoded.signer.publicKeyInfo, format: 'der', type: 'spki' });
    const hash = SIGNATURE_HASHES[decoded.signatureAlgorithmOid] ?? decoded.digestAlgorithm;
    return verifySignatureBytes(hash, decoded.signedAttributes, publicKey, decoded.signature);
  } catch {
    return false;
  }
}

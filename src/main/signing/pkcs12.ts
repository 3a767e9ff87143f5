import { createPrivateKey } from 'node:crypto';
import * as asn1js from './asn1';
import * as pkijs from 'pkijs';
import { UserFacingError } from '../../shared/errors';
import { AES_256_CBC, subtle, toArrayBuffer, useNodeCrypto } from './crypto-engine';
import { PkiCertificate } from './certificate';

const KEY_BAG = '1.2.840.113549.1.12.10.1.2';
const CERT_BAG = '1.2.840.113549.1.12.10.1.3';
const FRIENDLY_NAME = '1.2.840.113549.1.9.20';
const LOCAL_KEY_ID = '1.2.840.113549.1.9.21';
const ENCRYPTED_DATA = '1.2.840.113549.1.7.6';

/** PBKDF2 rounds for the key and certificate encryption, and PKCS#12-KDF rounds for the MAC. */
const PKCS12_ITERATIONS = 100_000;

export interface Pkcs12Contents {
  /** PKCS#8 DER of the private key (unencrypted, in memory only). */
  privateKeyPkcs8: Uint8Array;
  /** Certificates in the file, the one matching the key first. */
  certificates: PkiCertificate[];
}

/**
 * Builds a password-protected PKCS#12 the way OpenSSL 3 does by default: the key in a
 * PBES2/AES-256-CBC shrouded key bag, the certificates in a PBES2/AES-256-CBC encrypted safe,
 * and an HMAC-SHA256 MAC over the whole.
 */
export async function buildPkcs12(input: {
  privateKey: CryptoKey;
  certificates: PkiCertificate[];
  password: string;
  friendlyName: string;
  iterations?: number;
}): Promise<Uint8Array> {
  useNodeCrypto();
  const iterations = input.iterations ?? PKCS12_ITERATIONS;
  const password = toArrayBuffer(new TextEncoder().encode(input.password));
  const encryption = {
    password,
    contentEncryptionAlgorithm: AES_256_CBC,
    hmacHashAlgorithm: 'SHA-256',
    iterationCount: iterations,
  };
  const localKeyId = new Uint8Array(
    await subtle().digest('SHA-256', toArrayBuffer(input.certificates[0]!.der)),
  ).slice(0, 20);
  const attributes = [
    new pkijs.Attribute({
      type: FRIENDLY_NAME,
      values: [new asn1js.BmpString({ value: input.friendlyName })],
    }),
    new pkijs.Attribute({ type: LOCAL_KEY_ID, values: [new asn1js.OctetString({ valueHex: localKeyId })] }),
  ];
  const keyBag = new pkijs.PKCS8ShroudedKeyBag({
    parsedValue: pkijs.PrivateKeyInfo.fromBER(await subtle().exportKey('pkcs8', input.privateKey)),
  });
  await keyBag.makeInternalValues(encryption);
  const certBags = input.certificates.map(
    (certificate, i) =>
      new pkijs.SafeBag({
        bagId: CERT_BAG,
        bagValue: new pkijs.CertBag({ parsedValue: certificate.asn }),
        ...(i === 0 ? { bagAttributes: attributes } : {}),
      }),
  );
  const pfx = new pkijs.PFX({
    parsedValue: {
      integrityMode: 0,
      authenticatedSafe: new pkijs.AuthenticatedSafe({
        parsedValue: {
          safeContents: [
            { privacyMode: 1, value: new pkijs.SafeContents({ safeBags: certBags }) },
            {
              privacyMode: 0,
              value: new pkijs.SafeContents({
                safeBags: [
                  new pkijs.SafeBag({ bagId: KEY_BAG, bagValue: keyBag, bagAttributes: attributes }),
                ],
              }),
            },
          ],
        },
      }),
    },
  });
  await pfx.parsedValue!.authenticatedSafe!.makeInternalValues({ safeContents: [encryption, {}] });
  await pfx.makeInternalValues({
    password,
    iterations,
    pbkdf2HashAlgorithm: 'SHA-256',
    hmacHashAlgorithm: 'SHA-256',
  });
  return new Uint8Array(pfx.toSchema().toBER(false));
}

/** Opens a PKCS#12 file (WRONG_IDENTITY_PASSWORD on a bad password, IDENTITY_INVALID if unreadable). */
export async function readPkcs12(bytes: Uint8Array, password: string): Promise<Pkcs12Contents> {
  useNodeCrypto();
  const passwordBuffer = toArrayBuffer(new TextEncoder().encode(password));
  let pfx: pkijs.PFX;
  try {
    pfx = pkijs.PFX.fromBER(toArrayBuffer(bytes));
  } catch {
    throw notAnIdentity();
  }
  try {
    await pfx.parseInternalValues({ password: passwordBuffer, checkIntegrity: true });
  } catch (error) {
    if (error instanceof Error && /Integrity/.test(error.message)) throw wrongPassword();
    throw notAnIdentity();
  }
  const authenticatedSafe = pfx.parsedValue?.authenticatedSafe;
  if (!authenticatedSafe) throw notAnIdentity();
  try {
    await authenticatedSafe.parseInternalValues({
      safeContents: authenticatedSafe.safeContents.map((content) =>
        content.contentType === ENCRYPTED_DATA ? { password: passwordBuffer } : {},
      ),
    });
  } catch {
    throw notAnIdentity(
      'Its certificates are encrypted in a way the app does not support (use AES, as OpenSSL 3 does).',
    );
  }
  const certificates: PkiCertificate[] = [];
  let privateKeyPkcs8: Uint8Array | undefined;
  for (const content of authenticatedSafe.parsedValue?.safeContents ?? []) {
    for (const bag of content.value.safeBags) {
      if (
        bag.bagId === CERT_BAG &&
        bag.bagValue instanceof pkijs.CertBag &&
        bag.bagValue.parsedValue instanceof pkijs.Certificate
      ) {
        certificates.push(PkiCertificate.fromAsn(bag.bagValue.parsedValue));
      } else if (bag.bagId === KEY_BAG && bag.bagValue instanceof pkijs.PKCS8ShroudedKeyBag) {
        privateKeyPkcs8 = decryptShroudedKey(new Uint8Array(bag.bagValue.toSchema().toBER(false)), password);
      }
    }
  }
  if (!privateKeyPkcs8 || certificates.length === 0)
    throw notAnIdentity('It has no private key or no certificate.');
  return { privateKeyPkcs8, certificates };
}

function decryptShroudedKey(encryptedPrivateKeyInfo: Uint8Array, password: string): Uint8Array {
  try {
    const key = createPrivateKey({
      key: Buffer.from(encryptedPrivateKeyInfo),
      format: 'der',
      type: 'pkcs8',
      passphrase: password,
    });
    return key.export({ type: 'pkcs8', format: 'der' });
  } catch {
    throw wrongPassword();
  }
}

function wrongPassword(): UserFacingError {
  return new UserFacingError(
    'WRONG_IDENTITY_PASSWORD',
    'That password does not open this identity file. Check the password and try again.',
  );
}

function notAnIdentity(detail?: string): UserFacingError {
  return new UserFacingError(
    'IDENTITY_INVALID',
    `This file is not an assessor identity the app can read.${detail ? ` ${detail}` : ''} Ask the scheme to issue the identity again.`,
  );
}

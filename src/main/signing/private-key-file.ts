import { createPrivateKey } from 'node:crypto';
import * as pkijs from 'pkijs';
import { UserFacingError } from '../../shared/errors';
import { AES_256_CBC, pem, subtle, toArrayBuffer, useNodeCrypto } from './crypto-engine';

/** PBKDF2 rounds for the scheme's root key file (OWASP 2023 guidance for PBKDF2-HMAC-SHA256). */
const ROOT_KEY_PBKDF2_ITERATIONS = 600_000;

/**
 * Wraps a private key as an encrypted PKCS#8 file (PEM "ENCRYPTED PRIVATE KEY"):
 * PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC. `openssl pkey -in key.pem` opens it with the passphrase.
 */
export async function encryptPrivateKey(
  key: CryptoKey,
  passphrase: string,
  iterations = ROOT_KEY_PBKDF2_ITERATIONS,
): Promise<string> {
  useNodeCrypto();
  const pkcs8 = await subtle().exportKey('pkcs8', key);
  const bag = new pkijs.PKCS8ShroudedKeyBag({ parsedValue: pkijs.PrivateKeyInfo.fromBER(pkcs8) });
  await bag.makeInternalValues({
    password: toArrayBuffer(new TextEncoder().encode(passphrase)),
    contentEncryptionAlgorithm: AES_256_CBC,
    hmacHashAlgorithm: 'SHA-256',
    iterationCount: iterations,
  });
  return pem('ENCRYPTED PRIVATE KEY', new Uint8Array(bag.toSchema().toBER(false)));
}

/** Opens an encrypted PKCS#8 key file as a WebCrypto ECDSA signing key. */
export async function decryptSigningKey(encryptedPem: string, passphrase: string): Promise<CryptoKey> {
  let pkcs8: Buffer;
  try {
    const keyObject = createPrivateKey({ key: encryptedPem, format: 'pem', passphrase });
    pkcs8 = keyObject.export({ type: 'pkcs8', format: 'der' });
  } catch {
    throw new UserFacingError(
      'WRONG_SCHEME_PASSPHRASE',
      "The scheme's root key could not be opened with that passphrase. Check the passphrase and try again.",
    );
  }
  return importSigningKey(pkcs8);
}

/** Imports an unencrypted PKCS#8 key (ECDSA P-256/P-384 or RSA) for signing with SHA-256. */
export async function importSigningKey(pkcs8: Uint8Array): Promise<CryptoKey> {
  const info = pkijs.PrivateKeyInfo.fromBER(toArrayBuffer(pkcs8));
  const algorithm = info.privateKeyAlgorithm.algorithmId;
  if (algorithm === '1.2.840.10045.2.1') {
    const curveOid = info.privateKeyAlgorithm.algorithmParams?.valueBlock?.toString() as string | undefined;
    const namedCurve =
      curveOid === '1.3.132.0.34' ? 'P-384' : curveOid === '1.3.132.0.35' ? 'P-521' : 'P-256';
    return subtle().importKey('pkcs8', toArrayBuffer(pkcs8), { name: 'ECDSA', namedCurve }, false, ['sign']);
  }
  if (algorithm === '1.2.840.113549.1.1.1') {
    return subtle().importKey(
      'pkcs8',
      toArrayBuffer(pkcs8),
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      false,
      ['sign'],
    );
  }
  throw new UserFacingError(
    'IDENTITY_INVALID',
    'This key uses an algorithm the app cannot sign with. Ask the scheme for a new identity.',
  );
}

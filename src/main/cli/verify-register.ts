import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CertificateVerification } from '../../shared/api';
import { readSchemeRootsFromInput, trustedRoots } from '../certificates';
import { checkAgainstRegister, londonDate, verifySignedRegister } from '../register';
import { UsageError } from './command';

/**
 * The `--register FILE` hook of `copanel verify`, in its own module so that verify loads the
 * register's code only when it is asked for: the register must be signed by the trusted root, then
 * checkAgainstRegister (src/main/register/check.ts) adds what it says about the certificate.
 */
export function withRegister(
  result: CertificateVerification,
  input: {
    pdf: Uint8Array;
    registerPath: string;
    signaturePath: string | undefined;
    trustPath: string | undefined;
    userDataDir: string;
    at: string | undefined;
  },
): CertificateVerification {
  const read = (path: string, what: string): Buffer => {
    try {
      return readFileSync(resolve(path));
    } catch {
      throw new UsageError(`could not read the ${what} “${path}”.`);
    }
  };
  const roots = input.trustPath
    ? readSchemeRootsFromInput(read(input.trustPath, 'trusted root'))
    : trustedRoots(input.userDataDir);
  const { register } = verifySignedRegister(
    read(input.registerPath, 'register'),
    read(
      input.signaturePath ?? `${input.registerPath}.p7s`,
      'register signature (give it with --register-signature)',
    ),
    roots,
  );
  const pdfSha256 = createHash('sha256').update(input.pdf).digest('hex');
  return checkAgainstRegister(result, pdfSha256, register, input.at ?? londonDate(new Date()));
}

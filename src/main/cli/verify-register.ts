import { createHash } from 'node:crypto';
import type { CertificateVerification } from '../../shared/api';
import { readSchemeRootsFromInput, trustedRoots } from '../certificates';
import { checkAgainstRegister, londonDate, verifySignedRegister } from '../register';
import { readInput } from './arguments';

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
  const roots = input.trustPath
    ? readSchemeRootsFromInput(readInput(input.trustPath, 'trusted root'))
    : trustedRoots(input.userDataDir);
  const { register } = verifySignedRegister(
    readInput(input.registerPath, 'register'),
    readInput(
      input.signaturePath ?? `${input.registerPath}.p7s`,
      'register signature (give it with --register-signature)',
    ),
    roots,
  );
  const pdfSha256 = createHash('sha256').update(input.pdf).digest('hex');
  return checkAgainstRegister(result, pdfSha256, register, input.at ?? londonDate(new Date()));
}

import { basename } from 'node:path';
/* eslint-disable architecture/no-deep-import -- the dispatcher with the verifier's operation and handler alone: the
   indexes also export the whole contract and every handler, which would build every operation's schema and load
   documents and case files (built.test.ts checks). */
import {
  certificateOperations,
  verificationVerdict,
  type CertificateVerification,
} from '../../shared/api/certificate';
import { dateInWords } from '../../shared/dates';
import { certificateVerifyHandlers } from '../api/certificate-verify';
import { localApiContext } from '../api/context';
import { invokeWith } from '../api/invoke-with';
/* eslint-enable architecture/no-deep-import */
import { defaultUserDataDir, nodeRuntime } from '../runtime';
import { readCertificateFile } from './certificate-file';
import { commandArgs, readInput } from './arguments';
import { EXIT_FAILED, EXIT_OK, UsageError, type Command } from './command';

/** Whether `date` is a real calendar date written YYYY-MM-DD ("2027-02-30" is not). */
function isCalendarDate(date: string): boolean {
  try {
    dateInWords(date);
    return true;
  } catch {
    return false;
  }
}

const MARKS = { passed: '✓', failed: '✗', not_checked: '–' } as const;

function printResult(result: CertificateVerification, out: (text: string) => void): void {
  const { facts } = result;
  out(`${result.valid ? 'VALID' : 'NOT VALID'}: ${verificationVerdict(result)}`);
  out(result.summary);
  out('');
  if (facts.certificateNumber)
    out(
      `Certificate ${facts.certificateNumber}: ${facts.organisation ?? '?'}, ${facts.level ?? '?'}, decided ${facts.decisionDate ?? '?'}, valid until ${facts.validUntil ?? '?'}`,
    );
  out(`Signed by: ${facts.signers.length > 0 ? facts.signers.join('; ') : 'nobody'}`);
  out('');
  for (const check of result.checks) out(`${MARKS[check.status]} ${check.name}: ${check.message}`);
}

/** `copanel verify`: the same check as the app's Verify screen, through the same handler and dispatcher. */
export const verifyCommand: Command = {
  name: 'verify',
  summary: 'check that a certificate PDF is genuine, unchanged, in date and not revoked (offline)',
  usage: [
    'Usage: copanel verify <file.pdf> [--trust ROOT.pem] [--revocations LIST] [--register FILE] [--at YYYY-MM-DD] [--json]',
    '',
    'Checks every signature; that a lead assessor identity certified it and a different Expert by Experience',
    'identity (the co-signer the certificate names) co-signed it; that nothing but that invisible co-signature',
    'was added after the lead signed and the page shows what the lead signed; the QR payload (its signature,',
    'and that it matches the printed certificate), the expiry date and revocation.',
    'Every signer’s identity must be valid on the date checked: the signing time inside a signature is only',
    'the time the signer claims (there is no trusted timestamp).',
    '--trust        the scheme root certificate(s) to trust (default: the roots trusted in the app’s Settings)',
    '--revocations  the scheme’s revocation list (from "copanel scheme revoke")',
    '--at           check as on that date instead of today (identities, the expiry and revocation)',
    '--register     the scheme’s signed register (register.json, with register.json.p7s beside it or given with',
    '               --register-signature): a certificate it does not know, or lists as withdrawn, is not valid;',
    '               it vouches for a certificate whose signer’s identity expired after it was issued',
    '--json         print the full result as JSON',
    'Exit code 0 when the certificate is valid, 1 when it is not (the reasons are printed), 2 on a usage error.',
  ].join('\n'),
  async run(io) {
    const { values, positionals } = commandArgs(
      io,
      {
        trust: { type: 'string' },
        revocations: { type: 'string' },
        at: { type: 'string' },
        json: { type: 'boolean' },
        register: { type: 'string' },
        'register-signature': { type: 'string' },
      },
      { positionals: { count: 1, refusal: 'name one certificate PDF to check.' } },
    );
    if (values.at !== undefined && !isCalendarDate(values.at))
      throw new UsageError('give --at as a date like 2026-03-14.');
    const pdf = readCertificateFile(positionals[0]!);
    const userDataDir = io.env.COPANEL_USER_DATA ?? defaultUserDataDir();
    const ctx = localApiContext(nodeRuntime('cli', { userDataDir }));
    // Through the dispatcher (the operation's own validation) with the verifier's handler alone, so
    // the command builds no other schema and loads neither documents nor case files.
    const verified = await invokeWith(
      { 'certificate.verify': certificateOperations['certificate.verify'] },
      certificateVerifyHandlers,
      'certificate.verify',
      {
        fileName: basename(positionals[0]!),
        base64: pdf.toString('base64'),
        ...(values.trust
          ? { trustedRootBase64: readInput(values.trust, 'trusted root').toString('base64') }
          : {}),
        ...(values.revocations
          ? { revocationListBase64: readInput(values.revocations, 'revocation list').toString('base64') }
          : {}),
        ...(values.at ? { checkedOn: values.at } : {}),
      },
      ctx,
    );
    // Only with --register does verify load the register's code.
    const result = values.register
      ? (await import('./verify-register')).withRegister(verified, {
          pdf,
          registerPath: values.register,
          signaturePath: values['register-signature'],
          trustPath: values.trust,
          userDataDir,
          at: values.at,
        })
      : verified;
    if (values.json) io.out(JSON.stringify(result, null, 2));
    else printResult(result, io.out);
    return result.valid ? EXIT_OK : EXIT_FAILED;
  },
};

import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CertificateVerification } from '../../shared/api/certificate';
import { invoke } from '../api/invoke';
import { localApiContext } from '../api/local-context';
import { defaultUserDataDir, nodeRuntime } from '../runtime';
import { EXIT_FAILED, EXIT_OK, UsageError, type Command } from './command';

function readInput(path: string, what: string): Buffer {
  try {
    return readFileSync(resolve(path));
  } catch {
    throw new UsageError(`could not read the ${what} “${path}”.`);
  }
}

const MARKS = { passed: '✓', failed: '✗', not_checked: '–' } as const;

function printResult(result: CertificateVerification, out: (text: string) => void): void {
  const { facts } = result;
  out(
    result.valid
      ? 'VALID: this certificate is genuine and valid.'
      : 'NOT VALID: this certificate did not pass every check.',
  );
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

/** `copanel verify`: the same check as the app's Verify screen, through the same API. */
export const verifyCommand: Command = {
  name: 'verify',
  summary: 'check that a certificate PDF is genuine, unchanged, in date and not revoked (offline)',
  usage: [
    'Usage: copanel verify <file.pdf> [--trust ROOT.pem] [--revocations LIST] [--at YYYY-MM-DD] [--json]',
    '',
    'Checks every signature, that nothing but signatures was added after the lead signed, the QR payload',
    '(its signature, and that it matches the printed certificate), the expiry date and revocation.',
    '--trust        the scheme root certificate(s) to trust (default: the roots trusted in the app’s Settings)',
    '--revocations  the scheme’s revocation list (from "copanel scheme revoke")',
    '--at           check as on that date instead of today',
    '--json         print the full result as JSON',
    'Exit code 0 when the certificate is valid, 1 when it is not (the reasons are printed), 2 on a usage error.',
  ].join('\n'),
  async run(io) {
    const { values, positionals } = parseArgs({
      args: io.args,
      allowPositionals: true,
      options: {
        trust: { type: 'string' },
        revocations: { type: 'string' },
        at: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
    if (positionals.length !== 1) throw new UsageError('name one certificate PDF to check.');
    if (values.at !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.at))
      throw new UsageError('give --at as a date like 2026-03-14.');
    const pdf = readInput(positionals[0]!, 'certificate');
    const userDataDir = io.env.COPANEL_USER_DATA ?? defaultUserDataDir();
    const ctx = localApiContext(nodeRuntime('cli', { userDataDir }));
    const result = await invoke(
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
    if (values.json) io.out(JSON.stringify(result, null, 2));
    else printResult(result, io.out);
    return result.valid ? EXIT_OK : EXIT_FAILED;
  },
};

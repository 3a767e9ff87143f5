import type { CertificateVerification, VerificationCheck } from '../../shared/api';
import type { PublishedRegister } from './signed-register';

/**
 * `copanel verify CERT.pdf --register FILE`: what the scheme's signed register adds to the
 * verifier's result. A certificate the register does not know, or one it lists as withdrawn,
 * superseded, suspended or expired, is not valid. And the register vouches for issue time: when the
 * only failures are that a signer's identity is out of date now, and the register holds this exact
 * file (its SHA-256), recorded when the scheme checked it with every identity valid, the signatures
 * are accepted as made while the identities were valid.
 */

const IDENTITY_CHECK = 'identity in date when checked';
/** The states in which a certificate is still in force (some with a review or condition to chase). */
export const STILL_GOOD: ReadonlySet<string> = new Set([
  'valid',
  'interim_review_due',
  'interim_review_overdue',
  'conditions_due',
  'conditions_overdue',
]);

function check(passed: boolean, message: string): VerificationCheck {
  return { name: 'In the scheme’s signed register', passed, status: passed ? 'passed' : 'failed', message };
}

export function checkAgainstRegister(
  result: CertificateVerification,
  pdfSha256: string,
  register: PublishedRegister,
  today: string,
): CertificateVerification {
  if (result.document !== 'certificate') return result;
  const number = result.facts.certificateNumber;
  const entry = number ? register.entries.find((e) => e.certificateNumber === number) : undefined;
  const source = `the register of ${register.scheme.name} as of ${register.asOf}`;
  if (!entry) {
    const message = `Certificate ${number ?? '(no number)'} is not in ${source}. Do not rely on it; ask the scheme.`;
    return withCheck(result, result.checks, check(false, message), false, message);
  }
  const sameFile = entry.pdfSha256 === pdfSha256;
  let checks = result.checks;
  const identityFailures = checks.filter((c) => !c.passed && c.name.endsWith(IDENTITY_CHECK));
  const onlyIdentities =
    identityFailures.length > 0 && checks.every((c) => c.passed || c.name.endsWith(IDENTITY_CHECK));
  const vouched = onlyIdentities && sameFile;
  if (vouched) {
    checks = checks.map((c) =>
      c.passed
        ? c
        : {
            ...c,
            passed: true,
            status: 'passed' as const,
            message: `The signer’s identity is out of date now, but the scheme’s signed register recorded this exact file on ${entry.importedAt.slice(0, 10)}, when it checked every signature with the identities valid.`,
          },
    );
  }
  const expired = today > entry.validUntil;
  const inForce = STILL_GOOD.has(entry.status.state) && !expired;
  const words = expired ? `It expired: it was valid until ${entry.validUntil}.` : entry.status.words;
  const message = `${sameFile ? 'This exact file is' : 'A certificate with this number is'} in ${source}: ${words}`;
  const passed = inForce && (sameFile || result.valid);
  const valid = checks.every((c) => c.passed) && passed && (result.valid || vouched);
  const summary = valid
    ? `${vouched ? result.summary.replace(/^Do not rely on this certificate\..*$/s, `Certificate ${entry.certificateNumber} is genuine (the scheme’s register vouches for when it was signed).`) : result.summary} The scheme’s register says: ${words}`
    : passed
      ? result.summary
      : `Do not rely on this certificate. The scheme’s register says: ${words}`;
  return withCheck(result, checks, check(passed, message), valid, summary);
}

function withCheck(
  result: CertificateVerification,
  checks: VerificationCheck[],
  added: VerificationCheck,
  valid: boolean,
  summary: string,
): CertificateVerification {
  return { ...result, checks: [...checks, added], valid, summary };
}

/**
 * Child process for bench 7 (hostile files): loads the verifier, then checks one PDF the way
 * `copanel verify` does (verifyCertificate, every check), several times, and prints one JSON line
 * (VerifyFileResult): each run's time, what the answer was, the resident memory before the first
 * check and the process's high-water mark (getrusage maxRSS) after the last. Run by
 * bench/suites/hostile.ts as
 *   node --import tsx bench/children/verify-file.ts <file.pdf> <scheme-root.pem> <runs> <checked at, ISO time>
 */
import { readFileSync } from 'node:fs';
import { verifyCertificate } from '../../src/main/certificates';
import { PkiCertificate } from '../../src/main/signing';
import { UserFacingError } from '../../src/shared/errors';

export interface VerifyFileResult {
  /** Milliseconds per run, in order (the first is a warm-up). */
  ms: number[];
  /** "valid", "not valid: <summary>" or "refused: <message>", from the last run. */
  answer: string;
  /** Resident memory after loading the app's code, before the first check (bytes). */
  rssBefore: number;
  /** The kernel's high-water mark for the whole process life (bytes). */
  maxRss: number;
}

const [file, rootFile, runsText, checkedAt] = process.argv.slice(2);
if (!file || !rootFile || !runsText || !checkedAt)
  throw new Error('usage: verify-file.ts <file.pdf> <scheme-root.pem> <runs> <checked at, ISO time>');
const pdf = readFileSync(file);
const trustedRoots = PkiCertificate.allFromPem(readFileSync(rootFile, 'utf8'));
const now = new Date(checkedAt);

const rssBefore = process.memoryUsage().rss;
const ms: number[] = [];
let answer = '';
for (let run = 0; run < Number(runsText); run++) {
  const started = performance.now();
  try {
    const result = await verifyCertificate(pdf, { trustedRoots, now });
    answer = result.valid ? 'valid' : `not valid: ${result.summary}`;
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    answer = `refused: ${error.message}`;
  }
  ms.push(performance.now() - started);
}
const result: VerifyFileResult = { ms, answer, rssBefore, maxRss: process.resourceUsage().maxRSS * 1024 };
console.log(JSON.stringify(result));

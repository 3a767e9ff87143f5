import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import {
  certificateSigningFixture,
  renderCertificateUnsigned,
  renderSignAndCoSignCertificate,
  type CertificateSigningFixture,
} from '../lib/certificate-fixture';
import { signPdf } from '../../src/main/signing';
import {
  deeplyNested,
  doublyCompressedBomb,
  flatten,
  misPointingXref,
  pageTreeListingNodesTwice,
  thousandsOfSignatures,
  toUnicodeWithoutEndMarker,
  unterminatedTjArray,
} from '../../tests/integration/signing/hostile-pdfs';
import { signaturesIn } from '../../tests/integration/signing/scheme-fixture';
import type { VerifyFileResult } from '../children/verify-file';
import type { BenchContext, Suite } from '../lib/context';
import { median, summarise } from '../lib/measure';
import { formatValue, line, measured, single, type BenchLine } from '../lib/report';
import { REPO_ROOT, progress } from '../lib/workspace';

/**
 * 7. The verify budget of issue 11 §3: checking any file takes at most 2 s and 300 MB. Each file
 * is checked by verifyCertificate (what `copanel verify` and the Verify screen run) in its own
 * child process, several times, with the process's peak resident memory; the baseline for time
 * is poppler's `pdfsig` on the same file in the same run (it checks the signatures' cryptography
 * only, in C, process start included), and for memory the same child's memory before the check.
 * The hostile files are the ones the tests use (tests/integration/signing/hostile-pdfs.ts), each
 * placed where the verifier has to read it: in the revision the lead certifies, or appended.
 */

const RUNS = 8;
const WARMUPS = 2;
const CHILD_TIMEOUT_MS = 120_000;
const PDFSIG_TIMEOUT_MS = 20_000;
const MEGABYTE = 1024 * 1024;

interface Candidate {
  name: string;
  pdf: Uint8Array;
}

async function certify(fixture: CertificateSigningFixture, pdf: Uint8Array): Promise<Uint8Array> {
  const leadSigned = await signPdf(pdf, {
    identity: fixture.lead,
    role: 'lead',
    signingTime: fixture.signingTime,
  });
  return signPdf(leadSigned, {
    identity: fixture.coSigner,
    role: 'co-signer',
    signingTime: new Date(fixture.signingTime.getTime() + 5 * 60_000),
  });
}

async function candidates(fixture: CertificateSigningFixture, certificate: Uint8Array): Promise<Candidate[]> {
  const unsigned = await renderCertificateUnsigned(fixture);
  const inCertified = async (build: (pdf: Uint8Array) => Uint8Array) =>
    certify(fixture, flatten(build(unsigned)));
  const leadCms = signaturesIn(certificate)[0]!.cms;
  return [
    { name: 'page tree listing each node twice (appended)', pdf: pageTreeListingNodesTwice(certificate) },
    { name: 'unterminated TJ array (certified revision)', pdf: await inCertified(unterminatedTjArray) },
    {
      name: 'ToUnicode map without end (certified revision)',
      pdf: await inCertified(toUnicodeWithoutEndMarker),
    },
    { name: '2,000 signatures (appended)', pdf: thousandsOfSignatures(certificate, leadCms, 2000) },
    {
      name: '2 KB doubly-compressed bomb (certified revision)',
      pdf: await inCertified(doublyCompressedBomb),
    },
    { name: '100,000-deep nesting (appended)', pdf: deeplyNested(certificate) },
    { name: 'mis-pointing cross-reference (appended)', pdf: misPointingXref(certificate) },
  ];
}

function verifyInChild(file: string, root: string, checkedAt: string): Promise<VerifyFileResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'bench/children/verify-file.ts', file, root, String(RUNS), checkedAt],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !last.startsWith('{'))
        return reject(
          new Error(`The verify child for ${file} ended with ${signal ?? code}:\n${stderr}${stdout}`),
        );
      resolve(JSON.parse(last) as VerifyFileResult);
    });
  });
}

/** pdfsig on the same file: wall time per run (process start included), or the timeout. */
function pdfsigTimes(file: string): number[] {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const result = spawnSync('pdfsig', [file], { timeout: PDFSIG_TIMEOUT_MS, maxBuffer: 64 * MEGABYTE });
    if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error('pdfsig (poppler-utils) is needed for the hostile-file baseline.');
    times.push(performance.now() - started);
  }
  return times.slice(WARMUPS);
}

interface Measurement {
  candidate: Candidate;
  ours: VerifyFileResult;
  pdfsig: number[];
}

export const hostileSuite: Suite = {
  name: 'hostile',
  title: '7. Verify budget: the demo certificate and hostile files',
  async run(context: BenchContext) {
    progress('making a scheme, the certificate and the hostile files (not measured)');
    const fixture = await certificateSigningFixture();
    const certificate = await renderSignAndCoSignCertificate(fixture);
    const root = context.workspace.path('hostile-root.pem');
    writeFileSync(root, fixture.root.certificatePem);
    const checkedAt = new Date(fixture.signingTime.getTime() + 60 * 60_000).toISOString();
    const all = [
      { name: 'the demo certificate', pdf: certificate },
      ...(await candidates(fixture, certificate)),
    ];
    const results: Measurement[] = [];
    for (const [index, candidate] of all.entries()) {
      const file = context.workspace.path(`hostile-${index}.pdf`);
      writeFileSync(file, candidate.pdf);
      const ours = await verifyInChild(file, root, checkedAt);
      const pdfsig = pdfsigTimes(file);
      progress(
        `${candidate.name}: ${formatValue(median(ours.ms.slice(WARMUPS)), 'ms')}, peak ${formatValue(ours.maxRss, 'bytes')} — ${ours.answer.slice(0, 110)}`,
      );
      results.push({ candidate, ours, pdfsig });
    }
    if (results[0]!.ours.answer !== 'valid')
      throw new Error(`The demo certificate did not verify: ${results[0]!.ours.answer}`);
    const hostile = results.slice(1);
    const slowest = hostile.reduce((a, b) =>
      median(a.ours.ms.slice(WARMUPS)) >= median(b.ours.ms.slice(WARMUPS)) ? a : b,
    );
    const biggest = hostile.reduce((a, b) => (a.ours.maxRss >= b.ours.maxRss ? a : b));
    const each = hostile
      .map(
        (m) =>
          `${m.candidate.name} ${formatValue(median(m.ours.ms.slice(WARMUPS)), 'ms')} / ${formatValue(m.ours.maxRss, 'bytes')} (pdfsig ${formatValue(median(m.pdfsig), 'ms')})`,
      )
      .join('; ');
    return [
      timeLine('7a', 'Verify the demo certificate (time)', results[0]!),
      memoryLine('7b', 'Verify the demo certificate (peak memory)', results[0]!),
      timeLine(
        '7c',
        `Verify the slowest hostile file: ${slowest.candidate.name}`,
        slowest,
        `each file: ${each}`,
      ),
      memoryLine('7d', `Verify the largest hostile file: ${biggest.candidate.name}`, biggest),
    ];
  },
};

function timeLine(id: string, operation: string, m: Measurement, note?: string): BenchLine {
  return line({
    id,
    operation,
    ours: measured('verifyCertificate in process', 'ms', summarise(m.ours.ms.slice(WARMUPS), WARMUPS)),
    baseline: measured('pdfsig, same file', 'ms', summarise(m.pdfsig, WARMUPS)),
    target: { on: 'ours', atMost: 2000, text: '≤ 2 s' },
    note: `answer: ${m.ours.answer.slice(0, 160)}${note ? `; ${note}` : ''}`,
    limitedBy: (entry) =>
      entry.pass ? undefined : 'the checks of every signature and of each later revision, object by object',
  });
}

function memoryLine(id: string, operation: string, m: Measurement): BenchLine {
  return line({
    id,
    operation,
    ours: single('peak RSS of the checking process (getrusage)', 'bytes', m.ours.maxRss),
    baseline: single('RSS before verify', 'bytes', m.ours.rssBefore),
    target: { on: 'ours', atMost: 300 * MEGABYTE, text: '≤ 300 MB' },
    note: 'the whole process: Node, the app’s code (the PDF renderer included) and the file',
    limitedBy: (entry) => (entry.pass ? undefined : 'decoded streams and parsed objects held while checking'),
  });
}

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { certificateSigningFixture, renderSignAndCoSignCertificate } from '../lib/certificate-fixture';
import type { BenchContext, Suite } from '../lib/context';
import { interleave, now, type Trial } from '../lib/measure';
import { formatValue, line, measured } from '../lib/report';
import { REPO_ROOT, progress } from '../lib/workspace';

/**
 * 8. The `copanel` command as a person runs it: the built command (out/cli, what `npm ci` builds)
 * started as a new process each time, process start included. Its version against `node -e 0`
 * (nothing can start faster than Node itself), and `copanel verify` of the demo certificate against
 * poppler's `pdfsig` on the same file, time and peak memory (each process's getrusage maxRSS,
 * reported at exit by a preloaded module; `node -e 0` with the same preload is the memory baseline).
 */

const COPANEL = join(REPO_ROOT, 'bin', 'copanel.mjs');
const REPORT_MAX_RSS = join(REPO_ROOT, 'bench', 'children', 'report-max-rss.mjs');
const TIMEOUT_MS = 60_000;

interface Run {
  ms: number;
  status: number | null;
  stdout: string;
  stderr: string;
  /** Peak resident memory in bytes, when the process reported it. */
  maxRss?: number;
}

function run(command: string, args: readonly string[]): Run {
  const started = now();
  const result = spawnSync(command, args, {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  const ms = now() - started;
  if (result.error) throw result.error;
  const reported = Number(String(result.output[3] ?? ''));
  return {
    ms,
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    ...(reported > 0 ? { maxRss: reported } : {}),
  };
}

/** A Node process with the memory-reporting preload. */
const node = (args: readonly string[]) => run(process.execPath, ['--import', REPORT_MAX_RSS, ...args]);

function expectExit(result: Run, status: number, what: string): Run {
  if (result.status !== status)
    throw new Error(`${what} exited with ${result.status}, not ${status}:\n${result.stderr}${result.stdout}`);
  return result;
}

export const cliSuite: Suite = {
  name: 'cli',
  title: '8. The copanel command: start-up and verify',
  async run(context: BenchContext) {
    progress('building the copanel command if it is not built (not measured)');
    expectExit(
      run(process.execPath, [join(REPO_ROOT, 'scripts', 'build-cli.mjs'), '--quiet']),
      0,
      'building copanel',
    );
    progress('making a scheme root and the signed demo certificate (not measured)');
    const fixture = await certificateSigningFixture();
    const certificate = context.workspace.path('cli-demo-certificate.pdf');
    writeFileSync(certificate, await renderSignAndCoSignCertificate(fixture));
    const root = context.workspace.path('cli-root.pem');
    writeFileSync(root, fixture.root.certificatePem);

    const version = expectExit(node([COPANEL, '--version']), 0, 'copanel --version');
    const verifyArgs = [COPANEL, 'verify', certificate, '--trust', root];
    const verified = expectExit(node(verifyArgs), 0, 'copanel verify of the demo certificate');
    if (!verified.stdout.startsWith('VALID'))
      throw new Error(`copanel verify did not find the demo certificate valid:\n${verified.stdout}`);
    progress(`copanel ${version.stdout.trim()}; verify says: ${verified.stdout.split('\n')[0]}`);

    const rss: { version: number[]; nodeAlone: number[]; verify: number[] } = {
      version: [],
      nodeAlone: [],
      verify: [],
    };
    const timedRun =
      (args: readonly string[], into: number[], status = 0): Trial =>
      async () => {
        const result = expectExit(node(args), status, `node ${args.join(' ')}`);
        if (result.maxRss !== undefined) into.push(result.maxRss);
        return result.ms;
      };
    const pdfsig: Trial = async () => {
      const result = run('pdfsig', [certificate]);
      if (result.status === null) throw new Error('pdfsig did not finish.');
      return result.ms;
    };
    const options = { warmups: 2, repetitions: 15 };
    const [versionTimes, nodeTimes] = await interleave(
      [timedRun([COPANEL, '--version'], rss.version), timedRun(['-e', '0'], rss.nodeAlone)],
      options,
    );
    const [verifyTimes, pdfsigTimes] = await interleave([timedRun(verifyArgs, rss.verify), pdfsig], options);
    const memory = (values: number[], warmups: number) => {
      const measuredValues = values.slice(warmups);
      const sorted = [...measuredValues].sort((a, b) => a - b);
      return {
        median: sorted[Math.floor(sorted.length / 2)]!,
        min: sorted[0]!,
        max: sorted.at(-1)!,
        n: sorted.length,
        warmups,
        values: measuredValues,
      };
    };
    const verifyRss = memory(rss.verify, options.warmups);
    const nodeRss = memory(rss.nodeAlone, options.warmups);
    const versionRss = memory(rss.version, options.warmups);
    return [
      line({
        id: '8a',
        operation: 'copanel --version (process start included)',
        ours: measured('node bin/copanel.mjs --version, built command', 'ms', versionTimes!),
        baseline: measured('node -e 0', 'ms', nodeTimes!),
        target: { on: 'ratio', atMost: 2, text: '≤ 2×' },
        note: `peak memory ${formatValue(versionRss.median, 'bytes')} (node -e 0: ${formatValue(nodeRss.median, 'bytes')})`,
      }),
      line({
        id: '8b',
        operation: 'copanel verify the demo certificate (time)',
        ours: measured('copanel verify, every check, process start included', 'ms', verifyTimes!),
        baseline: measured('pdfsig, same file', 'ms', pdfsigTimes!),
        target: { on: 'ours', atMost: 300, text: '≤ 300 ms' },
        // The target is absolute; on a loaded machine Node's own start-up shows how far the load stretched it.
        note: `${(verifyTimes!.median / nodeTimes!.median).toFixed(1)}× node -e 0 in this run (${formatValue(nodeTimes!.median, 'ms')})`,
      }),
      line({
        id: '8c',
        operation: 'copanel verify the demo certificate (peak memory)',
        ours: measured('maxRSS of the copanel verify process', 'bytes', verifyRss),
        baseline: measured('maxRSS of node -e 0', 'bytes', nodeRss),
        target: { on: 'ours', atMost: 120_000_000, text: '≤ 120 MB' },
        note: 'MB = 10^6 bytes',
      }),
    ];
  },
};

/**
 * `npm run bench` (issue 7): how quickly the app opens a case, saves a score, shows moderation and
 * produces a certificate, also with years of evidence in a case — each as a ratio to a baseline
 * measured in the same run, so the figures hold on a noisy machine.
 *
 *   npm run bench                       every suite (about 5 minutes on a 2-core machine)
 *   npm run bench -- --only scale,open  some suites (encryption, open, moderation, certificate, scale, browser, hostile, cli, room, register)
 *
 * Prints a table (Markdown) and notes to stdout, progress to stderr, and writes the same results
 * as JSON to bench/results/latest.json. Exits 0 when every suite ran, whether or not targets were
 * met (a MISS is a finding to report, not a crash); exits 1 when a suite failed to run.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BenchContext, type Suite } from './lib/context';
import { now } from './lib/measure';
import {
  formatNotes,
  formatTable,
  machine,
  writeReport,
  type BenchLine,
  type BenchReport,
} from './lib/report';
import { BenchWorkspace, REPO_ROOT } from './lib/workspace';
import { browserSuite } from './suites/browser';
import { certificateSuite } from './suites/certificate';
import { cliSuite } from './suites/cli';
import { encryptionSuite } from './suites/encryption';
import { hostileSuite } from './suites/hostile';
import { moderationSuite } from './suites/moderation';
import { openSuite } from './suites/open';
import { registerSuite } from './suites/register';
import { roomSuite } from './suites/room';
import { scaleSuite } from './suites/scale';

const SUITES: readonly Suite[] = [
  encryptionSuite,
  openSuite,
  moderationSuite,
  certificateSuite,
  scaleSuite,
  browserSuite,
  hostileSuite,
  cliSuite,
  roomSuite,
  registerSuite,
];
const RESULTS_FILE = join(REPO_ROOT, 'bench', 'results', 'latest.json');

function chosenSuites(argv: string[]): Suite[] {
  const { values } = parseArgs({ args: argv, options: { only: { type: 'string' } } });
  if (!values.only) return [...SUITES];
  const names = values.only.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !SUITES.some((suite) => suite.name === name));
  if (unknown.length > 0)
    throw new Error(
      `Unknown suite ${unknown.join(', ')}. Choose from: ${SUITES.map((suite) => suite.name).join(', ')}.`,
    );
  return SUITES.filter((suite) => names.includes(suite.name));
}

export async function main(argv: string[]): Promise<number> {
  const suites = chosenSuites(argv);
  const started = now();
  const loadAtStart = loadavg()[0]!;
  const workspace = new BenchWorkspace();
  const onSignal = () => {
    workspace.remove();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const context = new BenchContext(workspace);
  const lines: BenchLine[] = [];
  const failures: BenchReport['failures'] = [];
  try {
    for (const suite of suites) {
      process.stderr.write(`${suite.title}\n`);
      const suiteStarted = now();
      try {
        lines.push(...(await suite.run(context)));
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        failures.push({ suite: suite.name, error: message });
        process.stderr.write(`  ! ${suite.name} failed: ${message}\n`);
      }
      process.stderr.write(`  (${((now() - suiteStarted) / 1000).toFixed(1)} s)\n`);
    }
  } finally {
    workspace.remove();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  const durationSeconds = (now() - started) / 1000;
  const report: BenchReport = {
    generatedAt: new Date().toISOString(),
    durationSeconds,
    machine: machine(),
    loadAverage: { start: loadAtStart, end: loadavg()[0]! },
    lines,
    failures,
  };
  writeReport(RESULTS_FILE, report);
  const { cpus, cpuModel, node } = report.machine;
  const load = `${report.loadAverage.start.toFixed(1)} → ${report.loadAverage.end.toFixed(1)}`;
  console.log(
    `\nCoproduction Panel benchmarks — ${report.generatedAt}, Node ${node}, ${cpus} × ${cpuModel}, load average ${load}\n`,
  );
  console.log(formatTable(lines));
  console.log(`\n${formatNotes(lines)}`);
  for (const failure of failures) console.log(`FAILED TO RUN: ${failure.suite} (see stderr).`);
  console.log(`\nWhole run: ${durationSeconds.toFixed(0)} s. Results written to ${RESULTS_FILE}.`);
  return failures.length > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));

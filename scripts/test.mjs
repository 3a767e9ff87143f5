// `npm test`: typecheck, lint, unit and integration tests (vitest), end-to-end tests (Playwright).
// Ends with one line "tests: N passed, N failed" and a non-zero exit on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { appRoot } from './build-renderer.mjs';

const resultsDir = join(appRoot, 'test-results');
mkdirSync(resultsDir, { recursive: true });
const bin = (pkg, file) => join(appRoot, 'node_modules', pkg, file);
const vitestJson = join(resultsDir, 'vitest.json');
const playwrightJson = join(resultsDir, 'playwright.json');
rmSync(vitestJson, { force: true });
rmSync(playwrightJson, { force: true });

const steps = [
  // Tests run `copanel` as installed (bin/copanel.mjs → out/cli): build it first if the sources are newer.
  ['Build the copanel command', [join(appRoot, 'scripts', 'build-cli.mjs'), '--quiet']],
  ['Type check', [bin('typescript', 'bin/tsc'), '--noEmit', '-p', 'tsconfig.node.json']],
  ['Type check (screens)', [bin('typescript', 'bin/tsc'), '--noEmit', '-p', 'tsconfig.web.json']],
  ['Lint', [bin('eslint', 'bin/eslint.js'), '--max-warnings', '0', '.']],
  ['Formatting', [bin('prettier', 'bin/prettier.cjs'), '--check', '--log-level', 'warn', '.']],
  [
    'Unit and integration tests',
    [
      bin('vitest', 'vitest.mjs'),
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${vitestJson}`,
    ],
  ],
  [
    'End-to-end tests',
    [join(appRoot, 'scripts', 'e2e.mjs'), '--reporter=list,json'],
    { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson },
  ],
];

let failedSteps = [];
for (const [title, args, env] of steps) {
  console.log(`\n=== ${title} ===`);
  const result = spawnSync(process.execPath, args, {
    cwd: appRoot,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  if (result.status !== 0) failedSteps.push(title);
}

function vitestCounts() {
  if (!existsSync(vitestJson)) return { passed: 0, failed: 0 };
  const report = JSON.parse(readFileSync(vitestJson, 'utf8'));
  return {
    passed: report.numPassedTests ?? 0,
    failed: report.numFailedTests || report.numFailedTestSuites || 0,
  };
}

function playwrightCounts() {
  if (!existsSync(playwrightJson)) return { passed: 0, failed: 0 };
  const stats = JSON.parse(readFileSync(playwrightJson, 'utf8')).stats ?? {};
  return { passed: stats.expected ?? 0, failed: (stats.unexpected ?? 0) + (stats.flaky ?? 0) };
}

const v = vitestCounts();
const p = playwrightCounts();
const passed = v.passed + p.passed;
const failed =
  v.failed + p.failed + (failedSteps.length > 0 && v.failed + p.failed === 0 ? failedSteps.length : 0);
console.log('');
if (failedSteps.length > 0) console.log(`Failed: ${failedSteps.join(', ')}`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failedSteps.length > 0 || passed === 0 ? 1 : 0);

// Builds the `copanel` command into out/cli (ES modules, one chunk per command and per heavy part,
// so a command loads only what it needs). Run by `npm ci`/`npm install` (prepare), by
// `npm run copanel` when the sources are newer, and by bin/copanel.mjs when the build is missing.
import { existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appRoot, newestChange } from './build-renderer.mjs';

export const cliEntry = join(appRoot, 'out', 'cli', 'copanel.mjs');
const sources = ['src/main', 'src/shared', 'package-lock.json', 'scripts/build-cli.mjs'].map((p) =>
  join(appRoot, p),
);

export function cliIsStale() {
  if (!existsSync(cliEntry)) return true;
  const built = statSync(cliEntry).mtimeMs;
  return sources.some((source) => existsSync(source) && newestChange(source) > built);
}

/**
 * The pure-JavaScript signature packages, bundled into the command from their ES module builds:
 * from node_modules Node would load their CommonJS builds, parsing a megabyte of source on every
 * `copanel verify` only to find their exports (~100 ms). (zod stays external: bundling it measured no faster.)
 */
const BUNDLED_PACKAGES = new Set(['pkijs', 'asn1js', 'pvtsutils', 'pvutils', 'bytestreamjs']);

const packageName = (specifier) => specifier.split('/', specifier.startsWith('@') ? 2 : 1).join('/');

/** Every other package stays in node_modules (the native SQLCipher module among them) and loads only when a chunk imports it. */
const externalPackages = {
  name: 'external-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      BUNDLED_PACKAGES.has(packageName(args.path)) ? undefined : { path: args.path, external: true },
    );
  },
};

export async function ensureCliBuilt({ force = false, quiet = false } = {}) {
  if (!force && !cliIsStale()) return;
  if (!quiet) process.stderr.write('Preparing the copanel command (a few seconds)…\n');
  const { build } = await import('esbuild');
  // Built beside the old copy and swapped in, so a command running meanwhile never finds it half-made.
  const finalDir = join(appRoot, 'out', 'cli');
  const outdir = `${finalDir}.building-${process.pid}`;
  rmSync(outdir, { recursive: true, force: true });
  const built = await build({
    absWorkingDir: appRoot,
    entryPoints: { copanel: 'src/main/cli/main.ts' },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    plugins: [externalPackages],
    // The ES module build of a bundled package, where it has one.
    mainFields: ['module', 'main'],
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    jsx: 'automatic',
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
  });
  writeFileSync(join(outdir, 'meta.json'), JSON.stringify(built.metafile));
  const previous = `${finalDir}.previous-${process.pid}`;
  if (existsSync(finalDir)) renameSync(finalDir, previous);
  renameSync(outdir, finalDir);
  rmSync(previous, { recursive: true, force: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await ensureCliBuilt({ force: process.argv.includes('--force'), quiet: process.argv.includes('--quiet') });
}

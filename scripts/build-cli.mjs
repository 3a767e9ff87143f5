// Builds the `copanel` command into out/cli (ES modules, one chunk per command and per heavy part,
// so a command loads only what it needs). Run by `npm ci`/`npm install` (prepare), by
// `npm run copanel` when the sources are newer, and by bin/copanel.mjs when the build is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
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

/**
 * The prebuilt bundles (src/main/cli/prebuilt.ts): a command whose start-up time is a target, in one
 * classic script that a V8 code cache can serve, with everything it needs inside but Node's own modules.
 */
const PREBUILT_BUNDLES = { verify: 'src/main/cli/prebuilt-verify.ts' };

/** The packages a prebuilt bundle may hold; reaching any other fails the build. */
const PREBUILT_PACKAGES = new Set([...BUNDLED_PACKAGES, 'zod', '@noble/hashes']);

const pkijsDir = dirname(createRequire(join(appRoot, 'package.json')).resolve('pkijs'));

const prebuiltBundle = {
  name: 'prebuilt-bundle',
  setup(build) {
    // asn1.ts loads the asn1js copy pkijs uses at run time; bundled, that is the copy bundled with pkijs.
    build.onLoad({ filter: /[\\/]src[\\/]main[\\/]signing[\\/]asn1\.ts$/ }, () => ({
      contents: "export * from 'asn1js';",
      resolveDir: pkijsDir,
      loader: 'ts',
    }));
    // What the code loads on demand (the case layer for an operation on a case, a case file when
    // one is opened…) stays out: a prebuilt command never needs it, so the bundle holds no case
    // files, SQLCipher or documents. (Reached anyway, the import fails as an internal error.)
    build.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'dynamic-import') return { path: args.path, external: true };
      if (/^[./]/.test(args.path) || args.path.startsWith('node:')) return undefined;
      if (PREBUILT_PACKAGES.has(packageName(args.path))) return undefined;
      return {
        errors: [{ text: `a prebuilt bundle may not load ${args.path} (imported by ${args.importer})` }],
      };
    });
  },
};

async function buildPrebuiltBundles(build, outdir) {
  const built = await build({
    absWorkingDir: appRoot,
    entryPoints: PREBUILT_BUNDLES,
    outdir,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20.19',
    plugins: [prebuiltBundle],
    mainFields: ['module', 'main'],
    outExtension: { '.js': '.cjs' },
    define: { 'import.meta.url': '__importMetaUrl' },
    // Smaller to read, hash and cache; names are kept, so an error log's stack still reads.
    minifyWhitespace: true,
    minifySyntax: true,
    charset: 'ascii',
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
  });
  writeFileSync(join(outdir, 'prebuilt-meta.json'), JSON.stringify(built.metafile));
}

/**
 * Each bundle's code cache primed where it will run (V8 keeps the file name it was made under), by
 * the command's own code in a Node process like the one that will run it.
 */
function primeCodeCaches(dir) {
  const entry = pathToFileURL(join(dir, 'copanel.mjs')).href;
  for (const name of Object.keys(PREBUILT_BUNDLES)) {
    const prime = `await (await import(${JSON.stringify(entry)})).primeCodeCache(${JSON.stringify(dir)}, ${JSON.stringify(name)})`;
    const primed = spawnSync(process.execPath, ['--input-type=module', '-e', prime], { encoding: 'utf8' });
    if (primed.status !== 0)
      throw new Error(`Could not prime the ${name} bundle's code cache:\n${primed.stderr}`);
  }
}

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
  await buildPrebuiltBundles(build, outdir);
  const previous = `${finalDir}.previous-${process.pid}`;
  if (existsSync(finalDir)) renameSync(finalDir, previous);
  renameSync(outdir, finalDir);
  rmSync(previous, { recursive: true, force: true });
  primeCodeCaches(finalDir);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await ensureCliBuilt({ force: process.argv.includes('--force'), quiet: process.argv.includes('--quiet') });
}

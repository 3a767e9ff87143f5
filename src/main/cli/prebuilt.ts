import { isAscii } from 'node:buffer';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Script } from 'node:vm';
import { logInternalError } from '../error-log';
import { defaultUserDataDir } from '../runtime';
import { EXIT_OK, type CommandIo } from './command';

/**
 * Commands whose start-up time is a target run from one prebuilt script with a V8 code cache.
 *
 * `copanel verify` is measured against `node -e 0` and `pdfsig`; as modules, it spends about a
 * third of its time resolving, reading and compiling them (Node 20 has no module compile cache).
 * So the build (scripts/build-cli.mjs) also bundles the command, with the same dispatcher and
 * verifier as the app, into one classic script, out/cli/<bundle>.cjs, and primes a code cache
 * beside it; the first run that succeeds replaces that with a cache of everything the run
 * compiled. V8 then skips parsing and compiling what the cache holds.
 *
 * A cache is used only when it is certainly the cache of this source for this Node: its header
 * names the SHA-256 of the source text and of the cache's own bytes, and Node's version, V8's and
 * the processor's; V8 checks its own version and flags again and may still reject it. Anything
 * else — missing, stale, damaged or rejected — compiles the source as if there were no cache, and
 * a new cache is written beside it (under a temporary name, then renamed; where the folder cannot
 * be written, no cache is kept and nothing fails).
 */
export type PrebuiltBundle = 'verify';

/** What a bundle exports (src/main/cli/prebuilt-verify.ts). */
interface BundleExports {
  run(io: CommandIo): Promise<number>;
}

/**
 * The function the bundle's CommonJS code runs in: what Node gives a CommonJS module, and
 * import.meta.url, which the build points at `__importMetaUrl`.
 */
const WRAPPER_START = '(function (exports, require, module, __filename, __dirname, __importMetaUrl) {';
const WRAPPER_END = '\n})';

interface CacheHeader {
  format: 1;
  /** SHA-256 of the bundle's source file, hex. */
  source: string;
  /** SHA-256 of the cache bytes after the header, hex. */
  payload: string;
  node: string;
  v8: string;
  arch: string;
  /** Written after a successful run (holds what the run compiled), not only the bundle's top level. */
  warm: boolean;
}

/** The longest header a cache file can have; a file whose first line is longer is not a cache. */
const MAX_HEADER_BYTES = 1024;

export const bundleFile = (dir: string, bundle: PrebuiltBundle): string => join(dir, `${bundle}.cjs`);
export const codeCacheFile = (dir: string, bundle: PrebuiltBundle): string => join(dir, `${bundle}.v8-cache`);

const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

function headerFor(source: string, payload: Uint8Array, warm: boolean): CacheHeader {
  return {
    format: 1,
    source,
    payload: sha256(payload),
    node: process.version,
    v8: process.versions.v8,
    arch: process.arch,
    warm,
  };
}

/** The cache for this source on this Node, or undefined when there is none that certainly is. */
export function readCodeCache(
  file: string,
  sourceSha256: string,
): { payload: Buffer; warm: boolean } | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const end = bytes.subarray(0, MAX_HEADER_BYTES).indexOf(0x0a);
  if (end < 0) return undefined;
  let header: Partial<CacheHeader>;
  try {
    header = JSON.parse(bytes.toString('utf8', 0, end)) as Partial<CacheHeader>;
  } catch {
    return undefined;
  }
  const payload = bytes.subarray(end + 1);
  const expected = headerFor(sourceSha256, payload, header.warm === true);
  const matches = (Object.keys(expected) as (keyof CacheHeader)[]).every(
    (key) => header[key] === expected[key],
  );
  return matches ? { payload, warm: expected.warm } : undefined;
}

/** Writes a script's code cache for this source, whole or not at all; a folder that cannot be written keeps none. */
export function writeCodeCache(file: string, script: Script, sourceSha256: string, warm: boolean): void {
  const payload = script.createCachedData();
  const header = Buffer.from(JSON.stringify(headerFor(sourceSha256, payload, warm)) + '\n');
  const temporary = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temporary, Buffer.concat([header, payload]));
    renameSync(temporary, file);
  } catch {
    rmSync(temporary, { force: true });
  }
}

/** The bundle compiled, with its cache when there is a sound one, and what to do about the cache afterwards. */
function compileBundle(dir: string, bundle: PrebuiltBundle) {
  const file = bundleFile(dir, bundle);
  const bytes = readFileSync(file);
  const sourceSha256 = sha256(bytes);
  // The build writes ASCII (esbuild escapes the rest), which reads fastest as one byte a character.
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  const cacheFile = codeCacheFile(dir, bundle);
  const cache = readCodeCache(cacheFile, sourceSha256);
  const script = new Script(WRAPPER_START + source + WRAPPER_END, {
    filename: file,
    ...(cache ? { cachedData: cache.payload } : {}),
  });
  const usedCache = cache !== undefined && script.cachedDataRejected !== true;
  const module = { exports: {} as BundleExports };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper(module.exports, createRequire(file), module, file, dirname(file), pathToFileURL(file).href);
  return {
    exports: module.exports,
    /** After a run: a new cache when there was none that served, or a warm one after the first success. */
    keepCache(exitCode: number): void {
      const succeeded = exitCode === EXIT_OK;
      if (!usedCache || (succeeded && !cache.warm))
        writeCodeCache(cacheFile, script, sourceSha256, succeeded);
    },
  };
}

/**
 * Runs a command from its prebuilt bundle in `dir` (out/cli). `loadAsModules` runs it the usual
 * way when the bundle cannot be used — missing (a build from before bundles), or damaged (then
 * the reason goes to the error log) — so the command still works, only slower.
 */
export async function runPrebuilt(
  dir: string,
  bundle: PrebuiltBundle,
  io: CommandIo,
  loadAsModules: () => Promise<number>,
): Promise<number> {
  let compiled: ReturnType<typeof compileBundle>;
  try {
    compiled = compileBundle(dir, bundle);
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT'))
      logInternalError(defaultUserDataDir(io.env), `the prebuilt ${bundle} bundle could not be used`, error);
    return loadAsModules();
  }
  const exitCode = await compiled.exports.run(io);
  compiled.keepCache(exitCode);
  return exitCode;
}

/** Primes a bundle's code cache at build time: its top level compiled, before any run. */
export function primeCodeCache(dir: string, bundle: PrebuiltBundle): void {
  compileBundle(dir, bundle).keepCache(Number.NaN);
}

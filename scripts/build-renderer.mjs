// Builds the renderer for browser mode when it is missing or older than its sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const appRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const builtIndex = join(appRoot, 'out', 'renderer', 'index.html');
const sources = ['src/renderer', 'src/shared', 'vite.renderer.config.ts', 'package-lock.json'].map((p) =>
  join(appRoot, p),
);

export function newestChange(path) {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce(
    (newest, name) => Math.max(newest, newestChange(join(path, name))),
    stats.mtimeMs,
  );
}

export function rendererIsStale() {
  if (!existsSync(builtIndex)) return true;
  const built = statSync(builtIndex).mtimeMs;
  return sources.some((source) => existsSync(source) && newestChange(source) > built);
}

export function ensureRendererBuilt({ force = false } = {}) {
  if (!force && !rendererIsStale()) return;
  console.log('Preparing the app’s screens (a few seconds)…');
  const vite = join(appRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--config', 'vite.renderer.config.ts', '--logLevel', 'warn'],
    {
      cwd: appRoot,
      stdio: 'inherit',
      env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
    },
  );
  if (result.status !== 0) {
    console.error('The app’s screens could not be built. See the messages above.');
    process.exit(1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  ensureRendererBuilt({ force: process.argv.includes('--force') });

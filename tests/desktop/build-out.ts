import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** vitest globalSetup: the desktop shell's tests run the built bundles, so build them first (as `npm run build` does). */
export default function buildDesktopBundles(): void {
  const root = join(import.meta.dirname, '..', '..');
  const result = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
    { cwd: root, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`electron-vite build failed:\n${result.stdout}\n${result.stderr}`);
}

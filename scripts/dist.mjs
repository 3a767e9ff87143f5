// `npm run dist`: builds the app and its installers for this computer's platform (Linux: AppImage
// and .deb; Windows: NSIS; macOS: dmg) into dist/, with electron-builder and electron-builder.yml.
// Needs the network once: Electron itself and its headers (to rebuild the SQLite driver for
// Electron's ABI). electron-builder rebuilds the driver inside node_modules, so Node's build (used by
// the tests, the CLI and browser mode) is restored afterwards, whatever happened.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { appRoot } from './build-renderer.mjs';

const bin = (pkg, file) => join(appRoot, 'node_modules', pkg, file);
const run = (args) => spawnSync(process.execPath, args, { cwd: appRoot, stdio: 'inherit' }).status ?? 1;

let status = run([bin('electron-vite', 'bin/electron-vite.js'), 'build']);
if (status === 0)
  status = run([
    bin('electron-builder', 'cli.js'),
    '--config',
    'electron-builder.yml',
    ...process.argv.slice(2),
  ]);
const npm = process.env.npm_execpath;
const restored = spawnSync(
  npm ? process.execPath : 'npm',
  [...(npm ? [npm] : []), 'rebuild', 'better-sqlite3-multiple-ciphers'],
  {
    cwd: appRoot,
    stdio: 'inherit',
  },
);
if (restored.status !== 0)
  console.error(
    'Could not rebuild the SQLite driver for Node: run `npm rebuild better-sqlite3-multiple-ciphers`.',
  );
process.exit(status);

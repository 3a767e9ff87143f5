// Builds the Electron copy of the SQLite driver into .electron-native/, apart from Node's build in
// node_modules (which tests, the CLI and browser mode use). The desktop app loads it through
// better-sqlite3's `nativeBinding` option. Needs Electron's headers, so it runs when the desktop
// app is started or packaged, never at install time.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const appRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const nativeDir = join(appRoot, '.electron-native');
const driverDir = join(appRoot, 'node_modules', 'better-sqlite3-multiple-ciphers');

function nodeGypScript() {
  if (process.env.npm_config_node_gyp && existsSync(process.env.npm_config_node_gyp))
    return process.env.npm_config_node_gyp;
  const bundled = join(
    dirname(process.execPath),
    '..',
    'lib',
    'node_modules',
    'npm',
    'node_modules',
    'node-gyp',
    'bin',
    'node-gyp.js',
  );
  if (existsSync(bundled)) return bundled;
  throw new Error('node-gyp was not found; it comes with npm. Reinstall Node.js with npm.');
}

export function electronNativeBinding() {
  return join(nativeDir, 'better_sqlite3.node');
}

export function ensureElectronNativeBuild() {
  const electronVersion = require('electron/package.json').version;
  const driverVersion = JSON.parse(readFileSync(join(driverDir, 'package.json'), 'utf8')).version;
  const stamp = `electron ${electronVersion} / better-sqlite3-multiple-ciphers ${driverVersion} / ${process.platform}-${process.arch}`;
  const stampFile = join(nativeDir, 'built-for.txt');
  if (
    existsSync(electronNativeBinding()) &&
    existsSync(stampFile) &&
    readFileSync(stampFile, 'utf8') === stamp
  )
    return;

  console.log(
    `Building the encrypted database driver for the desktop app (${stamp}); this takes a minute, once.`,
  );
  const work = join(nativeDir, 'src');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  cpSync(driverDir, work, { recursive: true, filter: (src) => !src.includes(`${driverDir}/build`) });
  const result = spawnSync(
    process.execPath,
    [
      nodeGypScript(),
      'rebuild',
      '--release',
      '--runtime=electron',
      `--target=${electronVersion}`,
      '--dist-url=https://electronjs.org/headers',
    ],
    { cwd: work, stdio: 'inherit' },
  );
  if (result.status !== 0) throw new Error('The database driver could not be built for Electron.');
  copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), electronNativeBinding());
  writeFileSync(stampFile, stamp);
  rmSync(work, { recursive: true, force: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureElectronNativeBuild();

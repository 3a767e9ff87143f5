// `npm start`: the desktop app. Where the Electron binary cannot be obtained (offline, as on CI
// machines), say so in one sentence and start browser mode instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { appRoot } from './build-renderer.mjs';

function findElectron() {
  if (process.env.COPANEL_BROWSER_MODE === '1' || process.argv.includes('--browser')) return null;
  if (!existsSync(join(appRoot, 'node_modules', 'electron', 'path.txt'))) {
    console.log('Getting the desktop window ready (the first time, Electron is downloaded)…');
  }
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: appRoot,
    encoding: 'utf8',
    timeout: 5 * 60 * 1000,
  });
  const path = probe.status === 0 ? probe.stdout.trim() : '';
  return path && existsSync(path) ? path : null;
}

async function startDesktop(electronPath) {
  const { ensureElectronNativeBuild } = await import('./electron-native.mjs');
  ensureElectronNativeBuild();
  const build = spawnSync(
    process.execPath,
    [join(appRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
    {
      cwd: appRoot,
      stdio: 'inherit',
    },
  );
  if (build.status !== 0) process.exit(build.status ?? 1);
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(electronPath, [appRoot], { cwd: appRoot, stdio: 'inherit', env });
  child.on('exit', (code) => process.exit(code ?? 0));
}

async function startBrowserMode() {
  console.log(
    'The desktop window (Electron) is not available on this computer, so Coproduction Panel is starting in browser mode instead.',
  );
  const { ensureRendererBuilt } = await import('./build-renderer.mjs');
  ensureRendererBuilt();
  const { register } = await import('tsx/esm/api');
  register();
  const { runBrowserMode } = await import('../src/main/web/main.ts');
  await runBrowserMode(process.argv.slice(2).filter((arg) => arg !== '--browser'));
}

const electronPath = findElectron();
if (electronPath) await startDesktop(electronPath);
else await startBrowserMode();

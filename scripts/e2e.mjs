// `npm run test:e2e`: Playwright against browser mode in Debian's Chromium.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { appRoot, ensureRendererBuilt } from './build-renderer.mjs';

const chromium = process.env.COPANEL_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`The end-to-end tests need Chromium, and none was found at ${chromium}.`);
  console.error('Install it with:  sudo apt-get install -y chromium');
  console.error('or point COPANEL_CHROMIUM at a Chromium or Chrome executable.');
  process.exit(1);
}
ensureRendererBuilt();
const result = spawnSync(
  process.execPath,
  [join(appRoot, 'node_modules', '@playwright', 'test', 'cli.js'), 'test', ...process.argv.slice(2)],
  { cwd: appRoot, stdio: 'inherit' },
);
process.exit(result.status ?? 1);

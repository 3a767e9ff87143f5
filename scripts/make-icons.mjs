// The app's icon, drawn from the level-badge artwork (resources/badges/level-3.svg) by Chromium at
// 1024 × 1024: build/icon.png. electron-builder makes the Windows .ico, the macOS .icns and the
// Linux icon sizes from it when it packages the app. Run after the badge artwork changes:
// `node scripts/make-icons.mjs` (needs Chromium: /usr/bin/chromium or COPANEL_CHROMIUM).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { appRoot } from './build-renderer.mjs';

const SIZE = 1024;
const badge = readFileSync(join(appRoot, 'resources', 'badges', 'level-3.svg'), 'utf8');
const page = `<!doctype html><html><body style="margin:0;background:transparent">
<div style="width:${SIZE}px;height:${SIZE}px">${badge.replace(/<\?xml[^>]*>/, '').replace(/width="200" height="200"/, `width="${SIZE}" height="${SIZE}"`)}</div>
</body></html>`;

const browser = await chromium.launch({
  executablePath: process.env.COPANEL_CHROMIUM ?? '/usr/bin/chromium',
});
try {
  const tab = await browser.newPage({ viewport: { width: SIZE, height: SIZE } });
  await tab.setContent(page);
  const png = await tab.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: SIZE, height: SIZE } });
  mkdirSync(join(appRoot, 'build'), { recursive: true });
  writeFileSync(join(appRoot, 'build', 'icon.png'), png);
  console.log(`build/icon.png: ${SIZE} × ${SIZE}, ${png.length} bytes`);
} finally {
  await browser.close();
}

import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { startBrowserMode } from '../support/browser-mode';
import { expect, test } from './fixtures';
import { checkScreen } from './support';

const PASSPHRASE = 'meadow copper lantern quietly saddle';

test('a reloaded or reopened page picks up the case this host has open, and unsaved words warn before leaving', async ({
  page,
  app,
  context,
}, testInfo) => {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'New case' }).click();
  await page.getByLabel(/^Organisation’s name/).fill('Tidewater Collective (fictional)');
  await page.getByLabel(/^Your name/).fill('Sam Example (fictional)');
  await page.getByLabel(/^Your PIN/).fill('2468');
  await page.getByLabel(/^Passphrase \(required\)/).fill(PASSPHRASE);
  await page.getByLabel(/^Passphrase again/).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Create the case file' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();

  // F5: the page comes back to the case, still signed in.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(page.getByTestId('signed-in')).toContainText('Sam Example (fictional)');

  // A closed tab, reopened from the printed address: the start screen offers to continue.
  const reopened = await context.newPage();
  await reopened.goto(app.url);
  const here = reopened.getByRole('region', { name: 'Open here' });
  await expect(here).toContainText('This case is open here');
  await checkScreen(reopened, testInfo, 'start (a case open here)');
  // Opening the same file from the list does not say "already open… switch to it there".
  await reopened.getByRole('button', { name: 'Open case' }).click();
  await reopened.getByRole('button', { name: /^Open Tidewater Collective/ }).click();
  await expect(reopened.getByText('This case is open here')).toBeVisible();
  await expect(reopened.getByText(/Switch to it there/)).toHaveCount(0);
  await checkScreen(reopened, testInfo, 'unlock (open here)');
  await reopened.getByRole('button', { name: 'Continue with this case' }).click();
  await expect(reopened.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(reopened.getByTestId('signed-in')).toContainText('Sam Example (fictional)');

  // Unsaved words: leaving the page asks first.
  const details = reopened.getByLabel(/^Address/);
  await details.fill('Tidewater Collective, renamed (fictional)');
  let asked = false;
  reopened.on('dialog', (dialog) => {
    asked = dialog.type() === 'beforeunload';
    void dialog.dismiss();
  });
  await reopened.close({ runBeforeUnload: true });
  await expect.poll(() => asked).toBe(true);
});

// eslint-disable-next-line no-empty-pattern -- this test starts its own hosts.
test('a second host on a busy port says so in one sentence and gives the running one’s address; --keep-address keeps port and token', async ({}, testInfo) => {
  testInfo.setTimeout(240_000);
  const first = await startBrowserMode(['--keep-address'], { keepRoot: true });
  const port = new URL(first.url).port;
  const env = {
    ...process.env,
    COPANEL_WORKSPACE: `${first.root}/workspace`,
    COPANEL_USER_DATA: `${first.root}/user-data`,
  };
  const second = spawnSync(process.execPath, ['scripts/web.mjs', '--port', port], {
    cwd: process.cwd(),
    env,
    encoding: 'utf8',
    timeout: 90_000,
  });
  const said = second.stdout + second.stderr;
  expect(second.status).not.toBe(0);
  expect(said).toContain(`Port ${port} is already in use`);
  expect(said).toContain(first.url);
  expect(said).not.toMatch(/^\s+at /m);
  expect(said).not.toContain('EADDRINUSE');

  await first.stop();
  const again = await startBrowserMode(['--keep-address'], { root: first.root });
  try {
    expect(again.url).toBe(first.url);
  } finally {
    await again.stop();
    rmSync(first.root, { recursive: true, force: true });
  }
});

import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { checkScreen, choose } from './support';

const PASSPHRASE = 'meadow copper lantern quietly saddle';

test('an existing case file opens from the workspace; a wrong passphrase is explained in plain words', async ({
  page,
  app,
  requests,
}, testInfo) => {
  // A lead assessor made this case file earlier, with the copanel command, in the workspace folder.
  const created = spawnSync(
    process.execPath,
    [
      join(process.cwd(), 'bin', 'copanel.mjs'),
      'case',
      'create',
      join(app.workspaceDir, 'Harbour Lights assessment.copanel'),
      '--organisation',
      'Harbour Lights Trust (fictional)',
      '--lead',
      'Robin Example (fictional)',
    ],
    {
      encoding: 'utf8',
      env: {
        ...process.env,
        COPANEL_PASSPHRASE: PASSPHRASE,
        COPANEL_LEAD_PIN: '2468',
        COPANEL_USER_DATA: app.userDataDir,
      },
    },
  );
  expect(created.stderr).toBe('');

  await page.goto(app.url);
  await page.getByRole('button', { name: 'Open case' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Open a case file' })).toBeVisible();
  await checkScreen(page, testInfo, 'open case');
  await page.getByRole('button', { name: 'Open Harbour Lights assessment.copanel' }).click();

  await page.getByLabel(/^Passphrase/).fill('not the passphrase');
  await page.getByRole('button', { name: 'Open the case file' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'That passphrase did not open the file' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('capital letters, spaces and punctuation count');
  await checkScreen(page, testInfo, 'unlock (wrong passphrase)');

  await page.getByRole('button', { name: /^Show passphrase/ }).click();
  await expect(page.getByLabel(/^Passphrase/)).toHaveAttribute('type', 'text');
  await page.getByLabel(/^Passphrase/).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Open the case file' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Who is using the app now?' })).toBeVisible();
  await choose(page.getByRole('radiogroup', { name: /Your name/ }), /Robin Example/);
  await page.getByLabel(/^PIN/).fill('1111');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /PIN/ })).toBeVisible();
  // The wrong PIN is not left in the box (for the next person at a shared computer to see or reuse).
  await expect(page.getByLabel(/^PIN/)).toHaveValue('');
  await page.getByLabel(/^PIN/).fill('2468');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in')).toContainText('Robin Example (fictional)');

  // The start screen now lists it as a recent case file: by its file name, since browser mode keeps
  // no organisation names outside the case file (issue 17).
  await page.getByRole('button', { name: 'Close case file' }).click();
  await expect(page.getByRole('button', { name: 'Open Harbour Lights assessment.copanel' })).toBeVisible();
  await expect(page.getByText('Harbour Lights Trust (fictional)')).toHaveCount(0);
  expect(requests.outside(app.origin)).toEqual([]);
});

test('the workspace folder can be changed in Settings, and Open case then looks there', async ({
  page,
  app,
}, testInfo) => {
  const folder = join(app.workspaceDir, '..', 'another folder');
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel(/^Use another folder/).fill('relative/folder');
  await page.getByRole('button', { name: 'Change the folder' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'full path' })).toBeVisible();
  await page.getByLabel(/^Use another folder/).fill(folder);
  await page.getByRole('button', { name: 'Change the folder' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Case files are now kept in' })).toBeVisible();
  await checkScreen(page, testInfo, 'settings (folder changed)');
  await page.getByRole('button', { name: 'Back to the start' }).first().click();
  await page.getByRole('button', { name: 'Open case' }).click();
  await expect(page.getByText(folder)).toBeVisible();
});

test('a file that cannot be a case file is told at once, before the passphrase is asked', async ({
  page,
  app,
}, testInfo) => {
  // Named like case files in the workspace: one empty (a download that never finished), one a PDF.
  mkdirSync(app.workspaceDir, { recursive: true });
  writeFileSync(join(app.workspaceDir, 'Riverside download.copanel'), '');
  writeFileSync(join(app.workspaceDir, 'Riverside certificate.copanel'), '%PDF-1.7 a certificate');

  await page.goto(app.url);
  await page.getByRole('button', { name: 'Open case' }).click();
  await page.getByRole('button', { name: 'Open Riverside download.copanel' }).click();
  const empty = page.getByRole('alert').filter({ hasText: 'This is not a case file' });
  await expect(empty).toContainText(
    '“Riverside download.copanel” is empty (0 bytes). Check it is the right file and that it has finished saving or downloading, then choose it again.',
  );
  await expect(page.getByLabel(/^Passphrase/)).toHaveCount(0);
  await checkScreen(page, testInfo, 'unlock (empty file)');

  await page.getByRole('button', { name: 'Choose another file' }).click();
  await page.getByRole('button', { name: 'Open Riverside certificate.copanel' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'This is not a case file' })).toContainText(
    'it is a PDF document, such as the certificate or the report, not the case file behind it',
  );
  await expect(page.getByLabel(/^Passphrase/)).toHaveCount(0);
});

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { checkScreen, createCase, goToStage, LEAD, makeSchemeFile, openSchemeFile } from './support';

test('Time and fees: the lead records a day, approves it at the scheme’s rates and downloads the fee statement', async ({
  page,
  app,
}, testInfo) => {
  test.setTimeout(180_000);
  const { path } = await makeSchemeFile(app.workspaceDir, { fees: true });
  await createCase(page, app.url, 'Riverside Community Mind (fictional)');
  await openSchemeFile(page, path);
  await goToStage(page, 'Time and fees');
  await expect(page.getByRole('heading', { level: 1, name: 'Time and fees' })).toBeVisible();
  await checkScreen(page, testInfo, 'fees-empty');

  // 1 h 30 preparation + 5 h visit = £97.50; 24.6 miles at 45p = £11.07; total £108.57.
  await page.getByLabel('Day worked').fill('2026-10-01');
  await page.getByLabel('Preparation (minutes)').fill('90');
  await page.getByLabel('Visit (minutes)').fill('300');
  await page.getByLabel('Miles travelled').fill('24.6');
  await page.getByLabel('Where from and to').fill('Home to Riverside and back');
  await page.getByRole('button', { name: 'Record my claim' }).click();
  await expect(page.getByText('Your claim for 1 October 2026 is recorded.')).toBeVisible();
  const table = page.getByRole('table', { name: 'Each claim, its time and what it comes to' });
  await expect(table).toContainText('£108.57');
  await expect(table).toContainText('Waiting for approval');

  // A second claim for the same day is refused, saving nothing.
  await page.getByLabel('Travel (minutes)').fill('60');
  await page.getByRole('button', { name: 'Record my claim' }).click();
  await expect(page.getByRole('alert')).toContainText('You already have a claim for 2026-10-01');

  // The Scheme office's Fees section lists the open case's claims; the lead approves there.
  await page.getByRole('button', { name: 'Scheme office' }).click();
  await page.getByRole('navigation', { name: 'Scheme office' }).getByRole('button', { name: 'Fees' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Fees — / })).toBeVisible();
  await expect(page.getByText('1 claim is waiting for approval.')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Day rate (£)', exact: true })).toHaveValue('100.00');
  await checkScreen(page, testInfo, 'scheme-fees-waiting');
  const schemeTable = page.getByRole('table', { name: 'Each claim, its time and what it comes to' });
  await page.getByRole('button', { name: `Approve ${LEAD.name}’s claim for 1 October 2026` }).click();
  await expect(schemeTable).toContainText('Approved');
  await expect(page.getByText('No claim is waiting for approval.')).toBeVisible();
  await checkScreen(page, testInfo, 'scheme-fees-approved');

  const csvDownloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download the CSV for the finance office' }).click();
  const csv = await (await csvDownloading).path();
  expect(readFileSync(csv, 'utf8')).toContain('108.57');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: `Download ${LEAD.name}’s fee statement` }).click();
  const download = await downloading;
  const file = testInfo.outputPath('fee-statement.pdf');
  await download.saveAs(file);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  for (const words of ['Fee statement', LEAD.name, '£97.50', '£11.07', '£108.57', 'Riverside Community Mind'])
    expect(text).toContain(words);

  // Back on the case, the claim shows as approved too.
  await page.getByRole('button', { name: 'Back to the case' }).first().click();
  await expect(table).toContainText('Approved');
  await checkScreen(page, testInfo, 'fees-approved');
});

import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createSchemeFile, setFeeSchedule } from '../../src/main/scheme';
import { expect, test } from './fixtures';
import { api, checkScreen, createCase, goToStage, LEAD } from './support';

const SCHEME_PASSPHRASE = 'juniper lattice ember salmon quiver';

test('Time and fees: the lead records a day, approves it at the scheme’s rates and downloads the fee statement', async ({
  page,
  app,
}, testInfo) => {
  test.setTimeout(180_000);
  mkdirSync(app.workspaceDir, { recursive: true });
  const path = join(app.workspaceDir, 'northfield.copanel-scheme');
  const scheme = await createSchemeFile({
    path,
    schemeName: 'Northfield Kitemark Scheme (fictional)',
    passphrase: SCHEME_PASSPHRASE,
    appVersion: '0.0.0-e2e',
    createdBy: 'Mo Reyes',
  });
  await setFeeSchedule(scheme, 'Mo Reyes', {
    rates: { dayRatePence: 10_000, halfDayRatePence: 6_000, hourlyRatePence: 1_500, mileagePencePerMile: 45 },
    bank: {
      payee: 'Northfield Kitemark Scheme',
      bank: 'Example Bank',
      sortCode: '08-99-99',
      accountNumber: '12345678',
    },
  });
  await scheme.close();

  await createCase(page, app.url, 'Riverside Community Mind (fictional)');
  await api(page, 'scheme.open', { path, passphrase: SCHEME_PASSPHRASE, yourName: 'Mo Reyes' });
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

  await page.getByRole('button', { name: `Approve ${LEAD.name}’s claim for 1 October 2026` }).click();
  await expect(table).toContainText('Approved');
  await checkScreen(page, testInfo, 'fees-approved');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: `Download ${LEAD.name}’s fee statement` }).click();
  const download = await downloading;
  const file = testInfo.outputPath('fee-statement.pdf');
  await download.saveAs(file);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  for (const words of ['Fee statement', LEAD.name, '£97.50', '£11.07', '£108.57', 'Riverside Community Mind'])
    expect(text).toContain(words);
});

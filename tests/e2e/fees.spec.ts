import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import {
  axeViolations,
  holdUploads,
  checkScreen,
  createCase,
  goToStage,
  LEAD,
  makeSchemeFile,
  openSchemeFile,
} from './support';

/** A phone photo of a receipt: 3 MB (over the old 1 MB cap), a JPEG's first bytes then noise. */
const PHOTO = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(3 * 1024 * 1024)]);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

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

  // 1 h 30 preparation + 5 h visit = £97.50; 24.6 miles at 45p = £11.07; parking £4.50; total £113.07.
  await page.getByLabel('Day worked').fill('2026-10-01');
  await page.getByLabel('Preparation (minutes)').fill('90');
  await page.getByLabel('Visit (minutes)').fill('300');
  await page.getByLabel('Miles travelled').fill('24.6');
  await page.getByLabel('Where from and to').fill('Home to Riverside and back');

  // An expense with its receipt (a 3 MB photo), chosen by keyboard with the file input's button.
  await expect(page.getByText('A photo or a PDF of each receipt, up to 100 MB each.')).toBeVisible();
  await page.getByRole('button', { name: 'Add this expense' }).click();
  await expect(page.getByText('Say what the expense was for.')).toBeVisible();
  await page.getByRole('textbox', { name: 'Expense', exact: true }).fill('Parking');
  await page.getByRole('textbox', { name: 'Expense amount (£)' }).fill('4.50');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose the receipt' }).focus();
  await page.keyboard.press('Enter');
  await (await chooser).setFiles({ name: 'parking-receipt.jpg', mimeType: 'image/jpeg', buffer: PHOTO });
  await expect(page.getByText('Chosen: parking-receipt.jpg')).toBeVisible();
  await page.getByRole('button', { name: 'Add this expense' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('list', { name: 'Expenses to claim' })).toContainText(
    'Parking, £4.50 — receipt parking-receipt.jpg (3.0 MB)',
  );
  await checkScreen(page, testInfo, 'fees-expense-added');

  // The receipt follows the claim as a file of its own, with a labelled progress bar while it goes
  // (held back a moment here, as a slow connection would).
  const releaseUploads = await holdUploads(page, 'fees.attachReceipt');
  await page.getByRole('button', { name: 'Record my claim' }).focus();
  await page.keyboard.press('Enter');
  const progress = page.getByRole('progressbar', { name: 'Sending the receipt 1 of 1, parking-receipt.jpg' });
  await expect(progress).toBeVisible();
  // While it goes the button says it is busy, so axe runs here without waiting for quiet.
  expect(await axeViolations(page), 'axe while the file is sent').toEqual([]);
  await releaseUploads();
  await expect(page.getByText('Your claim for 1 October 2026 is recorded. Saved.')).toBeVisible();
  await expect(progress).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Expenses to claim' })).toHaveCount(0);
  const table = page.getByRole('table', { name: 'Each claim, its time and what it comes to' });
  await expect(table.getByRole('list', { name: 'Expenses on 1 October 2026' })).toContainText(
    'Parking, £4.50 — receipt parking-receipt.jpg (3.0 MB)',
  );
  await expect(table).toContainText('£113.07');

  // The recorded receipt downloads byte for byte (the download transfer, as evidence attachments).
  const receiptDownloading = page.waitForEvent('download');
  await table.getByRole('button', { name: 'Save the receipt parking-receipt.jpg' }).focus();
  await page.keyboard.press('Enter');
  const receipt = await receiptDownloading;
  expect(receipt.suggestedFilename()).toBe('parking-receipt.jpg');
  expect(sha256(readFileSync(await receipt.path()))).toBe(sha256(PHOTO));
  await checkScreen(page, testInfo, 'fees-receipt-recorded');
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
  expect(readFileSync(csv, 'utf8')).toContain('113.07');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: `Download ${LEAD.name}’s fee statement` }).click();
  const download = await downloading;
  const file = testInfo.outputPath('fee-statement.pdf');
  await download.saveAs(file);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  for (const words of [
    'Fee statement',
    LEAD.name,
    '£97.50',
    '£11.07',
    '£4.50',
    '£113.07',
    'Riverside Community Mind',
  ])
    expect(text).toContain(words);

  // Back on the case, the claim shows as approved too.
  await page.getByRole('button', { name: 'Back to the case' }).first().click();
  await expect(table).toContainText('Approved');
  await checkScreen(page, testInfo, 'fees-approved');
});

test('Fee rates: an amount not in pounds and pence is named beside its field, before anything is sent; the app’s own refusals too', async ({
  page,
  app,
}, testInfo) => {
  const { path } = await makeSchemeFile(app.workspaceDir, { fees: true });
  await page.goto(app.url);
  await openSchemeFile(page, path);
  await page.reload();
  await page.getByRole('button', { name: 'Scheme office' }).first().click();
  await page.getByRole('navigation', { name: 'Scheme office' }).getByRole('button', { name: 'Fees' }).click();
  const day = page.getByRole('textbox', { name: 'Day rate (£)', exact: true });
  const mileage = page.getByRole('textbox', { name: 'Mileage rate per mile (£)', exact: true });
  const save = page.getByRole('button', { name: 'Save the fee rates' });
  const sent: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('fees.setSchedule')) sent.push(request.url());
  });

  for (const typo of ['1,000.00', '12.345', '-5', '1e3', '99999999999']) {
    await day.fill(typo);
    await mileage.fill('45p');
    await save.click();
    await expect(day).toHaveAttribute('aria-invalid', 'true');
    await expect(day).toHaveAccessibleDescription(/Write the amount in pounds and pence, like 100\.00\./);
    await expect(mileage).toHaveAccessibleDescription(/Write the amount in pounds and pence, like 0\.45\./);
    await expect(day).toBeFocused();
    await expect(page.getByRole('alert')).toContainText(
      'Day rate (£): Write the amount in pounds and pence, like 100.00. Mileage rate per mile (£): Write the amount in pounds and pence, like 0.45.',
    );
  }
  expect(sent).toEqual([]);
  await checkScreen(page, testInfo, 'scheme-fees-rates-not-amounts');

  // An amount, but one the app refuses: its words go beside the fields it blames.
  await day.fill('0');
  await mileage.fill('0.45');
  await save.click();
  await expect(day).toHaveAccessibleDescription(/The day rate cannot be zero/);
  await expect(
    page.getByRole('textbox', { name: 'Half-day rate (£)', exact: true }),
  ).toHaveAccessibleDescription(/The half-day rate cannot be more than the day rate\./);
  await expect(day).toBeFocused();
  await expect(page.getByRole('alert')).not.toContainText('not the kind of answer expected');
});

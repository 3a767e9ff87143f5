import { expect, test } from './fixtures';
import { checkScreen } from './support';

const PASSPHRASE = 'meadow copper lantern quietly saddle';

test('New case: limits shown before typing, refusals in plain words beside each field, cleared on change, and Create works again', async ({
  page,
  app,
}, testInfo) => {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'New case' }).click();
  // Limits come from the contract's own fields.
  await expect(page.getByLabel(/^Organisation’s name/)).toHaveAttribute('maxlength', '200');
  await expect(page.getByLabel(/^Your name/)).toHaveAttribute('maxlength', '120');
  await expect(page.getByLabel(/^Case file name/)).toHaveAttribute('maxlength', '120');

  // The meter agrees with the rule: a passphrase the rule refuses is never called strong.
  await page.getByLabel(/^Passphrase \(required\)/).fill('summer holiday');
  const strength = page.locator('.strength');
  await expect(strength).toContainText('Too easy to guess');
  await expect(strength).not.toContainText(/\bStrong\b/);

  await page.getByLabel(/^Organisation’s name/).fill('   ');
  await page.getByLabel(/^Case file name/).fill('Tidewater assessment');
  await page.getByLabel(/^Your name/).fill('Sam Example (fictional)');
  await page.getByLabel(/^Your PIN/).fill('12');
  await page.getByLabel(/^Passphrase \(required\)/).fill(PASSPHRASE);
  await page.getByLabel(/^Passphrase again/).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Create the case file' }).click();

  const alert = page.getByRole('alert').filter({ hasText: 'The case file was not created' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('Your PIN');
  await expect(alert).not.toContainText('leadPin');
  await expect(alert).not.toContainText('organisationName');
  const pin = page.getByLabel(/^Your PIN/);
  await expect(pin).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel(/^Organisation’s name/)).toHaveAttribute('aria-invalid', 'true');
  await checkScreen(page, testInfo, 'new case (refused)');

  // Fixing a field clears its error at once; Create then sends again and the case opens.
  await pin.fill('2468');
  await expect(pin).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel(/^Organisation’s name/).fill('Tidewater Collective (fictional)');
  await expect(page.getByLabel(/^Organisation’s name/)).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Create the case file' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();

  // The same on another form: the organisation's details.
  await expect(page.getByLabel(/^Name/)).toHaveAttribute('maxlength', '200');
  await page.getByLabel(/^Name/).fill('  ');
  await page.getByRole('button', { name: 'Save the organisation’s details' }).click();
  await expect(page.getByLabel(/^Name/)).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert')).not.toContainText('organisation.name');
  await page.getByLabel(/^Name/).fill('Tidewater Collective, renamed (fictional)');
  await expect(page.getByLabel(/^Name/)).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Save the organisation’s details' }).click();
  // Saved: after a reload (which comes back to this case) the new name is there.
  await expect(page.getByLabel(/^Name/)).not.toHaveAttribute('aria-invalid', 'true');
  await page.waitForTimeout(500);
  await page.reload();
  await expect(page.getByLabel(/^Name/)).toHaveValue('Tidewater Collective, renamed (fictional)');
});

import { expect, test } from './fixtures';
import { checkScreen } from './support';

test('Settings: the scheme sets where certificate QR codes lead; only a full https address is taken', async ({
  page,
  app,
}, testInfo) => {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  const section = page.getByRole('region', { name: 'Where certificate QR codes lead' });
  await expect(section).toContainText('https://verify.coproduction-standard.org.uk/');
  await expect(section).toContainText('the app’s default');
  await checkScreen(page, testInfo, 'settings-verification-address');

  const field = section.getByRole('textbox', { name: 'The scheme’s checking page' });
  await field.fill('http://scheme.example.org/check');
  await section.getByRole('button', { name: 'Change the address' }).click();
  await expect(section.getByText('The address was not changed')).toBeVisible();
  await expect(section).toContainText('starting https://');

  await field.fill('https://scheme.example.org/check');
  await section.getByRole('button', { name: 'Change the address' }).click();
  await expect(
    section.getByText('Certificates signed from now on link to https://scheme.example.org/check.'),
  ).toBeVisible();
  await expect(section).toContainText('opens https://scheme.example.org/check.');
  await expect(section).not.toContainText('the app’s default');
  await checkScreen(page, testInfo, 'settings-verification-address-changed');
});

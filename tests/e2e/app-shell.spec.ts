import { expect, expectNoAccessibilityViolations, test } from './fixtures';

test('the page loads, names the app and its version, passes axe, and talks only to 127.0.0.1', async ({
  page,
  app,
  requests,
}) => {
  await page.goto(app.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Coproduction Panel' })).toBeVisible();
  await expect(page.getByTestId('app-version')).toHaveText('0.1.0');
  // The launch token is taken out of the address bar and kept for this tab only.
  expect(page.url()).not.toContain('token=');
  expect(await page.evaluate(() => sessionStorage.getItem('copanel.launchToken'))).toBe(app.token);
  await expectNoAccessibilityViolations(page);
  expect(requests.outside(app.origin)).toEqual([]);
});

test('a page opened without the launch token cannot use the app', async ({ page, app }) => {
  await page.goto(app.origin + '/');
  await expect(page.getByRole('alert').first()).toContainText('not connected to the app');
});

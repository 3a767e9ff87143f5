import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { api, checkScreen, createCase, goToStage } from './support';

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

/** Whether leaving the page now (reload, close) would ask first, as its beforeunload answers. */
function leavingAsks(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const leaving = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(leaving);
    return leaving.defaultPrevented;
  });
}

/** A second tab on the case this host has open, at the evidence register. */
async function secondTabAtEvidence(page: Page, appUrl: string, organisation: string): Promise<Page> {
  const second = await page.context().newPage();
  await second.goto(appUrl);
  await second.getByRole('button', { name: `Continue with ${organisation}` }).click();
  await expect(second.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await goToStage(second, 'Evidence');
  return second;
}

test('Evidence edited in two tabs: the refused tab keeps what was typed, says what changed, and saves its words when the user chooses them', async ({
  page,
  app,
}, testInfo) => {
  const organisation = 'Riverside Day Centre (fictional)';
  const caseId = await createCase(page, app.url, organisation);
  await api(page, 'evidence.add', {
    caseId,
    evidence: {
      title: 'Carers’ survey 2025',
      kind: 'document',
      source: 'Team records',
      date: null,
      criteria: ['S1.1'],
      consent: 'not_needed',
      quote: '',
      notes: '',
    },
  });
  await goToStage(page, 'Evidence');
  const second = await secondTabAtEvidence(page, app.url, organisation);
  for (const tab of [page, second])
    await tab.getByRole('button', { name: 'Edit Carers’ survey 2025' }).click();

  // The first tab changes the source and saves.
  await page.getByRole('textbox', { name: /^Source/ }).fill('Carers’ forum');
  await page.getByRole('button', { name: 'Save the changes' }).click();
  await expect(page.getByText('The changes to “Carers’ survey 2025” are saved.')).toBeVisible();

  // The second tab, out of date, adds notes: refused, naming what changed; the notes stay typed.
  const notes = second.getByRole('textbox', { name: /^Notes/ });
  await notes.fill('Read out at the March panel meeting.');
  await second.getByRole('button', { name: 'Save the changes' }).click();
  await expect(second.getByRole('alert')).toContainText(
    'The details of “Carers’ survey 2025” were changed in another window or tab, or by someone else, after this page showed them (the source), so your changes were not saved',
  );
  await expect(notes).toHaveValue('Read out at the March panel meeting.');
  await expect(second.getByRole('textbox', { name: /^Source/ })).toHaveValue('Team records');
  await checkScreen(second, testInfo, 'evidence changed in another tab');

  // Leaving the page now asks first: the refused words are still unsaved.
  expect(await leavingAsks(second)).toBe(true);

  // "Use my words", then save: the second tab's form is saved whole, over the first tab's source.
  await second.getByRole('button', { name: 'Use my words' }).click();
  await expect(second.getByRole('alert')).toHaveCount(0);
  await expect(second.getByText('Your words are kept.')).toBeVisible();
  await expect(second.getByRole('button', { name: 'Save the changes' })).toBeFocused();
  await second.keyboard.press('Enter');
  await expect(second.getByText('The changes to “Carers’ survey 2025” are saved.')).toBeVisible();
  const [saved] = (await api(second, 'evidence.list', { caseId })) as { source: string; notes: string }[];
  expect(saved).toMatchObject({ source: 'Team records', notes: 'Read out at the March panel meeting.' });
  expect(await leavingAsks(second)).toBe(false);
  await second.close();
});

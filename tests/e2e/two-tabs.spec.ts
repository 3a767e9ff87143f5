import { expect, test } from './fixtures';
import { api, checkScreen, createCase, goToStage } from './support';

test('a panel member edited in two tabs: the out-of-date tab is refused in plain words and shows what is saved, and nothing is undone', async ({
  page,
  app,
  context,
}, testInfo) => {
  const caseId = await createCase(page, app.url, 'Harbourside Wellbeing (fictional)');
  await api(page, 'panel.addMember', {
    caseId,
    name: 'Ben Okafor (fictional)',
    role: 'assessor',
    consentToBeNamed: false,
  });

  // The second tab: the same case, picked up from this host.
  const second = await context.newPage();
  await second.goto(app.url);
  await second.getByRole('button', { name: 'Continue with Harbourside Wellbeing (fictional)' }).click();
  await expect(second.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();

  // Both tabs open Ben's form, showing the same details.
  for (const tab of [page, second]) {
    await goToStage(tab, 'Panel');
    await tab.getByRole('button', { name: 'Edit Ben Okafor (fictional)' }).click();
  }

  // The first tab saves a change of consent.
  await page.getByRole('checkbox', { name: /named/i }).check({ force: true });
  await page.getByRole('button', { name: 'Save the changes' }).click();
  await expect(page.getByRole('status')).toContainText('The changes to Ben Okafor (fictional) are saved.');

  // The second tab, out of date, changes the name: refused, naming what changed, not saved.
  await second.getByLabel(/^Name/).fill('Ben Okafor-Reid (fictional)');
  await second.getByRole('button', { name: 'Save the changes' }).click();
  const refusal = second.getByRole('alert');
  await expect(refusal).toContainText(
    'Ben Okafor (fictional)’s details were changed in another window or tab, or by someone else, after this page showed them (the consent to be named), so your changes were not saved',
  );
  // The tab now shows what is saved beside the form, which keeps what was typed until they choose.
  const card = second.getByRole('article', { name: 'Ben Okafor (fictional)' });
  await expect(card).toContainText('Yes, agrees to be named');
  await expect(second.getByLabel(/^Name/)).toHaveValue('Ben Okafor-Reid (fictional)');
  await checkScreen(second, testInfo, 'panel member changed in another tab');
  // Shown the saved details, the form starts again from them.
  await second.getByRole('button', { name: 'Show the saved details' }).click();
  await expect(second.getByLabel(/^Name/)).toHaveValue('Ben Okafor (fictional)');
  await expect(second.getByRole('checkbox', { name: /named/i })).toBeChecked();

  // Made again from what is saved, the change keeps the first tab's.
  await second.getByLabel(/^Name/).fill('Ben Okafor-Reid (fictional)');
  await second.getByRole('button', { name: 'Save the changes' }).click();
  await expect(second.getByRole('status')).toContainText(
    'The changes to Ben Okafor-Reid (fictional) are saved.',
  );
  const saved = (await api(second, 'panel.list', { caseId })) as {
    name: string;
    consentToBeNamed: boolean;
  }[];
  expect(saved.find((member) => member.name.startsWith('Ben'))).toMatchObject({
    name: 'Ben Okafor-Reid (fictional)',
    consentToBeNamed: true,
  });
});

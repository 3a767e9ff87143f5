import { expect, test } from './fixtures';
import { api, callAsPage, checkScreen, choose, createCase, goToStage, openScoringWith } from './support';

test('the lead enters a paper score sheet on a member’s behalf and leaves another sheet out', async ({
  page,
  app,
}, testInfo) => {
  const caseId = await createCase(page, app.url, 'Lakeside Wellbeing Hub (fictional)');

  // Set up the panel through the API: two Experts by Experience; everyone declares; scoring opens.
  const {
    memberIds: [, joId],
  } = await openScoringWith(page, caseId, [
    { name: 'Sam Rivers (fictional)', pin: '2468' },
    { name: 'Jo Okafor (fictional)', pin: '9753' },
  ]);

  // Sam scored on paper: the lead enters the sheet.
  await goToStage(page, 'Moderation');
  await expect(page.getByRole('heading', { name: 'Sheets still to come' })).toBeVisible();
  await checkScreen(page, testInfo, 'moderation (sheets still to come)');
  await page.getByRole('button', { name: 'Enter the paper sheet of Sam Rivers (fictional)' }).click();
  const groups = page.locator('.paper-sheet').getByRole('radiogroup');
  const count = await groups.count();
  expect(count).toBe(19);
  for (let i = 0; i < count; i += 1) await choose(groups.nth(i), /^2$/);
  await checkScreen(page, testInfo, 'paper sheet');
  await page.getByRole('button', { name: 'Enter and submit this paper sheet' }).click();
  await expect(
    page.getByRole('button', { name: 'Enter the paper sheet of Sam Rivers (fictional)' }),
  ).toHaveCount(0);
  await expect(page.getByRole('row', { name: /Sam Rivers/ })).toContainText(/submitted/i);

  // Jo cannot take part: the lead leaves the sheet out, with a reason.
  await page.getByRole('button', { name: 'Leave out the sheet of Jo Okafor (fictional)' }).click();
  await page
    .getByRole('dialog')
    .getByLabel(/^Reason/)
    .fill('Unwell on the day of the visit.');
  await page.getByRole('button', { name: 'Leave the sheet out' }).click();
  await expect(
    page.getByRole('button', { name: 'Leave out the sheet of Jo Okafor (fictional)' }),
  ).toHaveCount(0);
  await expect(page.getByRole('row', { name: /Jo Okafor/ })).toContainText(/left out/i);

  // Sam's paper sheet stays sealed from Jo: nobody else can read it before moderation.
  await api(page, 'panel.signIn', { caseId, memberId: joId, pin: '9753' });
  const sealed = await callAsPage(page, 'moderation.view', { caseId });
  expect(sealed).toContain('SCORES_SEALED');
});

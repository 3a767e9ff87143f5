import { expect, test } from './fixtures';
import { addPanel, createCase, JO, LEAD, openScoring, SAM, scoreSheet, signInByApi } from './panel-setup';
import { api, checkScreen, goToStage, stageButton } from './support';

test('saving the organisation’s details says so, and "Lead assessor" is never offered to give', async ({
  page,
  app,
}, testInfo) => {
  await createCase(page, app.url);
  await page.getByLabel(/^Address/).fill('1 Harbour Lane, Exampletown (fictional)');
  await page.getByRole('button', { name: 'Save the organisation’s details' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'The organisation’s details are saved.' }),
  ).toBeVisible();
  await expect(page.getByLabel(/^Address/)).toHaveValue('1 Harbour Lane, Exampletown (fictional)');
  await checkScreen(page, testInfo, 'overview, details saved');

  // Adding a member: the roles offered are the ones the app accepts.
  await goToStage(page, 'Panel');
  await page.getByRole('button', { name: 'Add a member' }).click();
  const roles = page.getByRole('radiogroup', { name: /^Role/ });
  await expect(roles.getByRole('radio', { name: /^Assessor|Expert by Experience/ }).first()).toBeVisible();
  await expect(roles.getByRole('radio', { name: /^Lead assessor/ })).toHaveCount(0);
  await checkScreen(page, testInfo, 'panel, add a member');
});

test('the stage list and the moderation page agree on whether moderation is open', async ({ page, app }) => {
  const caseId = await createCase(page, app.url);
  const panel = await addPanel(page, caseId);
  await openScoring(page, panel);
  await scoreSheet(page, caseId, {});
  for (const [memberId, pin] of [
    [panel.ids.sam, SAM.pin],
    [panel.ids.jo, JO.pin],
  ] as const) {
    await signInByApi(page, caseId, memberId, pin);
    await scoreSheet(page, caseId, {});
  }
  await signInByApi(page, caseId, panel.ids.lead, LEAD.pin);
  await page.reload();
  await goToStage(page, 'Moderation');
  await expect(page.getByRole('status').filter({ hasText: 'Moderation has not opened yet.' })).toBeVisible();
  // Every sheet is in, so moderation can be opened; the stage list must not call it open yet.
  await expect(stageButton(page, 'Moderation')).toHaveAccessibleName(/^Moderation.*ready to start$/);
  await api(page, 'moderation.open', { caseId });
  await page.reload();
  await goToStage(page, 'Moderation');
  await expect(page.getByRole('heading', { level: 1, name: 'Moderation is open' })).toBeVisible();
  await expect(stageButton(page, 'Moderation')).toHaveAccessibleName(/^Moderation.*in progress$/);
});

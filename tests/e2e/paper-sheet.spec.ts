import { expect, test } from './fixtures';
import { api, callAsPage, checkScreen, choose, goToStage } from './support';

test('the lead enters a paper score sheet on a member’s behalf and leaves another sheet out', async ({
  page,
  app,
}, testInfo) => {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'New case' }).click();
  await page.getByLabel(/^Organisation’s name/).fill('Lakeside Wellbeing Hub (fictional)');
  await page.getByLabel(/^Your name/).fill('Alex Morgan (fictional)');
  await page.getByLabel(/^Your PIN/).fill('1357');
  await page.getByLabel(/^Passphrase \(required\)/).fill('orchard velvet harbour lantern quietly');
  await page.getByLabel(/^Passphrase again/).fill('orchard velvet harbour lantern quietly');
  await page.getByRole('button', { name: 'Create the case file' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  const caseId = (await page.locator('[data-case-id]').getAttribute('data-case-id')) ?? '';

  // Set up the panel through the API: two Experts by Experience; everyone declares; scoring opens.
  const lead = (await api(page, 'case.get', { caseId })) as { signedIn: { memberId: string } };
  const sam = (await api(page, 'panel.addMember', {
    caseId,
    name: 'Sam Rivers (fictional)',
    role: 'assessor',
    consentToBeNamed: true,
    pin: '2468',
  })) as { id: string };
  const jo = (await api(page, 'panel.addMember', {
    caseId,
    name: 'Jo Okafor (fictional)',
    role: 'assessor',
    consentToBeNamed: true,
    pin: '9753',
  })) as { id: string };
  for (const [memberId, pin] of [
    [lead.signedIn.memberId, '1357'],
    [sam.id, '2468'],
    [jo.id, '9753'],
  ] as const) {
    await api(page, 'panel.signIn', { caseId, memberId, pin });
    await api(page, 'panel.declareConflict', { caseId, memberId, declaration: { kind: 'none' } });
  }
  await api(page, 'panel.signIn', { caseId, memberId: lead.signedIn.memberId, pin: '1357' });
  await api(page, 'scoring.open', { caseId });

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
  await api(page, 'panel.signIn', { caseId, memberId: jo.id, pin: '9753' });
  const sealed = await callAsPage(page, 'moderation.view', { caseId });
  expect(sealed).toContain('SCORES_SEALED');
});

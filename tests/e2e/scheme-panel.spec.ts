import { expect, test } from './fixtures';
import { api, checkScreen, choose, createCase, goToStage } from './support';

test('Panel: link the case to the scheme file, add a member from the directory, see the training warning, give a reason to open scoring', async ({
  page,
  app,
}, testInfo) => {
  const caseId = await createCase(page, app.url, 'Riverside Community Mind (fictional)');
  await goToStage(page, 'Panel');
  const training = page.getByRole('region', { name: 'Training' });
  await expect(training).toContainText('This case is not linked to a scheme file');
  await expect(training).toContainText('open the scheme file in the scheme office first');

  await api(page, 'scheme.create', {
    fileName: 'northfield',
    schemeName: 'Northfield Scheme (fictional)',
    passphrase: 'copper meadow lantern violin harbour',
    yourName: 'Mo Reyes (fictional)',
  });
  await api(page, 'scheme.addAssessor', {
    assessor: { name: 'Jo Lindqvist (fictional)', roles: ['assessor'], consentToBeNamed: true },
  });
  await page.reload();
  await goToStage(page, 'Panel');
  await training.getByRole('button', { name: 'Link this case to Northfield Scheme (fictional)' }).click();
  await expect(training).toContainText('Linked to Northfield Scheme (fictional).');

  await choose(training.getByRole('radiogroup', { name: 'Who' }), 'Jo Lindqvist (fictional)');
  await choose(training.getByRole('radiogroup', { name: /role on this panel/ }), 'Expert by Experience');
  await training.getByRole('button', { name: 'Add to the panel' }).click();
  await expect(training).toContainText('Jo Lindqvist (fictional) was added to the panel from the directory.');
  const warnings = page.getByRole('note', { name: 'Training warnings' });
  await expect(warnings).toContainText('Jo Lindqvist (fictional) has no training recorded.');
  await checkScreen(page, testInfo, 'panel-training-warning');

  const link = (await api(page, 'scheme.caseLink', { caseId })) as { members: { memberId: string }[] };
  for (const member of link.members)
    await api(page, 'panel.declareConflict', {
      caseId,
      memberId: member.memberId,
      declaration: { kind: 'none' },
    });
  await page.reload();
  await goToStage(page, 'Panel');
  await page.getByRole('button', { name: 'Open scoring', exact: true }).click();
  await expect(page.getByText('To open scoring anyway, give your reason')).toBeVisible();
  await page
    .getByRole('textbox', { name: /Why the panel goes ahead/ })
    .fill('Jo is booked on the March course.');
  await checkScreen(page, testInfo, 'panel-training-reason');
  await page.getByRole('button', { name: 'Open scoring with this reason' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Scoring is open.' })).toBeVisible();
});

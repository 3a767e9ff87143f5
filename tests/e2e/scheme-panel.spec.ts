import { expect, test } from './fixtures';
import { api, checkScreen, choose, createCase, goToStage, LEAD } from './support';

test('Panel: link the case to the scheme file, add a member from the directory, see the training warning, give a reason to open scoring', async ({
  page,
  app,
}, testInfo) => {
  test.setTimeout(240_000);
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
  const alex = (await api(page, 'scheme.addAssessor', {
    assessor: { name: LEAD.name, roles: ['lead'], consentToBeNamed: true },
  })) as { id: string };
  await api(page, 'scheme.recordTraining', {
    training: {
      assessorId: alex.id,
      course: 'Leading panels',
      attendedOn: new Date().toISOString().slice(0, 10),
      trainer: 'Ade Bello (fictional)',
    },
  });
  await page.reload();
  await goToStage(page, 'Panel');
  await training.getByRole('button', { name: 'Link this case to Northfield Scheme (fictional)' }).click();
  await expect(training).toContainText('Linked to Northfield Scheme (fictional).');
  await expect(training).toContainText(`${LEAD.name} is not linked to the scheme’s assessor directory`);
  await checkScreen(page, testInfo, 'panel-lead-not-linked');

  // The lead links their own member record to their directory entry; their training then counts.
  await choose(training.getByRole('radiogroup', { name: 'Your entry in the directory' }), LEAD.name);
  await training.getByRole('button', { name: 'Link me to this entry' }).click();
  await expect(training).toContainText(
    `The lead assessor, ${LEAD.name}, is linked to their entry in the scheme’s assessor directory: trained.`,
  );
  await expect(training).not.toContainText(`${LEAD.name} is not linked`);

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

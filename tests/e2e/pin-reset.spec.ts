import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { api, checkScreen, createCase, goToStage, LEAD, openScoringWith } from './support';

/**
 * Issue 11 §1 in the app: once scoring has opened, the lead corrects a member's details or resets
 * their PIN only with a reason; the whole panel sees it on the moderation screen; and the member
 * chooses a new PIN of their own when they next sign in.
 */

const SAM = { name: 'Sam Rivers (fictional)', pin: '2468' };

/** Both members score every criterion and submit, through the API; the lead opens moderation. */
async function scoreAndOpenModeration(page: Page, caseId: string, leadId: string, samId: string) {
  const standard = (await api(page, 'standard.forCase', { caseId })) as {
    statements: { criteria: { id: string }[] }[];
  };
  const criteria = standard.statements.flatMap((statement) => statement.criteria.map((c) => c.id));
  for (const [memberId, pin] of [
    [samId, SAM.pin],
    [leadId, LEAD.pin],
  ] as const) {
    await api(page, 'panel.signIn', { caseId, memberId, pin });
    for (const criterionId of criteria)
      await api(page, 'scoring.saveScore', { caseId, criterionId, score: 2, rationale: '', evidenceIds: [] });
    await api(page, 'scoring.submitSheet', { caseId });
  }
  await api(page, 'moderation.open', { caseId });
}

test('after scoring opens, a PIN reset needs a reason, shows on the moderation screen, and the member chooses a new PIN', async ({
  page,
  app,
}, testInfo) => {
  const caseId = await createCase(page, app.url, 'Lakeside Wellbeing Hub (fictional)');
  const {
    leadId,
    memberIds: [samId],
  } = await openScoringWith(page, caseId, [SAM]);
  await scoreAndOpenModeration(page, caseId, leadId, samId!);

  // The lead corrects Sam's name: the form asks the reason.
  await goToStage(page, 'Panel');
  await page.getByRole('button', { name: `Edit ${SAM.name}` }).click();
  await page.getByLabel(/^Name/).fill('Sam Rivers-Lee (fictional)');
  await page.getByLabel(/^Reason for the change/).fill('Sam’s surname was misspelt.');
  await checkScreen(page, testInfo, 'panel (change with a reason)');
  await page.getByRole('button', { name: 'Save the changes' }).click();
  // Saved: the form closes and the member's card shows the new name.
  await expect(page.getByRole('heading', { name: /^Edit Sam Rivers/ })).toHaveCount(0);
  await expect(
    page.getByRole('heading', { level: 3, name: 'Sam Rivers-Lee (fictional)', exact: true }),
  ).toBeVisible();

  // Sam has forgotten the PIN: the lead resets it, with the reason.
  await page.getByRole('button', { name: 'Change the PIN for Sam Rivers-Lee (fictional)' }).click();
  await page.getByLabel(/^New PIN/).fill('5050');
  await page.getByRole('button', { name: 'Set the PIN' }).click();
  await expect(page.getByText('Give the reason for resetting', { exact: false }).first()).toBeVisible();
  await page.getByLabel(/^Reason for the reset/).fill('Sam forgot the PIN overnight.');
  await checkScreen(page, testInfo, 'panel (PIN reset with a reason)');
  await page.getByRole('button', { name: 'Set the PIN' }).click();
  await expect(page.getByText(/PIN is reset/)).toBeVisible();

  // The whole panel sees both changes on the moderation screen.
  await goToStage(page, 'Moderation');
  const changes = page.getByRole('region', { name: 'Changes to the panel' });
  await expect(changes).toContainText(
    /Sam Rivers \(fictional\)’s name to “Sam Rivers-Lee \(fictional\)” changed by the lead, Alex Morgan \(fictional\)/,
  );
  await expect(changes).toContainText(
    /Sam Rivers-Lee \(fictional\)’s PIN reset by the lead, Alex Morgan \(fictional\), at \d\d:\d\d UTC/,
  );
  await expect(changes).toContainText('Sam forgot the PIN overnight.');
  await checkScreen(page, testInfo, 'moderation (changes to the panel)');

  // Sam signs in with the PIN the lead gave, and must choose a new one.
  await page.getByRole('button', { name: 'Sign out (hand over)' }).click();
  await page.getByRole('radio', { name: /Sam Rivers-Lee/ }).check({ force: true });
  await page.getByLabel(/^PIN/).fill('5050');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Choose your own PIN' })).toBeVisible();
  await checkScreen(page, testInfo, 'sign in (choose your own PIN)');
  await page.getByLabel(/^Your own PIN/).fill('7171');
  await page.getByRole('button', { name: 'Save my PIN and sign in' }).click();
  await expect(page.getByTestId('signed-in')).toContainText('Sam Rivers-Lee (fictional)');
  const me = (await api(page, 'case.get', { caseId })) as { signedIn: { name: string } };
  expect(me.signedIn.name).toBe('Sam Rivers-Lee (fictional)');
});

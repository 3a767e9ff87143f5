import { expect, test } from './fixtures';
import {
  addPanel,
  createCase,
  JO,
  LEAD,
  SAM,
  scoreSheet,
  signIn,
  signInByApi,
  signInIfAsked,
  signOut,
} from './panel-setup';
import { api, checkScreen } from './support';

test('after signing in, each member sees their own next step, the conflict question first', async ({
  page,
  app,
}, testInfo) => {
  const caseId = await createCase(page, app.url);
  const panel = await addPanel(page, caseId);
  const yourStep = page.getByRole('region', { name: 'Your next step' });

  // The lead: the conflict question first, on the overview, before the stages.
  await expect(yourStep).toContainText(/^Your next step\s*Declare any conflict of interest/);
  await signOut(page);
  await signIn(page, SAM);
  await expect(yourStep).toContainText('Declare any conflict of interest');
  await checkScreen(page, testInfo, 'overview, your next step (member)');

  // Everyone declares; scoring opens; Sam has scored 3 of the criteria, Jo has submitted.
  for (const [memberId, pin] of [
    [panel.ids.lead, LEAD.pin],
    [panel.ids.sam, SAM.pin],
    [panel.ids.jo, JO.pin],
  ] as const) {
    await signInByApi(page, caseId, memberId, pin);
    await api(page, 'panel.declareConflict', { caseId, memberId, declaration: { kind: 'none' } });
  }
  await signInByApi(page, caseId, panel.ids.lead, LEAD.pin);
  await api(page, 'scoring.open', { caseId });
  await signInByApi(page, caseId, panel.ids.jo, JO.pin);
  const criteria = await scoreSheet(page, caseId, {});
  await signInByApi(page, caseId, panel.ids.sam, SAM.pin);
  await scoreSheet(page, caseId, {}, { submit: false, count: 3 });

  await page.reload();
  await signInIfAsked(page, SAM);
  await expect(yourStep).toContainText(
    `Score the ${criteria.length} criteria (3 done), then submit your sheet.`,
  );
  await expect(page.getByText(`Wait for ${SAM.name}`)).toHaveCount(0);
  await signOut(page);
  await signIn(page, JO);
  await expect(yourStep).toContainText('Your sheet is in, thank you.');
  await signOut(page);
  await signIn(page, LEAD);
  await expect(yourStep).toContainText(`Score the ${criteria.length} criteria (0 done)`);
  await checkScreen(page, testInfo, 'overview, your next step (lead)');
});

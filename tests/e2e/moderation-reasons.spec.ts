import { expect, test } from './fixtures';
import {
  addPanel,
  createCase,
  JO,
  openScoring,
  scoreSheet,
  signIn,
  signInByApi,
  signOut,
  SAM,
  LEAD,
} from './panel-setup';
import { api, callAsPage, checkScreen, choose, goToStage } from './support';

test('once moderation opens, each member’s reasons and ticked evidence sit beside their score, in plain words', async ({
  page,
  app,
}, testInfo) => {
  const caseId = await createCase(page, app.url);
  const panel = await addPanel(page, caseId);
  const { ids } = panel;
  const evidence = (await api(page, 'evidence.add', {
    caseId,
    evidence: {
      title: 'Notes of the visit to the drop-in (fictional)',
      kind: 'observation',
      source: 'Panel visit',
      date: null,
      criteria: [],
      consent: 'not_needed',
      quote: '',
      notes: '',
    },
  })) as { id: string };
  await openScoring(page, panel);

  // The first criterion is divergent (0, 2, 2), so the discussion opens on it.
  const [first] = await scoreSheet(page, caseId, {});
  await signInByApi(page, caseId, ids.sam, SAM.pin);
  await scoreSheet(page, caseId, {
    0: {
      score: 0,
      rationale: 'Nobody I met had been asked what mattered to them.',
      evidenceIds: [evidence.id],
    },
  });
  await signInByApi(page, caseId, ids.jo, JO.pin);
  await scoreSheet(page, caseId, {
    0: { score: 2, rationale: 'Care plans are written with people.', evidenceIds: [] },
  });

  // Sealed until moderation opens: Jo's session cannot read Sam's reasons.
  const sealed = await callAsPage(page, 'moderation.view', { caseId });
  expect(sealed).toContain('SCORES_SEALED');
  expect(sealed).not.toContain('Nobody I met');

  await signInByApi(page, caseId, ids.lead, LEAD.pin);
  await api(page, 'moderation.open', { caseId });

  // Jo, in another member's session, sees Sam's reason and the evidence Sam ticked beside Sam's score.
  await signOut(page);
  await signIn(page, JO);
  await goToStage(page, 'Moderation');
  await expect(page.getByRole('heading', { level: 1, name: 'Moderation is open' })).toBeVisible();
  const scores = page.getByRole('list', { name: /Each member’s score and reasons/ });
  const sam = scores.getByRole('listitem').filter({ hasText: SAM.name });
  await expect(sam).toContainText('Why they chose this: Nobody I met had been asked what mattered to them.');
  await expect(sam).toContainText('Evidence they ticked:');
  await expect(sam).toContainText('Notes of the visit to the drop-in (fictional)');
  const jo = scores.getByRole('listitem').filter({ hasText: JO.name }).first();
  await expect(jo).toContainText('Care plans are written with people.');

  // Plain words: statistics behind "Details"; no "Dissent" or "Rationale".
  const alpha = page.getByText(/Krippendorff/);
  await expect(alpha).toBeHidden();
  await page.getByText('Details: the numbers behind this').click();
  await expect(alpha).toBeVisible();
  await expect(page.getByText(/dissent/i)).toHaveCount(0);
  await expect(page.getByText(/rationale/i)).toHaveCount(0);
  await checkScreen(page, testInfo, 'moderation with members’ reasons');

  // The lead records an agreed score, asked "Why did the panel choose this score?"; Jo disagrees in a note.
  await signOut(page);
  await signIn(page, LEAD);
  await goToStage(page, 'Moderation');
  const discussion = page.getByRole('region', { name: /Discussing criterion 1 of/ });
  await choose(discussion.getByRole('radiogroup', { name: /^Agreed score for/ }), /^1 — /);
  await discussion.getByLabel(/^Why did the panel choose this score\?/).fill('The panel met in the middle.');
  await discussion.getByRole('button', { name: 'Record agreed score' }).click();
  await expect(discussion.getByText(/is recorded/)).toBeVisible();
  await checkScreen(page, testInfo, 'moderation, lead, agreed score recorded');
  await signOut(page);
  await signIn(page, JO);
  await goToStage(page, 'Moderation');
  await page.getByRole('button', { name: `Discuss ${first}` }).click();
  await page.getByLabel(/^I disagree — my note/).fill('I still think 2 is right.');
  await page.getByRole('button', { name: 'Add my note' }).click();
  await expect(page.getByText('Your note is added.')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'I still think 2 is right.' })).toContainText(
    `${JO.name} disagrees`,
  );
  await expect(page.getByText(/dissent/i)).toHaveCount(0);
  await checkScreen(page, testInfo, 'moderation, member’s note');
});

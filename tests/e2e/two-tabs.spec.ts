import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { signIn } from './panel-setup';
import { api, checkScreen, createCase, goToStage, LEAD, openScoringWith } from './support';

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

const GWENLLIAN = { name: 'Gwenllïan ap Dafydd (fictional)', pin: '2468' };

/**
 * The walk's steps (F1): tab A, the lead on Scoring; tab B, the same browser, picks up the case,
 * hands over and Gwenllïan signs in. Returns tab B and the members' ids.
 */
async function handOverInSecondTab(
  first: Page,
  context: BrowserContext,
  url: string,
): Promise<{ caseId: string; second: Page; leadId: string; gwenllianId: string }> {
  const caseId = await createCase(first, url, 'Cymru Peer Support (fictional)');
  const { leadId, memberIds } = await openScoringWith(first, caseId, [GWENLLIAN]);
  await first.reload();
  await goToStage(first, 'Scoring');
  await expect(first.getByRole('radiogroup', { name: /^Your score for S1\.1/ })).toBeVisible();

  const second = await context.newPage();
  await second.goto(url);
  await second.getByRole('button', { name: 'Continue with Cymru Peer Support (fictional)' }).click();
  await second.getByRole('button', { name: 'Sign out (hand over)' }).click();
  await signIn(second, GWENLLIAN);
  return { caseId, second, leadId, gwenllianId: memberIds[0]! };
}

/** Whose sheets hold a score for S1.1, read as each member in tab B (which is left with Gwenllïan). */
async function scoredS11(second: Page, caseId: string, leadId: string, gwenllianId: string) {
  const scoreAs = async (memberId: string, pin: string) => {
    await api(second, 'panel.signIn', { caseId, memberId, pin });
    const sheet = (await api(second, 'scoring.mySheet', { caseId })) as {
      entries: { criterionId: string; score: unknown }[];
    };
    return sheet.entries.find((entry) => entry.criterionId === 'S1.1')?.score ?? null;
  };
  const lead = await scoreAs(leadId, LEAD.pin);
  const gwenllian = await scoreAs(gwenllianId, GWENLLIAN.pin);
  return { lead, gwenllian };
}

test('another tab hands over to Gwenllïan: the first tab shows her signed in at once and says why', async ({
  page,
  app,
  context,
}, testInfo) => {
  const { caseId, second, leadId, gwenllianId } = await handOverInSecondTab(page, context, app.url);

  const notice = page.getByTestId('sign-in-changed');
  await expect(notice).toContainText(
    'Gwenllïan ap Dafydd (fictional) has signed in on this computer, in another tab or window, so this page now shows Gwenllïan ap Dafydd (fictional).',
  );
  await expect(page.getByTestId('signed-in')).toContainText(GWENLLIAN.name);
  // The tab that handed over made the change itself: it is not told another tab did.
  await expect(second.getByTestId('signed-in')).toContainText(GWENLLIAN.name);
  await expect(second.getByTestId('sign-in-changed')).toHaveCount(0);
  await checkScreen(page, testInfo, 'signed in changed in another tab');
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
  expect(await scoredS11(second, caseId, leadId, gwenllianId)).toEqual({ lead: null, gwenllian: null });
});

test('a tab that did not hear of the hand-over cannot save the lead’s score into Gwenllïan’s sheet: refused in plain words, never “Saved”', async ({
  app,
  context,
}, testInfo) => {
  // Tab A hears nothing from the other tab (as a browser without BroadcastChannel, or a window not looked at again).
  const first = await context.newPage();
  await first.addInitScript(() => {
    Reflect.deleteProperty(window, 'BroadcastChannel');
  });
  const { caseId, second, leadId, gwenllianId } = await handOverInSecondTab(first, context, app.url);
  await expect(first.getByTestId('signed-in')).toContainText(LEAD.name);

  const group = first.getByRole('radiogroup', { name: /^Your score for S1\.1/ });
  await group.getByRole('radio', { name: 'Level 3 met', exact: true }).check({ force: true });
  const notice = first.getByTestId('sign-in-changed');
  await expect(notice).toContainText(
    `Someone else has signed in on this computer since this page showed ${LEAD.name}’s work: ${GWENLLIAN.name} is signed in now (in another tab or window). Nothing was saved.`,
  );
  await expect(first.getByRole('status').filter({ hasText: /^\W*Saved$/ })).toHaveCount(0);
  // The page now shows who is signed in.
  await expect(first.getByTestId('signed-in')).toContainText(GWENLLIAN.name);
  await checkScreen(first, testInfo, 'score refused: signed in elsewhere');
  expect(await scoredS11(second, caseId, leadId, gwenllianId)).toEqual({ lead: null, gwenllian: null });
});

test('a reason typed for the lead in a tab that did not hear of the hand-over is not saved as Gwenllïan: the page says so and keeps the words to copy', async ({
  app,
  context,
}, testInfo) => {
  const first = await context.newPage();
  await first.addInitScript(() => {
    Reflect.deleteProperty(window, 'BroadcastChannel');
  });
  const { caseId, second, leadId, gwenllianId } = await handOverInSecondTab(first, context, app.url);
  await expect(first.getByTestId('signed-in')).toContainText(LEAD.name);

  const words = 'Plans are written with each person, in their own words (fictional).';
  await first.getByRole('textbox', { name: /^Why did you choose this\?/ }).fill(words);
  const notSaved = first.getByTestId('answers-not-saved');
  await expect(notSaved).toContainText(
    `${LEAD.name}’s answer for S1.1 was not saved, because someone signed in or out on this computer (in another tab or window) before it was sent. It has not been saved as anyone else.`,
  );
  await expect(notSaved.getByRole('textbox', { name: 'Reason typed for S1.1' })).toHaveValue(words);
  // The page now shows Gwenllïan, and the words are still there to copy until dismissed.
  await expect(first.getByTestId('signed-in')).toContainText(GWENLLIAN.name);
  await expect(notSaved.getByRole('textbox', { name: 'Reason typed for S1.1' })).toHaveValue(words);
  await checkScreen(first, testInfo, 'answer not saved after a hand-over');
  await notSaved.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notSaved).toHaveCount(0);
  expect(await scoredS11(second, caseId, leadId, gwenllianId)).toEqual({ lead: null, gwenllian: null });
});

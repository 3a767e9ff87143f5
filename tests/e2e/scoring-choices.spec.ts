import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { api, checkScreen, chooseOwnPinByApi, createCase, givenPinFor, goToStage } from './support';

/** A new case with a panel of three who have all declared, scoring open, the lead signed in on the Scoring screen. */
async function openScoringAsLead(page: Page, url: string): Promise<string> {
  const caseId = await createCase(page, url, 'Meadowbank Peer Support (fictional)');
  const lead = (await api(page, 'case.get', { caseId })) as { signedIn: { memberId: string } };
  const members: [string, string][] = [[lead.signedIn.memberId, '1357']];
  for (const [name, pin] of [
    ['Sam Rivers (fictional)', '2468'],
    ['Jo Okafor (fictional)', '9753'],
  ] as const) {
    const added = (await api(page, 'panel.addMember', {
      caseId,
      name,
      role: 'assessor',
      consentToBeNamed: true,
      pin: givenPinFor(pin),
    })) as { id: string };
    members.push([added.id, pin]);
  }
  for (const [memberId, pin] of members) {
    // The lead signs in with their own PIN; each member's first sign-in chooses their own.
    if (memberId === lead.signedIn.memberId) await api(page, 'panel.signIn', { caseId, memberId, pin });
    else await chooseOwnPinByApi(page, caseId, memberId, pin);
    await api(page, 'panel.declareConflict', { caseId, memberId, declaration: { kind: 'none' } });
  }
  await api(page, 'panel.signIn', { caseId, memberId: lead.signedIn.memberId, pin: '1357' });
  await api(page, 'scoring.open', { caseId });
  await page.reload();
  await goToStage(page, 'Scoring');
  return caseId;
}

const scoreGroup = (page: Page) => page.getByRole('radiogroup', { name: /^Your score for S1\.1/ });
const jumpTo = (page: Page, id: string) =>
  page.getByRole('navigation', { name: 'All criteria' }).getByRole('button', { name: new RegExp(`^${id} `) });

test('each score choice has a short name, the level text as its description, and plain words for the reason', async ({
  page,
  app,
}, testInfo) => {
  await openScoringAsLead(page, app.url);
  const group = scoreGroup(page);
  await expect(group.getByRole('radio')).toHaveCount(5);
  const level2 = group.getByRole('radio', { name: 'Level 2 met', exact: true });
  await expect(level2).toHaveAccessibleDescription(/co-design how support plans are made/);
  await expect(group.getByRole('radio', { name: 'Not yet met', exact: true })).toHaveAccessibleDescription(
    /does not yet show Level 1/,
  );
  await expect(group.getByRole('radio', { name: 'Not enough evidence', exact: true })).toBeVisible();
  await expect(page.getByRole('textbox', { name: /^Why did you choose this\?/ })).toBeVisible();
  await expect(page.getByText('Rationale', { exact: false })).toHaveCount(0);

  // The three level texts sit side by side on a wide screen, as on the paper sheet.
  await page.setViewportSize({ width: 1280, height: 900 });
  const boxes = await Promise.all(
    ['Level 1 met', 'Level 2 met', 'Level 3 met'].map(async (name) =>
      group.locator('label', { has: page.getByRole('radio', { name, exact: true }) }).boundingBox(),
    ),
  );
  const tops = boxes.map((box) => Math.round(box?.y ?? -1));
  expect(new Set(tops).size, 'levels 1–3 on one row').toBe(1);
  expect((boxes[0]?.x ?? 0) < (boxes[1]?.x ?? 0) && (boxes[1]?.x ?? 0) < (boxes[2]?.x ?? 0)).toBe(true);
  // The choices come before the guidance text.
  const choicesTop = (await group.boundingBox())?.y ?? 0;
  const guideTop = (
    await page.getByRole('heading', { name: 'Questions to ask of the evidence' }).boundingBox()
  )?.y;
  expect(guideTop === undefined || choicesTop < guideTop).toBe(true);
  await checkScreen(page, testInfo, 'scoring (choices side by side)');
});

test('arrow keys stop at the ends of the score choices; Space chooses', async ({ page, app }) => {
  await openScoringAsLead(page, app.url);
  const group = scoreGroup(page);
  const radio = (name: string) => group.getByRole('radio', { name, exact: true });

  await radio('Level 3 met').check({ force: true });
  await radio('Level 3 met').focus();
  await page.keyboard.press('ArrowDown');
  await expect(radio('Not enough evidence')).toBeChecked();
  await expect(radio('Not enough evidence')).toBeFocused();
  // At the last choice: no wrap to 0.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await expect(radio('Not enough evidence')).toBeChecked();
  await expect(radio('Not yet met')).not.toBeChecked();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);

  // Up to level 1, then at the first choice nothing wraps to "Not enough evidence".
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowUp');
  await expect(radio('Level 1 met')).toBeChecked();
  await expect(radio('Level 1 met')).toBeFocused();
  // Roving focus: one Tab stop for the group.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(radio('Level 1 met')).toBeFocused();
  await expect(jumpTo(page, 'S1.1')).toContainText('Level 1 met');

  // Space chooses the focused choice.
  await jumpTo(page, 'S1.2').click();
  const next = page.getByRole('radiogroup', { name: /^Your score for S1\.2/ });
  await next.getByRole('radio', { name: 'Not enough evidence', exact: true }).focus();
  await page.keyboard.press('Space');
  await expect(next.getByRole('radio', { name: 'Not enough evidence', exact: true })).toBeChecked();
  await expect(jumpTo(page, 'S1.2')).toContainText('Not enough evidence');
});

test('a 0 without a reason waits for its reason: moving through the choices never records a 0 nor opens a question', async ({
  page,
  app,
}, testInfo) => {
  const caseId = await openScoringAsLead(page, app.url);
  const group = scoreGroup(page);
  const radio = (name: string) => group.getByRole('radio', { name, exact: true });
  const note = page.getByRole('status').filter({ hasText: 'needs a reason' });
  const reason = page.getByRole('textbox', { name: /^Why did you choose this\?/ });

  // Space on the first choice of a fresh criterion (the usual key): 0 is shown as chosen, a note
  // says it waits for a reason, focus stays on the choice, nothing is recorded, nothing pops up.
  await radio('Not yet met').focus();
  await page.keyboard.press('Space');
  await expect(radio('Not yet met')).toBeChecked();
  await expect(note).toContainText('Until then your score stays not scored.');
  await expect(radio('Not yet met')).toBeFocused();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(jumpTo(page, 'S1.1')).toContainText('Not scored');
  await checkScreen(page, testInfo, 'scoring (a 0 waits for its reason)');

  // Arrowing on saves the level; arrowing back onto 0 asks nothing and keeps the level.
  await page.keyboard.press('ArrowDown');
  await expect(radio('Level 1 met')).toBeChecked();
  await expect(jumpTo(page, 'S1.1')).toContainText('Level 1 met');
  await expect(note).toHaveCount(0);
  await page.keyboard.press('ArrowUp');
  await expect(radio('Not yet met')).toBeChecked();
  await expect(radio('Not yet met')).toBeFocused();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await expect(note).toContainText('Until then your score stays 1 — Level 1 met.');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Space');
  await expect(jumpTo(page, 'S1.1')).toContainText('Level 1 met');

  // The next Tab goes to the reason; its first words save the 0 with them.
  await page.keyboard.press('Tab');
  await expect(reason).toBeFocused();
  await page.keyboard.type('Nothing in the evidence yet.');
  await expect(jumpTo(page, 'S1.1')).toContainText('Not yet met');
  await expect(note).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  const sheet = (await api(page, 'scoring.mySheet', { caseId })) as {
    entries: { criterionId: string; score: unknown; rationale: string }[];
  };
  expect(sheet.entries.find((entry) => entry.criterionId === 'S1.1')).toMatchObject({
    score: 0,
    rationale: 'Nothing in the evidence yet.',
  });

  // With a reason written first, a 0 is saved at once.
  await jumpTo(page, 'S1.2').click();
  await page
    .getByRole('textbox', { name: /^Why did you choose this\?/ })
    .fill('Nothing in the evidence yet.');
  await page
    .getByRole('radiogroup', { name: /^Your score for S1\.2/ })
    .getByRole('radio', { name: 'Not yet met', exact: true })
    .check({ force: true });
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await expect(jumpTo(page, 'S1.2')).toContainText('Not yet met');
  await expect(jumpTo(page, 'S1.3')).toContainText('Not scored');
});

test('the submit step lists a missing reason, with a way to it, and offers the submit only when nothing is missing', async ({
  page,
  app,
}, testInfo) => {
  const caseId = await openScoringAsLead(page, app.url);
  const sheet = (await api(page, 'scoring.mySheet', { caseId })) as { entries: { criterionId: string }[] };
  for (const { criterionId } of sheet.entries) {
    const zero = criterionId === 'S1.1';
    await api(page, 'scoring.saveScore', {
      caseId,
      criterionId,
      score: zero ? 0 : 2,
      rationale: zero ? '' : `Level 2 for ${criterionId}: the evidence shows it.`,
      evidenceIds: [],
    });
  }
  await page.reload();
  const submitStep = page.getByRole('region', { name: 'Submit your score sheet' });
  await expect(submitStep).toContainText('Every criterion has a score, but some still need your reasons.');
  await expect(submitStep).toContainText('S1.1');
  await expect(submitStep).toContainText('Give your reasons for a score of 0.');
  await expect(submitStep.getByRole('button', { name: 'Submit my score sheet' })).toHaveCount(0);
  await checkScreen(page, testInfo, 'scoring (submit: a reason still needed)');

  // The way to the criterion: focus lands on its heading; once its reason is written, the submit is offered.
  await submitStep.getByRole('button', { name: 'Go to S1.1' }).press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: /S1\.1/ })).toBeFocused();
  await page
    .getByRole('textbox', { name: /^Why did you choose this\?/ })
    .fill('Nothing in the evidence yet.');
  await expect(submitStep.getByText('What needs attention before you submit')).toHaveCount(0);
  await expect(submitStep).toContainText('Every criterion has a score.');
  await submitStep.getByRole('button', { name: 'Submit my score sheet' }).click();
  await page.getByRole('button', { name: 'Yes, submit my score sheet' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your score sheet is submitted' })).toBeVisible();
});

test('at 360 px wide and the largest text the score sheet and All criteria fit without scrolling sideways', async ({
  page,
  app,
}, testInfo) => {
  await openScoringAsLead(page, app.url);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.evaluate(() => {
    document.documentElement.dataset.textSize = 'largest';
  });
  const group = scoreGroup(page);
  await group.getByRole('radio', { name: 'Level 2 met', exact: true }).check({ force: true });
  await expect(jumpTo(page, 'S1.1')).toContainText('Level 2 met');
  // Each part of the score sheet can be as narrow as the room a 360 px window leaves it (inside the
  // page's padding), and nothing inside it spills out sideways. (Whether the case layout around it
  // gives it that room is the layout's own concern: its stage list is checked with the app shell.)
  const fit = await page.evaluate(() => {
    const main = document.querySelector<HTMLElement>('main');
    if (!main) return { room: 0, parts: [] as string[] };
    const padding =
      parseFloat(getComputedStyle(main).paddingLeft) + parseFloat(getComputedStyle(main).paddingRight);
    const room = document.documentElement.clientWidth - padding;
    const selectors = [
      '.scoring-progress',
      '.criterion-card',
      '.criterion-nav',
      '.criteria-jump',
      '.submit-sheet',
    ];
    const parts = selectors.map((selector) => {
      const part = document.querySelector<HTMLElement>(selector);
      if (!part) return `${selector}: missing`;
      const width = part.style.width;
      part.style.width = 'min-content';
      const narrowest = Math.ceil(part.getBoundingClientRect().width);
      part.style.width = `${room}px`;
      const spills = part.scrollWidth > part.clientWidth + 1;
      part.style.width = width;
      return `${selector}: ${narrowest <= room ? 'fits' : `needs ${narrowest}px of ${room}px`}${spills ? ', spills sideways' : ''}`;
    });
    return { room, parts };
  });
  expect(fit.room).toBeGreaterThan(200);
  expect(fit.parts).toEqual([
    '.scoring-progress: fits',
    '.criterion-card: fits',
    '.criterion-nav: fits',
    '.criteria-jump: fits',
    '.submit-sheet: fits',
  ]);
  // The levels stack, one under another, in reading order.
  const tops = await Promise.all(
    ['Level 1 met', 'Level 2 met', 'Level 3 met'].map(
      async (name) =>
        (await group.locator('label', { has: page.getByRole('radio', { name, exact: true }) }).boundingBox())
          ?.y ?? 0,
    ),
  );
  expect(tops[0]! < tops[1]! && tops[1]! < tops[2]!).toBe(true);
  await checkScreen(page, testInfo, 'scoring at 360 px, largest text');
});

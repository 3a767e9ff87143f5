import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { caseInModeration, LEAD, signInIfAsked } from './panel-setup';
import { checkScreen } from './support';

/** 200 % zoom of a 1280 × 800 window: 640 × 400 CSS pixels; and the largest text setting on top. */
const ZOOMED = { width: 640, height: 400 };

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error('not on the page');
  return found;
}

/** The heading is on the first screen, whole, without scrolling: only the folded frame is above it. */
async function expectHeadingFirst(page: Page): Promise<void> {
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toBeVisible();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  const { y, height } = await box(heading);
  expect(y + height).toBeLessThanOrEqual(ZOOMED.height);
}

test('at 200 % zoom and the largest text, the heading comes first and the moderation table keeps names and the agreed score in view', async ({
  page,
  app,
}, testInfo) => {
  const { caseId } = await caseInModeration(page, app.url);
  expect(caseId).not.toBe('');
  await page.addInitScript(() =>
    localStorage.setItem('copanel.display', JSON.stringify({ textSize: 'largest', contrast: 'standard' })),
  );
  await page.setViewportSize(ZOOMED);
  await page.reload();
  await signInIfAsked(page, LEAD);
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expectHeadingFirst(page);

  // The stage list is folded into a disclosure a keyboard opens; choosing a stage goes there.
  const moderationStage = page
    .getByRole('navigation', { name: 'Assessment stages' })
    .getByRole('button', { name: /^Moderation/ });
  await expect(moderationStage).toBeHidden();
  await page.getByText(/^Stage: Overview/).focus();
  await page.keyboard.press('Enter');
  await expect(moderationStage).toBeVisible();
  await moderationStage.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Moderation is open' })).toBeVisible();
  await expectHeadingFirst(page);
  await expect(moderationStage).toBeHidden();

  // The app's menu too: Settings is one keypress away.
  const settings = page.getByRole('navigation', { name: 'App' }).getByRole('button', { name: 'Settings' });
  await expect(settings).toBeHidden();
  await page.getByText(/^Menu/).focus();
  await page.keyboard.press('Enter');
  await expect(settings).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(settings).toBeHidden();

  // The table: scrolled right to the end and down, the criterion, the member names and the agreed score stay in view.
  const region = page.getByRole('region', { name: 'Scores side by side' });
  const table = region.getByRole('table');
  const firstRow = table.getByRole('row').nth(1);
  const criterionCell = firstRow.getByRole('rowheader');
  const agreedHeader = table.getByRole('columnheader', { name: 'Agreed score' });
  const memberHeader = table.getByRole('columnheader', { name: LEAD.name });
  await region.scrollIntoViewIfNeeded();
  // Across: the cell lies within the region's width. Down: its top is within the region's height.
  const inView = async (cell: Locator) => {
    const [outer, inner] = [await box(region), await box(cell)];
    expect(inner.x).toBeGreaterThanOrEqual(outer.x - 1);
    expect(inner.x + inner.width).toBeLessThanOrEqual(outer.x + outer.width + 1);
    expect(inner.y).toBeGreaterThanOrEqual(outer.y - 1);
    expect(inner.y).toBeLessThan(outer.y + outer.height);
  };
  await inView(agreedHeader);
  await inView(criterionCell);
  await inView(memberHeader);
  // Scrolled to the far right and the bottom: the names, the criterion and the agreed score are still there.
  await region.evaluate((element) => {
    element.scrollLeft = element.scrollWidth;
    element.scrollTop = element.scrollHeight;
  });
  const lastRow = table.getByRole('row').last();
  await inView(agreedHeader);
  await inView(table.getByRole('columnheader', { name: 'Jo Okafor (fictional)' }));
  await inView(lastRow.getByRole('rowheader'));
  await inView(lastRow.getByRole('cell').last());
  await region.evaluate((element) => {
    element.scrollLeft = 0;
    element.scrollTop = 0;
  });
  await checkScreen(page, testInfo, 'moderation at 200 % zoom, largest text');
});

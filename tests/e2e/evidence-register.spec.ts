import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { callAsPage, checkScreen, createCase, goToStage } from './support';

async function addEvidence(page: Page, caseId: string, title: string, source: string): Promise<void> {
  const answer = JSON.parse(
    await callAsPage(page, 'evidence.add', {
      caseId,
      evidence: {
        title,
        kind: 'document',
        source,
        date: null,
        criteria: ['S1.1'],
        consent: 'not_needed',
        quote: '',
        notes: '',
      },
    }),
  ) as { ok: boolean };
  expect(answer.ok).toBe(true);
}

test('the evidence register shows one page at a time, searches in the case file and reads out the count', async ({
  page,
  app,
}, testInfo) => {
  const caseId = await createCase(page, app.url, 'Brookside Recovery Service (fictional)');
  for (let index = 1; index <= 25; index += 1)
    await addEvidence(
      page,
      caseId,
      `Evidence item ${String(index).padStart(2, '0')}`,
      index % 5 === 0 ? 'Carers’ forum' : 'Team records',
    );

  await goToStage(page, 'Evidence');
  const count = page.getByRole('status').filter({ hasText: 'of evidence' });
  await expect(count).toHaveText('25 items of evidence. Showing 1–20.');
  await expect(page.getByRole('heading', { level: 3 })).toHaveCount(20);
  await checkScreen(page, testInfo, 'evidence register, page 1');

  const pages = page.getByRole('navigation', { name: 'Pages of the register' });
  await expect(pages).toContainText('Page 1 of 2');
  await pages.getByRole('button', { name: 'Next page' }).click();
  await expect(pages).toContainText('Page 2 of 2');
  await expect(count).toHaveText('25 items of evidence. Showing 21–25.');
  await expect(page.getByRole('heading', { level: 3, name: 'Evidence item 25' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'The register' })).toBeFocused();

  await page.getByRole('searchbox', { name: /^Search the evidence/ }).fill('carers');
  await expect(page.getByRole('status').filter({ hasText: 'match' })).toHaveText(
    '5 items of evidence match “carers”.',
  );
  await expect(page.getByRole('heading', { level: 3 })).toHaveCount(5);
  await expect(pages).toHaveCount(0);
  await checkScreen(page, testInfo, 'evidence register, searched');

  await page.getByRole('searchbox', { name: /^Search the evidence/ }).fill('50% off');
  await expect(page.getByRole('status').filter({ hasText: 'No evidence' })).toHaveText(
    'No evidence matches “50% off”.',
  );
});

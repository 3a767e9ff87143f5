import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { checkScreen, makeSchemeFile, openSchemeFile } from './support';

/** The bundled practice case's reference scores, criterion by criterion (what a calibrated assessor gives). */
function referenceScores(): { criterionId: string; score: number }[] {
  const file = join(import.meta.dirname, '..', '..', 'resources', 'practice', 'practice-case.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { reference: { criterionId: string; score: number }[] })
    .reference;
}

/** A scheme file with one assessor, open in the app at its Practice case section. */
async function openPracticeCase(page: Page, url: string, workspaceDir: string): Promise<void> {
  const { path } = await makeSchemeFile(workspaceDir, {
    assessors: [{ name: 'Sam Okafor (fictional)', roles: ['assessor'] }],
  });
  await page.goto(url);
  await openSchemeFile(page, path);
  await page.reload();
  await page.getByRole('button', { name: 'Scheme office' }).first().click();
  await page
    .getByRole('navigation', { name: 'Scheme office' })
    .getByRole('button', { name: 'Practice case' })
    .click();
}

test('Practice case: a new assessor scores the bundled practice case by keyboard alone and is told they are calibrated', async ({
  page,
  app,
}, testInfo) => {
  test.setTimeout(180_000);
  await openPracticeCase(page, app.url, app.workspaceDir);
  await expect(page.getByRole('heading', { level: 1, name: /^Practice case — / })).toBeVisible();
  await expect(page.getByText('Sam Okafor (fictional): Not calibrated yet')).toBeVisible();
  await checkScreen(page, testInfo, 'calibration-empty');

  // From here on, the keyboard alone.
  await page.getByRole('button', { name: 'Add the bundled fictional practice case' }).focus();
  await page.keyboard.press('Enter');
  const practiceCase = page.getByRole('radiogroup', { name: 'Practice case to score' });
  await expect(practiceCase).toContainText('Practice case: Lantern Lane (fictional)');
  await practiceCase.getByRole('radio').first().focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space'); // the only assessor
  await expect(page.getByRole('radio', { name: 'Sam Okafor (fictional)' })).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Start scoring' })).toBeFocused();
  await page.keyboard.press('Enter');

  const reference = referenceScores();
  const first = page.getByRole('radiogroup', { name: `Your score for ${reference[0]!.criterionId}` });
  await expect(first).toBeVisible();
  await checkScreen(page, testInfo, 'calibration-scoring');
  await first.getByRole('radio', { name: '0' }).focus();
  for (const [index, { criterionId, score }] of reference.entries()) {
    // One point off on the first criterion: still calibrated (within one point everywhere).
    const given = index === 0 ? (score === 3 ? 2 : score + 1) : score;
    if (given === 0) await page.keyboard.press('Space');
    for (let step = 0; step < given; step += 1) await page.keyboard.press('ArrowRight');
    await expect(
      page
        .getByRole('radiogroup', { name: `Your score for ${criterionId}` })
        .getByRole('radio', { name: String(given) }),
    ).toBeChecked();
    await page.keyboard.press('Tab');
  }
  await expect(page.getByRole('button', { name: 'Submit my practice scores' })).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(
    page.getByRole('status').filter({ hasText: 'Sam Okafor (fictional) is calibrated.' }),
  ).toBeVisible();
  await expect(page.getByText('Within one point: 100% of criteria')).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Your score beside the reference for each criterion' }),
  ).toContainText('Care plans we read start with what matters to the person');
  await checkScreen(page, testInfo, 'calibration-result');

  // The scheme office's directory shows it too.
  await page
    .getByRole('navigation', { name: 'Scheme office' })
    .getByRole('button', { name: 'Assessors' })
    .click();
  await expect(page.getByRole('list', { name: 'Assessors' })).toContainText(
    /Sam Okafor \(fictional\).*Practice case: Calibrated on/,
  );
  await checkScreen(page, testInfo, 'scheme-assessors-calibrated');
});

test('Practice case: the scheme office sets what counts as calibrated, checked in words beside each field', async ({
  page,
  app,
}, testInfo) => {
  await openPracticeCase(page, app.url, app.workspaceDir);
  const form = page.getByRole('form', { name: 'What counts as calibrated' });
  const percent = form.getByRole('textbox', { name: /^Criteria within one point/ });
  const alpha = form.getByRole('textbox', { name: /^Agreement/ });
  await expect(percent).toHaveValue('90');
  await expect(alpha).toHaveValue('0.67');

  await percent.fill('40');
  await alpha.fill('1.5');
  await form.getByRole('button', { name: 'Save the thresholds' }).click();
  await expect(form.getByText('Enter a whole number of percent from 50 to 100.')).toBeVisible();
  await expect(
    form.getByText('Enter a number from 0 to 1 with at most 3 decimal places, like 0.67.'),
  ).toBeVisible();
  await expect(percent).toBeFocused();
  await checkScreen(page, testInfo, 'calibration-thresholds-refused');

  await percent.fill('85');
  await alpha.fill('0.7');
  await form.getByRole('button', { name: 'Save the thresholds' }).click();
  await expect(form.getByText('The thresholds for calibrated were saved.')).toBeVisible();
  await expect(
    page.getByText(
      'Calibrated means at least 85% of criteria within one point of the reference, and agreement (Krippendorff’s alpha) of at least 0.7.',
    ),
  ).toBeVisible();
});

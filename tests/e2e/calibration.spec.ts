import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { checkScreen, makeSchemeFile, openSchemeFile } from './support';

/** The bundled practice case's reference scores, criterion by criterion (what a calibrated assessor gives). */
function referenceScores(): { criterionId: string; score: number }[] {
  const file = join(import.meta.dirname, '..', '..', 'resources', 'practice', 'practice-case.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { reference: { criterionId: string; score: number }[] })
    .reference;
}

test('Practice case: a new assessor scores the bundled practice case by keyboard alone and is told they are calibrated', async ({
  page,
  app,
}, testInfo) => {
  test.setTimeout(180_000);
  const { path } = await makeSchemeFile(app.workspaceDir, {
    assessors: [{ name: 'Sam Okafor (fictional)', roles: ['assessor'] }],
  });

  await page.goto(app.url);
  await openSchemeFile(page, path);
  await page.reload();
  await page.getByRole('button', { name: 'Scheme office' }).first().click();
  await page
    .getByRole('navigation', { name: 'Scheme office' })
    .getByRole('button', { name: 'Practice case' })
    .click();
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

import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addAssessor, createSchemeFile } from '../../src/main/scheme';
import { expect, test } from './fixtures';
import { api, checkScreen } from './support';

const SCHEME_PASSPHRASE = 'juniper lattice ember salmon quiver';

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
  mkdirSync(app.workspaceDir, { recursive: true });
  const path = join(app.workspaceDir, 'northfield.copanel-scheme');
  const scheme = await createSchemeFile({
    path,
    schemeName: 'Northfield Kitemark Scheme (fictional)',
    passphrase: SCHEME_PASSPHRASE,
    appVersion: '0.0.0-e2e',
    createdBy: 'Mo Reyes',
  });
  await addAssessor(scheme, 'Mo Reyes', {
    name: 'Sam Okafor (fictional)',
    roles: ['assessor'],
    consentToBeNamed: true,
  });
  await scheme.close();

  await page.goto(app.url);
  await api(page, 'scheme.open', { path, passphrase: SCHEME_PASSPHRASE, yourName: 'Mo Reyes' });
  await page.reload();
  await page.getByRole('button', { name: 'Practice case' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Practice case and calibration' })).toBeVisible();
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
  await page.getByRole('button', { name: 'Scheme office' }).click();
  await expect(page.getByRole('list', { name: 'Assessors' })).toContainText(
    /Sam Okafor \(fictional\).*Practice case: Calibrated on/,
  );
  await checkScreen(page, testInfo, 'scheme-assessors-calibrated');
});

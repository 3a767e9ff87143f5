import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { JO, LEAD, SAM, signIn, signInFirstTime, signOut } from './panel-setup';
import { callAsPage, checkScreen, choose, givenPinFor, goToStage } from './support';

/**
 * The whole journey, as a new panel would do it, in browser mode: set up the laptop (signing
 * identities and the scheme's root), create a case, gather evidence with an attachment, set up a
 * panel of three, score under each member's own PIN (sealed from each other), moderate a divergent
 * criterion, decide, sign, co-sign, download and verify the certificate. All names are fictional.
 */

const ORGANISATION = 'Riverside Mind Collective (fictional)';
const PASSPHRASE = 'harbour lantern quietly orchard velvet';
const IDENTITY_PASSWORD = 'identity-password-for-tests';
const LEAD_MARKER = 'LEAD-ONLY-RATIONALE-7f3a';

const copanel = join(process.cwd(), 'bin', 'copanel.mjs');

/** The scheme's side, done with the `copanel` command: a root, and identities for the lead and an Expert by Experience. */
function makeScheme(): { dir: string; root: string; leadP12: string; samP12: string } {
  const dir = mkdtempSync(join(tmpdir(), 'copanel-scheme-'));
  const env = {
    ...process.env,
    COPANEL_SCHEME_PASSPHRASE: 'scheme passphrase for tests only',
    COPANEL_IDENTITY_PASSWORD: IDENTITY_PASSWORD,
  };
  const run = (args: string[]) => {
    const result = spawnSync(process.execPath, [copanel, ...args], { env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`copanel ${args.join(' ')} failed: ${result.stderr}`);
  };
  run(['scheme', 'init', '--out', join(dir, 'root'), '--name', 'Coproduction Standard Scheme (test)']);
  run([
    'scheme',
    'issue',
    '--root',
    join(dir, 'root'),
    '--name',
    LEAD.name,
    '--role',
    'lead',
    '--out',
    join(dir, 'lead.p12'),
  ]);
  run([
    'scheme',
    'issue',
    '--root',
    join(dir, 'root'),
    '--name',
    SAM.name,
    '--role',
    'expert-by-experience',
    '--out',
    join(dir, 'sam.p12'),
  ]);
  return {
    dir,
    root: join(dir, 'root', 'scheme-root.pem'),
    leadP12: join(dir, 'lead.p12'),
    samP12: join(dir, 'sam.p12'),
  };
}

async function chooseFile(page: Page, buttonName: string | RegExp, file: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: buttonName }).click();
  await (await chooser).setFiles(file);
}

async function declareNoConflict(page: Page): Promise<void> {
  await goToStage(page, 'Panel');
  await choose(
    page.getByRole('radiogroup', { name: /conflict of interest/i }),
    /No, I have no conflict of interest/,
  );
  await page.getByRole('button', { name: 'Save my declaration' }).click();
  await expect(page.getByRole('button', { name: 'Save my declaration' })).toBeEnabled();
}

/** Scores every criterion with the mouse: 2 everywhere, except the given scores (with a rationale for 0 and 3). */
async function scoreSheet(
  page: Page,
  special: Record<string, { score: number; rationale: string }>,
): Promise<void> {
  await goToStage(page, 'Scoring');
  for (;;) {
    const group = page.getByRole('radiogroup', { name: /^Your score for S\d+\.\d+/ });
    const criterionId =
      /S\d+\.\d+/.exec((await group.getAttribute('aria-label')) ?? (await group.textContent()) ?? '')?.[0] ??
      '';
    const wanted = special[criterionId] ?? {
      score: 2,
      rationale: `Score 2 for ${criterionId}: the evidence shows it.`,
    };
    await choose(group, new RegExp(`^Level ${wanted.score} met$`));
    await page.getByRole('textbox', { name: /^Why did you choose this\?/ }).fill(wanted.rationale);
    await expect(page.getByRole('status').filter({ hasText: 'Saved' }).first()).toBeVisible();
    const next = page.getByRole('button', { name: 'Next criterion' });
    if (!(await next.isVisible())) break;
    await next.click();
  }
  await page.getByRole('button', { name: 'Go to submit' }).click();
  await page.getByRole('button', { name: 'Submit my score sheet' }).click();
  await page.getByRole('button', { name: 'Yes, submit my score sheet' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your score sheet is submitted' })).toBeVisible();
}

/** The same sheet by keyboard only: Tab, arrow keys, Space and Enter. */
async function scoreSheetByKeyboard(page: Page): Promise<void> {
  await goToStage(page, 'Scoring');
  const focusedName = () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return `${el?.getAttribute('role') ?? el?.tagName ?? ''}|${el?.textContent ?? ''}|${(el as HTMLInputElement | null)?.type ?? ''}`;
    });
  const tabUntil = async (test: (focused: string) => boolean, limit = 40) => {
    for (let i = 0; i < limit; i += 1) {
      await page.keyboard.press('Tab');
      if (test(await focusedName())) return;
    }
    throw new Error(`Keyboard focus never reached the control: last was ${await focusedName()}`);
  };
  for (;;) {
    await tabUntil((f) => f.endsWith('|radio'));
    // With nothing chosen, focus lands on the first choice (0); two steps down is 2.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await tabUntil((f) => f.startsWith('TEXTAREA'));
    await page.keyboard.type('Chosen with the keyboard: the evidence shows level 2.');
    await tabUntil((f) => /Next criterion|Go to submit/.test(f));
    const last = (await focusedName()).includes('Go to submit');
    await page.keyboard.press('Enter');
    if (last) break;
  }
  await tabUntil((f) => f.includes('Submit my score sheet'));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alertdialog', { name: 'Submit your score sheet?' })).toBeVisible();
  await tabUntil((f) => f.includes('Yes, submit my score sheet'), 5);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Your score sheet is submitted' })).toBeVisible();
}

test('a new panel completes an assessment from case file to verified certificate', async ({
  page,
  app,
  requests,
}, testInfo) => {
  test.setTimeout(10 * 60 * 1000);
  const scheme = makeScheme();
  const attachment = join(scheme.dir, 'service-user-survey-2026.txt');
  writeFileSync(
    attachment,
    'Fictional survey results: 42 people answered; most felt listened to.\n'.repeat(2000),
  );

  // Start.
  await page.goto(app.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Coproduction Panel' })).toBeVisible();
  await checkScreen(page, testInfo, '01 start');

  // Settings: the laptop's signing identities and the scheme's root.
  await page.getByRole('button', { name: 'Settings' }).click();
  for (const p12 of [scheme.leadP12, scheme.samP12]) {
    await chooseFile(page, 'Choose an identity file', p12);
    await page.getByLabel(/^Identity password/).fill(IDENTITY_PASSWORD);
    await page.getByRole('button', { name: 'Import the identity' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Imported the identity' })).toBeVisible();
  }
  await chooseFile(page, 'Choose a root certificate', scheme.root);
  await page.getByRole('button', { name: 'Trust this scheme root' }).click();
  await expect(page.getByText('Coproduction Standard Scheme (test)', { exact: true })).toBeVisible();
  await checkScreen(page, testInfo, '02 settings');

  // A new case.
  await page
    .getByRole('button', { name: /^Back to the start/ })
    .first()
    .click();
  await page.getByRole('button', { name: 'New case' }).click();
  await page.getByLabel(/^Organisation’s name/).fill(ORGANISATION);
  await page.getByLabel(/^Your name/).fill(LEAD.name);
  await page.getByLabel(/^Your PIN/).fill(LEAD.pin);
  await page.getByLabel(/^Passphrase \(required\)/).fill(PASSPHRASE);
  await page.getByLabel(/^Passphrase again/).fill(PASSPHRASE);
  await expect(page.getByText('This passphrase is strong enough.')).toBeVisible();
  await checkScreen(page, testInfo, '03 new case');
  await page.getByRole('button', { name: 'Create the case file' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(page.getByTestId('signed-in')).toContainText(LEAD.name);
  await checkScreen(page, testInfo, '04 overview');

  // Evidence with an attachment.
  await goToStage(page, 'Evidence');
  await page.getByRole('button', { name: 'Add evidence' }).click();
  await page.getByLabel(/^Title/).fill('Survey of people who use the service, 2026');
  await choose(page.getByRole('radiogroup', { name: /kind|What kind/i }), /^Survey results/);
  await page.getByRole('checkbox', { name: /^S3\.2/ }).check({ force: true });
  await page.getByRole('button', { name: 'Add to the register' }).click();
  await expect(page.getByText('Survey of people who use the service, 2026').first()).toBeVisible();
  await chooseFile(page, 'Choose a file to attach', attachment);
  await expect(
    page.getByRole('status').filter({ hasText: 'Attached service-user-survey-2026.txt' }),
  ).toBeVisible();
  await expect(page.getByText('service-user-survey-2026.txt').first()).toBeVisible();
  await checkScreen(page, testInfo, '05 evidence');

  // The panel: two Experts by Experience.
  await goToStage(page, 'Panel');
  for (const member of [SAM, JO]) {
    await page.getByRole('button', { name: 'Add a member' }).click();
    await page.getByLabel(/^Name/).fill(member.name);
    await choose(page.getByRole('radiogroup', { name: /Role/ }), /^Assessor \(Expert by Experience\)/);
    await page.getByRole('checkbox', { name: /Agrees to be named/ }).check({ force: true });
    // The lead types a PIN that works once: each member chooses their own at their first sign-in.
    await page.getByLabel(/^PIN/).fill(givenPinFor(member.pin));
    await page.getByRole('button', { name: 'Add to the panel' }).click();
    await expect(page.getByText(member.name).first()).toBeVisible();
  }
  await checkScreen(page, testInfo, '06 panel');
  await declareNoConflict(page);
  for (const member of [SAM, JO]) {
    await signOut(page);
    await signInFirstTime(page, member);
    await declareNoConflict(page);
  }
  await signOut(page);
  await checkScreen(page, testInfo, '07 sign in');
  await signIn(page, LEAD);
  await goToStage(page, 'Panel');
  await page.getByRole('button', { name: 'Open scoring' }).first().click();
  await expect(page.getByRole('button', { name: 'Open scoring' })).toHaveCount(0);

  // Scoring: the lead, then Sam (who must not see the lead's scores), then Jo by keyboard only.
  await goToStage(page, 'Scoring');
  await checkScreen(page, testInfo, '08 scoring');
  await scoreSheet(page, {
    'S3.2': { score: 3, rationale: `${LEAD_MARKER}: paid peer leaders run the groups.` },
  });
  await signOut(page);
  await signIn(page, SAM);
  await goToStage(page, 'Scoring');
  await expect(page.getByText(LEAD_MARKER)).toHaveCount(0);
  const sealed = await callAsPage(page, 'moderation.view', {
    caseId: (await page.locator('[data-case-id]').getAttribute('data-case-id')) ?? '',
  });
  expect(sealed).toContain('SCORES_SEALED');
  expect(sealed).not.toContain(LEAD_MARKER);
  await scoreSheet(page, { 'S3.2': { score: 1, rationale: 'Only a few peer roles, and they are unpaid.' } });
  await signOut(page);
  await signIn(page, JO);
  await scoreSheetByKeyboard(page);
  await signOut(page);

  // Moderation: the divergent criterion is listed first and agreed with a rationale.
  await signIn(page, LEAD);
  await goToStage(page, 'Moderation');
  await page.getByRole('button', { name: 'Open moderation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Moderation is open' })).toBeVisible();
  await expect(page.getByText(/Divergent/).first()).toBeVisible();
  const table = page.getByRole('table').first();
  const firstRow = table.getByRole('row').nth(1);
  await expect(firstRow).toContainText('S3.2');
  await expect(firstRow).toContainText('Divergent');
  // 55 of the 57 scores are 2: alpha says little, so the screen says so and shows the matching shares.
  await expect(page.getByText(/^Alpha says little here: 55 of 57 scores are 2/)).toBeVisible();
  await page.getByText('Details: the numbers behind this').click();
  await expect(
    page.getByText(
      '54 of 57 pairs of scores (94%) are exactly the same; 56 (98%) are within one point of each other.',
    ),
  ).toBeVisible();
  await checkScreen(page, testInfo, '09 moderation');
  const criterionIds = [...new Set((await table.innerText()).match(/S\d+\.\d+/g) ?? [])];
  expect(criterionIds).toHaveLength(19);
  for (const criterionId of criterionIds) {
    const agreedScore = page.getByRole('radiogroup', { name: `Agreed score for ${criterionId}` });
    if (!(await agreedScore.isVisible()))
      await page.getByRole('button', { name: `Discuss ${criterionId}` }).click();
    await choose(agreedScore, /^2 — /);
    await page
      .getByLabel(/^Why did the panel choose this score\?/)
      .fill(
        criterionId === 'S3.2'
          ? 'Peer roles exist and are paid, but are not yet led by Experts by Experience.'
          : 'The panel agreed.',
      );
    await page.getByRole('button', { name: 'Record agreed score' }).click();
    await expect(table.getByRole('row').filter({ hasText: criterionId }).first()).not.toContainText(
      'Not agreed yet',
    );
  }
  await page.getByRole('button', { name: 'Close moderation' }).click();
  await page.getByRole('button', { name: 'Yes, close moderation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Moderation is closed' })).toBeVisible();

  // Decision.
  await goToStage(page, 'Decision');
  await expect(page.getByText(/Level 2/).first()).toBeVisible();
  await checkScreen(page, testInfo, '10 decision');
  await page.getByRole('button', { name: 'Record the decision' }).click();
  await page.getByRole('button', { name: 'Yes, record the decision' }).click();
  await expect(page.getByText(/The decision is recorded/).first()).toBeVisible();

  // Certificate: the lead signs, Sam co-signs.
  await goToStage(page, 'Certificate');
  await expect(page.getByTitle('Certificate preview')).toBeVisible();
  await checkScreen(page, testInfo, '11 certificate');
  await choose(
    page.getByRole('radiogroup', { name: /Your signing identity/ }),
    new RegExp(LEAD.name.replace(/[()]/g, '\\$&')),
  );
  const coSigner = page.getByRole('radiogroup', { name: /Who will co-sign/ });
  if (await coSigner.isVisible()) await choose(coSigner, new RegExp(SAM.name.replace(/[()]/g, '\\$&')));
  await page.getByLabel(/^Identity password/).fill(IDENTITY_PASSWORD);
  await page.getByRole('button', { name: 'Sign the certificate' }).click();
  await expect(
    page.getByText(/waiting for an Expert by Experience to co-sign|waiting for .* to co-sign/i).first(),
  ).toBeVisible();
  await signOut(page);
  await signIn(page, SAM);
  await goToStage(page, 'Certificate');
  await choose(
    page.getByRole('radiogroup', { name: /Your signing identity/ }),
    new RegExp(SAM.name.replace(/[()]/g, '\\$&')),
  );
  await page.getByLabel(/^Identity password/).fill(IDENTITY_PASSWORD);
  await page.getByRole('button', { name: 'Co-sign the certificate' }).click();
  await expect(page.getByTestId('certificate-row').filter({ hasText: 'Issued' })).toBeVisible();
  const downloadEvent = page.waitForEvent('download');
  await page
    .getByTestId('certificate-row')
    .getByRole('button', { name: 'Download the certificate', exact: true })
    .click();
  const certificateFile = join(scheme.dir, 'certificate.pdf');
  await (await downloadEvent).saveAs(certificateFile);

  // Independent check with poppler's pdfsig: two valid signatures, the last covering the whole file.
  const pdfsig = spawnSync('pdfsig', [certificateFile], { encoding: 'utf8' });
  expect(pdfsig.stdout.match(/Signature is Valid/g)).toHaveLength(2);
  expect(pdfsig.stdout).toContain('Total document signed');
  expect(readFileSync(certificateFile).subarray(0, 5).toString()).toBe('%PDF-');

  // Verify the certificate in the app.
  await page.getByRole('button', { name: 'Verify a certificate' }).click();
  await chooseFile(page, 'Choose a certificate PDF', certificateFile);
  await page.getByRole('button', { name: 'Check this certificate' }).click();
  await expect(page.getByTestId('verification-summary')).toContainText(
    'This certificate is genuine and valid.',
  );
  await expect(page.getByText(ORGANISATION).first()).toBeVisible();
  await checkScreen(page, testInfo, '12 verify');

  // Nothing left 127.0.0.1 during the whole journey.
  expect(requests.outside(app.origin)).toEqual([]);
});

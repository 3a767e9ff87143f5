import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { openSqlite, unlockWithPassphrase } from '../../src/main/casefile';
import { buildDemoAssessment, DEMO_CASE_FILE, type DemoResult } from '../../src/main/demo';
import { nodeRuntime } from '../../src/main/runtime';
import { recomputeChain, withoutTriggers } from '../integration/casefile/rewrite-history';
import { expect, test } from './fixtures';
import { checkScreen } from './support';

/**
 * Issue 17, item 4, on the Verify screen: once a certificate checks out, the case file it was
 * issued from can be checked against it — a genuine one matches, one whose history was rewritten
 * with SQL after the certificate was issued is reported, a wrong passphrase is said plainly. The
 * case file is uploaded (browser mode) and only a private copy is read.
 */

const PASSPHRASE = 'lantern-meadow-quartz-harbor-violin';
let dir: string;
let demo: DemoResult;
let rewritten: string;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  dir = mkdtempSync(join(tmpdir(), 'copanel-e2e-verify-case-'));
  demo = await buildDemoAssessment({
    outDir: join(dir, 'demo'),
    passphrase: PASSPHRASE,
    runtime: nodeRuntime('cli'),
  });
  rewritten = join(dir, 'rewritten.copanel');
  copyFileSync(join(dir, 'demo', DEMO_CASE_FILE), rewritten);
  const db = openSqlite(rewritten, { fileMustExist: true });
  unlockWithPassphrase(db, PASSPHRASE);
  withoutTriggers(db, () => {
    db.prepare("update audit_log set actor = 'someone else' where seq = 2").run();
    recomputeChain(db);
  });
  db.close();
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Presses a button from the keyboard and hands the file to the chooser it opens. */
async function chooseFileByKeyboard(page: Page, buttonName: string, file: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: buttonName }).focus();
  await page.keyboard.press('Enter');
  await (await chooser).setFiles(file);
}

async function checkCaseFile(page: Page, file: string, passphrase: string): Promise<void> {
  await chooseFileByKeyboard(page, 'Choose the case file', file);
  const field = page.getByRole('textbox', { name: /^Case file passphrase/ });
  await field.fill(passphrase);
  await field.press('Enter');
}

test('the Verify screen checks a case file against the certificate it has just found genuine', async ({
  page,
  app,
  requests,
}, testInfo) => {
  test.setTimeout(180_000);
  await page.goto(app.url);
  await page
    .getByRole('navigation', { name: 'App' })
    .getByRole('button', { name: 'Verify a certificate' })
    .click();
  await chooseFileByKeyboard(page, 'Choose a certificate PDF', demo.certificate);
  await page.getByText('More options: the scheme’s root certificate and revocation list').click();
  await chooseFileByKeyboard(page, 'Choose a root certificate', demo.schemeRoot);
  await page.getByRole('button', { name: 'Check this certificate' }).click();
  await expect(page.getByTestId('verification-summary')).toContainText(
    'This certificate is genuine and valid.',
  );

  const section = page.getByRole('region', { name: 'Check a case file against this certificate' });
  await expect(section).toContainText(`When certificate ${demo.certificateNumber} was signed`);
  await checkScreen(page, testInfo, 'verify-case-file');

  const original = join(dir, 'demo', DEMO_CASE_FILE);
  const before = sha256(original);
  await checkCaseFile(page, original, PASSPHRASE);
  const answer = page.getByTestId('case-file-check-answer');
  await expect(answer).toContainText(
    /The case file’s history matches the certificate: \d+ entries up to the signing/,
  );
  await expect(answer).toBeFocused();
  expect(sha256(original)).toBe(before);
  await checkScreen(page, testInfo, 'verify-case-file-matches');

  await checkCaseFile(page, rewritten, PASSPHRASE);
  await expect(answer).toContainText('The history was rewritten after the certificate was issued');
  await expect(answer).toContainText('the history up to the signing was rewritten');
  await checkScreen(page, testInfo, 'verify-case-file-rewritten');

  await checkCaseFile(page, original, 'not the right passphrase');
  await expect(answer).toContainText('The case file could not be checked');
  await expect(answer).toContainText(`That passphrase does not open “${DEMO_CASE_FILE}”`);
  await checkScreen(page, testInfo, 'verify-case-file-wrong-passphrase');

  expect(requests.outside(app.origin)).toEqual([]);
});

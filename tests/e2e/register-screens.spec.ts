import { spawnSync } from 'node:child_process';
import {
  closeSync,
  ftruncateSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Page } from '@playwright/test';
import { emptyFileMessage } from '../../src/shared/file-words';
import { startBrowserMode, type RunningBrowserMode } from '../support/browser-mode';
import { expect, test } from './fixtures';
import { api, checkScreen } from './support';

/**
 * The register in the app (issue 15): import the demo certificate, see it valid, pass the interim
 * review date (the app's injected clock, COPANEL_TEST_TODAY, across a restart), see it due with the
 * organisation's contact and a reminder letter, withdraw it, export the signed register and check it
 * with `copanel register verify`.
 */

const DEMO_PASSPHRASE = 'lantern-meadow-quartz-harbor-violin';
const SCHEME_PASSPHRASE = 'juniper-lattice-ember-salmon-quiver';
const OFFICE = 'Mo Reyes (fictional)';
const ORGANISATION = 'Harbour Minds Community Wellbeing Trust';
const root = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'copanel-register-screens-'));
const demo = join(dir, 'demo');
const env = { ...process.env, COPANEL_USER_DATA: join(dir, 'cli-user-data') };

function copanel(...args: string[]): { status: number | null; out: string } {
  const run = spawnSync(process.execPath, [join(root, 'bin', 'copanel.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...env, COPANEL_PASSPHRASE: DEMO_PASSPHRASE },
    timeout: 240_000,
  });
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
}

/** "3 May 2027" for a calendar date, as the screens write it. */
function inWords(date: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`));
}

function dayAfter(date: string): string {
  const next = new Date(`${date}T12:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

async function chooseFile(page: Page, button: string, file: string | { name: string; buffer: Buffer }) {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: button }).click(),
  ]);
  await chooser.setFiles(
    typeof file === 'string' ? file : { name: file.name, mimeType: 'application/pdf', buffer: file.buffer },
  );
}

/**
 * Tabs through the whole screen from the top, counting the stops inside each file chooser (by its
 * field's label), until focus comes round again.
 */
async function tabStopsPerFileChooser(page: Page): Promise<Record<string, number>> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const stops: Record<string, number> = {};
  const seen = new Set<string>();
  for (let press = 0; press < 200; press += 1) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const focused = document.activeElement;
      if (!focused || focused === document.body) return null;
      if (!focused.hasAttribute('data-tab-stop'))
        focused.setAttribute('data-tab-stop', String(document.querySelectorAll('[data-tab-stop]').length));
      const label = focused.closest('.file-chooser')?.querySelector('.field-label')?.textContent ?? null;
      return { id: focused.getAttribute('data-tab-stop')!, label };
    });
    if (!stop || seen.has(stop.id)) break;
    seen.add(stop.id);
    if (stop.label) stops[stop.label] = (stops[stop.label] ?? 0) + 1;
  }
  return stops;
}

/** A file of `bytes` zero bytes on disk, without writing them (sparse). */
function fileOfSize(name: string, bytes: number): string {
  const path = join(dir, name);
  const fd = openSync(path, 'w');
  ftruncateSync(fd, bytes);
  closeSync(fd);
  return path;
}

async function saved(download: Download): Promise<string> {
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  return path;
}

async function openSchemeSection(page: Page, app: RunningBrowserMode, section: string) {
  await page.goto(app.url);
  await page
    .getByRole('region', { name: 'Scheme office' })
    .getByRole('button', { name: 'Scheme office' })
    .click();
  await page
    .getByRole('navigation', { name: 'Scheme office' })
    .getByRole('button', { name: section })
    .click();
}

/** The scheme office's set-up through the app's API: the demo's root trusted, a new scheme file open. */
async function newOffice(page: Page, app: RunningBrowserMode): Promise<void> {
  await page.goto(app.url);
  await api(page, 'trust.add', {
    fileName: 'scheme-root.pem',
    base64: readFileSync(join(demo, 'scheme-root.pem')).toString('base64'),
  });
  await api(page, 'scheme.create', {
    fileName: 'office',
    schemeName: 'Northfield Kitemark Scheme (fictional)',
    passphrase: SCHEME_PASSPHRASE,
    yourName: OFFICE,
  });
}

/** The app restarted on the same files (with its clock moved), with the scheme file opened again. */
async function reopenOffice(page: Page, appRoot: string, today: string): Promise<RunningBrowserMode> {
  const app = await startBrowserMode([], {
    root: appRoot,
    keepRoot: true,
    env: { COPANEL_TEST_TODAY: today },
  });
  await page.goto(app.url);
  await api(page, 'scheme.open', {
    path: join(app.workspaceDir, 'office.copanel-scheme'),
    passphrase: SCHEME_PASSPHRASE,
    yourName: OFFICE,
  });
  return app;
}

test.beforeAll(() => {
  test.setTimeout(600_000);
  spawnSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs'), '--quiet'], { stdio: 'inherit' });
  const made = copanel('demo', '--out', demo);
  expect(made.status, made.out).toBe(0);
});

test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('the register: import the demo certificate, pass its interim review date, withdraw it, export and verify the signed register', async ({
  page,
}, testInfo) => {
  test.setTimeout(600_000);
  const appRoot = join(dir, 'app');
  let app = await startBrowserMode([], { root: appRoot, keepRoot: true });
  let number = '';
  let interimReviewDue = '';
  try {
    await newOffice(page, app);
    await openSchemeSection(page, app, 'Register');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Register — Northfield Kitemark Scheme (fictional)' }),
    ).toBeVisible();
    await expect(page.getByText('The register is empty. Add a certificate below.')).toBeVisible();
    await checkScreen(page, testInfo, 'register-empty');

    // Each file chooser is one tab stop, its button; Enter on it opens the file chooser.
    expect(await tabStopsPerFileChooser(page)).toEqual({
      'Certificate PDF': 1,
      'Scheme root certificate': 1,
      'Scheme root key': 1,
    });
    const chooseCertificate = page.getByRole('button', { name: 'Choose a certificate PDF' });
    await expect(
      page
        .getByRole('group', { name: 'Certificate PDF' })
        .getByRole('button', { name: 'Choose a certificate PDF' }),
    ).toBeVisible();
    await chooseCertificate.focus();
    const byKeyboard = page.waitForEvent('filechooser');
    await page.keyboard.press('Enter');
    // An empty file, and a 50 MB one, are refused in the words every file door uses, with the real size.
    await (await byKeyboard).setFiles(fileOfSize('empty.pdf', 0));
    const notAdded = page.getByRole('alert').filter({ hasText: 'The certificate was not added' });
    await expect(notAdded).toContainText(emptyFileMessage('empty.pdf'));
    await chooseFile(page, 'Choose a certificate PDF', fileOfSize('scans.pdf', 50 * 1024 * 1024));
    await expect(notAdded).toContainText(
      '“scans.pdf” is 50 MB; the most the app checks as a certificate is 10 MB, so it was not checked.',
    );

    // A forged certificate is refused with the verifier's own reason.
    const certificate = readFileSync(join(demo, 'certificate.pdf'));
    const forged = Buffer.from(certificate.toString('latin1').replace('Level 2', 'Level 3'), 'latin1');
    await chooseFile(page, 'Choose a certificate PDF', { name: 'forged.pdf', buffer: forged });
    const refusal = page.getByRole('alert').filter({ hasText: 'The certificate was not added' });
    await expect(refusal).toContainText(
      'This certificate was not added to the register. The document has been changed since Amara Okafor signed it',
    );
    await expect(refusal).not.toContainText('Do not rely on this certificate');
    await checkScreen(page, testInfo, 'register-import-refused');

    await chooseFile(page, 'Choose a certificate PDF', join(demo, 'certificate.pdf'));
    await expect(page.getByText(`Added to the register: ${ORGANISATION}, Level 2`)).toBeVisible();
    const rows = page.getByRole('list', { name: 'Certificates' }).getByRole('listitem');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Valid until');
    const { entries } = (await api(page, 'register.list', {})) as {
      entries: Array<{ certificateNumber: string; interimReviewDue: string }>;
    };
    ({ certificateNumber: number, interimReviewDue } = entries[0]!);

    // Search by number and by status.
    await page
      .getByRole('searchbox', { name: 'Search by organisation or certificate number' })
      .fill('no such');
    await expect(page.getByText('Showing 0 of 1 certificate.')).toBeVisible();
    await page.getByRole('searchbox', { name: 'Search by organisation or certificate number' }).fill(number);
    await expect(rows).toHaveCount(1);
    await page.getByRole('radio', { name: 'Withdrawn' }).check({ force: true });
    await expect(rows).toHaveCount(0);
    await page.getByRole('radio', { name: 'Valid' }).check({ force: true });
    await expect(rows).toHaveCount(1);
    await checkScreen(page, testInfo, 'register-list');

    // The certificate's page: facts, signers, and the organisation's contact.
    await rows.first().getByRole('button', { name: /Open/ }).click();
    await expect(page.getByRole('heading', { level: 2, name: `${ORGANISATION}, Level 2` })).toBeFocused();
    await expect(page.getByRole('list', { name: 'Signers' }).getByRole('listitem')).toHaveCount(2);
    const contact = page.getByRole('form', { name: `How to reach ${ORGANISATION}` });
    await contact.getByRole('textbox', { name: 'Contact’s name' }).fill('Ada Quayle (fictional)');
    await contact.getByRole('button', { name: 'Save the contact' }).click();
    await expect(contact.getByText('Give at least one way to reach them')).toBeVisible();
    await contact.getByRole('textbox', { name: 'Email' }).fill('ada.quayle@harbour-minds.example');
    await contact.getByRole('textbox', { name: 'Postal address' }).fill('1 Quay Street\nNorthfield\nNF1 2AB');
    await contact.getByRole('button', { name: 'Save the contact' }).click();
    await expect(page.getByText(`The contact for ${ORGANISATION} was saved.`)).toBeVisible();
    await checkScreen(page, testInfo, 'register-certificate');
  } finally {
    await app.stop();
  }

  // Later: the app's clock is moved past the interim review date.
  const later = dayAfter(interimReviewDue);
  app = await reopenOffice(page, appRoot, later);
  try {
    await openSchemeSection(page, app, 'Register');
    const row = page.getByRole('list', { name: 'Certificates' }).getByRole('listitem').first();
    await expect(row).toContainText(`Interim review overdue since ${inWords(interimReviewDue)}.`);

    await page
      .getByRole('navigation', { name: 'Scheme office' })
      .getByRole('button', { name: 'Due soon' })
      .click();
    const due = page.getByRole('list', { name: 'Due soon' }).getByRole('listitem');
    await expect(due.first()).toContainText(`Interim review overdue since ${inWords(interimReviewDue)}`);
    await expect(due.first()).toContainText('ada.quayle@harbour-minds.example');
    await checkScreen(page, testInfo, 'register-due-soon');
    const [letter] = await Promise.all([
      page.waitForEvent('download'),
      due
        .first()
        .getByRole('button', { name: /Reminder letter \(PDF\)/ })
        .click(),
    ]);
    const letterPath = await saved(letter);
    expect(spawnSync('qpdf', ['--check', letterPath]).status).toBe(0);
    const words = spawnSync('pdftotext', [letterPath, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
    expect(words).toContain('Northfield Kitemark Scheme (fictional)');
    expect(words).toContain('1 Quay Street Northfield NF1 2AB');
    expect(words).toContain(`Your interim review was due on ${inWords(interimReviewDue)}`);
    const [calendar] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download as a calendar (.ics)' }).click(),
    ]);
    const ics = readFileSync(await saved(calendar), 'utf8');
    expect(ics).toContain(`DTSTART;VALUE=DATE:${interimReviewDue.replaceAll('-', '')}`);

    // Withdraw it: a question first, and a reason is needed.
    await page
      .getByRole('navigation', { name: 'Scheme office' })
      .getByRole('button', { name: 'Register' })
      .click();
    await page.getByRole('list', { name: 'Certificates' }).getByRole('button', { name: /Open/ }).click();
    await page.getByRole('button', { name: 'Withdraw…' }).click();
    const question = page.getByRole('dialog', { name: 'Withdraw this certificate?' });
    await question.getByRole('button', { name: 'Withdraw the certificate' }).click();
    await expect(question.getByRole('alert')).toContainText('The certificate was not withdrawn');
    await expect(question.getByRole('alert')).toContainText(
      'Reason: Say why: a withdrawal or a suspension needs a reason.',
    );
    // The field is marked and focus goes to it, so the keyboard is where the fix is.
    await expect(question.getByRole('textbox', { name: 'Reason' })).toHaveAttribute('aria-invalid', 'true');
    await expect(question.getByRole('textbox', { name: 'Reason' })).toBeFocused();
    await checkScreen(page, testInfo, 'register-withdraw-question');
    await question.getByRole('textbox', { name: 'Reason' }).fill('The interim review was not arranged.');
    await question.getByRole('button', { name: 'Withdraw the certificate' }).click();
    // The reason's own full stop is not doubled, and focus goes to the status (the "Withdraw…"
    // button it came from is gone), not to the page's top.
    await expect(page.getByTestId('certificate-status')).toHaveText(
      `⚠ Withdrawn on ${inWords(later)}: The interim review was not arranged. Do not rely on it.`,
    );
    await expect(page.getByTestId('certificate-status')).toBeFocused();
    await expect(page.getByRole('list', { name: 'Events' })).toContainText(
      `Withdrawn on ${inWords(later)}: The interim review was not arranged. Recorded by ${OFFICE}.`,
    );
    await expect(
      page.getByText('Nothing more can be recorded: this certificate was withdrawn.'),
    ).toBeVisible();

    // Export the signed register (the scheme root's files and passphrase asked for here) and check it with the CLI.
    await page.getByRole('button', { name: 'Back to the register' }).click();
    await chooseFile(page, 'Choose the scheme root certificate', join(demo, 'scheme-root.pem'));
    await chooseFile(page, 'Choose the scheme root key', join(demo, 'scheme-root-key.pem'));
    await page.getByLabel(/^Scheme root passphrase/).fill('not the passphrase');
    await page.getByRole('button', { name: 'Sign the register' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Nothing was downloaded' })).toBeVisible();
    await page.getByLabel(/^Scheme root passphrase/).fill(DEMO_PASSPHRASE);
    const downloads: Download[] = [];
    page.on('download', (download) => downloads.push(download));
    await page.getByRole('button', { name: 'Sign the register' }).click();
    await expect(page.getByText(/The register of 1 certificate is signed/)).toBeVisible();
    // One download per press (several at once would make the browser ask about "multiple files").
    const files = page.getByRole('list', { name: 'The signed register’s files' });
    const names = ['register.json', 'register.json.p7s', 'register.json.jws', 'register.csv', 'register.pdf'];
    for (const [index, name] of names.entries()) {
      await files.getByRole('button', { name: `Download ${name}`, exact: true }).click();
      await expect.poll(() => downloads.length).toBe(index + 1);
      expect(downloads[index]!.suggestedFilename()).toBe(name);
    }
    for (const download of downloads) await saved(download);
    await checkScreen(page, testInfo, 'register-exported');
    const verified = copanel(
      'register',
      'verify',
      join(dir, 'register.json'),
      '--trust',
      join(demo, 'scheme-root.pem'),
    );
    expect(verified.status, verified.out).toBe(0);
    expect(verified.out).toContain(`${number}  ${ORGANISATION}, Level 2 — Withdrawn on ${later}`);
    expect(readFileSync(join(dir, 'register.json'), 'utf8')).not.toContain('harbour-minds.example');

    const [list] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the revocation list' }).click(),
    ]);
    const crl = await saved(list);
    const checked = copanel(
      'verify',
      join(demo, 'certificate.pdf'),
      '--trust',
      join(demo, 'scheme-root.pem'),
      '--revocations',
      crl,
    );
    expect(checked.status).toBe(1);
    expect(checked.out).toMatch(/withdrawn/i);

    writeFileSync(join(dir, 'done'), '');
  } finally {
    await app.stop();
  }
});

test('conditions of an award: add one, see it due, pass its date, see it overdue in Due soon, record it met, see the certificate valid', async ({
  page,
}, testInfo) => {
  test.setTimeout(600_000);
  const appRoot = join(dir, 'conditions-app');
  let app = await startBrowserMode([], { root: appRoot, keepRoot: true });
  const condition = 'Publish the coproduction policy on the website';
  let dueOn = '';
  try {
    await newOffice(page, app);
    const { entry } = (await api(page, 'register.importCertificate', {
      fileName: 'certificate.pdf',
      base64: readFileSync(join(demo, 'certificate.pdf')).toString('base64'),
    })) as { entry: { decisionDate: string } };
    dueOn = dayAfter(entry.decisionDate);
    await openSchemeSection(page, app, 'Register');
    await page.getByRole('list', { name: 'Certificates' }).getByRole('button', { name: /Open/ }).click();
    const conditions = page.getByRole('region', { name: 'Conditions of the award' });
    await expect(conditions.getByText('No conditions were set for this award.')).toBeVisible();

    // The form's own checks, then the register's refusal (due before the award), then added.
    const form = page.getByRole('form', { name: 'Add a condition' });
    await form.getByRole('button', { name: 'Add the condition' }).press('Enter');
    await expect(form.getByText('Say what must be done, in a few words.')).toBeVisible();
    await expect(form.getByRole('textbox', { name: 'What must be done' })).toBeFocused();
    await page.keyboard.type(condition);
    await page.keyboard.press('Tab');
    await page.keyboard.type('2001-01-01');
    await page.keyboard.press('Enter');
    await expect(form.getByRole('alert')).toContainText('A condition cannot fall due before the award');
    await form.getByRole('textbox', { name: 'Due by' }).fill(dueOn);
    await form.getByRole('textbox', { name: 'Due by' }).press('Enter');
    await expect(conditions.getByRole('status')).toContainText(
      `The condition was added, due by ${inWords(dueOn)}.`,
    );
    const item = conditions.getByRole('list', { name: 'Conditions' }).getByRole('listitem');
    await expect(item).toContainText(condition);
    await expect(item).toContainText(`Due on ${inWords(dueOn)}`);
    await expect(page.getByTestId('certificate-status')).toContainText(
      `a condition of the award is due by ${inWords(dueOn)}`,
    );
    await checkScreen(page, testInfo, 'register-condition-due');
    await page.getByRole('button', { name: 'Back to the register' }).click();
    await expect(
      page.getByRole('list', { name: 'Certificates' }).getByRole('listitem').first(),
    ).toContainText(`A condition is due by ${inWords(dueOn)}.`);
  } finally {
    await app.stop();
  }

  // The day after it was due: overdue, first in Due soon.
  const late = dayAfter(dueOn);
  app = await reopenOffice(page, appRoot, late);
  try {
    await openSchemeSection(page, app, 'Due soon');
    const due = page.getByRole('list', { name: 'Due soon' }).getByRole('listitem');
    await expect(due.first()).toContainText(`Condition overdue since ${inWords(dueOn)}`);
    await checkScreen(page, testInfo, 'register-condition-overdue-due-soon');

    await page
      .getByRole('navigation', { name: 'Scheme office' })
      .getByRole('button', { name: 'Register' })
      .click();
    const row = page.getByRole('list', { name: 'Certificates' }).getByRole('listitem').first();
    await expect(row).toContainText(`A condition is overdue since ${inWords(dueOn)}.`);
    await row.getByRole('button', { name: /Open/ }).click();
    const conditions = page.getByRole('region', { name: 'Conditions of the award' });
    const item = conditions.getByRole('list', { name: 'Conditions' }).getByRole('listitem');
    await expect(item).toContainText(`Overdue since ${inWords(dueOn)}`);
    await checkScreen(page, testInfo, 'register-condition-overdue');

    // Recorded as met, after a question (keyboard only: the date is today's unless changed).
    await item.getByRole('button', { name: 'Record as met…' }).press('Enter');
    const question = page.getByRole('dialog', { name: 'Record this condition as met?' });
    await expect(question.getByRole('textbox', { name: 'Met on' })).toBeFocused();
    await expect(question.getByRole('textbox', { name: 'Met on' })).toHaveValue(late);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Seen on their website (fictional).');
    await checkScreen(page, testInfo, 'register-condition-met-question');
    await question.getByRole('button', { name: 'Record it as met' }).press('Enter');
    await expect(question).toBeHidden();
    await expect(conditions.getByRole('status')).toContainText(
      `The condition “${condition}” was recorded as met on ${inWords(late)}.`,
    );
    await expect(item).toContainText(`Met on ${inWords(late)}, recorded by ${OFFICE}.`);
    await expect(item).toContainText('Note: Seen on their website (fictional).');
    await expect(item.getByRole('button', { name: 'Record as met…' })).toHaveCount(0);
    // Its trigger is gone: focus is on the words saying it was met, not dropped to the page's top.
    await expect(conditions.getByText(`The condition “${condition}” was recorded as met`)).toBeFocused();
    await expect(page.getByTestId('certificate-status')).toContainText('Valid until');
    await checkScreen(page, testInfo, 'register-condition-met');
    await page.getByRole('button', { name: 'Back to the register' }).click();
    await expect(
      page.getByRole('list', { name: 'Certificates' }).getByRole('listitem').first(),
    ).toContainText('Valid until');
    await page
      .getByRole('navigation', { name: 'Scheme office' })
      .getByRole('button', { name: 'Due soon' })
      .click();
    await expect(page.getByText(/Condition overdue since/)).toHaveCount(0);
  } finally {
    await app.stop();
  }
});

test('Settings: trusting a scheme root says so and keeps the keyboard in the form', async ({
  page,
  app,
}, testInfo) => {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Settings' }).first().click();
  await chooseFile(page, 'Choose a root certificate', join(demo, 'scheme-root.pem'));
  await page.getByRole('button', { name: 'Trust this scheme root' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'is trusted on this computer' })).toBeVisible();
  // The button pressed is disabled now (no file chosen): focus goes to the chooser, not the page.
  await expect(page.getByRole('button', { name: 'Choose a root certificate' })).toBeFocused();
  await checkScreen(page, testInfo, 'settings-root-trusted');
});

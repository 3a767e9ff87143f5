import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import {
  api,
  axeViolations,
  holdUploads,
  checkScreen,
  choose,
  makeSchemeFile,
  openSchemeFile,
} from './support';

const SCHEME_PASSPHRASE = 'copper meadow lantern violin harbour';
/** A scanned certificate of attendance: 2 MB (over the old 1 MB cap), a PDF's first bytes then noise. */
const SCAN = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2 * 1024 * 1024)]);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

test('Scheme office: create the scheme file, add an assessor by keyboard, record training, change the settings (two tabs)', async ({
  page,
  app,
  context,
}, testInfo) => {
  // Two tabs and eleven screens checked with axe: longer than the default on a busy machine.
  test.setTimeout(240_000);
  await page.goto(app.url);
  await page
    .getByRole('region', { name: 'Scheme office' })
    .getByRole('button', { name: 'Scheme office' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Scheme office' })).toBeVisible();
  await expect(
    page.getByText('There is no scheme file in your Coproduction Panel folder yet.'),
  ).toBeVisible();
  await checkScreen(page, testInfo, 'scheme-office-door');

  const create = page.getByRole('form', { name: 'Create a scheme file' });
  await create.getByRole('textbox', { name: 'Scheme’s name' }).fill('Northfield Kitemark Scheme (fictional)');
  await create.getByRole('textbox', { name: 'Your name' }).fill('Mo Reyes (fictional)');
  // The same passphrase rule as a case file: a weak one is refused, in words beside the field.
  await create.getByLabel(/^New scheme file’s passphrase \(required\)/).fill('password');
  await create.getByLabel(/^Passphrase again/).fill('password');
  await create.getByRole('button', { name: 'Create the scheme file' }).click();
  await expect(create.getByText('The scheme file was not created')).toBeVisible();
  await create.getByLabel(/^New scheme file’s passphrase \(required\)/).fill(SCHEME_PASSPHRASE);
  await create.getByLabel(/^Passphrase again/).fill(SCHEME_PASSPHRASE);
  await create.getByRole('button', { name: 'Create the scheme file' }).click();

  await expect(
    page.getByRole('heading', { level: 1, name: 'Assessors — Northfield Kitemark Scheme (fictional)' }),
  ).toBeVisible();
  await expect(page.getByText('Nobody is in the directory yet.')).toBeVisible();
  await checkScreen(page, testInfo, 'scheme-office-assessors-empty');

  // Add a person by keyboard alone.
  const add = page.getByRole('form', { name: 'Add a person to the directory' });
  await add.getByRole('textbox', { name: 'Name' }).focus();
  await page.keyboard.type('Sam Okafor (fictional)');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(add.getByRole('checkbox', { name: 'Expert by Experience assessor' })).toBeFocused();
  await page.keyboard.press('Space');
  await add.getByRole('checkbox', { name: 'Agrees to be named on certificates' }).focus();
  await page.keyboard.press('Space');
  await add.getByRole('textbox', { name: 'Signing key id' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Sam Okafor (fictional) was added to the directory.')).toBeVisible();
  const row = page.getByRole('list', { name: 'Assessors' }).getByRole('listitem');
  await expect(row).toContainText('Expert by Experience assessor');
  await expect(row).toContainText('Not trained. No course recorded yet.');

  await row.getByRole('button', { name: /Open/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Sam Okafor (fictional)' })).toBeVisible();
  await checkScreen(page, testInfo, 'scheme-office-assessor-page');

  const record = page.getByRole('form', { name: 'Record a course Sam Okafor (fictional) attended' });
  await record.getByRole('textbox', { name: 'Course' }).fill('Assessing coproduction');
  await record.getByRole('textbox', { name: 'Date attended' }).fill('2020-03-02');
  await record.getByRole('textbox', { name: 'Trainer' }).fill('Ade Bello (fictional)');
  // The certificate (2 MB), chosen by keyboard, goes with the course as a file of its own, with a
  // labelled progress bar while it goes (held back a moment here, as a slow connection would).
  const chooser = page.waitForEvent('filechooser');
  await record.getByRole('button', { name: 'Choose the certificate' }).focus();
  await page.keyboard.press('Enter');
  await (await chooser).setFiles({ name: 'attendance.pdf', mimeType: 'application/pdf', buffer: SCAN });
  await expect(record.getByText('Chosen: attendance.pdf')).toBeVisible();
  const releaseUploads = await holdUploads(page, 'scheme.recordTraining');
  await record.getByRole('button', { name: 'Record the course' }).focus();
  await page.keyboard.press('Enter');
  const progress = page.getByRole('progressbar', { name: 'Sending the certificate of attendance' });
  await expect(progress).toBeVisible();
  // While it goes the button says it is busy, so axe runs here without waiting for quiet.
  expect(await axeViolations(page), 'axe while the file is sent').toEqual([]);
  await releaseUploads();
  await expect(
    page.getByText(
      'Recorded “Assessing coproduction” for Sam Okafor (fictional), with the certificate attendance.pdf (2.0 MB). Saved.',
    ),
  ).toBeVisible();
  await expect(progress).toHaveCount(0);
  const courses = page.getByRole('list', { name: 'Courses Sam Okafor (fictional) attended' });
  await expect(courses).toContainText('Attended 2 March 2020, trained by Ade Bello (fictional).');
  await expect(courses).toContainText('Certificate of attendance: attendance.pdf (2.0 MB)');
  // The certificate downloads byte for byte (the download transfer, as evidence attachments).
  const downloading = page.waitForEvent('download');
  await courses
    .getByRole('button', {
      name: 'Save the certificate of attendance for Assessing coproduction, attendance.pdf',
    })
    .focus();
  await page.keyboard.press('Enter');
  const certificate = await downloading;
  expect(certificate.suggestedFilename()).toBe('attendance.pdf');
  expect(sha256(readFileSync(await certificate.path()))).toBe(sha256(SCAN));
  // Two years on, the refresher is overdue, said in plain words.
  await expect(
    page.getByText('Refresher overdue. It was due on 2 March 2022; last trained 2 March 2020.'),
  ).toBeVisible();
  await checkScreen(page, testInfo, 'scheme-office-assessor-trained');

  await page
    .getByRole('navigation', { name: 'Scheme office' })
    .getByRole('button', { name: 'Scheme settings' })
    .click();
  const settings = page.getByRole('form', { name: 'The scheme’s settings' });
  const years = settings.getByRole('textbox', { name: 'Years before a refresher is due' });
  const appealDays = settings.getByRole('textbox', { name: 'Days allowed for an appeal' });
  await expect(years).toHaveValue('2');
  await expect(appealDays).toHaveValue('28');
  await checkScreen(page, testInfo, 'scheme-office-settings');

  // A second tab on the same scheme file shows the same settings.
  const second = await context.newPage();
  await second.goto(app.url);
  await second
    .getByRole('region', { name: 'Scheme office' })
    .getByRole('button', { name: 'Scheme office' })
    .click();
  await second
    .getByRole('navigation', { name: 'Scheme office' })
    .getByRole('button', { name: 'Scheme settings' })
    .click();
  const secondSettings = second.getByRole('form', { name: 'The scheme’s settings' });
  await expect(secondSettings.getByRole('textbox', { name: 'Days allowed for an appeal' })).toHaveValue('28');

  // Appeal days are checked as the other settings are, in words beside the field.
  await appealDays.fill('5');
  await settings.getByRole('button', { name: 'Save the settings' }).click();
  await expect(settings.getByText('Enter a whole number of days from 7 to 90.')).toBeVisible();
  await expect(appealDays).toBeFocused();
  await appealDays.fill('42');
  await settings.getByRole('button', { name: 'Save the settings' }).click();
  await expect(page.getByText('The scheme’s settings were saved.')).toBeVisible();
  expect(await api(page, 'scheme.settings', {})).toMatchObject({ appealDays: 42 });

  // The second tab, out of date, changes the training rules: refused in plain words, nothing saved,
  // and what was typed stays in the form.
  await secondSettings.getByRole('textbox', { name: 'Years before a refresher is due' }).fill('10');
  await choose(secondSettings, 'Do not open scoring');
  await secondSettings.getByRole('button', { name: 'Save the settings' }).click();
  await expect(second.getByRole('alert')).toContainText(
    'The scheme’s settings were changed in another window or tab, or by someone else, after this page showed them (the days allowed for an appeal), so your changes were not saved',
  );
  await expect(secondSettings.getByRole('textbox', { name: 'Years before a refresher is due' })).toHaveValue(
    '10',
  );
  expect(await api(second, 'scheme.settings', {})).toEqual({
    refresherYears: 2,
    trainingPolicy: 'warn',
    appealDays: 42,
  });
  await checkScreen(second, testInfo, 'scheme-office-settings-changed-elsewhere');

  // Shown the saved settings, the second tab makes its change again on them: both changes kept.
  await secondSettings.getByRole('button', { name: 'Show the saved details' }).click();
  await expect(secondSettings.getByRole('textbox', { name: 'Days allowed for an appeal' })).toHaveValue('42');
  await expect(secondSettings.getByRole('textbox', { name: 'Years before a refresher is due' })).toHaveValue(
    '2',
  );
  await expect(second.getByRole('alert')).toHaveCount(0);
  await secondSettings.getByRole('textbox', { name: 'Years before a refresher is due' }).fill('10');
  await choose(secondSettings, 'Do not open scoring');
  await secondSettings.getByRole('button', { name: 'Save the settings' }).click();
  await expect(second.getByText('The scheme’s settings were saved.')).toBeVisible();
  expect(await api(second, 'scheme.settings', {})).toEqual({
    refresherYears: 10,
    trainingPolicy: 'block',
    appealDays: 42,
  });
  await second.close();

  await page
    .getByRole('navigation', { name: 'Scheme office' })
    .getByRole('button', { name: 'Assessors' })
    .click();
  await expect(page.getByRole('list', { name: 'Assessors' })).toContainText(
    'Trained. Refresher due by 2 March 2030.',
  );
  // The label and the sentence after it say it once ("Trained. Trained. Refresher…" before).
  await expect(page.getByRole('list', { name: 'Assessors' })).not.toContainText('Trained. Trained.');

  // Closed, it asks for the passphrase again.
  await page.getByRole('button', { name: 'Close the scheme file' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Scheme office' })).toBeVisible();
  await page.getByRole('button', { name: /Open .*\.copanel-scheme/ }).click();
  const open = page.getByRole('form', { name: /^Open / });
  await open.getByLabel(/^Scheme file’s passphrase \(required\)/).fill('not the passphrase');
  await open.getByRole('textbox', { name: 'Your name' }).fill('Mo Reyes (fictional)');
  await open.getByRole('button', { name: 'Open the scheme file' }).click();
  await expect(page.getByText('That passphrase did not open the scheme file')).toBeVisible();
  await checkScreen(page, testInfo, 'scheme-office-wrong-passphrase');
  await open.getByLabel(/^Scheme file’s passphrase \(required\)/).fill(SCHEME_PASSPHRASE);
  await open.getByRole('button', { name: 'Open the scheme file' }).click();
  await expect(page.getByRole('list', { name: 'Assessors' })).toContainText('Sam Okafor (fictional)');
});

test('Scheme office: the directory filters by role, training, practice case and name, and says how many it shows', async ({
  page,
  app,
}, testInfo) => {
  const { path, assessorIds } = await makeSchemeFile(app.workspaceDir, {
    assessors: [
      { name: 'Siân Pryce (fictional)', roles: ['lead'] },
      { name: 'Sam Okafor (fictional)', roles: ['assessor'] },
      { name: 'Ola Adeyemi (fictional)', roles: ['assessor', 'co_assessor'] },
    ],
  });
  await page.goto(app.url);
  await openSchemeFile(page, path);
  const today = new Date().toISOString().slice(0, 10);
  const longAgo = '2019-05-01';
  await api(page, 'scheme.recordTraining', {
    training: {
      assessorId: assessorIds[1],
      course: 'Assessing coproduction',
      attendedOn: today,
      trainer: 'Ade Bello (fictional)',
    },
  });
  await api(page, 'scheme.recordTraining', {
    training: {
      assessorId: assessorIds[2],
      course: 'Assessing coproduction',
      attendedOn: longAgo,
      trainer: 'Ade Bello (fictional)',
    },
  });
  await page.reload();
  await page.getByRole('button', { name: 'Scheme office' }).first().click();
  const list = page.getByRole('list', { name: 'Assessors' });
  const count = page.getByRole('search', { name: 'Filter the directory' }).getByRole('status');
  await expect(count).toHaveText('Showing all 3 people.');
  await checkScreen(page, testInfo, 'scheme-office-filters');

  await choose(page.getByRole('radiogroup', { name: 'Role' }), 'Expert by Experience assessor');
  await expect(count).toHaveText('Showing 2 of 3 people.');
  await expect(list).not.toContainText('Siân Pryce');

  await choose(page.getByRole('radiogroup', { name: 'Training' }), 'Refresher overdue');
  await expect(count).toHaveText('Showing 1 of 3 people.');
  await expect(list).toContainText('Ola Adeyemi (fictional)');

  await choose(page.getByRole('radiogroup', { name: 'Training' }), 'Not trained');
  await expect(count).toHaveText('Showing 0 of 3 people.');
  await expect(page.getByText('Nobody in the directory matches these filters.')).toBeVisible();
  await checkScreen(page, testInfo, 'scheme-office-filters-none');

  await choose(page.getByRole('radiogroup', { name: 'Role' }), 'Any role');
  await choose(page.getByRole('radiogroup', { name: 'Training' }), 'Any training');
  await choose(page.getByRole('radiogroup', { name: 'Practice case' }), 'Not calibrated');
  await expect(count).toHaveText('Showing all 3 people.');
  await page.getByRole('textbox', { name: 'Search by name' }).fill('sian');
  await expect(count).toHaveText('Showing 1 of 3 people.');
  await expect(list).toContainText('Siân Pryce (fictional)');
});

test('Scheme office: a reload carries on at the same section and person; a second tab follows what the first changes and closes', async ({
  page,
  app,
  context,
}, testInfo) => {
  const { path } = await makeSchemeFile(app.workspaceDir, {
    assessors: [{ name: 'Siân Pryce (fictional)', roles: ['lead'] }],
  });
  await page.goto(app.url);
  await openSchemeFile(page, path);
  await page.reload();
  await page.getByRole('button', { name: 'Scheme office' }).first().click();
  const nav = page.getByRole('navigation', { name: 'Scheme office' });

  // F5 on a section, then on a person's page: the page carries on where it was.
  await nav.getByRole('button', { name: 'Fees' }).click();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: /^Fees — / })).toBeVisible();
  await nav.getByRole('button', { name: 'Assessors' }).click();
  await page.getByRole('list', { name: 'Assessors' }).getByRole('button', { name: /Open/ }).click();
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: 'Siân Pryce (fictional)' })).toBeVisible();
  // Gone elsewhere, a reload no longer returns to the scheme office.
  await page.getByRole('button', { name: 'Settings' }).first().click();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Coproduction Panel' })).toBeVisible();

  // A second tab on the directory; the first adds a person: the second shows them without a reload.
  await page.getByRole('button', { name: 'Scheme office' }).first().click();
  const second = await context.newPage();
  await second.goto(app.url);
  await second.getByRole('button', { name: 'Scheme office' }).first().click();
  const count = second.getByRole('search', { name: 'Filter the directory' }).getByRole('status');
  await expect(count).toHaveText('Showing the 1 person.');
  const add = page.getByRole('form', { name: 'Add a person to the directory' });
  const name = add.getByRole('textbox', { name: 'Name' });
  const expert = add.getByRole('checkbox', { name: 'Expert by Experience assessor' });
  // Nothing filled in: both problems at once, announced, focus on the first.
  await add.getByRole('button', { name: 'Add to the directory' }).focus();
  await page.keyboard.press('Enter');
  await expect(add.getByRole('alert')).toContainText(
    'Name: Enter a name. Roles: Choose at least one role this person may take on a panel.',
  );
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toBeFocused();
  await expect(
    add.getByRole('group', { name: 'Roles this person may take on a panel' }),
  ).toHaveAccessibleDescription(/Choose at least one role this person may take on a panel\./);
  await checkScreen(page, testInfo, 'scheme-office-add-person-empty');
  // A name but no role: focus goes to the roles.
  await name.fill('Tomos Rhys (fictional)');
  await add.getByRole('button', { name: 'Add to the directory' }).click();
  await expect(add.getByRole('alert')).toContainText('Roles: Choose at least one role');
  await expect(add.getByRole('checkbox').first()).toBeFocused();
  await expert.focus();
  await page.keyboard.press('Space');
  await add.getByRole('button', { name: 'Add to the directory' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Tomos Rhys (fictional) was added to the directory.')).toBeVisible();
  // The form starts afresh with focus in its first field, ready for the next person.
  await expect(name).toHaveValue('');
  await expect(name).toBeFocused();
  await expect(count).toHaveText('Showing all 2 people.');
  await expect(second.getByRole('list', { name: 'Assessors' })).toContainText('Tomos Rhys (fictional)');
  // A change made another way (the API, as another window would): asked again when the tab is looked at.
  await api(page, 'scheme.addAssessor', {
    assessor: { name: 'Eleri Vaughan (fictional)', roles: ['assessor'], consentToBeNamed: true },
  });
  await second.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect(count).toHaveText('Showing all 3 people.');

  // The first tab closes the scheme file: the second says so, and offers to open it again.
  await page.getByRole('button', { name: 'Close the scheme file' }).click();
  await expect(second.getByRole('alert')).toContainText(
    'northfield.copanel-scheme was closed in another tab or window. Open it again to carry on.',
  );
  await expect(second.getByRole('heading', { level: 1, name: 'Scheme office' })).toBeVisible();
  await checkScreen(second, testInfo, 'scheme-office-closed-elsewhere');
});

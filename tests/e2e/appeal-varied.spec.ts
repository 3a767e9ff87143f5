import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dialog, Page } from '@playwright/test';
import { main } from '../../src/main/cli/main';
import { expect, test } from './fixtures';
import { api, checkScreen, choose, chooseOwnPinByApi, givenPinFor, goToStage } from './support';

/**
 * An appeal end to end in the app, on the demo's signed case file linked to its scheme file: the
 * lead records the appeal (the register shows the certificate under appeal), forms a review panel
 * of people added after the decision, the review panel's lead reads the moderation record and
 * varies the decision; moderation reopens with the reason "appeal", the new decision's certificate
 * supersedes the old one. Both PDFs are checked with pdfsig and qpdf, and `copanel verify` against
 * the exported signed register says the old one was replaced.
 */

const DEMO_PASSPHRASE = 'lantern-meadow-quartz-harbor-violin';
const root = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'copanel-appeal-'));
const demo = join(dir, 'demo');
const env = {
  ...process.env,
  COPANEL_USER_DATA: join(dir, 'user-data'),
  COPANEL_PASSPHRASE: DEMO_PASSPHRASE,
  COPANEL_SCHEME_PASSPHRASE: DEMO_PASSPHRASE,
  COPANEL_SCHEME_FILE_PASSPHRASE: DEMO_PASSPHRASE,
};

/** Runs `copanel`; when it fails inside, its error log is added to what it printed. */
function copanel(...args: string[]): { code: number | null; out: string } {
  const run = spawnSync(process.execPath, [join(root, 'bin', 'copanel.mjs'), ...args], {
    encoding: 'utf8',
    env,
    timeout: 240_000,
  });
  const log = join(env.COPANEL_USER_DATA, 'copanel-errors.log');
  const inside = existsSync(log) ? readFileSync(log, 'utf8') : '';
  return { code: run.status, out: `${run.stdout}${run.stderr}${inside}` };
}

test.beforeAll(() => {
  test.setTimeout(600_000);
  spawnSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs'), '--quiet'], { stdio: 'inherit' });
  const made = copanel('demo', '--out', demo);
  if (made.code !== 0) throw new Error(made.out);
});

test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base64Of = (path: string) => readFileSync(path).toString('base64');

async function signInAs(page: Page, caseId: string, memberId: string, pin: string): Promise<void> {
  await api(page, 'panel.signOut', { caseId });
  await api(page, 'panel.signIn', { caseId, memberId, pin });
}

async function showAppeal(page: Page, caseId: string): Promise<void> {
  await page.evaluate(
    (id) =>
      sessionStorage.setItem(
        'copanel.lastCase',
        JSON.stringify({ name: 'case', caseId: id, section: 'appeal' }),
      ),
    caseId,
  );
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Appeal' })).toBeVisible();
}

/**
 * Tries to reload the page (as F5 does) and says whether the browser's "Leave the page?" question was
 * raised; the question is answered "Stay", so the page keeps what was typed.
 */
async function reloadAsksFirst(page: Page): Promise<boolean> {
  let asked = false;
  const stay = (dialog: Dialog) => {
    if (dialog.type() === 'beforeunload') asked = true;
    void dialog.dismiss();
  };
  page.on('dialog', stay);
  await page.evaluate(() => window.location.reload()).catch(() => undefined);
  await expect
    .poll(() => asked, { timeout: 5_000 })
    .toBe(true)
    .catch(() => undefined);
  page.off('dialog', stay);
  return asked;
}

function checkWithPoppler(path: string): void {
  const sig = spawnSync('pdfsig', [path], { encoding: 'utf8' });
  expect(sig.stdout).toContain('Signature is Valid');
  expect(sig.stdout).toContain('Total document signed');
  const qpdf = spawnSync('qpdf', ['--check', path], { encoding: 'utf8' });
  expect(qpdf.status, qpdf.stdout + qpdf.stderr).toBe(0);
  expect(qpdf.stdout).toContain('No syntax or stream encoding errors found');
}

test('an appeal varied by the review panel: a new certificate supersedes the old, in the case file and the register', async ({
  page,
  app,
}, testInfo) => {
  test.setTimeout(600_000);
  mkdirSync(app.workspaceDir, { recursive: true });
  const casePath = join(app.workspaceDir, 'harbour-minds.copanel');
  const schemePath = join(app.workspaceDir, 'harbour-minds-scheme.copanel-scheme');
  copyFileSync(join(demo, 'harbour-minds.copanel'), casePath);
  copyFileSync(join(demo, 'harbour-minds-scheme.copanel-scheme'), schemePath);
  await page.goto(app.url);

  const { caseId } = (await api(page, 'case.open', { path: casePath, passphrase: DEMO_PASSPHRASE })) as {
    caseId: string;
  };
  const members = (await api(page, 'panel.list', { caseId })) as { id: string; name: string }[];
  const idOf = (name: string) => members.find((member) => member.name === name)?.id ?? '';
  await api(page, 'panel.signIn', { caseId, memberId: idOf('Amara Okafor'), pin: '2468' });
  await api(page, 'scheme.open', { path: schemePath, passphrase: DEMO_PASSPHRASE, yourName: 'Mo Reyes' });
  await api(page, 'trust.add', {
    fileName: 'scheme-root.pem',
    base64: base64Of(join(demo, 'scheme-root.pem')),
  });
  const identity = async (file: string) =>
    (
      (await api(page, 'identity.import', {
        fileName: file,
        base64: base64Of(join(demo, 'identities', file)),
        password: DEMO_PASSPHRASE,
      })) as { id: string }
    ).id;
  const leadIdentity = await identity('amara-okafor.p12');
  const expertIdentity = await identity('dafydd-llywelyn.p12');
  await api(page, 'register.importCertificate', {
    fileName: 'certificate.pdf',
    base64: base64Of(join(demo, 'certificate.pdf')),
  });
  const [oldCertificate] = (await api(page, 'certificate.list', { caseId })) as {
    id: string;
    certificateNumber: string;
  }[];
  const oldNumber = oldCertificate!.certificateNumber;

  // The lead records the appeal on the Appeal screen, keyboard first.
  await showAppeal(page, caseId);
  await expect(page.getByText(/may be appealed until/)).toContainText(
    '28 days, which is the scheme’s setting',
  );
  // A day not on the calendar and no grounds: Enter in the form marks both fields, focus on the first.
  const arrived = page.getByRole('textbox', { name: /Day the appeal arrived/ });
  const arrivedToday = await arrived.inputValue();
  await arrived.fill('2027-02-30');
  await arrived.press('Enter');
  await expect(arrived).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('textbox', { name: /Grounds of appeal/ })).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  await expect(arrived).toBeFocused();
  await expect(page.getByRole('alert')).toContainText('Grounds of appeal: Write the grounds of the appeal.');
  await arrived.fill(arrivedToday);
  await expect(arrived).not.toHaveAttribute('aria-invalid', 'true');
  const grounds = 'The panel did not discuss our co-produced training outline when it moderated S3.2.';
  await page.getByRole('textbox', { name: /Grounds of appeal/ }).fill(grounds);
  // Typed grounds not yet recorded: reloading asks first, and staying keeps them.
  expect(await reloadAsksFirst(page)).toBe(true);
  await expect(page.getByRole('textbox', { name: /Grounds of appeal/ })).toHaveValue(grounds);
  await page.getByRole('button', { name: 'Record the appeal' }).press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Appeal recorded.' })).toContainText(
    `Certificate ${oldNumber} shows as under appeal in the register.`,
  );
  await expect(page.getByRole('heading', { name: 'The open appeal' })).toBeFocused();
  await checkScreen(page, testInfo, 'appeal-recorded');

  // Two people who did not sit on the panel join on the Panel screen: after scoring, only as observers.
  await goToStage(page, 'Panel');
  // What opens scoring is not said once scoring has opened.
  await expect(page.getByText(/^Scoring opens when the panel has/)).toHaveCount(0);
  for (const [name, pin] of [
    ['Grace Mensah (fictional)', '3141'],
    ['Hamid Rahimi (fictional)', '2718'],
  ] as const) {
    await page.getByRole('button', { name: 'Add a member' }).click();
    const role = page.getByRole('radiogroup', { name: /Role/ });
    await expect(role.getByRole('radio', { name: /^Observer/ })).toBeChecked();
    await expect(role.getByRole('radio', { name: /^Assessor/ })).toBeDisabled();
    await expect(page.getByText(/you can add someone only as an observer/)).toBeVisible();
    await expect(page.getByText(/An observer is never named on the certificate/)).toBeVisible();
    if (name.startsWith('Grace')) await checkScreen(page, testInfo, 'appeal-add-reviewer');
    await page.getByLabel(/^Name/).fill(name);
    await page.getByRole('checkbox', { name: /Agrees to be named/ }).check({ force: true });
    await page.getByLabel(/^PIN/).fill(givenPinFor(pin));
    await page.getByLabel(/^PIN/).press('Enter');
    await expect(
      page.getByRole('status').filter({ hasText: `${name} is added to the panel.` }),
    ).toBeVisible();
  }
  const panel = (await api(page, 'panel.list', { caseId })) as { id: string; name: string; role: string }[];
  const grace = panel.find((member) => member.name === 'Grace Mensah (fictional)')!;
  expect(grace.role).toBe('observer');
  await showAppeal(page, caseId);
  // Nobody chosen: the members are marked and focus goes to them.
  await page.getByRole('button', { name: 'Form the review panel' }).click();
  const reviewers = page.getByRole('group', { name: 'Review panel members' });
  await expect(reviewers.getByText('Choose at least two people.')).toBeVisible();
  await expect(reviewers.getByRole('checkbox', { name: 'Grace Mensah (fictional)' })).toBeFocused();
  await reviewers.getByRole('checkbox', { name: 'Grace Mensah (fictional)' }).check({ force: true });
  await reviewers.getByRole('checkbox', { name: 'Hamid Rahimi (fictional)' }).check({ force: true });
  await choose(page.getByRole('radiogroup', { name: 'The review panel’s lead' }), 'Grace Mensah (fictional)');
  await checkScreen(page, testInfo, 'appeal-form-review-panel');
  await page.getByRole('button', { name: 'Form the review panel' }).click();
  await expect(
    page.getByText('Grace Mensah (fictional) (review panel lead), Hamid Rahimi (fictional)'),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: 'The open appeal' })).toBeFocused();

  // The review panel's lead reads the moderation record and varies the decision.
  // Her first sign-in: the PIN the lead typed works only to choose her own.
  await api(page, 'panel.signOut', { caseId });
  await chooseOwnPinByApi(page, caseId, grace.id, '3141');
  await showAppeal(page, caseId);
  await expect(page.getByRole('table', { name: 'The panel’s agreed scores and reasons' })).toBeVisible();
  await choose(page.getByRole('radiogroup', { name: 'Outcome' }), /Vary the decision/);
  await page
    .getByRole('textbox', { name: /The review panel’s reasons/ })
    .fill('The training outline was in the evidence for S3.2 and was not discussed.');
  await checkScreen(page, testInfo, 'appeal-decide');
  expect(await reloadAsksFirst(page)).toBe(true);
  await page.getByRole('button', { name: 'Record the decision' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'decision is recorded' })).toContainText(
    `Certificate ${oldNumber} stays suspended in the register until the new certificate is issued`,
  );
  await expect(page.getByRole('heading', { name: 'Decided appeals' })).toBeFocused();
  // Recorded: nothing is left unsaved, so leaving does not ask.
  expect(await reloadAsksFirst(page)).toBe(false);
  const moderation = (await api(page, 'moderation.view', { caseId })) as {
    state: string;
    history: { action: string; reason: string | null; by: string }[];
  };
  expect(moderation.state).toBe('open');
  expect(moderation.history.at(-1)).toMatchObject({
    action: 'reopened',
    reason: 'appeal',
    by: 'Grace Mensah (fictional)',
  });

  // The lead moderates again, decides, signs; the Expert by Experience co-signs.
  await signInAs(page, caseId, idOf('Amara Okafor'), '2468');
  await api(page, 'moderation.close', { caseId });
  const today = new Date().toISOString().slice(0, 10);
  await api(page, 'outcome.decide', {
    caseId,
    decisionDate: today,
    conditions: [],
    strengths: [],
    recommendations: [],
  });
  await api(page, 'certificate.sign', {
    caseId,
    identityId: leadIdentity,
    identityPassword: DEMO_PASSPHRASE,
    coSignerMemberId: idOf('Dafydd Llywelyn'),
  });
  await signInAs(page, caseId, idOf('Dafydd Llywelyn'), '1357');
  const issued = (await api(page, 'certificate.coSign', {
    caseId,
    identityId: expertIdentity,
    identityPassword: DEMO_PASSPHRASE,
  })) as { id: string; certificateNumber: string };
  expect(issued.certificateNumber).not.toBe(oldNumber);

  await signInAs(page, caseId, idOf('Amara Okafor'), '2468');
  await showAppeal(page, caseId);
  const decided = page.getByRole('article', { name: /Appeal received/ });
  await expect(decided).toContainText('Vary the decision');
  await expect(decided).toContainText(
    `Certificate ${issued.certificateNumber} replaced certificate ${oldNumber}.`,
  );
  await checkScreen(page, testInfo, 'appeal-decided');

  // Both certificates are genuine signed PDFs to poppler and qpdf.
  const download = async (certificateId: string, document: 'certificate' | 'report', name: string) => {
    const file = (await api(page, 'certificate.download', { caseId, certificateId, document })) as {
      base64: string;
    };
    const path = join(dir, name);
    writeFileSync(path, Buffer.from(file.base64, 'base64'));
    return path;
  };
  const oldPdf = await download(oldCertificate!.id, 'certificate', 'old.pdf');
  const newPdf = await download(issued.id, 'certificate', 'new.pdf');
  checkWithPoppler(oldPdf);
  checkWithPoppler(newPdf);
  const report = spawnSync('pdftotext', [await download(issued.id, 'report', 'new-report.pdf'), '-'], {
    encoding: 'utf8',
  }).stdout;
  expect(report).toContain('Appeal');
  expect(report).toContain('Vary the decision');
  expect(report).toContain('Grace Mensah (fictional)');

  // Our verifier, against the scheme's signed register: the old one was replaced by the new.
  await api(page, 'scheme.close', {});
  const out = join(dir, 'register');
  const exported = copanel('register', 'export', schemePath, '--root', demo, '--out', out);
  expect(exported.code, exported.out).toBe(0);
  const trust = join(demo, 'scheme-root.pem');
  const registerFile = join(out, 'register.json');
  // In this process: the prebuilt `copanel verify` cannot load its --register hook (see the report).
  const verify = async (pdf: string) => {
    const lines: string[] = [];
    const code = await main(['verify', pdf, '--trust', trust, '--register', registerFile], {
      out: (text) => lines.push(text),
      err: (text) => lines.push(text),
      env,
    });
    return { code, out: lines.join('\n') };
  };
  const old = await verify(oldPdf);
  expect(old.code, old.out).toBe(1);
  expect(old.out).toMatch(
    new RegExp(`Replaced on \\d{4}-\\d{2}-\\d{2} by certificate ${issued.certificateNumber}`),
  );
  const current = await verify(newPdf);
  expect(current.code, current.out).toBe(0);
});

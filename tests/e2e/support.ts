import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';

/**
 * axe-core, WCAG 2.2 A and AA: no violations. React Aria's live announcer briefly holds an
 * unlabelled image after a busy button finishes (a known false positive), so it is left out.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .exclude('[data-live-announcer]')
    // The certificate preview frames hold Chromium's own PDF viewer, which is not the app's page.
    .exclude('iframe.pdf-preview')
    .analyze();
  return results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
}

/**
 * Every screen is checked as it is, then in the high-contrast theme at the largest text size
 * (the settings the Settings screen applies), and a screenshot of each is kept.
 */
export async function checkScreen(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.waitForLoadState('load');
  // Let pending API calls settle: nothing says it is busy.
  await expect(page.locator('[aria-busy="true"], .spinner')).toHaveCount(0);
  await page.waitForTimeout(250);
  expect(await axeViolations(page), `axe on “${name}”`).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath(`screens/${name}.png`), fullPage: true });
  const saved = await page.evaluate(() => ({ ...document.documentElement.dataset }));
  await page.evaluate(() => {
    document.documentElement.dataset.contrast = 'high';
    document.documentElement.dataset.textSize = 'largest';
  });
  expect(await axeViolations(page), `axe on “${name}” in high contrast at the largest text size`).toEqual([]);
  await page.screenshot({
    path: testInfo.outputPath(`screens/${name} (high contrast, largest text).png`),
    fullPage: true,
  });
  await page.evaluate((data) => {
    document.documentElement.dataset.contrast = data.contrast ?? 'standard';
    document.documentElement.dataset.textSize = data.textSize ?? 'standard';
  }, saved);
}

/** React Aria radios and checkboxes: the visible label is what a person clicks. */
export async function choose(group: Locator, name: string | RegExp): Promise<void> {
  await group.getByRole('radio', { name }).check({ force: true });
}

export function stageButton(page: Page, stage: string): Locator {
  return page
    .getByRole('navigation', { name: 'Assessment stages' })
    .getByRole('button', { name: new RegExp(`^${stage}`) });
}

export async function goToStage(page: Page, stage: string): Promise<void> {
  await stageButton(page, stage).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

/** Calls the API as this page does (its launch token, its signed-in member); returns the raw answer. */
export async function callAsPage(
  page: Page,
  operation: string,
  input: Record<string, unknown>,
): Promise<string> {
  return page.evaluate(
    async ({ operation, input }) => {
      const response = await fetch(`/api/${operation}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${sessionStorage.getItem('copanel.launchToken')}`,
        },
        body: JSON.stringify(input),
      });
      return response.text();
    },
    { operation, input },
  );
}

/** Calls the API as this page, for quick set-up; fails the test if the call is refused. */
export async function api(page: Page, operation: string, input: Record<string, unknown>): Promise<unknown> {
  const result = JSON.parse(await callAsPage(page, operation, input)) as {
    ok: boolean;
    value?: unknown;
    error?: { message: string };
  };
  if (!result.ok) throw new Error(`${operation}: ${result.error?.message}`);
  return result.value;
}

/** The lead of the cases the tests make, and the case file's passphrase. */
export const LEAD = { name: 'Alex Morgan (fictional)', pin: '1357' };
export const CASE_PASSPHRASE = 'orchard velvet harbour lantern quietly';

/** Makes a new case through the New case screen, signed in as its lead; returns its id. */
export async function createCase(page: Page, appUrl: string, organisation: string): Promise<string> {
  await page.goto(appUrl);
  await page.getByRole('button', { name: 'New case' }).click();
  await page.getByLabel(/^Organisation’s name/).fill(organisation);
  await page.getByLabel(/^Your name/).fill(LEAD.name);
  await page.getByLabel(/^Your PIN/).fill(LEAD.pin);
  await page.getByLabel(/^Passphrase \(required\)/).fill(CASE_PASSPHRASE);
  await page.getByLabel(/^Passphrase again/).fill(CASE_PASSPHRASE);
  await page.getByRole('button', { name: 'Create the case file' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  return (await page.locator('[data-case-id]').getAttribute('data-case-id')) ?? '';
}

/**
 * The one-time PIN the tests' lead types for a member whose own PIN will be `pin`: every digit moved
 * on by five, so it is never the PIN they choose (as src/main/demo's fixture does).
 */
export function givenPinFor(pin: string): string {
  return pin.replace(/\d/g, (digit) => String((Number(digit) + 5) % 10));
}

/** A member's first sign-in on this page's session: the PIN the lead typed works only to choose their own. */
export async function chooseOwnPinByApi(
  page: Page,
  caseId: string,
  memberId: string,
  own: string,
): Promise<void> {
  await api(page, 'panel.choosePin', { caseId, memberId, pin: givenPinFor(own), newPin: own });
}

/**
 * Through the API: adds Experts by Experience to the panel (each agreeing to be named), everyone
 * declares no conflict, the lead signs in again and opens scoring. Returns the members' ids.
 */
export async function openScoringWith(
  page: Page,
  caseId: string,
  members: readonly { name: string; pin: string }[],
): Promise<{ leadId: string; memberIds: string[] }> {
  const lead = (await api(page, 'case.get', { caseId })) as { signedIn: { memberId: string } };
  const memberIds: string[] = [];
  for (const member of members) {
    const added = (await api(page, 'panel.addMember', {
      caseId,
      name: member.name,
      role: 'assessor',
      consentToBeNamed: true,
      pin: givenPinFor(member.pin),
    })) as { id: string };
    memberIds.push(added.id);
  }
  // Each chooses their own PIN at their first sign-in (after the lead has added everyone).
  for (const [index, member] of members.entries())
    await chooseOwnPinByApi(page, caseId, memberIds[index]!, member.pin);
  const everyone = [
    { memberId: lead.signedIn.memberId, pin: LEAD.pin },
    ...members.map((member, index) => ({ memberId: memberIds[index]!, pin: member.pin })),
  ];
  for (const { memberId, pin } of everyone) {
    await api(page, 'panel.signIn', { caseId, memberId, pin });
    await api(page, 'panel.declareConflict', { caseId, memberId, declaration: { kind: 'none' } });
  }
  await api(page, 'panel.signIn', { caseId, memberId: lead.signedIn.memberId, pin: LEAD.pin });
  await api(page, 'scoring.open', { caseId });
  return { leadId: lead.signedIn.memberId, memberIds };
}

/** The scheme files the tests make: their name, passphrase and who keeps them. */
export const SCHEME = {
  name: 'Northfield Kitemark Scheme (fictional)',
  passphrase: 'juniper lattice ember salmon quiver',
  keeper: 'Mo Reyes',
} as const;

/** The fee rates and bank details (£100 a day, £60 a half day, £15 an hour, 45p a mile) of SCHEME. */
export const FEE_SCHEDULE = {
  rates: { dayRatePence: 10_000, halfDayRatePence: 6_000, hourlyRatePence: 1_500, mileagePencePerMile: 45 },
  bank: {
    payee: 'Northfield Kitemark Scheme',
    bank: 'Example Bank',
    sortCode: '08-99-99',
    accountNumber: '12345678',
  },
};

/**
 * Makes SCHEME's file in the app's workspace, straight through src/main/scheme (as the scheme
 * office would have done earlier), with the given assessors and, if asked, FEE_SCHEDULE; returns
 * its path and the new assessors' ids. Loaded on demand, so specs without a scheme file skip it.
 */
export async function makeSchemeFile(
  workspaceDir: string,
  contents: {
    assessors?: { name: string; roles: ('lead' | 'assessor' | 'co_assessor')[] }[];
    fees?: boolean;
  } = {},
): Promise<{ path: string; assessorIds: string[] }> {
  const { mkdirSync } = await import('node:fs');
  const { join } = await import('node:path');
  const scheme = await import('../../src/main/scheme');
  mkdirSync(workspaceDir, { recursive: true });
  const path = join(workspaceDir, 'northfield.copanel-scheme');
  const file = await scheme.createSchemeFile({
    path,
    schemeName: SCHEME.name,
    passphrase: SCHEME.passphrase,
    appVersion: '0.0.0-e2e',
    createdBy: SCHEME.keeper,
  });
  const assessorIds: string[] = [];
  try {
    for (const assessor of contents.assessors ?? [])
      assessorIds.push(
        await scheme.addAssessor(file, SCHEME.keeper, { ...assessor, consentToBeNamed: true }),
      );
    if (contents.fees) await scheme.setFeeSchedule(file, SCHEME.keeper, FEE_SCHEDULE);
  } finally {
    await file.close();
  }
  return { path, assessorIds };
}

/** Opens the scheme file in the app through the API, as SCHEME's keeper. */
export async function openSchemeFile(page: Page, path: string): Promise<void> {
  await api(page, 'scheme.open', { path, passphrase: SCHEME.passphrase, yourName: SCHEME.keeper });
}

/**
 * Holds back the page's uploads to `operation` (`POST /upload/<operation>`), as a slow connection
 * would, so what the screen shows while a file is on its way can be checked; call the answer to
 * let them go.
 */
export async function holdUploads(page: Page, operation: string): Promise<() => Promise<void>> {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const route = `**/upload/${operation}`;
  const sent: Promise<void>[] = [];
  await page.route(route, (request) => {
    const going = held.then(() => request.continue());
    sent.push(going);
    return going;
  });
  return async () => {
    release();
    await Promise.all(sent);
    await page.unroute(route);
  };
}

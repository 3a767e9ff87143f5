import { expect, type Page } from '@playwright/test';
import { api, choose, chooseOwnPinByApi, createCase as createCaseFor, givenPinFor, LEAD } from './support';

/** A fictional panel for the journey, panel and moderation specs: the lead and two Experts by Experience. */
export { LEAD };
export const SAM = { name: 'Sam Rivers (fictional)', pin: '2468' };
export const JO = { name: 'Jo Okafor (fictional)', pin: '9753' };

export interface PanelCase {
  caseId: string;
  ids: { lead: string; sam: string; jo: string };
}

/** Creates a new case through the screens, signed in as the lead; returns its id. */
export function createCase(page: Page, url: string): Promise<string> {
  return createCaseFor(page, url, 'Lakeside Wellbeing Hub (fictional)');
}

/** Adds Sam and Jo through the API (the lead's session); nobody has declared conflicts yet. */
export async function addPanel(page: Page, caseId: string): Promise<PanelCase> {
  const lead = (await api(page, 'case.get', { caseId })) as { signedIn: { memberId: string } };
  const add = async (member: { name: string; pin: string }) =>
    (
      (await api(page, 'panel.addMember', {
        caseId,
        name: member.name,
        role: 'assessor',
        consentToBeNamed: true,
        pin: givenPinFor(member.pin),
      })) as { id: string }
    ).id;
  const ids = { lead: lead.signedIn.memberId, sam: await add(SAM), jo: await add(JO) };
  // Each chooses their own PIN at their first sign-in; the page's session ends as the lead's again.
  await chooseOwnPinByApi(page, caseId, ids.sam, SAM.pin);
  await chooseOwnPinByApi(page, caseId, ids.jo, JO.pin);
  await signInByApi(page, caseId, ids.lead, LEAD.pin);
  return { caseId, ids };
}

/** Signs this page's session in as the member through the API (the screens are not told). */
export async function signInByApi(page: Page, caseId: string, memberId: string, pin: string): Promise<void> {
  await api(page, 'panel.signIn', { caseId, memberId, pin });
}

/** Everyone declares no conflict; the lead opens scoring; the page's session ends as the lead's. */
export async function openScoring(page: Page, panel: PanelCase): Promise<void> {
  const { caseId, ids } = panel;
  for (const [memberId, pin] of [
    [ids.lead, LEAD.pin],
    [ids.sam, SAM.pin],
    [ids.jo, JO.pin],
  ] as const) {
    await signInByApi(page, caseId, memberId, pin);
    await api(page, 'panel.declareConflict', { caseId, memberId, declaration: { kind: 'none' } });
  }
  await signInByApi(page, caseId, ids.lead, LEAD.pin);
  await api(page, 'scoring.open', { caseId });
}

export interface ScoreEntry {
  score: number;
  rationale: string;
  evidenceIds: string[];
}

/**
 * Scores the signed-in member's whole sheet through the API: 2 everywhere except the entries given
 * (by position in the sheet), and submits it unless told not to. Returns the sheet's criterion ids.
 */
export async function scoreSheet(
  page: Page,
  caseId: string,
  special: Record<number, ScoreEntry>,
  { submit = true, count }: { submit?: boolean; count?: number } = {},
): Promise<string[]> {
  const sheet = (await api(page, 'scoring.mySheet', { caseId })) as { entries: { criterionId: string }[] };
  const ids = sheet.entries.map((entry) => entry.criterionId);
  for (const [index, criterionId] of ids.slice(0, count ?? ids.length).entries()) {
    const entry = special[index] ?? { score: 2, rationale: '', evidenceIds: [] };
    await api(page, 'scoring.saveScore', { caseId, criterionId, ...entry });
  }
  if (submit) await api(page, 'scoring.submitSheet', { caseId });
  return ids;
}

/** Signs in through the screens: the sign-in question must be showing. */
export async function signIn(page: Page, member: { name: string; pin: string }): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: 'Who is using the app now?' })).toBeVisible();
  await choose(
    page.getByRole('radiogroup', { name: /Your name/ }),
    new RegExp(member.name.replace(/[()]/g, '\\$&')),
  );
  await page.getByLabel(/^PIN/).fill(member.pin);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in')).toContainText(member.name);
}

/**
 * A member's first sign-in through the screens: the PIN the lead typed (`givenPinFor`) works only
 * to choose their own, which they then use from here on.
 */
export async function signInFirstTime(page: Page, member: { name: string; pin: string }): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: 'Who is using the app now?' })).toBeVisible();
  await choose(
    page.getByRole('radiogroup', { name: /Your name/ }),
    new RegExp(member.name.replace(/[()]/g, '\\$&')),
  );
  await page.getByLabel(/^PIN/).fill(givenPinFor(member.pin));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Choose your own PIN' })).toBeVisible();
  await page.getByLabel(/^Your own PIN/).fill(member.pin);
  await page.getByRole('button', { name: 'Save my PIN and sign in' }).click();
  await expect(page.getByTestId('signed-in')).toContainText(member.name);
}

/** Signs out through the screens, back to the sign-in question. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out (hand over)' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Who is using the app now?' })).toBeVisible();
}

/** After a reload the page may ask who is using it again: sign in if so. */
export async function signInIfAsked(page: Page, member: { name: string; pin: string }): Promise<void> {
  const question = page.getByRole('heading', { level: 1, name: 'Who is using the app now?' });
  await expect(question.or(page.getByRole('heading', { level: 1 }))).toBeVisible();
  if (await question.isVisible()) await signIn(page, member);
}

/**
 * A new case taken through the API to open moderation: everyone declared, three sheets in (the
 * first criterion divergent), the page's session the lead's. Returns the case and the criteria.
 */
export async function caseInModeration(page: Page, url: string): Promise<PanelCase & { criteria: string[] }> {
  const caseId = await createCase(page, url);
  const panel = await addPanel(page, caseId);
  await openScoring(page, panel);
  const criteria = await scoreSheet(page, caseId, {});
  await signInByApi(page, caseId, panel.ids.sam, SAM.pin);
  await scoreSheet(page, caseId, { 0: { score: 0, rationale: 'Nothing showed it.', evidenceIds: [] } });
  await signInByApi(page, caseId, panel.ids.jo, JO.pin);
  await scoreSheet(page, caseId, {});
  await signInByApi(page, caseId, panel.ids.lead, LEAD.pin);
  await api(page, 'moderation.open', { caseId });
  return { ...panel, criteria };
}

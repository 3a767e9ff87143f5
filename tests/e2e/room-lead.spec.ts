import { connect } from 'node:net';
import { test as base, expect, type Page } from '@playwright/test';
import { deviceKeyPair } from '../../src/main/room';
import { RoomClient, RoomRefused } from '../../src/shared/room/client';
import { startBrowserMode, type RunningBrowserMode } from '../support/browser-mode';
import { api, checkScreen, createCase, goToStage, openScoringWith } from './support';

/**
 * Issue 13, the lead's side of the panel room: the lead opens the room from Scoring, sees the QR
 * code, the address and the spoken code, and follows a member's device (driven from the test by
 * the real RoomClient, as a phone's page would) as it joins, scores and submits — progress only,
 * never a score. The lead pauses the room (the device's save is refused in plain words), signs the
 * device out, and closes the room (nothing listens any more). 127.0.0.2 stands in for the Wi-Fi.
 */

const ROOM_ADDRESS = '127.0.0.2';
const SAM = { name: 'Sam Rivers (fictional)', pin: '2468' };
/** Marker strings in what the device saves: none may appear on the lead's screen. */
const MARKER = 'Marker reason QX7 from the phone';

const test = base.extend<{ app: RunningBrowserMode }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a destructured object.
  app: async ({}, use) => {
    const app = await startBrowserMode([], { env: { COPANEL_ROOM_ADDRESS: ROOM_ADDRESS } });
    await use(app);
    await app.stop();
  },
});

function roster(page: Page) {
  return page.getByRole('table', { name: /The panel in the room/ });
}

function rosterRow(page: Page, name: string) {
  return roster(page)
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name }) });
}

/** Nothing the device saved (its reasons, its scores' words) is anywhere on the lead's screen. */
async function expectNoScoresShown(page: Page): Promise<void> {
  const text = (await page.locator('body').textContent()) ?? '';
  expect(text).not.toContain(MARKER);
  expect(text).not.toMatch(/Not enough evidence|Level [123]\b/);
}

function nothingListens(origin: string): Promise<boolean> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

async function save(device: RoomClient, criterionId: string, score: number) {
  return (
    await device.call('scoring.saveScore', {
      caseId: device.caseId,
      criterionId,
      score,
      rationale: `${MARKER} on ${criterionId}`,
      evidenceIds: [],
    })
  ).result;
}

test('the lead opens the room, follows a member’s device without seeing a score, pauses, signs it out and closes the room', async ({
  page,
  app,
}, testInfo) => {
  test.setTimeout(180_000);
  const caseId = await createCase(page, app.url, 'Harbourside Peer Support (fictional)');
  const { memberIds } = await openScoringWith(page, caseId, [SAM]);
  await page.reload();
  await goToStage(page, 'Scoring');

  // Only the lead has the way in, beside the Scoring heading.
  await page.getByRole('button', { name: 'Panel room', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Panel room' })).toBeFocused();
  const network = page.getByRole('radiogroup', { name: /Which network/ });
  await expect(
    network.getByRole('radio', { name: `The address set for this computer (${ROOM_ADDRESS})` }),
  ).toBeChecked();
  await checkScreen(page, testInfo, 'panel room, not yet open');
  await page.getByRole('button', { name: 'Open the panel room' }).click();

  // How to join: a large QR code of the link, the address, the code to read aloud.
  await expect(
    page.getByRole('status').filter({ hasText: `The room is open on http://${ROOM_ADDRESS}:` }),
  ).toBeVisible();
  await expect(
    page.getByRole('img', { name: /QR code of the link that joins this panel room/ }),
  ).toBeVisible();
  await expect(page.getByTestId('room-spoken-code')).toHaveText(/^\d{3} \d{3}$/);
  await page.getByText('No camera? Show the link to type').click();
  const link = (await page.getByTestId('room-link').textContent()) ?? '';
  expect(link).toMatch(new RegExp(`^http://${ROOM_ADDRESS.replace(/\./g, '\\.')}:\\d+/#room=[\\w-]{43}$`));
  const origin = new URL(link).origin;
  await expect(rosterRow(page, SAM.name)).toContainText('Not in the room');
  // The lead scores on this computer: their own row says so, with their progress, not "Not in the room".
  const { signedIn: lead } = (await api(page, 'case.get', { caseId })) as { signedIn: { name: string } };
  await expect(rosterRow(page, lead.name)).toContainText('On this computer (you)');
  await expect(rosterRow(page, lead.name)).toContainText('0 of 19');
  await api(page, 'scoring.saveScore', {
    caseId,
    criterionId: 'S1.1',
    score: 2,
    rationale: `${MARKER} from the lead`,
    evidenceIds: [],
  });
  await expect(rosterRow(page, lead.name)).toContainText('1 of 19');
  await expect(rosterRow(page, lead.name)).not.toContainText('Not in the room');

  // A member's phone joins and Sam signs in on it: the roster shows them, and it is announced.
  const device = await RoomClient.join(link, 'phone', deviceKeyPair());
  const signedIn = await device.call('panel.signIn', { caseId, memberId: memberIds[0], pin: SAM.pin });
  expect(signedIn.result.ok).toBe(true);
  await expect(rosterRow(page, SAM.name)).toContainText(/Phone, joined \d\d:\d\d/);
  await expect(rosterRow(page, SAM.name)).toContainText('0 of 19');
  await expect(page.getByRole('log', { name: 'What has happened' })).toContainText(SAM.name);

  // Progress moves as Sam scores; what Sam scored never shows.
  const sheet = (await device.call('scoring.mySheet', { caseId })).result;
  if (!sheet.ok) throw new Error(sheet.error.message);
  const criteria = (sheet.value as { entries: { criterionId: string }[] }).entries.map((e) => e.criterionId);
  for (const criterionId of criteria.slice(0, 3)) expect((await save(device, criterionId, 3)).ok).toBe(true);
  await expect(rosterRow(page, SAM.name)).toContainText('3 of 19');
  await expect(rosterRow(page, SAM.name)).toContainText('Not submitted yet');
  await expectNoScoresShown(page);
  await checkScreen(page, testInfo, 'panel room, a member scoring');

  // Paused: the device's save is refused in plain words, and nothing is saved until the lead carries on.
  await page.getByRole('button', { name: 'Pause the room' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The room is paused' })).toBeVisible();
  const refused = await save(device, criteria[3]!, 2);
  expect(refused.ok).toBe(false);
  if (!refused.ok)
    expect(refused.error.message).toBe(
      'The lead assessor has paused the room. Your answers are kept; wait a moment.',
    );
  await page.getByRole('button', { name: 'Carry on (resume the room)' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The room is open' })).toBeVisible();
  await expect(rosterRow(page, SAM.name)).toContainText('3 of 19');

  // Sam scores the rest and submits: the roster says so, still without a score.
  for (const criterionId of criteria.slice(3)) expect((await save(device, criterionId, 2)).ok).toBe(true);
  expect((await device.call('scoring.submitSheet', { caseId })).result.ok).toBe(true);
  await expect(rosterRow(page, SAM.name)).toContainText('19 of 19');
  await expect(rosterRow(page, SAM.name)).toContainText('Submitted');
  await expect(page.getByRole('log', { name: 'What has happened' })).toContainText(
    `${SAM.name} submitted their score sheet.`,
  );
  await expectNoScoresShown(page);
  // What the screen polls carries no scores either.
  expect(JSON.stringify(await api(page, 'room.state', { caseId }))).not.toContain(MARKER);

  // Signing the device out asks first; then the device's calls are refused.
  await rosterRow(page, SAM.name)
    .getByRole('button', { name: `Sign out ${SAM.name}’s phone` })
    .click();
  const question = page.getByRole('alertdialog', { name: 'Sign this device out of the room?' });
  await expect(question).toContainText(`Sign out ${SAM.name}’s phone?`);
  await question.getByRole('button', { name: 'Sign the device out' }).click();
  await expect(question).toBeHidden();
  await expect(rosterRow(page, SAM.name)).toContainText('Not in the room');
  await expect(device.call('scoring.mySheet', { caseId })).rejects.toThrow(RoomRefused);

  // Closing the room asks first; afterwards nothing listens on its port.
  await page.getByRole('button', { name: 'Close the room' }).click();
  const closing = page.getByRole('alertdialog', { name: 'Close the panel room?' });
  await closing.getByRole('button', { name: 'Close the room' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Open the room' })).toBeVisible();
  expect(await nothingListens(origin)).toBe(true);

  // Back to the lead's own score sheet.
  await page.getByRole('button', { name: 'Back to scoring' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Scoring' })).toBeFocused();
});

test('a member who is not the lead has no way into the panel room, and the room refuses them', async ({
  page,
  app,
}) => {
  const caseId = await createCase(page, app.url, 'Meadow Lane Recovery College (fictional)');
  const { memberIds } = await openScoringWith(page, caseId, [SAM]);
  await api(page, 'panel.signIn', { caseId, memberId: memberIds[0], pin: SAM.pin });
  await page.reload();
  await goToStage(page, 'Scoring');
  await expect(page.getByRole('heading', { level: 1, name: 'Scoring' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Panel room', exact: true })).toHaveCount(0);
  await expect(api(page, 'room.open', { caseId })).rejects.toThrow(/room\.open/);
});

test('closing the case file with the room open asks first, saying how many devices are in it, then closes both', async ({
  page,
  app,
}, testInfo) => {
  test.setTimeout(180_000);
  const caseId = await createCase(page, app.url, 'Quayside Recovery Network (fictional)');
  const { memberIds } = await openScoringWith(page, caseId, [SAM]);
  const opened = (await api(page, 'room.open', { caseId })) as { link: string; address: string };
  const device = await RoomClient.join(opened.link, 'phone', deviceKeyPair());
  expect(
    (await device.call('panel.signIn', { caseId, memberId: memberIds[0], pin: SAM.pin })).result.ok,
  ).toBe(true);
  await page.reload();

  await page.getByRole('button', { name: 'Close case file' }).press('Enter');
  const question = page.getByRole('alertdialog', { name: 'Close the case file and the panel room?' });
  await expect(question).toContainText('The panel room is open. 1 device is in it.');
  await expect(question).toContainText('closes the room and signs that device out');
  // A change of layout while it is asked (a narrower window, zoom) keeps the question.
  await page.setViewportSize({ width: 800, height: 720 });
  await expect(page.locator('.case-menu .fold-away-summary')).toBeVisible();
  await expect(question).toContainText('The panel room is open. 1 device is in it.');
  await page.setViewportSize({ width: 1280, height: 720 });
  await checkScreen(page, testInfo, 'close the case with the room open');
  // "Go back" keeps both open, and focus returns to the button.
  await page.keyboard.press('Escape');
  await expect(question).toBeHidden();
  await expect(page.getByRole('button', { name: 'Close case file' })).toBeFocused();
  expect(await nothingListens(opened.address)).toBe(false);

  await page.getByRole('button', { name: 'Close case file' }).click();
  await question.getByRole('button', { name: 'Close the case file' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Coproduction Panel' })).toBeVisible();
  expect(await nothingListens(opened.address)).toBe(true);
  await expect(device.call('scoring.mySheet', { caseId })).rejects.toThrow();
});

import type { Browser, BrowserContext, Page, TestInfo } from '@playwright/test';
import { startBrowserMode, type RunningBrowserMode } from '../support/browser-mode';
import { expect, test } from './fixtures';
import { scoreSheet } from './panel-setup';
import type { PanelMember } from '../../src/shared/api';
import { SCORING_NOT_OPEN_YET } from '../../src/shared/room/stages';
import { api, checkScreen, choose, createCase, givenPinFor, goToStage, openScoringWith } from './support';

/**
 * The panel room from the members' side: the lead (this test's page, through the API until the
 * lead's room screen lands) opens a room bound to 127.0.0.2; three members join from their own
 * browser contexts (one a 320 px phone) with the link, score at the same time, one loses the
 * network mid-scoring and comes back, all submit; a second device for one member signs the first
 * out. axe-core runs on every member page.
 */

const ROOM_ADDRESS = '127.0.0.2';
const MEMBERS = [
  { name: 'Sam Rivers (fictional)', pin: '2468' },
  { name: 'Jo Okafor (fictional)', pin: '9753' },
  { name: 'Kim Lowe (fictional)', pin: '8642' },
] as const;
const CRITERIA_COUNT = 19;
const QUOTE = 'We wrote the support plan together, line by line (fictional).';

let app: RunningBrowserMode;

test.beforeAll(async () => {
  app = await startBrowserMode([], { env: { COPANEL_ROOM_ADDRESS: ROOM_ADDRESS } });
});
test.afterAll(async () => {
  await app.stop();
});

interface RoomState {
  link: string | null;
  address: string | null;
  devices: { memberName: string | null; kind: string }[];
  progress: { memberName: string; scoredCount: number; submitted: boolean }[];
}

async function memberPage(
  browser: Browser,
  phone: boolean,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(
    phone ? { viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true } : {},
  );
  return { context, page: await context.newPage() };
}

async function joinAndSignIn(page: Page, link: string, member: { name: string; pin: string }): Promise<void> {
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'Who is using the app now?' })).toBeVisible();
  // The secret is taken out of the address at once (not left in history or on screen).
  expect(page.url()).not.toContain('room=');
  await choose(
    page.getByRole('radiogroup', { name: /Your name/ }),
    new RegExp(member.name.replace(/[()]/g, '\\$&')),
  );
  await page.getByLabel(/^PIN/).fill(member.pin);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Scores the criterion showing through the screen: Level 2, with a reason, then on to the next. */
async function scoreShowing(page: Page, reason: string, last: boolean): Promise<void> {
  const group = page.getByRole('radiogroup', { name: /^Your score for S\d\.\d/ });
  await choose(group, 'Level 2 met');
  await page.getByRole('textbox', { name: /^Why did you choose this\?/ }).fill(reason);
  await page.getByRole('button', { name: last ? 'Go to submit' : 'Next criterion' }).click();
}

async function scoreAll(page: Page, who: string, from = 0, to = CRITERIA_COUNT): Promise<void> {
  for (let index = from; index < to; index += 1) {
    await scoreShowing(page, `${who} reason ${index + 1}`, index === CRITERIA_COUNT - 1);
  }
}

async function submit(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Submit my score sheet' }).click();
  await page.getByRole('button', { name: 'Yes, submit my score sheet' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your score sheet is submitted' })).toBeVisible();
}

async function roomState(lead: Page, caseId: string): Promise<RoomState> {
  return (await api(lead, 'room.state', { caseId })) as RoomState;
}

test('three members join the room from their own devices, score at once, survive a dropped network and submit', async ({
  page: lead,
  browser,
}, testInfo: TestInfo) => {
  test.setTimeout(300_000);
  const caseId = await createCase(lead, app.url, 'Harbourside Peer Network (fictional)');
  const { memberIds } = await openScoringWith(lead, caseId, MEMBERS);
  await api(lead, 'evidence.add', {
    caseId,
    evidence: {
      title: 'Co-written support plans (fictional)',
      kind: 'document',
      source: 'Service user forum',
      date: null,
      criteria: ['S1.1'],
      consent: 'given',
      quote: QUOTE,
      notes: '',
    },
  });
  const opened = (await api(lead, 'room.open', { caseId })) as RoomState;
  const link = opened.link ?? '';
  expect(link).toMatch(new RegExp(`^http://${ROOM_ADDRESS.replace(/\./g, '\\.')}:\\d+/#room=[\\w-]{43}$`));

  // Without the secret: only the plain words.
  const stranger = await memberPage(browser, false);
  await stranger.page.goto(opened.address ?? '');
  await expect(
    stranger.page.getByText('To join, ask the lead assessor for the room’s QR code'),
  ).toBeVisible();
  await checkScreen(stranger.page, testInfo, 'room: no secret');
  await stranger.context.close();

  const [sam, jo, kim] = await Promise.all([
    memberPage(browser, true),
    memberPage(browser, false),
    memberPage(browser, false),
  ]);
  const requests: string[] = [];
  for (const device of [sam!, jo!, kim!])
    device.page.on('request', (request) => requests.push(request.url()));

  await sam!.page.goto(link);
  await expect(sam!.page.getByRole('heading', { level: 1, name: 'Who is using the app now?' })).toBeVisible();
  await checkScreen(sam!.page, testInfo, 'room: sign in (phone)');
  await Promise.all([
    joinAndSignIn(sam!.page, link, MEMBERS[0]),
    joinAndSignIn(jo!.page, link, MEMBERS[1]),
    joinAndSignIn(kim!.page, link, MEMBERS[2]),
  ]);
  for (const device of [sam!, jo!, kim!]) {
    await expect(device.page.getByRole('heading', { level: 1, name: 'Scoring' })).toBeVisible();
  }
  await checkScreen(sam!.page, testInfo, 'room: scoring (phone)');

  // The member's other pages, on the phone.
  const nav = sam!.page.getByRole('navigation', { name: 'Panel room' });
  await nav.getByRole('button', { name: 'Conflicts of interest' }).click();
  await expect(sam!.page.getByRole('heading', { level: 1, name: 'Conflicts of interest' })).toBeVisible();
  await checkScreen(sam!.page, testInfo, 'room: conflicts (phone)');
  await nav.getByRole('button', { name: 'The standard' }).click();
  await expect(sam!.page.getByRole('heading', { level: 1, name: 'The standard' })).toBeVisible();
  await checkScreen(sam!.page, testInfo, 'room: standard (phone)');
  await nav.getByRole('button', { name: 'Evidence' }).click();
  await expect(sam!.page.getByText(QUOTE)).toBeVisible();
  await expect(sam!.page.getByText(/Consent given: The quote may appear in the report/)).toBeVisible();
  await checkScreen(sam!.page, testInfo, 'room: evidence (phone)');
  await nav.getByRole('button', { name: 'Score' }).click();
  await expect(sam!.page.getByRole('heading', { level: 1, name: 'Scoring' })).toBeVisible();
  // Nothing is wider than the phone's 320 px screen.
  expect(await sam!.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

  // All three score at once; Jo's network drops after two criteria and comes back after two more.
  const joOffline = async () => {
    await scoreAll(jo!.page, 'Jo', 0, 2);
    // Both answers are in the case file before the network drops (the lead's roster counts them).
    await expect
      .poll(
        async () =>
          (await roomState(lead, caseId)).progress.find((p) => p.memberName === MEMBERS[1].name)?.scoredCount,
      )
      .toBe(2);
    await jo!.context.setOffline(true);
    await scoreAll(jo!.page, 'Jo', 2, 4);
    await expect(
      jo!.page.getByText(/kept on this device — will send when the room is back/i).first(),
    ).toBeVisible();
    // While its answer is only on the phone, no criterion says it is saved (walk 7, F4).
    await expect(jo!.page.getByRole('status').filter({ hasText: /^\W*Saved$/ })).toHaveCount(0);
    await checkScreen(jo!.page, testInfo, 'room: kept on this phone');
    await jo!.context.setOffline(false);
    await expect(jo!.page.getByText(/kept on this device/i)).toHaveCount(0, { timeout: 20_000 });
    await scoreAll(jo!.page, 'Jo', 4);
  };
  await Promise.all([scoreAll(sam!.page, 'Sam'), joOffline(), scoreAll(kim!.page, 'Kim')]);

  // Before anyone submits, the lead sees progress and no scores; every answer is in, none twice.
  const before = await roomState(lead, caseId);
  for (const member of MEMBERS) {
    expect(before.progress.find((p) => p.memberName === member.name)?.scoredCount).toBe(CRITERIA_COUNT);
  }
  expect(JSON.stringify(before)).not.toMatch(/reason \d/);

  await Promise.all([submit(sam!.page), submit(jo!.page), submit(kim!.page)]);
  await checkScreen(sam!.page, testInfo, 'room: submitted (phone)');
  const after = await roomState(lead, caseId);
  expect(
    after.progress.filter((p) => MEMBERS.some((m) => m.name === p.memberName)).every((p) => p.submitted),
  ).toBe(true);

  // Kim picks up another device: the first is signed out, with a message on both.
  const kimAgain = await memberPage(browser, true);
  await joinAndSignIn(kimAgain.page, link, MEMBERS[2]);
  await expect(kimAgain.page.getByRole('alert')).toContainText('You were signed out on your other device');
  await expect(kim!.page.getByRole('alert')).toContainText(
    'you signed in on another device, so you have been signed out here',
    {
      timeout: 20_000,
    },
  );
  await expect(kim!.page.getByRole('heading', { level: 1, name: 'Who is using the app now?' })).toBeVisible();
  await checkScreen(kim!.page, testInfo, 'room: signed out by another device');

  // The lead scores on their own computer and submits; moderation opens.
  await scoreSheet(lead, caseId, {});
  await api(lead, 'moderation.open', { caseId });
  // Every one of Jo's answers is in the case file once, the two kept on the phone included.
  const view = (await api(lead, 'moderation.view', { caseId })) as {
    reasoning: { memberName: string; criterionId: string; rationale: string }[];
  };
  const jos = view.reasoning.filter((entry) => entry.memberName === MEMBERS[1].name);
  expect(jos.map((entry) => entry.rationale).sort()).toEqual(
    Array.from({ length: CRITERIA_COUNT }, (_, index) => `Jo reason ${index + 1}`).sort(),
  );
  expect(new Set(jos.map((entry) => entry.criterionId)).size).toBe(CRITERIA_COUNT);
  // The lead records the agreed score for S1.1; Sam disagrees, from his phone.
  await api(lead, 'moderation.agree', {
    caseId,
    criterionId: 'S1.1',
    score: 2,
    rationale: 'The panel agreed (fictional).',
  });
  // Sam's page, still on his submitted sheet, follows the stage: no longer "sealed until moderation".
  await expect(
    sam!.page.getByRole('heading', { level: 1, name: 'Your score sheet is submitted' }),
  ).toBeVisible();
  await expect(sam!.page.getByRole('status').filter({ hasText: 'Moderation has opened' })).toBeVisible({
    timeout: 20_000,
  });
  await expect(
    sam!.page.getByText('nobody else sees them until the lead assessor opens moderation'),
  ).toHaveCount(0);
  await sam!.page
    .getByRole('navigation', { name: 'Panel room' })
    .getByRole('button', { name: 'Moderation' })
    .click({
      timeout: 20_000,
    });
  await expect(sam!.page.getByRole('heading', { level: 1, name: /Moderation/ })).toBeVisible();
  await checkScreen(sam!.page, testInfo, 'room: moderation (phone)');
  await sam!.page.getByRole('button', { name: 'Discuss S1.1' }).click();
  // At 200 % on the phone (180 CSS pixels wide) the dot plot is scaled to the width: nothing runs
  // off the right edge and the page does not scroll sideways.
  const phoneSize = sam!.page.viewportSize()!;
  await sam!.page.setViewportSize({ width: 180, height: 370 });
  const plot = sam!.page.locator('.discussion-plot .dot-plot');
  await expect(plot).toBeVisible();
  expect((await plot.boundingBox())!.x + (await plot.boundingBox())!.width).toBeLessThanOrEqual(180);
  expect(await sam!.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(180);
  await checkScreen(sam!.page, testInfo, 'room: moderation plot at 200 % (phone)');
  await sam!.page.setViewportSize(phoneSize);
  await sam!.page.getByRole('textbox', { name: /^I disagree — my note/ }).fill('Sam’s dissent (fictional)');
  await sam!.page.getByRole('button', { name: 'Add my note' }).click();
  await expect(sam!.page.getByText('Your note is added.')).toBeVisible();
  const moderated = (await api(lead, 'moderation.view', { caseId })) as {
    dissent: { criterionId: string; text: string }[];
  };
  expect(moderated.dissent).toEqual([
    expect.objectContaining({ criterionId: 'S1.1', text: 'Sam’s dissent (fictional)' }),
  ]);

  // The lead resets Kim's PIN during moderation: she chooses her own on her device (the lead never learns it).
  const KIM_GIVEN = '1122';
  await api(lead, 'panel.setPin', {
    caseId,
    memberId: memberIds[2],
    pin: KIM_GIVEN,
    reason: 'Forgotten (fictional)',
  });
  await kimAgain.page.getByRole('button', { name: 'Sign out' }).click();
  await joinAndSignIn(kimAgain.page, link, { name: MEMBERS[2].name, pin: KIM_GIVEN });
  await expect(kimAgain.page.getByRole('heading', { level: 1, name: 'Choose your own PIN' })).toBeVisible();
  await checkScreen(kimAgain.page, testInfo, 'room: choose your own PIN (phone)');
  await kimAgain.page.getByLabel(/^Your own PIN/).fill('5566');
  await kimAgain.page.getByRole('button', { name: 'Save my PIN and sign in' }).click();
  await expect(kimAgain.page.getByRole('heading', { level: 1, name: /Moderation/ })).toBeVisible();

  // Every request the member pages made went to the room, nowhere else (and never to the lead's host).
  const roomOrigin = new URL(link).origin;
  expect(requests.filter((url) => /^https?:/.test(url) && !url.startsWith(`${roomOrigin}/`))).toEqual([]);

  for (const device of [sam!, jo!, kim!, kimAgain]) await device.context.close();
});

test('words typed on a phone and reloaded at once are kept on the phone, shown again and then saved', async ({
  page: lead,
  browser,
}, testInfo: TestInfo) => {
  test.setTimeout(120_000);
  const member = { name: 'Rae Quinn (fictional)', pin: '5317' };
  const caseId = await createCase(lead, app.url, 'Eastgate Hearing Voices Group (fictional)');
  await openScoringWith(lead, caseId, [member]);
  const { link } = (await api(lead, 'room.open', { caseId })) as RoomState;
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
  });
  const phone = await context.newPage();
  // Leaving with words not yet saved asks first; the member says yes, as they would on a real reload.
  phone.on('dialog', (dialog) => void dialog.accept());
  await joinAndSignIn(phone, link ?? '', member);
  await expect(phone.getByRole('heading', { level: 1, name: 'Scoring' })).toBeVisible();
  await phone.evaluate(() => (document.documentElement.dataset.textSize = 'largest'));
  const reason = phone.getByRole('textbox', { name: /^Why did you choose this\?/ });
  const words = 'Members chaired every meeting and set the agenda (fictional, typed just before a reload).';
  await reason.fill(words);
  // At once, well inside the pause after typing that an answer waits before it is sent.
  await phone.reload();
  await expect(phone.getByRole('heading', { level: 1, name: 'Scoring' })).toBeVisible();
  await expect(reason).toHaveValue(words);
  // Sent to the room, and nothing is left waiting on the phone.
  await expect(phone.getByText(/kept on this device/i)).toHaveCount(0, { timeout: 20_000 });
  await expect
    .poll(() => phone.evaluate(() => sessionStorage.getItem('copanel-room-kept')), { timeout: 20_000 })
    .toBeNull();
  await checkScreen(phone, testInfo, 'room: words back after a reload (phone)');
  // Reloaded again with nothing kept on the phone: the words now come from the case file.
  await phone.reload();
  await expect(reason).toHaveValue(words);
  await context.close();
});

test('offline, a score chosen on a phone says it is kept on the device, never “Saved”, until the room has it (walk 7, F4)', async ({
  page: lead,
  browser,
}, testInfo: TestInfo) => {
  test.setTimeout(120_000);
  const member = { name: 'Mali Evans (fictional)', pin: '4826' };
  const caseId = await createCase(lead, app.url, 'Northgate Peer Voices (fictional)');
  await openScoringWith(lead, caseId, [member]);
  const { link } = (await api(lead, 'room.open', { caseId })) as RoomState;
  const { context, page: phone } = await memberPage(browser, true);
  await joinAndSignIn(phone, link ?? '', member);
  await expect(phone.getByRole('heading', { level: 1, name: 'Scoring' })).toBeVisible();

  await context.setOffline(true);
  await choose(phone.getByRole('radiogroup', { name: /^Your score for S1\.1/ }), 'Level 2 met');
  const saveStatus = phone.locator('.save-status').getByRole('status');
  await expect(saveStatus).toHaveText('Kept on this device — will send when the room is back.');
  await expect(phone.getByText(/^No connection to the room\. 1 answer kept on this device/)).toBeVisible();
  await checkScreen(phone, testInfo, 'room: score kept offline (phone)');
  // Still kept, and never “Saved”, while the room cannot be reached (it tries again by itself).
  await phone.waitForTimeout(4_000);
  await expect(saveStatus).not.toContainText('Saved');

  await context.setOffline(false);
  await expect(saveStatus).toHaveText(/^\W*Saved$/, { timeout: 20_000 });
  const progress = (await roomState(lead, caseId)).progress;
  expect(progress.find((p) => p.memberName === member.name)?.scoredCount).toBe(1);
  await context.close();
});

test('a member who forgot their PIN asks from their phone, the lead confirms by keyboard, and the member carries on', async ({
  page: lead,
  browser,
}, testInfo: TestInfo) => {
  test.setTimeout(180_000);
  const member = { name: 'Ash Meadows (fictional)', pin: '4826' };
  const caseId = await createCase(lead, app.url, 'Northgate Carers Forum (fictional)');
  await openScoringWith(lead, caseId, [member]);
  await lead.reload();
  await goToStage(lead, 'Scoring');
  await lead.getByRole('button', { name: 'Panel room', exact: true }).click();
  await lead.getByRole('button', { name: 'Open the panel room' }).click();
  await lead.getByText('No camera? Show the link to type').click();
  const link = (await lead.getByTestId('room-link').textContent()) ?? '';

  const { context, page: phone } = await memberPage(browser, true);
  await joinAndSignIn(phone, link, member);
  await expect(phone.getByRole('heading', { level: 1, name: 'Scoring' })).toBeVisible();
  const reason = 'Ash’s own reason, sealed (fictional)';
  await scoreShowing(phone, reason, false);
  await expect
    .poll(
      async () =>
        (await roomState(lead, caseId)).progress.find((p) => p.memberName === member.name)?.scoredCount,
    )
    .toBe(1);
  await phone.getByRole('button', { name: 'Sign out' }).click();

  // Ash has forgotten the PIN: this phone holds the room's secret for Ash, so it offers a reset.
  await choose(phone.getByRole('radiogroup', { name: /Your name/ }), /Ash Meadows/);
  await checkScreen(phone, testInfo, 'room: PIN step with forgotten PIN (phone)');
  await phone.getByRole('button', { name: 'Forgotten your PIN?' }).click();
  await expect(phone.getByRole('heading', { level: 1, name: 'Forgotten your PIN?' })).toBeVisible();
  await phone.getByRole('button', { name: 'Ask the lead assessor' }).click();
  await expect(
    phone.getByRole('heading', { level: 1, name: 'Waiting for the lead assessor to confirm' }),
  ).toBeVisible();
  await checkScreen(phone, testInfo, 'room: waiting for the lead to confirm (phone)');

  // Another device, which never had the secret, is told to ask the lead, and why.
  const other = await memberPage(browser, false);
  await other.page.goto(link);
  await choose(other.page.getByRole('radiogroup', { name: /Your name/ }), /Ash Meadows/);
  await expect(other.page.getByText(/only on the device you last signed in on in this room/)).toBeVisible();
  await expect(other.page.getByRole('button', { name: 'Forgotten your PIN?' })).toHaveCount(0);
  await checkScreen(other.page, testInfo, 'room: PIN step on a device without the secret');

  // The lead sees the request and confirms it by keyboard, with a reason.
  const asking = lead.getByRole('region', { name: 'Forgotten PINs' });
  await expect(asking).toContainText(`${member.name} asks to reset their PIN from their phone`);
  await checkScreen(lead, testInfo, 'panel room, a member asks for a new PIN');
  await asking.getByRole('button', { name: `Confirm for ${member.name}` }).focus();
  await lead.keyboard.press('Enter');
  const question = lead.getByRole('dialog', { name: `Let ${member.name} choose a new PIN?` });
  await expect(question.getByRole('textbox', { name: /Reason/ })).toBeFocused();
  await checkScreen(lead, testInfo, 'panel room, confirming a new PIN');
  await lead.keyboard.type('Ash is here and asked me in person.');
  await lead.keyboard.press('Enter');
  await expect(question).toBeHidden();
  await expect(asking).toHaveCount(0);

  // Ash chooses the new PIN on the phone, is signed in, and carries on with the same sheet.
  await expect(phone.getByRole('heading', { level: 1, name: 'Choose a new PIN' })).toBeVisible({
    timeout: 15_000,
  });
  await checkScreen(phone, testInfo, 'room: choose a new PIN (phone)');
  await phone.getByLabel(/^Your new PIN/).fill('7391');
  await phone.getByRole('button', { name: 'Save my new PIN and sign in' }).click();
  await expect(phone.getByRole('heading', { level: 1, name: 'Scoring' })).toBeVisible();
  await phone.getByRole('button', { name: 'Sign out' }).click();
  await joinAndSignIn(phone, link, { ...member, pin: '7391' });
  await expect(phone.getByRole('heading', { level: 1, name: 'Scoring' })).toBeVisible();
  // What Ash saved before is still Ash's.
  expect(
    (await roomState(lead, caseId)).progress.find((p) => p.memberName === member.name)?.scoredCount,
  ).toBe(1);
  expect(await api(lead, 'panel.pinResetRequests', { caseId })).toEqual([]);
  await other.context.close();
  await context.close();
});

test('the room opens before scoring: a member chooses their own PIN and declares on their phone, and scores once the lead opens scoring', async ({
  page: lead,
  browser,
}, testInfo: TestInfo) => {
  test.setTimeout(240_000);
  const member = { name: 'Efa Morgan (fictional)', pin: '4826' };
  const caseId = await createCase(lead, app.url, 'Valleys Peer Voices (fictional)');
  const { signedIn } = (await api(lead, 'case.get', { caseId })) as { signedIn: { memberId: string } };
  await api(lead, 'panel.declareConflict', {
    caseId,
    memberId: signedIn.memberId,
    declaration: { kind: 'none' },
  });
  const { id: memberId } = (await api(lead, 'panel.addMember', {
    caseId,
    name: member.name,
    role: 'assessor',
    consentToBeNamed: true,
    pin: givenPinFor(member.pin),
  })) as { id: string };

  // The lead opens the room from Scoring while scoring waits for the member's declaration.
  await lead.reload();
  await goToStage(lead, 'Scoring');
  await expect(lead.getByText('Scoring has not opened yet.')).toBeVisible();
  await lead.getByRole('button', { name: 'Panel room', exact: true }).click();
  await lead.getByRole('button', { name: 'Open the panel room' }).click();
  await expect(lead.getByRole('status').filter({ hasText: 'The room is open on' })).toBeVisible();
  const row = lead
    .getByRole('table', { name: /The panel in the room/ })
    .getByRole('row')
    .filter({ has: lead.getByRole('rowheader', { name: member.name }) });
  await expect(row).toContainText('Not said yet');
  await checkScreen(lead, testInfo, 'panel room before scoring');
  const link = ((await api(lead, 'room.state', { caseId })) as RoomState).link ?? '';

  // On the member's own phone: the lead's one-time PIN, then their own, then the declaration.
  const phone = await memberPage(browser, true);
  await joinAndSignIn(phone.page, link, { name: member.name, pin: givenPinFor(member.pin) });
  await expect(phone.page.getByRole('heading', { level: 1, name: 'Choose your own PIN' })).toBeVisible();
  await phone.page.getByLabel(/^Your own PIN/).fill(member.pin);
  await phone.page.getByRole('button', { name: 'Save my PIN and sign in' }).click();
  await expect(phone.page.getByRole('heading', { level: 1, name: 'Conflicts of interest' })).toBeVisible();
  await choose(
    phone.page.getByRole('radiogroup', { name: 'Do you have a conflict of interest?' }),
    'No, I have no conflict of interest',
  );
  await phone.page.getByRole('button', { name: 'Save my declaration' }).click();
  await expect(phone.page.getByRole('heading', { level: 1, name: 'Scoring' })).toBeVisible();
  await expect(phone.page.getByText(SCORING_NOT_OPEN_YET)).toBeVisible();
  await checkScreen(phone.page, testInfo, 'room: scoring not open yet (phone)');
  await expect(row).toContainText('No conflict');
  await expect(row).toContainText('Phone');

  // The lead opens scoring; the phone moves on to the score sheet by itself (no reload).
  await lead.getByRole('button', { name: 'Back to scoring' }).click();
  await lead.getByRole('button', { name: 'Open scoring', exact: true }).click();
  await expect(phone.page.getByRole('radiogroup', { name: /^Your score for S1\.1/ })).toBeVisible();
  await scoreShowing(phone.page, 'Seen in the minutes (fictional)', false);
  await expect
    .poll(async () => {
      const panel = (await api(lead, 'panel.list', { caseId })) as PanelMember[];
      return panel.find((m) => m.id === memberId)?.sheet.scoredCount;
    })
    .toBe(1);
  await phone.context.close();
});

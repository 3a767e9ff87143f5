import { deflateSync } from 'node:zlib';
import type { Page, TestInfo } from '@playwright/test';
import { startBrowserMode, type RunningBrowserMode } from '../support/browser-mode';
import { expect, test } from './fixtures';
import { api, checkScreen, choose, createCase, openScoringWith } from './support';

/**
 * A member opens the evidence's attachments, view only, on a phone in the panel room: a picture
 * (several parts, each its own sealed call) with progress, plain text as text, a PDF drawn page
 * by page by pdf.js (and a broken PDF with a plain message), and a Word file that only opens on the lead's computer. The network drops
 * while opening: a plain error and "Try again". Closing frees the picture's blob: address.
 */

const ROOM_ADDRESS = '127.0.0.2';
const MEMBER = { name: 'Sam Rivers (fictional)', pin: '2468' };
const TEXT_MARKER = 'Carers met every Tuesday and chose the agenda themselves (fictional).';
const PDF_PAGES = [
  'Forum minutes, page one (fictional)',
  'Forum minutes, page two (fictional)',
  'Forum minutes, page three (fictional)',
];

let app: RunningBrowserMode;

test.beforeAll(async () => {
  app = await startBrowserMode([], { env: { COPANEL_ROOM_ADDRESS: ROOM_ADDRESS } });
});
test.afterAll(async () => {
  await app.stop();
});

/** A real PNG of random pixels (so it does not compress): about 270 KB, three parts on the wire. */
function noisyPng(width: number, height: number): Buffer {
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let i = 0; i < rows.length; i += 1) rows[i] = i % (width * 3 + 1) === 0 ? 0 : (i * 7919) % 251;
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 0 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A PDF with one line of text on each page (Helvetica, not embedded: drawn with the device's own font). */
function pdfWithPages(lines: readonly string[]): Buffer {
  const font = 3 + lines.length * 2;
  const kids = lines.map((_, index) => `${3 + index * 2} 0 R`).join(' ');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${lines.length} >>`,
    ...lines.flatMap((line, index) => {
      const content = `BT /F1 14 Tf 20 100 Td (${line}) Tj ET`;
      return [
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents ${4 + index * 2} 0 R /Resources << /Font << /F1 ${font} 0 R >> >> >>`,
        `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
      ];
    }),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(pdf.length);
    pdf += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** Attaches a file to an evidence item, as the lead's page uploads it. */
async function attach(
  page: Page,
  caseId: string,
  evidenceId: string,
  fileName: string,
  type: string,
  bytes: Buffer,
) {
  const answer = await page.evaluate(
    async ({ caseId, evidenceId, fileName, type, data }) => {
      const body = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const response = await fetch('/upload/evidence.attach', {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${sessionStorage.getItem('copanel.launchToken')}`,
          'Content-Type': type,
          'X-Copanel-Input': encodeURIComponent(
            JSON.stringify({ caseId, evidenceId, fileName, mediaType: type, sizeBytes: body.length }),
          ),
        },
        body,
      });
      return response.text();
    },
    { caseId, evidenceId, fileName, type, data: bytes.toString('base64') },
  );
  expect(JSON.parse(answer)).toMatchObject({ ok: true });
}

test('a member opens a picture, a PDF and a text file, view only, on a phone; the network drops and Try again works', async ({
  page: lead,
  browser,
}, testInfo: TestInfo) => {
  test.setTimeout(180_000);
  const caseId = await createCase(lead, app.url, 'Quayside Recovery College (fictional)');
  await openScoringWith(lead, caseId, [MEMBER]);
  const evidence = (await api(lead, 'evidence.add', {
    caseId,
    evidence: {
      title: 'Carers’ forum (fictional)',
      kind: 'document',
      source: 'Carers’ forum',
      date: null,
      criteria: ['S2.1'],
      consent: 'not_needed',
      quote: '',
      notes: '',
    },
  })) as { id: string };
  const picture = noisyPng(300, 300);
  await attach(lead, caseId, evidence.id, 'forum-wall.png', 'image/png', picture);
  await attach(lead, caseId, evidence.id, 'forum-notes.txt', 'text/plain', Buffer.from(`${TEXT_MARKER}\n`));
  await attach(lead, caseId, evidence.id, 'forum-minutes.pdf', 'application/pdf', pdfWithPages(PDF_PAGES));
  // Hostile: a PDF cut off half way, with garbage where its objects and table should be.
  const broken = Buffer.concat([
    pdfWithPages(PDF_PAGES).subarray(0, 200),
    Buffer.from('\u0000garbage obj << /Kids [9 9 R', 'latin1'),
  ]);
  await attach(lead, caseId, evidence.id, 'broken.pdf', 'application/pdf', broken);
  await attach(
    lead,
    caseId,
    evidence.id,
    'terms.docx',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    Buffer.from('not really a Word file'),
  );
  const { link } = (await api(lead, 'room.open', { caseId })) as { link: string };

  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
  });
  const phone = await context.newPage();
  const calls: number[] = [];
  phone.on('request', (request) => {
    if (request.url().endsWith('/room/call')) calls.push(request.postDataBuffer()?.length ?? 0);
  });
  await phone.goto(link);
  await choose(phone.getByRole('radiogroup', { name: /Your name/ }), /Sam Rivers/);
  await phone.getByLabel(/^PIN/).fill(MEMBER.pin);
  await phone.getByRole('button', { name: 'Sign in' }).click();
  await phone
    .getByRole('navigation', { name: 'Panel room' })
    .getByRole('button', { name: 'Evidence' })
    .click();
  await expect(
    phone.getByText(/pictures, PDFs and plain-text files of up to 20 MB here, to look at only/),
  ).toBeVisible();
  // A Word file says where it opens, and offers nothing to press.
  await expect(
    phone.getByText(/terms\.docx .* This file can only be opened on the lead’s computer\./),
  ).toBeVisible();
  await expect(phone.getByRole('button', { name: /terms\.docx/ })).toHaveCount(0);
  await checkScreen(phone, testInfo, 'room: evidence with attachments (phone)');

  // The network drops as the picture is asked for: a plain error and Try again.
  await context.setOffline(true);
  await phone.getByRole('button', { name: 'Open forum-wall.png to look at it' }).click();
  const failed = phone.getByRole('alert').filter({ hasText: 'forum-wall.png did not open' });
  await expect(failed).toContainText('cannot reach the panel room');
  await checkScreen(phone, testInfo, 'room: attachment did not open (phone)');
  await context.setOffline(false);
  const before = calls.length;
  await phone.getByRole('button', { name: 'Try again' }).click();
  const shownPicture = phone.getByRole('img', { name: 'Picture from the evidence: forum-wall.png' });
  await expect(shownPicture).toBeVisible();
  expect(await shownPicture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(300);
  // Three parts or more, each its own call.
  expect(calls.length - before).toBeGreaterThanOrEqual(3);
  await expect(phone.getByRole('heading', { name: 'forum-wall.png (view only)' })).toBeFocused();
  // View only: nothing to download or save.
  await expect(phone.getByRole('link', { name: /download|save/i })).toHaveCount(0);
  await expect(phone.getByRole('button', { name: /download|save/i })).toHaveCount(0);
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await checkScreen(phone, testInfo, 'room: picture open (phone)');

  // Closing gives the focus back and frees the picture's blob: address.
  const blobUrl = (await shownPicture.getAttribute('src')) ?? '';
  expect(blobUrl).toMatch(/^blob:/);
  await phone.getByRole('button', { name: 'Close forum-wall.png' }).click();
  await expect(phone.getByRole('button', { name: 'Open forum-wall.png to look at it' })).toBeFocused();
  expect(
    await phone.evaluate(async (url) => {
      try {
        await fetch(url);
        return 'still there';
      } catch {
        return 'revoked';
      }
    }, blobUrl),
  ).toBe('revoked');

  // Text is shown as text.
  await phone.getByRole('button', { name: 'Open forum-notes.txt to look at it' }).click();
  await expect(phone.getByText(TEXT_MARKER)).toBeVisible();
  await checkScreen(phone, testInfo, 'room: text open (phone)');
  await phone.getByRole('button', { name: 'Close forum-notes.txt' }).click();

  // A PDF is drawn in the page by pdf.js, one page at a time, at the largest text size.
  const policyBreaches: string[] = [];
  phone.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) policyBreaches.push(message.text());
  });
  await phone.evaluate(() => (document.documentElement.dataset.textSize = 'largest'));
  await phone.getByRole('button', { name: 'Open forum-minutes.pdf to look at it' }).click();
  await expect(phone.getByText('Page 1 of 3')).toBeVisible();
  const pdfPage = phone.getByRole('group', { name: /forum-minutes\.pdf, page 1 of 3/ });
  await expect(pdfPage.locator('canvas')).toBeVisible();
  await expect(phone.getByRole('region', { name: 'Text of page 1' })).toHaveText(PDF_PAGES[0]!);
  await expect(phone.locator('object, embed, iframe')).toHaveCount(0);
  // Something was drawn: the canvas is not blank.
  const inked = () =>
    pdfPage.locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! < 128 && data[i + 3]! > 0) dark += 1;
      return dark;
    });
  expect(await inked()).toBeGreaterThan(50);
  const previous = phone.getByRole('button', { name: 'Previous page' });
  const next = phone.getByRole('button', { name: 'Next page' });
  await expect(previous).toBeDisabled();
  for (const target of [previous, next, phone.getByRole('button', { name: 'Zoom in' })]) {
    const box = (await target.boundingBox())!;
    expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);
  }
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await checkScreen(phone, testInfo, 'room: PDF open, page 1 (phone)');
  await next.click();
  await expect(phone.getByText('Page 2 of 3')).toBeVisible();
  await expect(phone.getByRole('region', { name: 'Text of page 2' })).toHaveText(PDF_PAGES[1]!);
  // Only the page on screen is drawn: one canvas, whatever the number of pages.
  await expect(phone.locator('canvas')).toHaveCount(1);
  // The keyboard turns pages too.
  await phone.getByRole('group', { name: /forum-minutes\.pdf, page 2 of 3/ }).press('ArrowRight');
  await expect(phone.getByText('Page 3 of 3')).toBeVisible();
  await expect(next).toBeDisabled();
  await phone.getByRole('group', { name: /page 3 of 3/ }).press('ArrowLeft');
  await expect(phone.getByText('Page 2 of 3')).toBeVisible();
  const canvasWidth = async () => (await phone.locator('canvas').boundingBox())!.width;
  const fittedWidth = await canvasWidth();
  // Turned sideways, the page is drawn again to the wider screen; turned back, to the narrow one.
  await phone.setViewportSize({ width: 740, height: 360 });
  await expect.poll(canvasWidth).toBeGreaterThan(fittedWidth * 1.5);
  await phone.setViewportSize({ width: 360, height: 740 });
  await expect.poll(canvasWidth).toBeLessThanOrEqual(fittedWidth + 1);
  // Zooming in draws the page larger, inside its own frame (the page itself stays phone-wide).
  await phone.getByRole('button', { name: 'Zoom in' }).click();
  await expect(phone.getByRole('group', { name: /at 150%/ })).toBeVisible();
  await expect.poll(canvasWidth).toBeGreaterThan(fittedWidth * 1.4);
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await checkScreen(phone, testInfo, 'room: PDF open, page 2 zoomed (phone)');
  await phone.getByRole('button', { name: 'Close forum-minutes.pdf' }).click();

  // A PDF pdf.js cannot read: a plain message, no parser's words.
  await phone.getByRole('button', { name: 'Open broken.pdf to look at it' }).click();
  const notShown = phone.getByRole('alert').filter({ hasText: 'broken.pdf did not open' });
  await expect(notShown).toContainText('This PDF could not be shown on this device.');
  await expect(notShown).not.toContainText(/Error|exception|at \w+ \(/);
  await checkScreen(phone, testInfo, 'room: PDF that could not be shown (phone)');
  expect(policyBreaches).toEqual([]);
  await context.close();
});

/**
 * Every target on the member's page (buttons, links, choices, fields) at least 44 CSS pixels each
 * way, and nothing cut off: no sideways scrolling, nothing past the right edge. Hidden inputs
 * behind a visible label are measured by their label.
 */
async function expectTargetsAndFit(page: Page, where: string): Promise<void> {
  const problems = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    if (document.documentElement.scrollWidth > width) {
      // Said by the innermost elements that stick out, so the cause is plain.
      const out = Array.from(document.querySelectorAll<HTMLElement>('body *')).filter(
        (element) => element.getBoundingClientRect().right > width + 1,
      );
      // Words that run out of their box stick out too, though the box does not.
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(node);
        if (range.getBoundingClientRect().right > width + 1 && node.parentElement)
          out.push(node.parentElement);
      }
      const innermost = out.filter(
        (element) => !out.some((other) => other !== element && element.contains(other)),
      );
      found.push(
        `the page scrolls sideways (${document.documentElement.scrollWidth} > ${width}): ${innermost
          .slice(0, 5)
          .map(
            (element) =>
              `${element.tagName.toLowerCase()}.${element.className} “${(element.textContent ?? '').trim().slice(0, 30)}”`,
          )
          .join('; ')}`,
      );
    }
    const targets = document.querySelectorAll<HTMLElement>(
      'button, a[href], summary, select, textarea, input:not([type="radio"]):not([type="checkbox"]), label:has(input[type="radio"], input[type="checkbox"])',
    );
    for (const target of Array.from(targets)) {
      const box = target.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (target.closest('.visually-hidden, [hidden], [aria-hidden="true"]')) continue;
      const name = `${target.tagName.toLowerCase()} “${(target.textContent ?? target.getAttribute('aria-label') ?? '').trim().slice(0, 40)}”`;
      if (box.height < 44 || box.width < 44)
        found.push(`${name} is ${Math.round(box.width)}×${Math.round(box.height)}`);
      if (box.right > width + 1 || box.left < -1) found.push(`${name} runs off the screen`);
    }
    return found;
  });
  expect(problems, where).toEqual([]);
}

test('at 360×740 with 200 % zoom and the largest text, the score form, a PDF and the closed room fit, with 44 px targets', async ({
  page: lead,
  browser,
}, testInfo: TestInfo) => {
  test.setTimeout(180_000);
  const caseId = await createCase(lead, app.url, 'Millbrook Peer Support (fictional)');
  await openScoringWith(lead, caseId, [MEMBER]);
  const evidence = (await api(lead, 'evidence.add', {
    caseId,
    evidence: {
      title: 'Peer forum minutes (fictional)',
      kind: 'document',
      source: 'Peer forum',
      date: null,
      criteria: ['S1.1'],
      consent: 'not_needed',
      quote: '',
      notes: '',
    },
  })) as { id: string };
  await attach(lead, caseId, evidence.id, 'peer-minutes.pdf', 'application/pdf', pdfWithPages(PDF_PAGES));
  const { link } = (await api(lead, 'room.open', { caseId })) as { link: string };

  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
  });
  const phone = await context.newPage();
  await phone.goto(link);
  // The largest text, chosen on the phone as a member would.
  await phone.getByText('Text size and contrast').click();
  await choose(phone.getByRole('radiogroup', { name: 'Text size' }), 'Largest');
  await expect(phone.locator('html')).toHaveAttribute('data-text-size', 'largest');
  // 200 % zoom on a 360×740 phone: 180×370 CSS pixels.
  await phone.setViewportSize({ width: 180, height: 370 });
  await expectTargetsAndFit(phone, 'sign in');
  await choose(phone.getByRole('radiogroup', { name: /Your name/ }), /Sam Rivers/);
  await phone.getByLabel(/^PIN/).fill(MEMBER.pin);
  await phone.getByRole('button', { name: 'Sign in' }).click();

  await expect(phone.getByRole('heading', { level: 1, name: 'Scoring' })).toBeVisible();
  await expectTargetsAndFit(phone, 'score form');
  await checkScreen(phone, testInfo, 'room: score form at 200 %, largest text');

  await phone
    .getByRole('navigation', { name: 'Panel room' })
    .getByRole('button', { name: 'Evidence' })
    .click();
  await phone.getByRole('button', { name: 'Open peer-minutes.pdf to look at it' }).click();
  await expect(phone.getByText('Page 1 of 3')).toBeVisible();
  await expectTargetsAndFit(phone, 'PDF viewer');
  await checkScreen(phone, testInfo, 'room: PDF viewer at 200 %, largest text');

  // The lead closes the room: the phone, waiting for the room's word, says so at once and plainly.
  await api(lead, 'room.close', { caseId });
  await expect(phone.getByRole('heading', { level: 1, name: 'The panel room is closed' })).toBeVisible();
  await expect(
    phone.getByText(
      'The lead assessor has closed the panel room. Your saved answers are kept in the case file.',
    ),
  ).toBeVisible();
  await expect(phone.getByText(/cannot be reached|waiting for the network/)).toHaveCount(0);
  await expectTargetsAndFit(phone, 'room closed');
  await checkScreen(phone, testInfo, 'room: closed at 200 %, largest text');
  await context.close();
});

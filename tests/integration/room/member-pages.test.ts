import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CounterWindow, deviceKeyPair } from '../../../src/main/room';
import { RoomClient, RoomUnreachable, type RoomTransport } from '../../../src/shared/room/client';
import { ROOM_PAGE_CSP } from '../../../src/shared/security';
import { call, fetchBytes, makeRoomWorld, PINS, roomCall, type RoomWorld } from './support';

/** A renderer build with the member page, the lead's page, and a file nothing loads. */
function fakeBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'copanel-room-pages-'));
  mkdirSync(join(dir, 'assets'));
  const files: Record<string, string> = {
    'room.html':
      '<!doctype html><title>Panel room</title><p>To join, ask the lead assessor for the room’s QR code.</p>',
    'index.html': '<!doctype html><title>Coproduction Panel</title>',
    'assets/room-a.js': 'console.log("member page")',
    'assets/room-a.css': 'body{}',
    'assets/shared-b.js': 'export const shared = 1',
    'assets/font-c.woff2': 'wOF2',
    'assets/index-d.js': 'console.log("the lead’s screens")',
    'assets/pdf-e.js': 'export const pdfjs = 1',
    'assets/pdf.worker.min-f.mjs': 'self.onmessage = () => {}',
  };
  for (const [path, body] of Object.entries(files)) writeFileSync(join(dir, path), body);
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      'room.html': {
        file: 'assets/room-a.js',
        src: 'room.html',
        isEntry: true,
        imports: ['_shared.js'],
        dynamicImports: ['_pdf.js'],
        css: ['assets/room-a.css'],
      },
      // pdf.js, loaded only when a member opens a PDF, and its worker.
      '_pdf.js': { file: 'assets/pdf-e.js', isDynamicEntry: true, assets: ['assets/pdf.worker.min-f.mjs'] },
      '_shared.js': { file: 'assets/shared-b.js', assets: ['assets/font-c.woff2'] },
      'index.html': { file: 'assets/index-d.js', src: 'index.html', isEntry: true, imports: ['_shared.js'] },
    }),
  );
  return dir;
}

describe('the member pages and a member device’s saves over a flaky network', () => {
  let w: RoomWorld;
  let build: string;
  let link: string;
  let origin: string;

  beforeAll(async () => {
    build = fakeBuild();
    w = await makeRoomWorld('room-pages', { memberPagesDir: build });
    link = (await call(w.lead, 'room.open', { caseId: w.caseId })).link!;
    origin = new URL(link).origin;
  });

  afterAll(async () => {
    await w.rooms.closeAll('app_quit');
    await w.world.cleanup();
    rmSync(build, { recursive: true, force: true });
  });

  it('serves the member page and only the files it loads, under a policy that allows nothing from elsewhere', async () => {
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(ROOM_PAGE_CSP);
    expect(ROOM_PAGE_CSP).toContain("connect-src 'self'");
    expect(ROOM_PAGE_CSP).not.toContain('unsafe');
    // Pictures are shown from blob: addresses; scripts and workers never come from a blob, and no
    // plugin (<object>) runs at all: PDFs are drawn by the page's own pdf.js in its own worker.
    expect(ROOM_PAGE_CSP).toContain("script-src 'self';");
    expect(ROOM_PAGE_CSP).toContain("worker-src 'self';");
    expect(ROOM_PAGE_CSP).toContain("object-src 'none';");
    expect(ROOM_PAGE_CSP.split('; ').filter((source) => source.includes('blob:'))).toEqual([
      "img-src 'self' data: blob:",
    ]);
    expect(await page.text()).toContain('ask the lead assessor for the room’s QR code');
    for (const [path, type] of [
      ['/assets/room-a.js', 'text/javascript; charset=utf-8'],
      ['/assets/room-a.css', 'text/css; charset=utf-8'],
      ['/assets/shared-b.js', 'text/javascript; charset=utf-8'],
      ['/assets/font-c.woff2', 'font/woff2'],
      ['/assets/pdf-e.js', 'text/javascript; charset=utf-8'],
      ['/assets/pdf.worker.min-f.mjs', 'text/javascript; charset=utf-8'],
    ] as const) {
      const file = await fetch(`${origin}${path}`);
      expect(file.status, path).toBe(200);
      expect(file.headers.get('content-type'), path).toBe(type);
    }
    // The lead's own screens, the manifest, and anything by a path of its own are not the room's to serve.
    for (const path of [
      '/assets/index-d.js',
      '/index-d.js',
      '/manifest.json',
      '/assets/index.html',
      '/room.html',
    ]) {
      expect((await fetch(`${origin}${path}`)).status, path).toBe(404);
    }
  });

  it('accepts calls that arrive out of order, refuses the same bytes played again', async () => {
    const sent: { body: Uint8Array; headers: Record<string, string> }[] = [];
    let releaseFirst: () => void = () => undefined;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    let calls = 0;
    const post: RoomTransport = async (url, body, headers) => {
      const index = calls++;
      if (url.endsWith('/room/call')) sent.push({ body, headers });
      // The device's first call after joining is held back until its second has been answered.
      if (index === 1) await firstHeld;
      return fetchBytes(url, body, headers);
    };
    const device = await RoomClient.join(link, 'phone', deviceKeyPair(), post);
    const first = device.call('panel.signInChoices', { caseId: w.caseId });
    const second = await device.call('standard.forCase', { caseId: w.caseId });
    releaseFirst();
    expect(second.result.ok).toBe(true);
    expect((await first).result.ok).toBe(true);
    // Played again exactly as recorded: refused, whichever call it was.
    for (const recorded of sent) {
      await expect(fetchBytes(`${origin}/room/call`, recorded.body, recorded.headers)).rejects.toMatchObject({
        status: 403,
      });
    }
  });

  it('a save whose answer was lost is sent again as a new call, and the case file keeps one answer', async () => {
    let loseNextAnswer = false;
    const post: RoomTransport = async (url, body, headers) => {
      const answer = await fetchBytes(url, body, headers);
      if (loseNextAnswer) {
        loseNextAnswer = false;
        throw new RoomUnreachable();
      }
      return answer;
    };
    const device = await RoomClient.join(link, 'phone', deviceKeyPair(), post);
    await roomCall(device, 'panel.signIn', {
      caseId: w.caseId,
      memberId: w.memberIds.chloe,
      pin: PINS.chloe,
    });
    const answer = {
      caseId: w.caseId,
      criterionId: 'S1.1',
      score: 2,
      rationale: 'Saved once, sent twice',
      evidenceIds: [],
    };
    loseNextAnswer = true;
    await expect(device.call('scoring.saveScore', answer)).rejects.toBeInstanceOf(RoomUnreachable);
    // The room did save it; the device cannot know, so it sends it again, with a new counter.
    await roomCall(device, 'scoring.saveScore', answer);
    const sheet = await roomCall<{
      entries: { criterionId: string; rationale: string; updatedAt: string | null }[];
    }>(device, 'scoring.mySheet', { caseId: w.caseId });
    expect(sheet.entries.filter((entry) => entry.criterionId === 'S1.1' && entry.updatedAt)).toEqual([
      expect.objectContaining({ rationale: 'Saved once, sent twice' }),
    ]);
    const progress = (await call(w.lead, 'room.state', { caseId: w.caseId })).progress;
    expect(progress.find((member) => member.memberName === 'Chloe Davis')?.scoredCount).toBe(1);
  });

  it('keeps unsent answers sealed with the device’s own key, and carries on after a reload', async () => {
    const kept: unknown[] = [];
    const device = await RoomClient.join(link, 'phone', deviceKeyPair(), undefined, (state) =>
      kept.push(state),
    );
    await roomCall(device, 'panel.signIn', { caseId: w.caseId, memberId: w.memberIds.dev, pin: PINS.dev });
    const answer = {
      caseId: w.caseId,
      criterionId: 'S1.2',
      score: 1,
      rationale: 'kept-marker-R7Q',
      evidenceIds: [],
    };
    const sealed = device.sealKept(answer);
    expect(sealed).not.toContain('kept-marker');
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain('kept-marker');
    expect(device.openKept(sealed)).toEqual(answer);
    // Another device in the same room (holding the same room secret) cannot open it.
    const other = await RoomClient.join(link, 'laptop', deviceKeyPair());
    expect(other.openKept(sealed)).toBeNull();
    // Nor does a sealed call open as something kept.
    expect(device.openKept(sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BA' : 'AA'))).toBeNull();

    // After a reload the page carries on as the same device from what it kept (the counter never reused).
    const reloaded = RoomClient.resume(device.state())!;
    expect(reloaded.openKept(sealed)).toEqual(answer);
    await roomCall(reloaded, 'scoring.saveScore', answer);
    const sheet = await roomCall<{ entries: { criterionId: string; rationale: string }[] }>(
      reloaded,
      'scoring.mySheet',
      {
        caseId: w.caseId,
      },
    );
    expect(sheet.entries.find((entry) => entry.criterionId === 'S1.2')?.rationale).toBe('kept-marker-R7Q');
    expect(kept.length).toBeGreaterThan(0);
  });
});

describe('the counter window', () => {
  it('accepts each counter once, in any order within the window, and refuses older ones', () => {
    const window = new CounterWindow();
    expect([3, 1, 2].map((n) => window.accept(n))).toEqual([true, true, true]);
    expect(window.accept(2)).toBe(false);
    expect(window.accept(1000)).toBe(true);
    expect(window.accept(1000 - CounterWindow.SIZE)).toBe(false);
    expect(window.accept(1000 - CounterWindow.SIZE + 1)).toBe(true);
    expect(window.accept(4)).toBe(false);
  });
});

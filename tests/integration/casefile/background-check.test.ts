import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Capabilities, dispatch, handlers } from '../../../src/main/api';
import type { CaseFileCheckProgress } from '../../../src/shared/api';
import { damagePage, PAGE_BYTES } from '../../support/damage';
import { ASHA, Client, makeWorld, PASSPHRASE, riversideCase, type TestWorld } from '../panel/support';
import { OTHER_PASSPHRASE } from './support';

/**
 * The full check as the screens use it: it runs in the background after a large file is opened
 * (or when the lead asks), the page polls `case.checkProgress`, the lead may cancel, and damage it
 * finds is offered to "save what can be read" — to a path (desktop) or as a download (browser).
 * Files are made "large" by the test-only threshold the host reads (runtime.fullCheckAtOpenMaxBytes).
 */

/** A window of the desktop app or the browser-mode page: files by path as the desktop app, and the app's settings. */
const WINDOW: Capabilities = { localFiles: true, appSettings: true };
const LARGE_ABOVE = 256 * 1024;
const MiB = 1024 * 1024;

let world: TestWorld;

async function untilDone(client: Client, caseId: string): Promise<CaseFileCheckProgress> {
  for (let tries = 0; tries < 600; tries += 1) {
    const progress = await client.call('case.checkProgress', { caseId });
    if (progress.state !== 'running') return progress;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('The background check did not finish.');
}

/** A case with a 2 MiB attached recording; returns its path, and a page in the middle of the recording. */
async function caseWithRecording(fileName: string): Promise<{ path: string; recordingPage: number }> {
  const lead = new Client(world, WINDOW);
  const made = await riversideCase(lead, fileName, ['Recording of the carers’ forum']);
  const recording = join(world.runtime.workspaceDir, '..', `${fileName}.mp3`);
  writeFileSync(recording, Buffer.alloc(2 * MiB, 0x32));
  const before = statSync(made.path).size / PAGE_BYTES;
  await lead.call('evidence.attach', {
    caseId: made.caseId,
    evidenceId: made.evidenceIds[0]!,
    fileName: 'carers-forum.mp3',
    sizeBytes: 2 * MiB,
    path: recording,
  });
  const after = statSync(made.path).size / PAGE_BYTES;
  await lead.call('case.close', { caseId: made.caseId });
  return { path: made.path, recordingPage: Math.floor((before + after) / 2) };
}

async function openAndSignIn(client: Client, path: string): Promise<string> {
  const { caseId } = await client.call('case.open', { path, passphrase: PASSPHRASE });
  const panel = await client.call('panel.list', { caseId });
  const lead = panel.find((member) => member.role === 'lead')!;
  await client.call('panel.signIn', { caseId, memberId: lead.id, pin: ASHA.pin });
  return caseId;
}

beforeAll(() => {
  world = makeWorld();
  world.runtime.fullCheckAtOpenMaxBytes = LARGE_ABOVE;
});
afterAll(() => world.cleanup());

describe('a large case file with a damaged attached file', () => {
  let damaged: { path: string; recordingPage: number };

  beforeAll(async () => {
    damaged = await caseWithRecording('riverside-damaged');
    expect(statSync(damaged.path).size).toBeGreaterThan(LARGE_ABOVE);
    damagePage(damaged.path, damaged.recordingPage);
  }, 60_000);

  it('opens, checks itself in the background at once, and names the damaged file', async () => {
    const window = new Client(world, WINDOW);
    const { caseId } = await window.call('case.open', { path: damaged.path, passphrase: PASSPHRASE });
    // Nobody is signed in yet: the page can already show the check and what it finds.
    const first = await window.call('case.checkProgress', { caseId });
    expect(first).toMatchObject({ state: 'running', startedBecause: 'opened_large_file' });
    const done = await untilDone(window, caseId);
    expect(done.state).toBe('finished');
    expect(done.percent).toBe(100);
    expect(done.damage.map((item) => [item.kind, item.name])).toContainEqual([
      'attachment',
      'carers-forum.mp3',
    ]);
    expect(done.summary).toMatch(/is damaged: .*carers-forum\.mp3.*Save what can be read to a new file/);
    // The CLI (no app settings) is not a screen on this computer: it is not told.
    const elsewhere = new Client(world);
    expect((await elsewhere.call('case.checkProgress', { caseId })).state).toBe('none');
    await window.call('case.close', { caseId });
    await window.refused('case.checkProgress', { caseId }, 'CASE_NOT_OPEN');
  });

  it('saves what can be read to the path the lead chose (desktop), leaving the damaged file out', async () => {
    const window = new Client(world, WINDOW);
    const caseId = await openAndSignIn(window, damaged.path);
    const folder = join(world.runtime.workspaceDir, '..');
    const saved = await window.call('case.saveReadable', {
      caseId,
      passphrase: PASSPHRASE,
      fileName: 'ignored',
      path: join(folder, 'riverside-rescued.copanel'),
    });
    expect(saved.path).toBe(join(folder, 'riverside-rescued.copanel'));
    expect(saved.summary).toMatch(/“carers-forum\.mp3” .*was damaged and left out/);
    // Only the recording's first part was damaged: its second part (the table's next row) was still read.
    expect(saved.summary).not.toMatch(/could not be read at all/);
    expect(saved.summary).toMatch(
      /some of the contents of attached files could not be read \(1 entry saved\)/i,
    );
    await window.call('case.close', { caseId });
    const other = new Client(world, WINDOW);
    const reopened = await other.call('case.open', { path: saved.path!, passphrase: PASSPHRASE });
    const evidence = await other.call('case.get', { caseId: reopened.caseId });
    expect(evidence.organisation.name).toBe('Riverside Community Mind');
    // The rescued file is whole: its own check finds nothing wrong.
    const rescuedCheck = await untilDone(other, reopened.caseId);
    expect(rescuedCheck).toMatchObject({ state: 'finished', damage: [] });
    await other.call('case.close', { caseId: reopened.caseId });
  });

  it('sends what can be read as a download (browser mode) and leaves no copy in the workspace', async () => {
    const window = new Client(world, WINDOW);
    const caseId = await openAndSignIn(window, damaged.path);
    const chunks: Buffer[] = [];
    const sent: { fileName?: string; sizeBytes?: number; note?: string } = {};
    const body = new PassThrough();
    body.on('data', (chunk: Buffer) => chunks.push(chunk));
    // As browser mode's POST /download/case.saveReadable calls it: the response is where the file goes.
    const downloaded = await dispatch(
      handlers,
      'case.saveReadable',
      { caseId, passphrase: PASSPHRASE, fileName: 'rescued-download' },
      {
        ...window.ctx,
        download: {
          start: (file) => {
            Object.assign(sent, file);
            return body;
          },
        },
      },
    );
    expect(downloaded).toMatchObject({ ok: true, value: { path: null } });
    expect(sent.fileName).toBe('rescued-download.copanel');
    expect(sent.note).toMatch(/saved to “rescued-download\.copanel”.*carers-forum\.mp3.*left out/);
    const bytes = Buffer.concat(chunks);
    expect(bytes.length).toBe(sent.sizeBytes);
    // Encrypted: no SQLite header, no organisation name in the clear.
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(bytes.includes(Buffer.from('Riverside Community Mind'))).toBe(false);
    // Nothing of the download is left in the workspace.
    expect(
      readdirSync(world.runtime.workspaceDir).filter((name) => name.includes('rescued-download')),
    ).toEqual([]);
    await window.call('case.close', { caseId });
    const file = join(world.runtime.workspaceDir, '..', 'downloaded.copanel');
    writeFileSync(file, bytes);
    const other = new Client(world, WINDOW);
    const reopened = await other.call('case.open', { path: file, passphrase: PASSPHRASE });
    expect((await other.call('case.get', { caseId: reopened.caseId })).organisation.name).toBe(
      'Riverside Community Mind',
    );
    await other.call('case.close', { caseId: reopened.caseId });
  });
});

describe('the check the lead asks for', () => {
  let path: string;
  let window: Client;
  let caseId: string;

  beforeAll(async () => {
    ({ path } = await caseWithRecording('riverside-healthy'));
    window = new Client(world, WINDOW);
    caseId = await openAndSignIn(window, path);
    await untilDone(window, caseId); // the check that opening started
  }, 60_000);
  afterAll(async () => {
    await window.call('case.close', { caseId });
  });

  it('says a healthy file checks out completely', async () => {
    const started = await window.call('case.startCheck', { caseId, passphrase: PASSPHRASE });
    expect(started).toMatchObject({ state: 'running', startedBecause: 'asked' });
    const done = await untilDone(window, caseId);
    expect(done).toMatchObject({ state: 'finished', damage: [], percent: 100 });
    expect(done.summary).toMatch(
      /checks out completely: all \d+ pages, every table, every attached file and every receipt are intact/,
    );
  });

  it('can be stopped', async () => {
    await window.call('case.startCheck', { caseId, passphrase: PASSPHRASE });
    const cancelled = await window.call('case.cancelCheck', { caseId });
    expect(['running', 'cancelled']).toContain(cancelled.state);
    const done = await untilDone(window, caseId);
    expect(done.state).toBe('cancelled');
    expect(done.summary).toMatch(/stopped before it finished/);
  });

  it('asks for this file’s passphrase, and only the lead may start or stop it', async () => {
    await window.refused('case.startCheck', { caseId, passphrase: OTHER_PASSPHRASE }, 'WRONG_PASSPHRASE');
    const stranger = new Client(world, WINDOW);
    await stranger.refused('case.startCheck', { caseId, passphrase: PASSPHRASE }, 'NOT_SIGNED_IN');
    await stranger.refused('case.cancelCheck', { caseId }, 'NOT_SIGNED_IN');
    await stranger.refused(
      'case.saveReadable',
      { caseId, passphrase: PASSPHRASE, fileName: 'x' },
      'NOT_SIGNED_IN',
    );
  });

  it('is not started by opening a small file', async () => {
    world.runtime.fullCheckAtOpenMaxBytes = undefined;
    try {
      const other = new Client(world, WINDOW);
      await window.call('case.close', { caseId });
      const reopened = await other.call('case.open', { path, passphrase: PASSPHRASE });
      expect(existsSync(path)).toBe(true);
      expect((await other.call('case.checkProgress', { caseId: reopened.caseId })).state).toBe('none');
      await other.call('case.close', { caseId: reopened.caseId });
      caseId = await openAndSignIn(window, path);
    } finally {
      world.runtime.fullCheckAtOpenMaxBytes = LARGE_ABOVE;
    }
  });
});

import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPanel, PanelClient } from '../../../src/main/demo';
import { deviceKeyPair } from '../../../src/main/room';
import {
  MAX_VIEWED_ATTACHMENT_BYTES,
  VIEWED_PART_BYTES,
  type AttachmentPart,
  type Result,
} from '../../../src/shared/api';
import { readAttachmentToView } from '../../../src/shared/room/attachment-reader';
import { RoomClient, RoomRefused, type RoomTransport } from '../../../src/shared/room/client';
import { memberWithOwnPin, PASSPHRASE } from '../panel/support';
import {
  asCaller,
  attempt,
  call,
  deviceCaller,
  fetchBytes,
  joinRoom,
  makeRoomWorld,
  OBSERVER,
  OBSERVER_OWN_PIN,
  PINS,
  roomCall,
  type RoomWorld,
} from './support';

/**
 * Members open attachments, view only, on their own devices: part by part, each part its own
 * sealed call through the room, read from the real encrypted case file.
 */
describe('attachments opened on a member’s device in the panel room', () => {
  let w: RoomWorld;
  let dir: string;
  let link: string;
  /** A picture of 1.3 MB (random bytes: parts cross the case file's own 1 MiB chunks). */
  const picture = randomBytes(1024 * 1024 + 300 * 1024 + 17);
  const ids = { picture: '', text: '', document: '', otherCase: '' };
  let otherCaseId = '';
  let otherLead: PanelClient;

  async function attach(caseId: string, lead: PanelClient['ctx'], fileName: string, bytes: Buffer) {
    const path = join(dir, fileName);
    writeFileSync(path, bytes);
    const evidence = await call(lead, 'evidence.add', {
      caseId,
      evidence: {
        title: `Evidence with ${fileName}`,
        kind: 'document',
        source: '',
        date: null,
        criteria: [],
        consent: 'not_needed',
        quote: '',
        notes: '',
      },
    });
    const attached = await call(lead, 'evidence.attach', { caseId, evidenceId: evidence.id, fileName, path });
    return attached.attachments[0]!.id;
  }

  function partReader(device: RoomClient) {
    return async (input: unknown) =>
      (await device.call('evidence.viewAttachment', input)).result as Result<AttachmentPart>;
  }

  async function signedIn(memberId: string, pin: string, post?: RoomTransport): Promise<RoomClient> {
    const device = post ? await RoomClient.join(link, 'phone', deviceKeyPair(), post) : await joinRoom(link);
    await roomCall(device, 'panel.signIn', { caseId: w.caseId, memberId, pin });
    return device;
  }

  beforeAll(async () => {
    w = await makeRoomWorld('room-attachments');
    dir = mkdtempSync(join(tmpdir(), 'copanel-room-attachments-'));
    ids.picture = await attach(w.caseId, w.lead, 'minutes-photo.png', picture);
    ids.text = await attach(
      w.caseId,
      w.lead,
      'carers-notes.txt',
      Buffer.from('Carers group notes: ATTACHMENT-MARKER-5KQ2 met on Tuesdays.\n'),
    );
    ids.document = await attach(w.caseId, w.lead, 'policy.docx', randomBytes(2000));
    // A second case in the same app, with its own attachment.
    const other = await buildPanel(
      {
        fileName: 'room-attachments-other',
        organisation: 'Hillside Peer Support (fictional)',
        passphrase: PASSPHRASE,
        lead: { name: 'Femi Adeyemi', pin: '1470' },
        members: [{ name: 'Gita Rao', role: 'assessor', pin: '2581', consentToBeNamed: true }],
        // Still preparing: members can still join, and declare.
        openScoring: false,
      },
      () => new PanelClient(w.world.runtime, w.world.cases),
    );
    otherCaseId = other.caseId;
    otherLead = other.lead;
    ids.otherCase = await attach(other.caseId, other.lead.ctx, 'other-case.png', randomBytes(5000));
    link = (await call(w.lead, 'room.open', { caseId: w.caseId })).link!;
  });

  afterAll(async () => {
    await w.rooms.closeAll('app_quit');
    await w.world.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives a member the exact bytes, part by part, each part no larger than one part', async () => {
    const device = await signedIn(w.memberIds.ben, PINS.ben);
    const sizes: number[] = [];
    const progress: number[] = [];
    const read = async (input: unknown): Promise<Result<AttachmentPart>> => {
      const result = (await device.call('evidence.viewAttachment', input)).result as Result<AttachmentPart>;
      if (result.ok) sizes.push(Buffer.from(result.value.bytes, 'base64').length);
      return result;
    };
    const viewed = await readAttachmentToView(read, w.caseId, ids.picture, {
      onProgress: (fraction) => progress.push(fraction),
    });
    expect(viewed?.ok).toBe(true);
    if (!viewed?.ok) return;
    const whole = Buffer.concat(viewed.value.parts);
    expect(whole.equals(picture)).toBe(true);
    expect(viewed.value.sha256).toBe(createHash('sha256').update(picture).digest('hex'));
    expect(viewed.value).toMatchObject({ view: 'image', mediaType: 'image/png', sizeBytes: picture.length });
    expect(sizes.length).toBeGreaterThan(10);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(VIEWED_PART_BYTES);
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));

    const text = await readAttachmentToView(partReader(device), w.caseId, ids.text);
    expect(text?.ok && Buffer.concat(text.value.parts).toString('utf8')).toContain('ATTACHMENT-MARKER-5KQ2');
  });

  it('refuses a file a page cannot show, a part past the end, and a part of another case’s file', async () => {
    const device = await signedIn(w.memberIds.chloe, PINS.chloe);
    const view = (input: unknown) => device.call('evidence.viewAttachment', input).then((a) => a.result);
    expect(await view({ caseId: w.caseId, attachmentId: ids.document, offset: 0 })).toMatchObject({
      ok: false,
      error: {
        code: 'ATTACHMENT_NOT_VIEWABLE',
        message: expect.stringContaining('lead assessor’s computer'),
      },
    });
    expect(await view({ caseId: w.caseId, attachmentId: ids.picture, offset: picture.length })).toMatchObject(
      {
        ok: false,
        error: { code: 'INVALID_INPUT' },
      },
    );
    expect(
      await view({ caseId: w.caseId, attachmentId: ids.picture, offset: MAX_VIEWED_ATTACHMENT_BYTES + 1 }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await view({ caseId: w.caseId, attachmentId: ids.picture, offset: -1 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    // Another case's attachment is not in this case file; and the room is for its own case only.
    expect(await view({ caseId: w.caseId, attachmentId: ids.otherCase, offset: 0 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await view({ caseId: otherCaseId, attachmentId: ids.otherCase, offset: 0 })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'This room is for one case only.' },
    });
  });

  it('refuses a device with no one signed in, and an observer (who does not score)', async () => {
    const device = await joinRoom(link);
    const input = { caseId: w.caseId, attachmentId: ids.picture, offset: 0 };
    expect((await device.call('evidence.viewAttachment', input)).result).toMatchObject({
      ok: false,
      error: { code: 'NOT_SIGNED_IN' },
    });
    await memberWithOwnPin(asCaller(w.lead), deviceCaller(device), w.caseId, OBSERVER, OBSERVER_OWN_PIN);
    expect((await device.call('evidence.viewAttachment', input)).result).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    // Reading the register itself is still allowed to an observer: only the files are for scoring members.
    expect((await device.call('evidence.list', { caseId: w.caseId })).result.ok).toBe(true);
  });

  it('opens files only for a member who has declared any conflict, never one excluded for a conflict', async () => {
    const hari = new PanelClient(w.world.runtime, w.world.cases);
    const hariId = await memberWithOwnPin(
      otherLead,
      hari,
      otherCaseId,
      { name: 'Hari Shah', role: 'assessor', pin: '3691' },
      '1963',
    );
    const view = () =>
      attempt(hari.ctx, 'evidence.viewAttachment', {
        caseId: otherCaseId,
        attachmentId: ids.otherCase,
        offset: 0,
      });
    expect(await view()).toMatchObject({
      ok: false,
      error: {
        code: 'FORBIDDEN',
        message: expect.stringContaining('declare any conflict of interest first'),
      },
    });
    await hari.call('panel.declareConflict', {
      caseId: otherCaseId,
      memberId: hariId,
      declaration: { kind: 'declared', text: 'I volunteered at Hillside until last year.' },
    });
    expect(await view()).toMatchObject({ ok: true, value: { sizeBytes: 5000 } });
    await otherLead.call('panel.decideConflict', {
      caseId: otherCaseId,
      memberId: hariId,
      outcome: 'excluded',
      reason: 'Too close to the organisation.',
    });
    expect(await view()).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringContaining('excluded you') },
    });
  });

  it('refuses a device without the room secret, and a part’s call played again', async () => {
    const origin = new URL(link).origin;
    const wrongSecret = `${origin}/#room=${Buffer.alloc(32, 7).toString('base64url')}`;
    await expect(joinRoom(wrongSecret)).rejects.toMatchObject({ status: 403 });
    await expect(
      fetchBytes(`${origin}/room/call`, randomBytes(200), { 'x-room-device': 'made-up' }),
    ).rejects.toMatchObject({ status: 401 });

    const sent: { body: Uint8Array; headers: Record<string, string> }[] = [];
    const device = await signedIn(w.memberIds.dev, PINS.dev, async (url, body, headers) => {
      if (url.endsWith('/room/call')) sent.push({ body, headers });
      return fetchBytes(url, body, headers);
    });
    const first = await device.call('evidence.viewAttachment', {
      caseId: w.caseId,
      attachmentId: ids.picture,
      offset: 0,
    });
    expect(first.result.ok).toBe(true);
    const recorded = sent.at(-1)!;
    await expect(fetchBytes(`${origin}/room/call`, recorded.body, recorded.headers)).rejects.toBeInstanceOf(
      RoomRefused,
    );
    await expect(fetchBytes(`${origin}/room/call`, recorded.body, recorded.headers)).rejects.toMatchObject({
      status: 403,
    });
  });
});

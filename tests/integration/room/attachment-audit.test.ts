import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditPayloadHash, readAuditLog, verifyAuditChain } from '../../../src/main/casefile';
import type { AttachmentPart, Result } from '../../../src/shared/api';
import { readAttachmentToView } from '../../../src/shared/room/attachment-reader';
import { chooseOwnPin } from '../../../src/main/demo';
import { addedByLead } from '../panel/support';
import {
  asCaller,
  call,
  deviceCaller,
  joinRoom,
  makeRoomWorld,
  OBSERVER,
  OBSERVER_OWN_PIN,
  PINS,
  roomCall,
  type RoomWorld,
} from './support';

/**
 * Opening an attachment is audited in the case file's hash-chained log: once per opening (not once
 * per 128 KiB part), naming who opened which file; a refused opening writes nothing.
 */
describe('opening an attachment is audited, once per opening', () => {
  let w: RoomWorld;
  let dir: string;
  let link: string;
  /** About 400 KB: four parts on the wire. */
  const picture = randomBytes(400 * 1024);
  let attachment = { id: '', evidenceId: '', fileName: 'forum-photo.png' };

  const entries = async (action: string) =>
    (await readAuditLog(w.world.cases.get(w.caseId).db, { limit: 100_000 })).filter(
      (entry) => entry.action === action,
    );
  const payloadOf = (a: typeof attachment) =>
    auditPayloadHash({ attachmentId: a.id, evidenceId: a.evidenceId, fileName: a.fileName });

  beforeAll(async () => {
    w = await makeRoomWorld('room-attachment-audit');
    dir = mkdtempSync(join(tmpdir(), 'copanel-room-audit-'));
    const path = join(dir, attachment.fileName);
    writeFileSync(path, picture);
    const [evidence] = await call(w.lead, 'evidence.list', { caseId: w.caseId });
    const attached = await call(w.lead, 'evidence.attach', {
      caseId: w.caseId,
      evidenceId: evidence!.id,
      fileName: attachment.fileName,
      path,
    });
    attachment = { ...attachment, id: attached.attachments[0]!.id, evidenceId: evidence!.id };
    link = (await call(w.lead, 'room.open', { caseId: w.caseId })).link!;
  });

  afterAll(async () => {
    await w.rooms.closeAll('app_quit');
    await w.world.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes exactly one entry for a member who views a file in four parts, naming them and the file', async () => {
    const device = await joinRoom(link);
    await roomCall(device, 'panel.signIn', { caseId: w.caseId, memberId: w.memberIds.ben, pin: PINS.ben });
    let parts = 0;
    const viewed = await readAttachmentToView(
      async (input) => {
        parts += 1;
        return (await device.call('evidence.viewAttachment', input)).result as Result<AttachmentPart>;
      },
      w.caseId,
      attachment.id,
    );
    expect(viewed?.ok).toBe(true);
    expect(parts).toBeGreaterThanOrEqual(4);
    const viewedEntries = await entries('evidence.attachment_viewed');
    expect(viewedEntries).toHaveLength(1);
    expect(viewedEntries[0]!.actor).toMatch(/^Ben Okafor \(assessor, member /);
    expect(viewedEntries[0]!.payload_sha256).toBe(payloadOf(attachment));
    expect(Date.now() - Date.parse(viewedEntries[0]!.at)).toBeLessThan(5 * 60_000);

    // Opened again: a second entry (each opening counts).
    await readAttachmentToView(
      async (input) => (await device.call('evidence.viewAttachment', input)).result as Result<AttachmentPart>,
      w.caseId,
      attachment.id,
    );
    expect(await entries('evidence.attachment_viewed')).toHaveLength(2);
    const chain = await verifyAuditChain(w.world.cases.get(w.caseId).db);
    expect(chain.ok).toBe(true);
    // The entry is inside the encrypted case file: its bytes on disk do not show the action's name.
    const onDisk = readFileSync(w.world.cases.get(w.caseId).path);
    expect(onDisk.includes(Buffer.from('evidence.attachment_viewed'))).toBe(false);
  });

  it('writes nothing for an observer’s refused view', async () => {
    const before = await readAuditLog(w.world.cases.get(w.caseId).db, { limit: 100_000 });
    const observerId = await addedByLead(asCaller(w.lead), w.caseId, OBSERVER);
    const afterAdding = (await readAuditLog(w.world.cases.get(w.caseId).db, { limit: 100_000 })).length;
    expect(afterAdding).toBeGreaterThan(before.length);
    const device = await joinRoom(link);
    await chooseOwnPin(deviceCaller(device), w.caseId, observerId, OBSERVER.pin, OBSERVER_OWN_PIN);
    const signedIn = (await readAuditLog(w.world.cases.get(w.caseId).db, { limit: 100_000 })).length;
    const refused = await device.call('evidence.viewAttachment', {
      caseId: w.caseId,
      attachmentId: attachment.id,
      offset: 0,
    });
    expect(refused.result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await readAuditLog(w.world.cases.get(w.caseId).db, { limit: 100_000 })).toHaveLength(signedIn);
  });

  it('writes one entry when the lead saves a copy to open on their computer', async () => {
    const target = join(dir, 'copy.png');
    await call(w.lead, 'evidence.exportAttachment', {
      caseId: w.caseId,
      attachmentId: attachment.id,
      path: target,
    });
    expect(readFileSync(target).equals(picture)).toBe(true);
    const saved = await entries('evidence.attachment_saved');
    expect(saved).toHaveLength(1);
    expect(saved[0]!.actor).toMatch(/^Asha Patel \(lead, member /);
    expect(saved[0]!.payload_sha256).toBe(payloadOf(attachment));
  });
});

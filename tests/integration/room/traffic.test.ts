import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { createServer, connect, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceKeyPair } from '../../../src/main/room';
import type { AttachmentPart, Result } from '../../../src/shared/api';
import { readAttachmentToView } from '../../../src/shared/room/attachment-reader';
import { RoomClient, type RoomTransport } from '../../../src/shared/room/client';
import { call, makeRoomWorld, PINS, ROOM_ADDRESS, roomAnswer, type RoomWorld } from './support';

/**
 * Someone else on the venue's Wi-Fi records every byte between a member's device and the room.
 * A raw TCP proxy between the two stands in for them: it records both directions exactly as sent.
 * None of the test's marker strings — a score's reason, a PIN, an evidence title — may appear.
 */
interface Recorder {
  port: number;
  bytes: Buffer[];
  server: Server;
}

function recordingProxy(target: { host: string; port: number }): Promise<Recorder> {
  const bytes: Buffer[] = [];
  const server = createServer((inbound) => {
    const outbound = connect(target);
    inbound.on('data', (chunk: Buffer) => {
      bytes.push(chunk);
      outbound.write(chunk);
    });
    outbound.on('data', (chunk: Buffer) => {
      bytes.push(chunk);
      inbound.write(chunk);
    });
    inbound.on('end', () => outbound.end());
    outbound.on('end', () => inbound.end());
    inbound.on('error', () => outbound.destroy());
    outbound.on('error', () => inbound.destroy());
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.3', () =>
      resolve({ port: (server.address() as AddressInfo).port, bytes, server }),
    ),
  );
}

/** Sends each request through the proxy, addressed (Host) to the room as a device on the network would. */
function viaProxy(proxyPort: number): RoomTransport {
  return (url, body, headers) =>
    new Promise((resolve, reject) => {
      const target = new URL(url);
      const req = request(
        {
          host: '127.0.0.3',
          port: proxyPort,
          method: 'POST',
          path: target.pathname,
          headers: {
            Host: target.host,
            'Content-Type': 'application/octet-stream',
            'Content-Length': body.length,
            ...headers,
          },
        },
        roomAnswer(resolve, reject),
      );
      req.on('error', reject);
      req.end(body);
    });
}

describe('what someone else on the Wi-Fi sees of the room', () => {
  let w: RoomWorld;
  let recorder: Recorder;

  beforeAll(async () => {
    w = await makeRoomWorld('room-traffic');
  });

  afterAll(async () => {
    recorder?.server.close();
    await w.rooms.closeAll('app_quit');
    await w.world.cleanup();
  });

  it('carries no reason, PIN or evidence title in the clear, though the member used all three', async () => {
    const state = await call(w.lead, 'room.open', { caseId: w.caseId });
    const room = new URL(state.link!);
    recorder = await recordingProxy({ host: ROOM_ADDRESS, port: Number(room.port) });
    const device = await RoomClient.join(state.link!, 'phone', deviceKeyPair(), viaProxy(recorder.port));
    const reason = 'Reason marker: the carers group minutes name Jo as the contact';
    const signIn = await device.call('panel.signIn', {
      caseId: w.caseId,
      memberId: w.memberIds.ben,
      pin: PINS.ben,
    });
    expect(signIn.result.ok).toBe(true);
    const evidence = await device.call('evidence.list', { caseId: w.caseId });
    expect(JSON.stringify(evidence.result)).toContain(w.evidenceTitle);
    const saved = await device.call('scoring.saveScore', {
      caseId: w.caseId,
      criterionId: 'S1.1',
      score: 2,
      rationale: reason,
      evidenceIds: [],
    });
    expect(saved.result.ok).toBe(true);
    const sheet = await device.call('scoring.mySheet', { caseId: w.caseId });
    expect(JSON.stringify(sheet.result)).toContain(reason);

    const wire = Buffer.concat(recorder.bytes);
    expect(wire.length).toBeGreaterThan(1000);
    // The proxy did see the HTTP traffic itself…
    expect(wire.toString('latin1')).toContain('POST /room/call');
    // …but none of what was said.
    for (const marker of [
      reason,
      'Reason marker',
      PINS.ben,
      w.evidenceTitle,
      'Marker evidence',
      'Ben Okafor',
      'saveScore',
      'S1.1',
    ])
      expect(wire.toString('latin1'), marker).not.toContain(marker);
    expect(wire.includes(Buffer.from(reason, 'utf16le'))).toBe(false);
  });

  it('carries an attachment opened on the device only sealed: its text never appears in the clear', async () => {
    const marker = 'ATTACHMENT-BYTES-MARKER-7PW3 what the carers said';
    const path = join(w.world.runtime.workspaceDir, 'carers-words.txt');
    writeFileSync(path, `${marker}\n`.repeat(40));
    const evidenceId = w.panel.evidenceIds[0]!;
    const { attachments } = await call(w.lead, 'evidence.attach', {
      caseId: w.caseId,
      evidenceId,
      fileName: 'carers-words.txt',
      path,
    });
    const state = await call(w.lead, 'room.open', { caseId: w.caseId });
    const room = new URL(state.link!);
    const attachmentRecorder = await recordingProxy({ host: ROOM_ADDRESS, port: Number(room.port) });
    try {
      const device = await RoomClient.join(
        state.link!,
        'phone',
        deviceKeyPair(),
        viaProxy(attachmentRecorder.port),
      );
      await device.call('panel.signIn', { caseId: w.caseId, memberId: w.memberIds.chloe, pin: PINS.chloe });
      const viewed = await readAttachmentToView(
        async (input) =>
          (await device.call('evidence.viewAttachment', input)).result as Result<AttachmentPart>,
        w.caseId,
        attachments.at(-1)!.id,
      );
      expect(viewed?.ok && Buffer.concat(viewed.value.parts).toString('utf8')).toContain(marker);
      const wire = Buffer.concat(attachmentRecorder.bytes);
      expect(wire.toString('latin1')).toContain('POST /room/call');
      for (const shown of [marker, 'ATTACHMENT-BYTES-MARKER', 'carers-words.txt'])
        expect(wire.toString('latin1'), shown).not.toContain(shown);
      // Nor as the base64 the parts travel in inside the sealed body.
      expect(wire.toString('latin1')).not.toContain(Buffer.from(marker).toString('base64').slice(0, 24));
    } finally {
      attachmentRecorder.server.close();
    }
  });
});

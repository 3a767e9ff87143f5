import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AttachmentPart, Result } from '../../../src/shared/api';
import {
  AttachmentReading,
  readAttachmentToView,
  type ReadAttachmentPart,
} from '../../../src/shared/room/attachment-reader';

/** A room that answers parts of `file` (as the real one does), with a chance to change any part on the way. */
function roomFor(
  file: Buffer,
  partBytes: number,
  change: (part: AttachmentPart) => AttachmentPart = (part) => part,
): ReadAttachmentPart & { asked: number[] } {
  const asked: number[] = [];
  const sha256 = createHash('sha256').update(file).digest('hex');
  const read = async ({ attachmentId, offset }: { attachmentId: string; offset: number }) => {
    asked.push(offset);
    const part: AttachmentPart = {
      attachmentId,
      fileName: 'minutes.png',
      mediaType: 'image/png',
      view: 'image',
      sizeBytes: file.length,
      sha256,
      offset,
      bytes: file.subarray(offset, offset + partBytes).toString('base64'),
    };
    return { ok: true, value: change(part) } as Result<AttachmentPart>;
  };
  return Object.assign(read, { asked });
}

const DAMAGED = { ok: false, error: { code: 'CASE_FILE_DAMAGED' } };

describe('putting an attachment together on a member’s device', () => {
  const file = randomBytes(10_000);

  it('asks for each part right after the last and gives back the exact bytes', async () => {
    const room = roomFor(file, 3000);
    const viewed = await readAttachmentToView(room, 'case', 'a1');
    expect(room.asked).toEqual([0, 3000, 6000, 9000]);
    expect(viewed?.ok && Buffer.concat(viewed.value.parts).equals(file)).toBe(true);
  });

  it('refuses a whole that does not match its SHA-256, and parts that do not fit together', async () => {
    const flipped = (part: AttachmentPart) =>
      part.offset === 3000 ? { ...part, bytes: Buffer.alloc(3000, 1).toString('base64') } : part;
    expect(await readAttachmentToView(roomFor(file, 3000, flipped), 'case', 'a1')).toMatchObject(DAMAGED);
    for (const change of [
      (part: AttachmentPart) => (part.offset > 0 ? { ...part, offset: 0 } : part),
      (part: AttachmentPart) => (part.offset > 0 ? { ...part, attachmentId: 'other' } : part),
      (part: AttachmentPart) => (part.offset > 0 ? { ...part, sizeBytes: part.sizeBytes + 1 } : part),
      (part: AttachmentPart) => (part.offset > 0 ? { ...part, bytes: '' } : part),
      (part: AttachmentPart) => ({ ...part, bytes: '%%%' }),
      (part: AttachmentPart) => ({ ...part, sizeBytes: 30 * 1024 * 1024 }),
    ])
      expect(await readAttachmentToView(roomFor(file, 3000, change), 'case', 'a1')).toMatchObject(DAMAGED);
  });

  it('carries on after the network dropped from the part that did not arrive, not from the start', async () => {
    const room = roomFor(file, 3000);
    let dropAt: number | null = 6000;
    const flaky: ReadAttachmentPart = async (input) => {
      if (input.offset === dropAt) {
        dropAt = null;
        return { ok: false, error: { code: 'ROOM_UNREACHABLE', message: 'The room cannot be reached.' } };
      }
      return room(input);
    };
    const reading = new AttachmentReading();
    expect(await readAttachmentToView(flaky, 'case', 'a1', { reading })).toMatchObject({
      ok: false,
      error: { code: 'ROOM_UNREACHABLE' },
    });
    const viewed = await readAttachmentToView(flaky, 'case', 'a1', { reading });
    expect(room.asked).toEqual([0, 3000, 6000, 9000]);
    expect(viewed?.ok && Buffer.concat(viewed.value.parts).equals(file)).toBe(true);
  });

  it('starts over after a part that does not fit', async () => {
    let spoil = true;
    const room = roomFor(file, 3000, (part) => {
      if (part.offset !== 3000 || !spoil) return part;
      spoil = false;
      return { ...part, offset: 0 };
    });
    const reading = new AttachmentReading();
    expect(await readAttachmentToView(room, 'case', 'a1', { reading })).toMatchObject(DAMAGED);
    const viewed = await readAttachmentToView(room, 'case', 'a1', { reading });
    expect(room.asked).toEqual([0, 3000, 0, 3000, 6000, 9000]);
    expect(viewed?.ok && Buffer.concat(viewed.value.parts).equals(file)).toBe(true);
  });

  it('stops between parts when the viewer is closed, and passes the room’s refusal on', async () => {
    const controller = new AbortController();
    const room = roomFor(file, 3000);
    const stopping: ReadAttachmentPart = async (input) => {
      const answer = await room(input);
      if (input.offset === 3000) controller.abort();
      return answer;
    };
    expect(await readAttachmentToView(stopping, 'case', 'a1', { signal: controller.signal })).toBeNull();
    expect(room.asked).toEqual([0, 3000]);
    const refused: ReadAttachmentPart = async () => ({
      ok: false,
      error: { code: 'ROOM_UNREACHABLE', message: 'The room cannot be reached.' },
    });
    expect(await readAttachmentToView(refused, 'case', 'a1')).toMatchObject({
      ok: false,
      error: { code: 'ROOM_UNREACHABLE' },
    });
  });
});

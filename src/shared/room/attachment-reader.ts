import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex } from '@noble/hashes/utils';
import {
  MAX_VIEWED_ATTACHMENT_BYTES,
  type AttachmentPart,
  type AttachmentView,
  type InputOf,
  type Result,
} from '../api';

/** One call for one part of an attachment (each is its own sealed call through the room). */
export type ReadAttachmentPart = (
  input: InputOf<'evidence.viewAttachment'>,
) => Promise<Result<AttachmentPart>>;

/** An attachment put together on a member's device, checked against its recorded size and SHA-256. */
export interface ViewedAttachment {
  fileName: string;
  mediaType: string;
  view: AttachmentView;
  sizeBytes: number;
  sha256: string;
  /** The bytes as they arrived, part by part (a page makes one Blob of them without copying them again). */
  parts: Uint8Array[];
}

/**
 * How far a reading has got: the parts that arrived and the hash over them. Passed again after
 * the network dropped, the reading carries on from the next part instead of starting over.
 */
export class AttachmentReading {
  hash = sha256.create();
  parts: Uint8Array[] = [];
  first: AttachmentPart | null = null;
  offset = 0;

  /** Starts over: after a part that did not fit, nothing read so far is trusted. */
  reset(): void {
    this.hash = sha256.create();
    this.parts = [];
    this.first = null;
    this.offset = 0;
  }
}

export interface ReadOptions {
  /** Called after each part with how far it has got (0 to 1). */
  onProgress?: (fraction: number) => void;
  /** Stops between parts (the member closed the viewer): the answer is then null. */
  signal?: AbortSignal;
  /** A reading that stopped part-way (the network dropped), to carry on from where it got to. */
  reading?: AttachmentReading;
}

const NOT_WHOLE =
  'The file did not arrive whole, or does not match the fingerprint recorded when it was added. Try again; if it keeps happening, ask the lead assessor to check the case file.';

/**
 * Reads an attachment part by part from offset 0 (or where `reading` got to), each part right
 * after the last, until its recorded size; every part must describe the same file, and the whole
 * must match its SHA-256. Never holds more than the file (at most MAX_VIEWED_ATTACHMENT_BYTES)
 * plus one part.
 */
export async function readAttachmentToView(
  readPart: ReadAttachmentPart,
  caseId: string,
  attachmentId: string,
  options: ReadOptions = {},
): Promise<Result<ViewedAttachment> | null> {
  const reading = options.reading ?? new AttachmentReading();
  const damaged = (): Result<ViewedAttachment> => {
    reading.reset();
    return { ok: false, error: { code: 'CASE_FILE_DAMAGED', message: NOT_WHOLE } };
  };
  do {
    if (options.signal?.aborted) return null;
    const answer = await readPart({ caseId, attachmentId, offset: reading.offset });
    if (options.signal?.aborted) return null;
    if (!answer.ok) return answer;
    const part = answer.value;
    const first = (reading.first ??= part);
    const bytes = fromBase64(part.bytes);
    if (
      !bytes ||
      !samePart(first, part, attachmentId, reading.offset) ||
      reading.offset + bytes.length > first.sizeBytes ||
      (bytes.length === 0 && first.sizeBytes > 0)
    )
      return damaged();
    reading.hash.update(bytes);
    reading.parts.push(bytes);
    reading.offset += bytes.length;
    options.onProgress?.(first.sizeBytes === 0 ? 1 : reading.offset / first.sizeBytes);
  } while (reading.offset < reading.first.sizeBytes);
  const first = reading.first;
  if (bytesToHex(reading.hash.digest()) !== first.sha256) return damaged();
  const { fileName, mediaType, view, sizeBytes, sha256: fingerprint } = first;
  return {
    ok: true,
    value: { fileName, mediaType, view, sizeBytes, sha256: fingerprint, parts: reading.parts },
  };
}

/** A part belongs to the file the first part described, starts where asked, and the file is one a device opens. */
function samePart(
  first: AttachmentPart,
  part: AttachmentPart,
  attachmentId: string,
  offset: number,
): boolean {
  return (
    part.attachmentId === attachmentId &&
    part.offset === offset &&
    part.sizeBytes === first.sizeBytes &&
    part.sha256 === first.sha256 &&
    part.mediaType === first.mediaType &&
    part.view === first.view &&
    first.sizeBytes <= MAX_VIEWED_ATTACHMENT_BYTES
  );
}

function fromBase64(text: string): Uint8Array | null {
  try {
    return Uint8Array.from(atob(text), (character) => character.charCodeAt(0));
  } catch {
    return null;
  }
}

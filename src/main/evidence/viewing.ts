import {
  attachmentView,
  MAX_VIEWED_ATTACHMENT_BYTES,
  VIEWED_PART_BYTES,
  type AttachmentPart,
} from '../../shared/api';
import { UserFacingError } from '../../shared/errors';
import type { CaseScope } from '../case';
import { readAttachmentRange, storedAttachment } from '../casefile';
import { recordAttachmentOpened } from './opened';

/**
 * Attachments shown, view only, on a scoring member's own device in the panel room: read one part
 * at a time (each its own sealed call), so neither the room nor the device holds more than a part
 * in flight. Who may call it at all (scoring members of this case) the contract says; this keeps
 * the rest: a member looks at the organisation's files only once they have declared any conflict
 * of interest, never when the lead has excluded them for one, and only files a page can show.
 * Each opening is audited once, with its first part (not once per part); a refused one writes
 * nothing, as no refusal is audited.
 */
export async function viewAttachmentPart(
  scope: CaseScope,
  attachmentId: string,
  offset: number,
): Promise<AttachmentPart> {
  await requireMayOpenEvidence(scope);
  const attachment = await storedAttachment(scope.caseFile, attachmentId);
  if (!attachment)
    throw new UserFacingError(
      'NOT_FOUND',
      'That attachment is not in this case file. It may have been removed; go back to the evidence and look again.',
    );
  const view = attachmentView(attachment.mediaType);
  if (!view)
    throw new UserFacingError(
      'ATTACHMENT_NOT_VIEWABLE',
      `“${attachment.fileName}” can only be opened on the lead assessor’s computer.`,
    );
  if (attachment.size > MAX_VIEWED_ATTACHMENT_BYTES)
    throw new UserFacingError(
      'ATTACHMENT_TOO_LARGE',
      `“${attachment.fileName}” is larger than ${MAX_VIEWED_ATTACHMENT_BYTES / (1024 * 1024)} MB, the most a phone or tablet opens here. Ask the lead assessor to show it on their computer.`,
    );
  if (offset > 0 && offset >= attachment.size)
    throw new UserFacingError(
      'INVALID_INPUT',
      `“${attachment.fileName}” has no part starting at byte ${offset}: it is ${attachment.size} bytes long. Open it again from the start.`,
    );
  const bytes =
    attachment.size === 0
      ? Buffer.alloc(0)
      : await readAttachmentRange(scope.caseFile, attachment, offset, VIEWED_PART_BYTES);
  if (offset === 0)
    await recordAttachmentOpened(scope.caseFile, scope.actor.label, 'evidence.attachment_viewed', attachment);
  return {
    attachmentId: attachment.id,
    fileName: attachment.fileName,
    mediaType: attachment.mediaType,
    view,
    sizeBytes: attachment.size,
    sha256: attachment.sha256,
    offset,
    bytes: bytes.toString('base64'),
  };
}

/** Declared conflicts first, and not excluded for one: the same for every member, the lead included. */
async function requireMayOpenEvidence(scope: CaseScope): Promise<void> {
  const { actor } = scope;
  const member = await scope.caseFile.db
    .selectFrom('panel_member')
    .select(['conflict_declared_at', 'conflict_decision'])
    .where('id', '=', actor.memberId)
    .executeTakeFirst();
  if (!member?.conflict_declared_at)
    throw new UserFacingError(
      'FORBIDDEN',
      `${actor.name}, declare any conflict of interest first (under “Conflicts of interest”); then you can open the evidence’s files.`,
    );
  if (member.conflict_decision === 'excluded')
    throw new UserFacingError(
      'FORBIDDEN',
      `${actor.name}, the lead assessor has excluded you from this assessment because of a conflict of interest, so you cannot open its files.`,
    );
}

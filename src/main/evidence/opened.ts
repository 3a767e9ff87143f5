import type { CaseFile } from '../casefile';

/** Who opened which attachment, and when (the audit entry's own time): never the file's contents. */
export type AttachmentOpening = 'evidence.attachment_viewed' | 'evidence.attachment_saved';

/**
 * One audit entry each time someone opens an attachment: a member viewing it on their device
 * (`evidence.attachment_viewed`) or a copy saved to open on a computer (`evidence.attachment_saved`).
 * The entry names the member (its actor) and carries the attachment's id, evidence item and file name.
 * A case file opened read-only records nothing (it cannot change at all), and says so in the README.
 */
export async function recordAttachmentOpened(
  caseFile: CaseFile,
  actor: string,
  action: AttachmentOpening,
  attachment: { id: string; evidenceId: string; fileName: string },
): Promise<void> {
  if (caseFile.readOnly) return;
  await caseFile.mutate(
    actor,
    action,
    { attachmentId: attachment.id, evidenceId: attachment.evidenceId, fileName: attachment.fileName },
    async () => undefined,
  );
}

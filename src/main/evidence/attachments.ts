import type { Readable, Writable } from 'node:stream';
import type { AttachmentInfo, EvidenceItem } from '../../shared/api';
import { UserFacingError } from '../../shared/errors';
import type { CaseScope, OpenCaseScope } from '../case';
import { attachToEvidence, exportAttachment, removeAttachment, type ExportedAttachment } from '../casefile';
import { getEvidence } from './register';

/** The file a person is attaching: what it is called and, when known, its type and size. */
export interface AttachedFile {
  fileName: string;
  mediaType?: string | undefined;
  sizeBytes?: number | undefined;
}

/** Adds a file (by path, or streamed) to an evidence item, encrypted inside the case file. */
export async function attachFile(
  scope: CaseScope,
  evidenceId: string,
  source: string | Readable,
  file: AttachedFile,
): Promise<EvidenceItem> {
  await attachToEvidence(scope.caseFile, scope.actor.label, evidenceId, source, {
    fileName: file.fileName,
    ...(file.mediaType ? { mediaType: file.mediaType } : {}),
    ...(file.sizeBytes !== undefined ? { size: file.sizeBytes } : {}),
  });
  return getEvidence(scope, evidenceId);
}

export async function attachmentInfo(scope: OpenCaseScope, attachmentId: string): Promise<AttachmentInfo> {
  const row = await scope.caseFile.db
    .selectFrom('evidence_attachment')
    .selectAll()
    .where('id', '=', attachmentId)
    .executeTakeFirst();
  if (!row)
    throw new UserFacingError(
      'NOT_FOUND',
      'That attachment is no longer in the case file. It may have been removed.',
    );
  return {
    id: row.id,
    evidenceId: row.evidence_id,
    fileName: row.file_name,
    mediaType: row.media_type,
    sizeBytes: row.size,
    sha256: row.sha256,
  };
}

/** Saves a copy of an attachment to a file on this computer, or streams it out, checking its SHA-256. */
export function saveAttachmentCopy(
  scope: OpenCaseScope,
  attachmentId: string,
  destination: string | Writable,
): Promise<ExportedAttachment> {
  return exportAttachment(scope.caseFile, attachmentId, destination);
}

export function removeAttachedFile(scope: CaseScope, attachmentId: string): Promise<void> {
  return removeAttachment(scope.caseFile, scope.actor.label, attachmentId);
}

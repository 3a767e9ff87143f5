import { statSync } from 'node:fs';
import { Readable, type Writable } from 'node:stream';
import { type AttachmentInfo, type EvidenceItem } from '../../shared/api';
import { emptyFileMessage } from '../../shared/file-words';
import { UserFacingError } from '../../shared/errors';
import type { CaseScope, OpenCaseScope } from '../case';
import {
  APP_ACTOR,
  attachToEvidence,
  exportAttachment,
  removeAttachment,
  type ExportedAttachment,
} from '../casefile';
import { recordAttachmentOpened } from './opened';
import { getEvidence } from './register';

/** The file a person is attaching: what it is called and, when known, its type and size. */
export interface AttachedFile {
  fileName: string;
  mediaType?: string | undefined;
  sizeBytes?: number | undefined;
}

/** A 0-byte file is almost always a slip (still downloading, an empty export), never evidence. */
function emptyFile(fileName: string): UserFacingError {
  return new UserFacingError('ATTACHMENT_EMPTY', emptyFileMessage(fileName));
}

/**
 * The file to attach, refused if it holds no bytes. A path or a stated size is checked at once;
 * a stream of unknown size is read up to its first bytes, which are then passed on with the rest.
 */
async function refuseEmptyFile(source: string | Readable, file: AttachedFile): Promise<string | Readable> {
  if (file.sizeBytes === 0) throw emptyFile(file.fileName);
  if (typeof source === 'string') {
    const stats = statSync(source, { throwIfNoEntry: false });
    if (stats?.isFile() && stats.size === 0) throw emptyFile(file.fileName);
    return source;
  }
  const chunks = source[Symbol.asyncIterator]();
  const first = await chunks.next();
  if (first.done) throw emptyFile(file.fileName);
  return Readable.from(
    (async function* () {
      yield first.value as unknown;
      for (let next = await chunks.next(); !next.done; next = await chunks.next())
        yield next.value as unknown;
    })(),
    { objectMode: false },
  );
}

/** Adds a file (by path, or streamed) to an evidence item, encrypted inside the case file. An empty file is refused. */
export async function attachFile(
  scope: CaseScope,
  evidenceId: string,
  source: string | Readable,
  file: AttachedFile,
): Promise<EvidenceItem> {
  const checked = await refuseEmptyFile(source, file);
  await attachToEvidence(scope.caseFile, scope.actor.label, evidenceId, checked, {
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

/**
 * Saves a copy of an attachment to a file on this computer, or streams it out, checking its SHA-256:
 * how the lead's own screens open a file. Audited once the copy is whole.
 */
export async function saveAttachmentCopy(
  scope: OpenCaseScope,
  attachmentId: string,
  destination: string | Writable,
): Promise<ExportedAttachment> {
  const info = await attachmentInfo(scope, attachmentId);
  const exported = await exportAttachment(scope.caseFile, attachmentId, destination);
  await recordAttachmentOpened(
    scope.caseFile,
    scope.actor?.label ?? APP_ACTOR,
    'evidence.attachment_saved',
    info,
  );
  return exported;
}

export function removeAttachedFile(scope: CaseScope, attachmentId: string): Promise<void> {
  return removeAttachment(scope.caseFile, scope.actor.label, attachmentId);
}

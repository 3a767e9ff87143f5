import {
  addEvidence,
  attachFile,
  attachmentInfo,
  editEvidence,
  listEvidence,
  pageEvidence,
  removeAttachedFile,
  removeEvidence,
  saveAttachmentCopy,
  viewAttachmentPart,
} from '../evidence';
import { localFile } from './files';
import type { Handlers } from './handler';

type EvidenceOperation =
  | 'evidence.list'
  | 'evidence.page'
  | 'evidence.add'
  | 'evidence.update'
  | 'evidence.remove'
  | 'evidence.attach'
  | 'evidence.attachmentInfo'
  | 'evidence.viewAttachment'
  | 'evidence.exportAttachment'
  | 'evidence.removeAttachment';

export const evidenceHandlers: Pick<Handlers, EvidenceOperation> = {
  'evidence.list': (_input, _ctx, scope) => listEvidence(scope),
  'evidence.page': ({ query, kind, offset, limit }, _ctx, scope) =>
    pageEvidence(scope, { query, kind, offset, limit }),
  'evidence.add': ({ evidence }, _ctx, scope) => addEvidence(scope, evidence),
  'evidence.update': ({ evidenceId, evidence, savedBefore }, _ctx, scope) =>
    editEvidence(scope, evidenceId, evidence, savedBefore),
  'evidence.remove': async ({ evidenceId }, _ctx, scope) => {
    await removeEvidence(scope, evidenceId);
    return { removed: true as const };
  },
  'evidence.attach': ({ evidenceId, fileName, mediaType, sizeBytes, path }, ctx, scope) =>
    attachFile(scope, evidenceId, ctx.upload ?? localFile(ctx, path), { fileName, mediaType, sizeBytes }),
  'evidence.attachmentInfo': ({ attachmentId }, _ctx, scope) => attachmentInfo(scope, attachmentId),
  'evidence.viewAttachment': ({ attachmentId, offset }, _ctx, scope) =>
    viewAttachmentPart(scope, attachmentId, offset),
  'evidence.exportAttachment': async ({ attachmentId, path }, ctx, scope) => {
    if (ctx.download) {
      const output = ctx.download.start(await attachmentInfo(scope, attachmentId));
      return { path: null, sizeBytes: (await saveAttachmentCopy(scope, attachmentId, output)).bytes };
    }
    const target = localFile(ctx, path);
    const exported = await saveAttachmentCopy(scope, attachmentId, target);
    return { path: target, sizeBytes: exported.bytes };
  },
  'evidence.removeAttachment': async ({ attachmentId }, _ctx, scope) => {
    await removeAttachedFile(scope, attachmentId);
    return { removed: true as const };
  },
};

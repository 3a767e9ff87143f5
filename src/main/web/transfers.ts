import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApiContext, dispatch, type Handlers } from '../api';
import { exportAttachment } from '../casefile';

/**
 * Browser mode's file transfers. They take the same path as every other call — the contract's
 * validation and permission checks in dispatch — and only the bytes travel differently:
 * an upload's body streams straight into the encrypted case file; a download streams out of it.
 */

export const UPLOAD_INPUT_HEADER = 'x-copanel-input';

/** `POST /upload/evidence.attach`: the file is the body; the operation's input is a JSON header. */
export async function handleUpload(
  req: IncomingMessage,
  handlers: Handlers,
  ctx: ApiContext,
): Promise<unknown> {
  const header = req.headers[UPLOAD_INPUT_HEADER];
  let input: unknown;
  try {
    input = JSON.parse(decodeURIComponent(typeof header === 'string' ? header : ''));
  } catch {
    return {
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'The upload did not say which evidence item it is for.' },
    };
  }
  return dispatch(handlers, 'evidence.attach', input, { ...ctx, upload: req });
}

/** `POST /download/attachment` with `{caseId, attachmentId}`: checks access, then streams the file out. */
export async function handleAttachmentDownload(
  input: unknown,
  res: ServerResponse,
  handlers: Handlers,
  ctx: ApiContext,
): Promise<void> {
  const info = await dispatch(handlers, 'evidence.attachmentInfo', input, ctx);
  if (!info.ok) {
    res.writeHead(403, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(info));
    return;
  }
  const { caseId, attachmentId } = input as { caseId: string; attachmentId: string };
  const { fileName, mediaType, sizeBytes } = info.value as {
    fileName: string;
    mediaType: string;
    sizeBytes: number;
  };
  res.writeHead(200, {
    'Content-Type': mediaType,
    'Content-Length': sizeBytes,
    'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
  });
  await exportAttachment(ctx.cases.get(caseId), attachmentId, res);
  res.end();
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { contract, isOperationName, type Result, type Transfer } from '../../shared/api';
import { dispatch, type ApiContext, type DownloadSink, type Handlers } from '../api';

/**
 * Browser mode's file transfers, for any operation the contract marks as taking an upload or
 * giving a download. They take the same path as every other call — the contract's validation,
 * who is asking and permission checks, in dispatch — and only the bytes travel differently:
 *   POST /upload/<operation>    the file is the body; the operation's input is a JSON header.
 *   POST /download/<operation>  the input is the JSON body; the file is the response.
 */

const UPLOAD_INPUT_HEADER = 'x-copanel-input';
/** A sentence about a downloaded file (URI-encoded), for the page to show beside it. */
const DOWNLOAD_NOTE_HEADER = 'x-copanel-note';

const notTransferred = (name: string, transfer: Transfer): Result<never> => ({
  ok: false,
  error: { code: 'UNKNOWN_OPERATION', message: `The app does not ${transfer} files with "${name}".` },
});

function transfers(name: string, transfer: Transfer): boolean {
  return isOperationName(name) && contract[name].transfer === transfer;
}

/** `POST /upload/<operation>`: dispatches the operation with the request body as its upload. */
export async function handleUpload(
  req: IncomingMessage,
  name: string,
  handlers: Handlers,
  ctx: ApiContext,
): Promise<Result<unknown>> {
  if (!transfers(name, 'upload')) return notTransferred(name, 'upload');
  const header = req.headers[UPLOAD_INPUT_HEADER];
  let input: unknown;
  try {
    input = JSON.parse(decodeURIComponent(typeof header === 'string' ? header : ''));
  } catch {
    return {
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'The upload did not say what the file is for.' },
    };
  }
  return dispatch(handlers, name, input, { ...ctx, upload: req });
}

/**
 * `POST /download/<operation>`: dispatches the operation with the response as where its file goes.
 * Refused calls answer 403 with the Result as JSON, before any byte of a file is sent.
 */
export async function handleDownload(
  input: unknown,
  res: ServerResponse,
  name: string,
  handlers: Handlers,
  ctx: ApiContext,
): Promise<void> {
  const sink: DownloadSink = {
    start: ({ fileName, mediaType, sizeBytes, note }) =>
      res.writeHead(200, {
        'Content-Type': mediaType,
        'Content-Length': sizeBytes,
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        ...(note === undefined ? {} : { [DOWNLOAD_NOTE_HEADER]: encodeURIComponent(note) }),
      }),
  };
  const result = transfers(name, 'download')
    ? await dispatch(handlers, name, input, { ...ctx, download: sink })
    : notTransferred(name, 'download');
  if (result.ok) {
    if (!res.writableEnded) res.end();
    return;
  }
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(403, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(result));
}

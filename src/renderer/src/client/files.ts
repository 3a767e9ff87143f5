import {
  SIGNED_IN_AS_FIELD,
  type CaseFileHistoryCheck,
  type CopanelBridge,
  type CopanelClient,
  type EvidenceItem,
  type InputOf,
  type OutputOf,
  type ReadableSaved,
  type Result,
} from '../../../shared/api';
import { launchToken } from './http';

export type UploadProgress = (bytesSent: number, bytesTotal: number) => void;

/**
 * Where a file sent into a case goes, and the member the page shows as signed in (as every other
 * call on a case names them, `SIGNED_IN_AS_FIELD`): the app refuses the file (SIGNED_IN_ELSEWHERE)
 * if another tab has signed someone else in since. Undefined when the page shows nobody.
 */
export interface SentToCase {
  caseId: string;
  signedInAs: string | undefined;
}

/** Moving files in and out of the case file: streamed in browser mode, by path in the desktop app. */
export interface FileTransfers {
  attach(
    to: SentToCase & { evidenceId: string },
    file: File,
    onProgress: UploadProgress,
  ): Promise<Result<EvidenceItem>>;
  /** Sends the receipt named on one of the signed-in member's claims. */
  attachReceipt(
    to: SentToCase & { expenseId: string },
    file: File,
    onProgress: UploadProgress,
  ): Promise<Result<OutputOf<'fees.attachReceipt'>>>;
  /** Records a course in the open scheme file with its certificate of attendance, sent as the file: both kept, or neither. */
  recordTraining(
    training: InputOf<'scheme.recordTraining'>['training'],
    certificate: File,
    onProgress: UploadProgress,
  ): Promise<Result<OutputOf<'scheme.recordTraining'>>>;
  /** Saves an attachment where the user chooses. Resolves false when they cancel. */
  downloadAttachment(caseId: string, attachmentId: string, fileName: string): Promise<Result<boolean>>;
  /** Saves a fee claim's receipt where the user chooses. Resolves false when they cancel. */
  downloadReceipt(caseId: string, expenseId: string, fileName: string): Promise<Result<boolean>>;
  /** Saves a course's certificate of attendance from the scheme file. Resolves false when they cancel. */
  downloadAttendanceCertificate(trainingId: string, fileName: string): Promise<Result<boolean>>;
  /** Saves what can be read of a damaged case file to a new file where the user chooses. Resolves null when they cancel. */
  saveReadable(input: Omit<InputOf<'case.saveReadable'>, 'path'>): Promise<Result<ReadableSaved | null>>;
  /** Sends a certificate PDF to the register, which adds it only after the verifier passes it. */
  importCertificate(
    file: File,
    onProgress: UploadProgress,
  ): Promise<Result<OutputOf<'register.importCertificate'>>>;
  /** Checks a case file against a certificate checked on the Verify screen; progress while the file is sent. */
  checkCaseFile(
    input: Omit<InputOf<'certificate.checkCaseFile'>, 'fileName' | 'sizeBytes' | 'path'>,
    file: File,
    onProgress: UploadProgress,
  ): Promise<Result<CaseFileHistoryCheck>>;
}

const failed = (message: string): Result<never> => ({ ok: false, error: { code: 'INTERNAL', message } });

/** Browser mode: XMLHttpRequest for upload progress; fetch for the download, saved through a link. */
export function browserFileTransfers(): FileTransfers {
  return {
    attach: (to, file, onProgress) => upload('evidence.attach', attachInput(to, file), file, onProgress),
    attachReceipt: (to, file, onProgress) =>
      upload('fees.attachReceipt', receiptInput(to, file), file, onProgress),
    recordTraining: (training, certificate, onProgress) =>
      upload(
        'scheme.recordTraining',
        { training, certificate: described(certificate) },
        certificate,
        onProgress,
      ),
    importCertificate: (file, onProgress) =>
      upload('register.importCertificate', { fileName: file.name, sizeBytes: file.size }, file, onProgress),
    checkCaseFile: (input, file, onProgress) =>
      upload(
        'certificate.checkCaseFile',
        { ...input, fileName: file.name, sizeBytes: file.size },
        file,
        onProgress,
      ),
    downloadAttachment: async (caseId, attachmentId, fileName) => {
      const downloaded = await download('evidence.exportAttachment', { caseId, attachmentId }, fileName);
      return downloaded.ok ? { ok: true, value: true } : downloaded;
    },
    downloadReceipt: async (caseId, expenseId, fileName) => {
      const downloaded = await download('fees.exportReceipt', { caseId, expenseId }, fileName);
      return downloaded.ok ? { ok: true, value: true } : downloaded;
    },
    downloadAttendanceCertificate: async (trainingId, fileName) => {
      const downloaded = await download('scheme.exportAttendanceCertificate', { trainingId }, fileName);
      return downloaded.ok ? { ok: true, value: true } : downloaded;
    },
    saveReadable: async (input) => {
      const downloaded = await download('case.saveReadable', input, input.fileName);
      return downloaded.ok ? { ok: true, value: { path: null, summary: downloaded.value.note } } : downloaded;
    },
  };
}

/** Browser mode: `POST /upload/<operation>`, the file as the body (XMLHttpRequest, for its progress). */
function upload<
  N extends
    | 'evidence.attach'
    | 'fees.attachReceipt'
    | 'scheme.recordTraining'
    | 'register.importCertificate'
    | 'certificate.checkCaseFile',
>(operation: N, input: InputOf<N>, file: File, onProgress: UploadProgress): Promise<Result<OutputOf<N>>> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/upload/${operation}`);
    request.setRequestHeader('Authorization', `Bearer ${launchToken() ?? ''}`);
    request.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    request.setRequestHeader('X-Copanel-Input', encodeURIComponent(JSON.stringify(input)));
    request.upload.onprogress = (event) =>
      onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    request.onload = () => {
      try {
        resolve(JSON.parse(request.responseText) as Result<OutputOf<N>>);
      } catch {
        resolve(failed(request.responseText || 'The file could not be sent.'));
      }
    };
    request.onerror = () =>
      resolve(failed('The file could not be sent to the app. Check that it is still running.'));
    request.send(file);
  });
}

/**
 * The input as sent: naming the member the page shows as signed in, when it shows one, so the app
 * refuses the call if another tab has signed someone else in since (see ../app/session.ts).
 */
export function asShownMember<I extends object>(input: I, memberId: string | undefined): I {
  return memberId === undefined ? input : { ...input, [SIGNED_IN_AS_FIELD]: memberId };
}

/** The member an input as sent names (`asShownMember`), if any: for a file sent beside it. */
export function shownMemberIn(sent: object): string | undefined {
  const named: unknown = (sent as Record<string, unknown>)[SIGNED_IN_AS_FIELD];
  return typeof named === 'string' ? named : undefined;
}

function attachInput(
  { caseId, evidenceId, signedInAs }: SentToCase & { evidenceId: string },
  file: File,
): InputOf<'evidence.attach'> {
  return asShownMember(
    {
      caseId,
      evidenceId,
      fileName: file.name,
      sizeBytes: file.size,
      ...(file.type ? { mediaType: file.type } : {}),
    },
    signedInAs,
  );
}

function receiptInput(
  { caseId, expenseId, signedInAs }: SentToCase & { expenseId: string },
  file: File,
): InputOf<'fees.attachReceipt'> {
  return asShownMember({ caseId, expenseId, sizeBytes: file.size }, signedInAs);
}

/** A chosen file as the contract describes it: its name, type and size. */
function described(file: File): { fileName: string; mediaType: string; sizeBytes: number } {
  return { fileName: file.name, mediaType: file.type || 'application/octet-stream', sizeBytes: file.size };
}

/** The note the host sends beside a downloaded file (URI-encoded), in words for the page. */
const DOWNLOAD_NOTE_HEADER = 'X-Copanel-Note';

/** Browser mode: `POST /download/<operation>`, the file saved through a link; resolves with the host's note. */
async function download(
  operation:
    | 'evidence.exportAttachment'
    | 'fees.exportReceipt'
    | 'scheme.exportAttendanceCertificate'
    | 'case.saveReadable',
  input: object,
  fileName: string,
): Promise<Result<{ note: string }>> {
  const response = await fetch(`/download/${operation}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${launchToken() ?? ''}` },
    body: JSON.stringify(input),
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as Result<never> | null;
    return body && !body.ok ? body : failed('The file could not be downloaded.');
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { ok: true, value: { note: decodeURIComponent(response.headers.get(DOWNLOAD_NOTE_HEADER) ?? '') } };
}

/** Desktop app: the main process reads and writes the files by path, chosen with system dialogs. */
export function desktopFileTransfers(bridge: CopanelBridge, client: CopanelClient): FileTransfers {
  return {
    attach: (to, file, onProgress) =>
      sentByPath(file, onProgress, () =>
        client.call('evidence.attach', { ...attachInput(to, file), path: bridge.pathForFile(file) }),
      ),
    attachReceipt: (to, file, onProgress) =>
      sentByPath(file, onProgress, () =>
        client.call('fees.attachReceipt', { ...receiptInput(to, file), path: bridge.pathForFile(file) }),
      ),
    recordTraining: (training, certificate, onProgress) =>
      sentByPath(certificate, onProgress, () =>
        client.call('scheme.recordTraining', {
          training,
          certificate: described(certificate),
          path: bridge.pathForFile(certificate),
        }),
      ),
    downloadAttachment: async (caseId, attachmentId, fileName) => {
      const path = await bridge.chooseSavePath(fileName);
      if (!path) return { ok: true, value: false };
      const result = await client.call('evidence.exportAttachment', { caseId, attachmentId, path });
      return result.ok ? { ok: true, value: true } : result;
    },
    downloadReceipt: async (caseId, expenseId, fileName) => {
      const path = await bridge.chooseSavePath(fileName);
      if (!path) return { ok: true, value: false };
      const result = await client.call('fees.exportReceipt', { caseId, expenseId, path });
      return result.ok ? { ok: true, value: true } : result;
    },
    downloadAttendanceCertificate: async (trainingId, fileName) => {
      const path = await bridge.chooseSavePath(fileName);
      if (!path) return { ok: true, value: false };
      const result = await client.call('scheme.exportAttendanceCertificate', { trainingId, path });
      return result.ok ? { ok: true, value: true } : result;
    },
    saveReadable: async (input) => {
      const path = await bridge.chooseSavePath(input.fileName);
      if (!path) return { ok: true, value: null };
      return client.call('case.saveReadable', { ...input, path });
    },
    importCertificate: (file, onProgress) =>
      sentByPath(file, onProgress, () =>
        client.call('register.importCertificate', {
          fileName: file.name,
          sizeBytes: file.size,
          path: bridge.pathForFile(file),
        }),
      ),
    checkCaseFile: (input, file) =>
      client.call('certificate.checkCaseFile', {
        ...input,
        fileName: file.name,
        sizeBytes: file.size,
        path: bridge.pathForFile(file),
      }),
  };
}

/** Desktop app: a file the main process reads by its path; progress is nothing, then all of it once kept. */
async function sentByPath<T>(
  file: File,
  onProgress: UploadProgress,
  send: () => Promise<Result<T>>,
): Promise<Result<T>> {
  onProgress(0, file.size);
  const result = await send();
  if (result.ok) onProgress(file.size, file.size);
  return result;
}

import {
  createReadStream,
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statfsSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  MAX_CHECKED_CASE_FILE_BYTES,
  type CaseFileHistoryCheck,
  type CaseFileHistoryProgress,
} from '../../shared/api';
import { UserFacingError } from '../../shared/errors';
import { quotedFileName } from '../../shared/hidden-characters';
import {
  caseFileFailures,
  checkCaseFileFully,
  errorCode,
  inspectCaseFileOnDisk,
  journalPathFor,
  openCaseFile,
} from '../casefile';
import { checkHistoryAgainstCertificate, otherKindOfFile, type CaseFileHistory } from '../certificates';
import type { AuditHead } from '../signing';
import type { ApiContext } from './context';
import { localFile } from './files';
import type { Handlers } from './handler';
import type { Session } from './session';
import { verifiedCertificate } from './verified-certificates';

/**
 * The Verify screen given a case file (issue 17, item 4): is the case file's history still the
 * one the certificate on the screen recorded when it was signed?
 *
 * Who may: anyone on this computer who has the case file and its passphrase — no sign-in, since
 * the file may not be open here and whoever holds both can read all of it anyway. Not a device in
 * the panel room: the room never passes it on (room/allowed.ts), and the file arrives only as an
 * upload to the loopback host (browser mode, behind its launch token) or by path where the front
 * door reaches local files (the desktop app's file chooser, the CLI) — `localFile` refuses the rest.
 *
 * The file is never opened where it is: its bytes are streamed (at most
 * MAX_CHECKED_CASE_FILE_BYTES) into a private folder of the app's user data folder, the copy is
 * opened read-only, fully checked (every page, table and attached file), its history compared
 * with the certificate's, and the folder removed whatever happens. A copy left by a process that
 * stopped is removed by the next check. Nothing is written beside the original.
 */

const CHECKS_FOLDER = 'case-file-checks';
/** Each check holds a copy of a case file on disk; at most this many at once in one process. */
const MAX_CHECKS_AT_ONCE = 2;
/** Room to spare on the disk beyond the copy itself. */
const SPARE_BYTES = 16 * 1024 * 1024;
/** A copy's name is the user's file name, cut to this many bytes (file systems allow 255). */
const MAX_NAME_BYTES = 200;

type Progress = (progress: CaseFileHistoryProgress) => void;

const running = new Set<string>();
const progressBySession = new WeakMap<Session, Map<string, CaseFileHistoryProgress>>();

function progressOf(session: Session): Map<string, CaseFileHistoryProgress> {
  const known = progressBySession.get(session) ?? new Map<string, CaseFileHistoryProgress>();
  progressBySession.set(session, known);
  return known;
}

/** The audit head recorded by a certificate this client checked as genuine and valid. */
function anchoredHead(ctx: ApiContext, certificateNumber: string): AuditHead {
  const certificate = verifiedCertificate(ctx.session, certificateNumber);
  if (!certificate)
    throw new UserFacingError(
      'CERTIFICATE_NOT_GENUINE',
      `Certificate ${certificateNumber} has not been found genuine and valid here, so there is nothing to compare the case file with. Check the certificate first, then check the case file against it.`,
    );
  if (!certificate.auditHead)
    throw new UserFacingError(
      'INVALID_INPUT',
      `Certificate ${certificateNumber} was signed by an earlier version of Coproduction Panel, before certificates recorded the case file’s record of changes, so there is nothing in it to check a case file against.`,
    );
  return certificate.auditHead;
}

/** Where the case file's bytes come from: the upload, or a file chosen by path (checked first, read only). */
function sourceOf(ctx: ApiContext, path: string | undefined): Readable {
  if (ctx.upload) return ctx.upload;
  const original = localFile(ctx, path);
  inspectCaseFileOnDisk(original, { forWriting: false });
  if (hasHotJournal(original)) throw caseFileFailures.needsRecovery(original);
  return createReadStream(original);
}

/** A journal left beside the file by a crash: the file alone is then not the whole case. */
function hasHotJournal(path: string): boolean {
  try {
    return statSync(journalPathFor(path)).size > 0;
  } catch {
    return false;
  }
}

/** The user's file name, safe as a name in the private folder (so messages name the file they chose). */
function copyName(fileName: string): string {
  let name = fileName.replace(/[/\\:*?"<>|]/g, '_').trim();
  while (Buffer.byteLength(name) > MAX_NAME_BYTES) name = name.slice(0, -1);
  return name === '' || name === '.' || name === '..' ? 'case-file.copanel' : name;
}

/** The app's own folder for copies being checked, readable by this user only; leftovers of stopped processes removed. */
function checksFolder(ctx: ApiContext): string {
  const folder = join(ctx.runtime.userDataDir, CHECKS_FOLDER);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  for (const name of readdirSync(folder)) {
    const pid = Number(/^(\d+)-/.exec(name)?.[1]);
    const path = join(folder, name);
    if (running.has(path) || (pid !== process.pid && processIsRunning(pid))) continue;
    rmSync(path, { recursive: true, force: true });
  }
  return folder;
}

function processIsRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

function tooLarge(fileName: string): UserFacingError {
  return new UserFacingError(
    'NOT_A_CASE_FILE',
    `${quotedFileName(fileName)} is larger than ${MAX_CHECKED_CASE_FILE_BYTES / 1024 ** 3} GB, more than a case file can be checked here, so it was not checked.`,
  );
}

function noRoom(fileName: string): UserFacingError {
  return new UserFacingError(
    'DISK_FULL',
    `There is not enough space on this computer’s disk for the app to take the private copy of ${quotedFileName(fileName)} that it checks. Nothing has been changed. Free some space and try again.`,
  );
}

function requireRoomFor(folder: string, bytes: number, fileName: string): void {
  try {
    const disk = statfsSync(folder);
    if (disk.bavail * disk.bsize < bytes + SPARE_BYTES) throw noRoom(fileName);
  } catch (error) {
    if (error instanceof UserFacingError) throw error;
    // The disk cannot say; running out part-way is reported too.
  }
}

/** Streams the bytes into `copy` (new, this user only), counting them against the limit. */
async function receive(source: Readable, copy: string, fileName: string, progress: Progress, total: number) {
  let received = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      if (received > MAX_CHECKED_CASE_FILE_BYTES) return done(tooLarge(fileName));
      progress({ stage: 'receiving', done: received, total: Math.max(total, received) });
      return done(null, chunk);
    },
  });
  try {
    await pipeline(source, counted, createWriteStream(copy, { flags: 'wx', mode: 0o600 }));
  } catch (error) {
    if (error instanceof UserFacingError) throw error;
    const code = errorCode(error);
    if (code === 'ENOSPC' || code === 'EDQUOT') throw noRoom(fileName);
    throw error;
  }
}

/** Opens the copy read-only, checks all of it, then compares its history with the certificate's. */
async function checkCopy(
  ctx: ApiContext,
  copy: string,
  passphrase: string,
  auditHead: AuditHead,
  progress: Progress,
): Promise<CaseFileHistory> {
  progress({ stage: 'opening', done: 0, total: 0 });
  const caseFile = await openCaseFile({
    path: copy,
    passphrase,
    readOnly: true,
    appVersion: ctx.runtime.version,
    ...(ctx.runtime.fullCheckAtOpenMaxBytes === undefined
      ? {}
      : { fullCheckAtOpenMaxBytes: ctx.runtime.fullCheckAtOpenMaxBytes }),
  });
  try {
    const full = await checkCaseFileFully(copy, passphrase, {
      onProgress: ({ stage, done, total }) => progress({ stage, done, total }),
    });
    if (!full.ok) throw caseFileFailures.damaged(copy, full.damage.map((damage) => damage.detail).join('; '));
    progress({ stage: 'history', done: 0, total: 0 });
    return await checkHistoryAgainstCertificate(caseFile, auditHead);
  } finally {
    await caseFile.close();
  }
}

/** "Not a case file" says what the file is instead, when its first bytes tell (a PDF, a ZIP). */
function sayWhatItIs(error: unknown, copy: string): unknown {
  if (!(error instanceof UserFacingError) || error.code !== 'NOT_A_CASE_FILE') return error;
  const kind = otherKindOfFile(copy);
  return kind === undefined ? error : caseFileFailures.notACaseFile(copy, kind);
}

const entries = (count: number) => `${count} ${count === 1 ? 'entry' : 'entries'}`;

/** The answer in plain words. */
export function historyAnswer(
  history: CaseFileHistory,
  certificateNumber: string,
  fileName: string,
): CaseFileHistoryCheck {
  const file = quotedFileName(fileName);
  if (history.matches) {
    const since =
      history.entriesSince === 0 ? ', and none since' : `, and ${entries(history.entriesSince)} made since`;
    return {
      verdict: 'matches',
      certificateNumber,
      entriesAtSigning: history.entriesAtSigning,
      entriesSince: history.entriesSince,
      problems: [],
      summary: `The case file’s history matches the certificate: ${entries(history.entriesAtSigning)} up to the signing${since}. Nothing in the record of changes of ${file} was rewritten after certificate ${certificateNumber} was issued.`,
    };
  }
  return {
    verdict: 'rewritten',
    certificateNumber,
    entriesAtSigning: history.entriesAtSigning,
    entriesSince: 0,
    problems: history.problems,
    summary: `The history was rewritten after the certificate was issued: ${history.problems.join('; ')}. Do not rely on ${file} as the record behind certificate ${certificateNumber}; keep it as it is and tell the scheme office.`,
  };
}

export const caseFileHistoryHandlers: Pick<
  Handlers,
  'certificate.checkCaseFile' | 'certificate.caseFileCheckProgress'
> = {
  'certificate.checkCaseFile': async (input, ctx) => {
    const auditHead = anchoredHead(ctx, input.certificateNumber);
    if (input.sizeBytes !== undefined && input.sizeBytes > MAX_CHECKED_CASE_FILE_BYTES)
      throw tooLarge(input.fileName);
    if (running.size >= MAX_CHECKS_AT_ONCE)
      throw new UserFacingError(
        'CASE_FILE_LOCKED',
        'Other case files are being checked on this computer right now. Wait for them to finish, then try again.',
      );
    const source = sourceOf(ctx, input.path);
    const known = progressOf(ctx.session);
    const progress: Progress = (now) => known.set(input.checkId, now);
    let folder: string | undefined;
    try {
      folder = mkdtempSync(join(checksFolder(ctx), `${process.pid}-`));
      running.add(folder);
      const total = input.sizeBytes ?? (input.path === undefined ? 0 : statSync(input.path).size);
      requireRoomFor(folder, total, input.fileName);
      const copy = join(folder, copyName(input.fileName));
      progress({ stage: 'receiving', done: 0, total });
      await receive(source, copy, input.fileName, progress, total);
      const history = await checkCopy(ctx, copy, input.passphrase, auditHead, progress).catch((error) => {
        throw sayWhatItIs(error, copy);
      });
      return historyAnswer(history, input.certificateNumber, input.fileName);
    } finally {
      // An upload not read to the end is drained, so the answer reaches the page; a file by path is just closed.
      if (source === ctx.upload) source.resume();
      else source.destroy();
      if (folder !== undefined) {
        rmSync(folder, { recursive: true, force: true });
        running.delete(folder);
      }
      known.delete(input.checkId);
    }
  },
  'certificate.caseFileCheckProgress': ({ checkId }, ctx) => progressOf(ctx.session).get(checkId) ?? null,
};

import type { CaseFileCheckProgress, CaseFileCheckReason, CaseFileDamage } from '../../shared/api';
import { isUserFacingError } from '../../shared/errors';
import { logInternalError } from '../error-log';
import { setTimeout as delay } from 'node:timers/promises';
import { caseFileFailures } from './failures';
import type { FullCheckJob, FullCheckKind, FullCheckProgress, OpenFileToCheck } from './full-check';

/**
 * The full checks running in the background, one per open file: started when a large file is
 * opened (its bulk tables — a case's attachment pages, a scheme file's register — were left out
 * of the check at open) or when the lead asks. The screens poll `status` for progress and for
 * damage, which is known as soon as the check finds it; the lead may cancel. A check stops by
 * itself when its file is closed. Case files and scheme files each have one BackgroundChecks.
 */

/** A file open in this app whose full check can run here: a case file or a scheme file. */
export type FileUnderCheck = OpenFileToCheck & ({ readonly caseId: string } | { readonly schemeId: string });

function idOf(file: FileUnderCheck): string {
  return 'caseId' in file ? file.caseId : file.schemeId;
}

/** How one kind of file's check is run and told (case files unless said otherwise). */
export interface BackgroundCheckKind {
  /** Loads the full check itself, with the first check (default: the case file's). */
  loadFullCheck?: () => Promise<FullCheckKind>;
  /** What the tables stage checks, in the user's words. */
  tablesWords: string;
  /** What the user calls the file: "case file", "scheme file". */
  noun: string;
}

const CASE_FILE_CHECK: BackgroundCheckKind = {
  tablesWords: 'Checking every part of the case (evidence, panel, scores…)',
  noun: 'case file',
};

/** How much of the whole check each stage is, for one progress bar (pages read every byte once, kept files again). */
const STAGE_SHARE: Record<FullCheckProgress['stage'], { from: number; share: number }> = {
  pages: { from: 0, share: 50 },
  tables: { from: 50, share: 10 },
  attachments: { from: 60, share: 40 },
};

const MiB = 1024 * 1024;

function describeProgress(
  progress: FullCheckProgress,
  kind: BackgroundCheckKind,
  fullCheck: FullCheckKind,
): string {
  const amount =
    progress.stage === 'attachments'
      ? `${Math.floor(progress.done / MiB)} MB of ${Math.ceil(progress.total / MiB)} MB`
      : `${progress.done} of ${progress.total}`;
  const words = {
    pages: 'Checking every page of the file',
    tables: kind.tablesWords,
    attachments: fullCheck.readingBackWords,
  }[progress.stage];
  return `${words}: ${amount}.`;
}

function percentOf(progress: FullCheckProgress): number {
  const { from, share } = STAGE_SHARE[progress.stage];
  const part = progress.total > 0 ? Math.min(progress.done / progress.total, 1) : 1;
  return Math.floor(from + share * part);
}

interface Running {
  job: FullCheckJob;
  status: CaseFileCheckProgress;
}

const notChecked = (noun: string): CaseFileCheckProgress => ({
  state: 'none',
  startedBecause: null,
  percent: 0,
  description: `The full check has not been run since this ${noun} was opened here.`,
  damage: [],
  summary: null,
});

export class BackgroundChecks {
  private readonly checks = new Map<string, Running>();
  private readonly kind: BackgroundCheckKind;

  /**
   * `userDataDir`: where an internal error (a bug, not damage) is logged, stack and all; `kind`:
   * the kind of file checked (case files by default).
   */
  constructor(private readonly options: { userDataDir?: string; kind?: BackgroundCheckKind } = {}) {
    this.kind = options.kind ?? CASE_FILE_CHECK;
  }

  /**
   * Starts the check the lead asks for, once the passphrase they gave is known to be this file's
   * (page 1's HMAC; read twice, in case the app's own connection was writing it).
   */
  async startAsked(caseFile: FileUnderCheck, passphrase: string): Promise<CaseFileCheckProgress> {
    const { pagesFailingNow } = await import('./sqlcipher4-format');
    const wrong = async () => (await pagesFailingNow(caseFile.path, passphrase, [1])).length > 0;
    if ((await wrong()) && (await delay(200).then(wrong)))
      throw caseFileFailures.wrongPassphrase(caseFile.path);
    return await this.start(caseFile, passphrase, 'asked');
  }

  /**
   * Starts the full check of an open file, unless one is running already; its status either way.
   * (The check's code loads with the first file, not with the registry: see registry.ts.)
   */
  async start(
    caseFile: FileUnderCheck,
    passphrase: string,
    reason: CaseFileCheckReason,
  ): Promise<CaseFileCheckProgress> {
    const { startFullCheck, CASE_FILE_FULL_CHECK } = await import('./full-check');
    const fullCheck = (await this.kind.loadFullCheck?.()) ?? CASE_FILE_FULL_CHECK;
    const id = idOf(caseFile);
    const current = this.checks.get(id);
    if (current?.status.state === 'running') return current.status;
    const status: CaseFileCheckProgress = {
      state: 'running',
      startedBecause: reason,
      percent: 0,
      description: 'Starting the full check…',
      damage: [],
      summary: null,
    };
    const job = startFullCheck(
      caseFile,
      passphrase,
      {
        onProgress: (progress) => {
          status.percent = percentOf(progress);
          status.description = describeProgress(progress, this.kind, fullCheck);
        },
        onDamage: (damage: CaseFileDamage) => status.damage.push(damage),
      },
      fullCheck,
    );
    const running: Running = { job, status };
    this.checks.set(id, running);
    job.done.then(
      (report) => {
        status.state = report.cancelled ? 'cancelled' : 'finished';
        status.percent = report.cancelled ? status.percent : 100;
        status.damage = report.damage;
        status.summary = report.summary;
        status.description = report.cancelled
          ? 'The full check was stopped.'
          : 'The full check has finished.';
      },
      (error: unknown) => {
        status.state = 'failed';
        status.description = 'The full check could not be finished.';
        if (isUserFacingError(error)) {
          status.summary = error.message;
          return;
        }
        if (this.options.userDataDir) logInternalError(this.options.userDataDir, 'the full check', error);
        status.summary = `The full check stopped because of a problem in the app. Try again; if it happens again, close the ${this.kind.noun} and open it again.`;
      },
    );
    return status;
  }

  /** The state of the file's full check, by its case or scheme id (a copy, so callers never see it change under them); null: none. */
  status(caseId: string | null): CaseFileCheckProgress {
    const status =
      (caseId === null ? undefined : this.checks.get(caseId)?.status) ?? notChecked(this.kind.noun);
    return { ...status, damage: [...status.damage] };
  }

  /** Stops the case's full check if one is running. */
  cancel(caseId: string): void {
    this.checks.get(caseId)?.job.cancel();
  }

  /** Stops and forgets the case's check (the case is being closed). */
  forget(caseId: string): void {
    this.cancel(caseId);
    this.checks.delete(caseId);
  }
}

import type { CaseFileCheckProgress, OpenSchemeFile } from '../../shared/api';
import { UserFacingError } from '../../shared/errors';
import type { BackgroundCheckKind, BackgroundChecks } from '../casefile';
import type { CreateSchemeFileOptions, OpenSchemeFileOptions, SchemeFile } from '../scheme';

/**
 * A large scheme file's full check, run in the background after it opens (its register and audit
 * log were left out of the check at open: SCHEME_FILE_OPEN_CHECK), as a large case file's is.
 */
const SCHEME_FILE_BACKGROUND_CHECK: BackgroundCheckKind = {
  loadFullCheck: async () => (await import('../scheme')).SCHEME_FILE_FULL_CHECK,
  tablesWords: 'Checking every part of the scheme file (the register, assessors, audit log…)',
  noun: 'scheme file',
};

/**
 * The scheme file open in this app: one at a time, beside any open case, shared by every window
 * of the app (like its open case files), closed when the app quits.
 *
 * Who may use it: the scheme office, at this computer — the desktop window, the browser-mode page
 * and the CLI are each given a SchemeOffice; a device in the panel room is not, so no call from the
 * room ever reaches the scheme file. There is no per-user login to a scheme file: its passphrase is
 * what protects it (the file on disk is unreadable without it, and it is asked for at every open),
 * and the name given when it is opened is written in its audit log with every change made here.
 *
 * The scheme file's own safety is unchanged: its lock keeps a second app from writing it, a newer
 * file is refused untouched, and a layout update takes a backup first (src/main/scheme).
 */
export interface OpenScheme {
  readonly file: SchemeFile;
  /** Who opened it, as recorded in its audit log with every change (SchemeFile.mutate's actor). */
  readonly actor: string;
}

export class SchemeOffice {
  private current: OpenScheme | undefined;
  /** Opening, creating and closing run one at a time, so two quick opens cannot both succeed. */
  private queue: Promise<unknown> = Promise.resolve();
  /** The full check of a large scheme file, running in the background once it is open (made with the first use). */
  private checks: BackgroundChecks | undefined;

  /** `userDataDir`: where an internal error in the background check is logged. */
  constructor(private readonly options: { userDataDir?: string } = {}) {}

  /** The background checks, loaded with the first use (the case file's code stays out of a bundle that never opens one). */
  private async backgroundChecks(): Promise<BackgroundChecks> {
    if (!this.checks) {
      const { BackgroundChecks } = await import('../casefile');
      this.checks ??= new BackgroundChecks({ ...this.options, kind: SCHEME_FILE_BACKGROUND_CHECK });
    }
    return this.checks;
  }

  /** The open scheme file, if any (a file closed underneath counts as none). */
  get openScheme(): OpenScheme | undefined {
    return this.current?.file.isOpen ? this.current : undefined;
  }

  /**
   * Opens a scheme file. A large one was checked at open except for its register and audit log
   * (SCHEME_FILE_OPEN_CHECK), so their full check starts now in the background: `checkProgress`.
   */
  async open(options: OpenSchemeFileOptions, openedBy: string): Promise<OpenScheme> {
    return this.serially(async () => {
      this.refuseSecond(options.path);
      const { openSchemeFile, schemeFileCheckedWholeAtOpen } = await import('../scheme');
      const open = this.keep(await openSchemeFile(options), openedBy);
      if (!schemeFileCheckedWholeAtOpen(open.file.path, options.fullCheckAtOpenMaxBytes))
        await (await this.backgroundChecks()).start(open.file, options.passphrase, 'opened_large_file');
      return open;
    });
  }

  /** How far the open scheme file's background check has got, and the damage it found (none running: state 'none'). */
  async checkProgress(): Promise<CaseFileCheckProgress> {
    return (await this.backgroundChecks()).status(this.openScheme?.file.schemeId ?? null);
  }

  async create(options: CreateSchemeFileOptions): Promise<OpenScheme> {
    return this.serially(async () => {
      this.refuseSecond(options.path);
      const { createSchemeFile } = await import('../scheme');
      return this.keep(await createSchemeFile(options), options.createdBy);
    });
  }

  /** Closes the scheme file and releases its lock. Safe when none is open. */
  async close(): Promise<void> {
    return this.serially(async () => {
      const open = this.current;
      this.current = undefined;
      if (open) this.checks?.forget(open.file.schemeId);
      await open?.file.close();
    });
  }

  private keep(file: SchemeFile, openedBy: string): OpenScheme {
    this.current = { file, actor: openedBy.trim() };
    return this.current;
  }

  private refuseSecond(path: string): void {
    const open = this.openScheme;
    if (!open) return;
    const same = open.file.path === path;
    throw new UserFacingError(
      'SCHEME_FILE_ALREADY_OPEN',
      same
        ? `“${open.file.fileName}” is already open in this app. Carry on with it from the Scheme screens.`
        : `The scheme file “${open.file.fileName}” is open. Close it before opening another: the app keeps one scheme file open at a time.`,
    );
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

/** What a front door gives its handlers: a SchemeOffice on this computer, none in the panel room. */
export interface SchemeOfficeHolder {
  readonly schemeOffice?: SchemeOffice;
}

/** This front door's scheme office, or FORBIDDEN from a device in the panel room. */
export function schemeOfficeOf(ctx: SchemeOfficeHolder): SchemeOffice {
  if (!ctx.schemeOffice)
    throw new UserFacingError(
      'FORBIDDEN',
      'The scheme file can only be used on the scheme office’s computer, not from a device in the panel room.',
    );
  return ctx.schemeOffice;
}

/**
 * The accessor every scheme feature's handlers use: the open scheme file and who opened it, or a
 * typed SCHEME_FILE_NOT_OPEN error the screens turn into "open the scheme file first".
 */
export function openScheme(ctx: SchemeOfficeHolder): OpenScheme {
  const open = schemeOfficeOf(ctx).openScheme;
  if (!open)
    throw new UserFacingError(
      'SCHEME_FILE_NOT_OPEN',
      'No scheme file is open. Open the scheme file from the Scheme office screen (you need its passphrase), then try again.',
    );
  return open;
}

/** The open scheme file when it is the one with this scheme id (a case's linked scheme), else undefined. */
export function openSchemeWithId(ctx: SchemeOfficeHolder, schemeId: string): OpenScheme | undefined {
  const open = ctx.schemeOffice?.openScheme;
  return open?.file.schemeId === schemeId ? open : undefined;
}

/** The open scheme file as the screens show it. */
export async function openSchemeView(open: OpenScheme): Promise<OpenSchemeFile> {
  const details = await open.file.details();
  return {
    schemeId: details.schemeId,
    schemeName: details.schemeName,
    fileName: open.file.fileName,
    path: open.file.path,
    openedBy: open.actor,
  };
}

import { UserFacingError } from '../../shared/errors';
import type { CaseFile, CreateCaseFileOptions, OpenCaseFileOptions } from './case-file';
import { BackgroundChecks } from './background-check';
import type { OsEncryption } from './passphrase-vault';
import { readRecentCaseFiles, rememberRecentCaseFile, type RecentCaseFile } from './recent';

/**
 * The case files open in this process, by case id. The API layer holds one; every operation on a
 * case looks its file up here. When given a user data folder it keeps the recent files list; with
 * `labelProtection` (the desktop app's safeStorage) the list also keeps each organisation's name,
 * encrypted by the operating system (recent.ts); without it, the path only.
 */
export class CaseRegistry {
  private readonly open = new Map<string, CaseFile>();
  /** The full checks running in the background, one per open case. */
  readonly checks: BackgroundChecks;

  constructor(private readonly options: { userDataDir?: string; labelProtection?: OsEncryption } = {}) {
    this.checks = new BackgroundChecks({ userDataDir: options.userDataDir });
  }

  /** The recent case files list kept in `userDataDir`, with the names this computer can decrypt. */
  recentCaseFiles(userDataDir: string): RecentCaseFile[] {
    return readRecentCaseFiles(userDataDir, this.options.labelProtection);
  }

  async create(options: CreateCaseFileOptions): Promise<CaseFile> {
    // Loaded when a case is first opened, so a command that opens none (copanel verify) never loads SQLCipher.
    const { createCaseFile } = await import('./case-file');
    return this.add(await createCaseFile(options));
  }

  async openFile(options: OpenCaseFileOptions): Promise<CaseFile> {
    const { openCaseFile } = await import('./case-file');
    return this.add(await openCaseFile(options));
  }

  /** The open case file, or CASE_NOT_OPEN. */
  get(caseId: string): CaseFile {
    const caseFile = this.open.get(caseId);
    if (!caseFile?.isOpen) {
      throw new UserFacingError(
        'CASE_NOT_OPEN',
        'That case file is not open (it may have been closed in another window). Open it again to carry on.',
      );
    }
    return caseFile;
  }

  has(caseId: string): boolean {
    return this.open.get(caseId)?.isOpen ?? false;
  }

  list(): CaseFile[] {
    return [...this.open.values()].filter((caseFile) => caseFile.isOpen);
  }

  async close(caseId: string): Promise<void> {
    const caseFile = this.open.get(caseId);
    this.open.delete(caseId);
    this.checks.forget(caseId);
    await caseFile?.close();
  }

  async closeAll(): Promise<void> {
    const all = [...this.open.values()];
    this.open.clear();
    for (const caseFile of all) this.checks.forget(caseFile.caseId);
    await Promise.all(all.map((caseFile) => caseFile.close()));
  }

  private async add(caseFile: CaseFile): Promise<CaseFile> {
    const existing = this.open.get(caseFile.caseId);
    if (existing?.isOpen) {
      await caseFile.close();
      throw new UserFacingError(
        'CASE_FILE_LOCKED',
        `A copy of this case (from “${existing.fileName}”) is already open. Close it before opening “${caseFile.fileName}”, so that changes are not split between two files.`,
      );
    }
    this.open.set(caseFile.caseId, caseFile);
    if (this.options.userDataDir) {
      const { organisationName } = await caseFile.details();
      try {
        rememberRecentCaseFile(
          this.options.userDataDir,
          { path: caseFile.path, organisationName },
          this.options.labelProtection,
        );
      } catch {
        // The recent list is a convenience; failing to update it must not stop the case opening.
      }
    }
    return caseFile;
  }
}

import { createReadStream, rmSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { AuditCheck, OpenCase, ReadableSaved } from '../../shared/api';
import { UserFacingError } from '../../shared/errors';
import { caseScope, leadScope, type CaseScope, type OpenCaseScope } from '../case';
import {
  CASE_FILE_EXTENSION,
  checkCaseFileBeforePassphrase,
  checkCaseFileFully,
  checkedWholeAtOpen,
  temporaryPathFor,
  checkPassphraseStrength,
  saveWhatCanBeRead,
  generatePassphrase,
  type AuditVerification,
} from '../casefile';
import { readOrganisation } from '../organisation';
import { caseProgress } from '../panel';
import { workspaceDirOf } from '../settings';
import { fingerprintOf, listBundledStandards, loadStandard } from '../standards';
import type { ApiContext, DownloadSink } from './context';
import { localFile, withExtension, workspaceFiles, workspacePathFor } from './files';
import type { Handlers } from './handler';
import { signedInAs } from './scope';

type CaseOperation =
  | 'case.listWorkspace'
  | 'case.recent'
  | 'case.openHere'
  | 'case.suggestPassphrase'
  | 'case.checkPassphrase'
  | 'case.create'
  | 'case.open'
  | 'case.checkBeforeOpening'
  | 'case.passphraseMemory'
  | 'case.forgetPassphrase'
  | 'case.get'
  | 'case.progress'
  | 'case.close'
  | 'case.changePassphrase'
  | 'case.saveCopy'
  | 'case.check'
  | 'case.startCheck'
  | 'case.checkProgress'
  | 'case.cancelCheck'
  | 'case.saveReadable'
  | 'case.verifyAudit';

/** A file name or path with the case file extension (added when it is missing). */
function withCaseFileExtension(name: string): string {
  return withExtension(name, CASE_FILE_EXTENSION);
}

/** A file name typed by a person, as a path in the workspace with the case file extension. */
function workspacePath(ctx: ApiContext, fileName: string): string {
  return workspacePathFor(ctx, fileName, CASE_FILE_EXTENSION);
}

/** The standard a new case is assessed against: the newest bundled version of the default standard. */
function defaultStandardFingerprint(ctx: ApiContext) {
  const bundled = listBundledStandards(ctx.runtime.resourcesDir).sort((a, b) => b.version - a.version)[0];
  if (!bundled)
    throw new UserFacingError(
      'INVALID_STANDARD',
      'The app has no standard to assess against. Reinstall the app.',
    );
  return fingerprintOf(loadStandard(bundled.file));
}

/** An open case as the app shows it, with whoever is signed in to it on this client. */
async function openCaseView(scope: OpenCaseScope): Promise<OpenCase> {
  const details = await scope.caseFile.details();
  return {
    caseId: scope.caseFile.caseId,
    path: scope.caseFile.path,
    organisation: await readOrganisation(scope),
    standard: details.standard,
    createdAt: details.createdAt,
    signedIn: scope.actor ? signedInAs(scope.actor) : null,
  };
}

function auditCheck(result: AuditVerification): AuditCheck {
  if (result.ok) {
    return {
      ok: true,
      entries: result.entries,
      message: `The record of changes is intact: all ${result.entries} entries check out.`,
    };
  }
  return {
    ok: false,
    entries: result.brokenAtSeq - 1,
    brokenAtSeq: result.brokenAtSeq,
    message: `The record of changes has been altered at entry ${result.brokenAtSeq}: ${result.reason}`,
  };
}

/**
 * Browser mode: what can be read is saved under a temporary name in the workspace (encrypted, and
 * cleared at the next open or save if the app stops half-way), sent as the download, then removed.
 */
async function downloadReadable(
  ctx: ApiContext,
  scope: CaseScope,
  download: DownloadSink,
  passphrase: string,
  fileName: string,
): Promise<ReadableSaved> {
  const named = workspacePath(ctx, fileName);
  const temporary = temporaryPathFor(named, 'saving');
  try {
    const saved = await saveWhatCanBeRead(scope.caseFile.path, passphrase, temporary, {
      actor: scope.actor.label,
    });
    const summary = saved.summary.replaceAll(basename(temporary), basename(named));
    const output = download.start({
      fileName: basename(named),
      mediaType: 'application/octet-stream',
      sizeBytes: statSync(temporary).size,
      note: summary,
    });
    await pipeline(createReadStream(temporary), output);
    return { path: null, summary };
  } finally {
    rmSync(temporary, { force: true });
  }
}

function fileExists(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export const caseHandlers: Pick<Handlers, CaseOperation> = {
  'case.listWorkspace': (_input, ctx) => {
    const dir = workspaceDirOf(ctx.runtime, ctx.capabilities.appSettings);
    return { workspaceDir: dir, files: workspaceFiles(dir, CASE_FILE_EXTENSION) };
  },
  'case.recent': (_input, ctx) =>
    ctx.cases
      .recentCaseFiles(ctx.runtime.userDataDir)
      .map((file) => ({ ...file, exists: fileExists(file.path) })),
  'case.openHere': async (_input, ctx) => {
    // Only the front doors on this computer (the desktop window, the browser-mode page) may see them.
    if (!ctx.capabilities.appSettings) return [];
    return Promise.all(
      ctx.cases.list().map(async (caseFile) => ({
        caseId: caseFile.caseId,
        path: caseFile.path,
        fileName: caseFile.fileName,
        organisationName: (await caseFile.details()).organisationName,
      })),
    );
  },
  'case.suggestPassphrase': () => ({ passphrase: generatePassphrase() }),
  'case.checkPassphrase': ({ passphrase, relatedWords }) => {
    const strength = checkPassphraseStrength(passphrase, relatedWords);
    return {
      acceptable: strength.acceptable,
      score: strength.score,
      reason: strength.acceptable
        ? ''
        : strength.warning || 'Use a longer passphrase: several unrelated words are best.',
      suggestions: strength.suggestions,
    };
  },
  'case.create': async (input, ctx) => {
    const caseFile = await ctx.cases.create({
      path: workspacePath(ctx, input.fileName),
      organisationName: input.organisationName,
      passphrase: input.passphrase,
      lead: { name: input.leadName, pin: input.leadPin },
      standard: defaultStandardFingerprint(ctx),
      appVersion: ctx.runtime.version,
    });
    const lead = await leadScope(caseFile, ctx.runtime.resourcesDir);
    ctx.session.signIn(caseFile.caseId, signedInAs(lead.actor));
    return openCaseView(lead);
  },
  'case.open': async ({ path, passphrase, rememberPassphrase }, ctx) => {
    const vault = ctx.capabilities.passphraseVault?.isAvailable()
      ? ctx.capabilities.passphraseVault
      : undefined;
    const given = passphrase ?? (await vault?.recall(path)) ?? null;
    if (given === null) {
      throw new UserFacingError(
        'WRONG_PASSPHRASE',
        'This computer does not remember the passphrase for this case file. Type it in.',
      );
    }
    const fullCheckAtOpenMaxBytes = ctx.runtime.fullCheckAtOpenMaxBytes;
    const caseFile = await ctx.cases.openFile({
      path,
      passphrase: given,
      appVersion: ctx.runtime.version,
      fullCheckAtOpenMaxBytes,
    });
    // Opening a large file left its attachment pages unchecked: the full check does them now.
    if (!checkedWholeAtOpen(caseFile.path, fullCheckAtOpenMaxBytes))
      await ctx.cases.checks.start(caseFile, given, 'opened_large_file');
    if (rememberPassphrase && vault) await vault.remember(path, given);
    if (rememberPassphrase === false) await ctx.capabilities.passphraseVault?.forget(path);
    ctx.session.signOut(caseFile.caseId);
    return openCaseView(await caseScope(caseFile, ctx.runtime.resourcesDir, null));
  },
  'case.checkBeforeOpening': ({ path }) => {
    checkCaseFileBeforePassphrase(resolve(path));
    return { ready: true as const };
  },
  'case.passphraseMemory': async ({ path }, ctx) => {
    const canRemember = ctx.capabilities.passphraseVault?.isAvailable() ?? false;
    return {
      canRemember,
      remembered: canRemember && (await ctx.capabilities.passphraseVault?.recall(path)) != null,
    };
  },
  'case.forgetPassphrase': async ({ path }, ctx) => {
    await ctx.capabilities.passphraseVault?.forget(path);
    return { forgotten: true as const };
  },
  'case.get': (_input, _ctx, scope) => openCaseView(scope),
  'case.progress': (_input, _ctx, scope) => caseProgress(scope),
  'case.close': async ({ caseId }, ctx) => {
    ctx.session.signOut(caseId);
    await ctx.capabilities.rooms?.close(caseId, 'case_closed', 'the app');
    await ctx.cases.close(caseId);
    return { closed: true as const };
  },
  'case.changePassphrase': async ({ currentPassphrase, newPassphrase }, _ctx, scope) => {
    await scope.caseFile.changePassphrase(currentPassphrase, newPassphrase, scope.actor.label);
    return { changed: true as const };
  },
  'case.saveCopy': async ({ fileName }, ctx, scope) => ({
    path: await scope.caseFile.saveCopyAs(workspacePath(ctx, fileName), { actor: scope.actor.label }),
  }),
  'case.check': async ({ passphrase }, _ctx, scope) => {
    const report = await checkCaseFileFully(scope.caseFile.path, passphrase);
    return { ok: report.ok, pages: report.pages, damage: report.damage, summary: report.summary };
  },
  'case.startCheck': ({ passphrase }, ctx, scope) => ctx.cases.checks.startAsked(scope.caseFile, passphrase),
  // Only the front doors on this computer see it, signed in or not: it names the case's evidence and files.
  'case.checkProgress': ({ caseId }, ctx) =>
    ctx.cases.checks.status(ctx.capabilities.appSettings ? caseId : null),
  'case.cancelCheck': ({ caseId }, ctx) => {
    ctx.cases.checks.cancel(caseId);
    return ctx.cases.checks.status(caseId);
  },
  'case.saveReadable': async ({ passphrase, fileName, path }, ctx, scope) => {
    if (ctx.download) return downloadReadable(ctx, scope, ctx.download, passphrase, fileName);
    const target =
      path === undefined ? workspacePath(ctx, fileName) : withCaseFileExtension(localFile(ctx, path));
    const saved = await saveWhatCanBeRead(scope.caseFile.path, passphrase, target, {
      actor: scope.actor.label,
    });
    return { path: saved.path, summary: saved.summary };
  },
  'case.verifyAudit': async (_input, _ctx, scope) => auditCheck(await scope.caseFile.verifyAuditChain()),
};

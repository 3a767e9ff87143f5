import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { EvidenceItem as EvidenceView, OpenCase, Organisation } from '../../shared/api';
import { UserFacingError } from '../../shared/errors';
import type { CaseFile } from '../casefile/case-file';
import {
  addEvidence,
  editEvidence,
  listEvidence,
  removeEvidence,
  type EvidenceItem,
} from '../casefile/evidence';
import { attachToEvidence, exportAttachment, removeAttachment } from '../casefile/attachments';
import { getEvidence } from '../casefile/evidence';
import { CASE_FILE_EXTENSION } from '../casefile/files';
import { readOrganisation, updateOrganisation, type OrganisationDetails } from '../casefile/organisation';
import { checkPassphraseStrength, generatePassphrase } from '../casefile/passphrase';
import { readRecentCaseFiles } from '../casefile/recent';
import { listBundledStandards, loadStandard, fingerprintOf } from '../standards';
import { actorLabel, caseFileFor, signedInMember } from './actor';
import { chooseWorkspaceDir, workspaceDirOf } from '../settings';
import type { ApiContext } from './context';
import type { Handlers } from './dispatch';

type CaseFileOperation =
  | 'case.listWorkspace'
  | 'settings.setWorkspace'
  | 'case.recent'
  | 'case.suggestPassphrase'
  | 'case.checkPassphrase'
  | 'case.create'
  | 'case.open'
  | 'case.passphraseMemory'
  | 'case.forgetPassphrase'
  | 'case.get'
  | 'case.close'
  | 'case.changePassphrase'
  | 'case.saveCopy'
  | 'case.verifyAudit'
  | 'organisation.update'
  | 'evidence.list'
  | 'evidence.add'
  | 'evidence.update'
  | 'evidence.remove'
  | 'evidence.attach'
  | 'evidence.attachmentInfo'
  | 'evidence.exportAttachment'
  | 'evidence.removeAttachment';

/** A file name typed by a person, as a path in the workspace with the case file extension. */
export function workspacePath(ctx: ApiContext, fileName: string): string {
  const name = fileName.toLowerCase().endsWith(CASE_FILE_EXTENSION)
    ? fileName
    : `${fileName}${CASE_FILE_EXTENSION}`;
  const dir = workspaceDirOf(ctx.runtime);
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
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

function organisationView(details: OrganisationDetails): Organisation {
  return {
    name: details.name,
    address: details.address ?? '',
    registrationNumber: details.registrationNumber ?? '',
    servicesInScope: details.servicesInScope.join('\n'),
    contactName: details.contact.name ?? '',
    contactEmail: details.contact.email ?? '',
    contactPhone: details.contact.phone ?? '',
  };
}

function evidenceView(item: EvidenceItem): EvidenceView {
  return {
    id: item.id,
    title: item.title,
    kind: item.kind,
    source: item.source ?? '',
    date: item.date,
    criteria: item.criteria,
    consent: item.consent,
    quote: item.quote ?? '',
    notes: item.summary ?? '',
    attachments: item.attachments.map((a) => ({
      id: a.id,
      fileName: a.fileName,
      mediaType: a.mediaType,
      sizeBytes: a.size,
      sha256: a.sha256,
    })),
    updatedAt: item.updatedAt,
  };
}

function evidenceInput(evidence: Omit<EvidenceView, 'id' | 'attachments' | 'updatedAt'>) {
  return {
    title: evidence.title,
    kind: evidence.kind,
    source: evidence.source,
    date: evidence.date,
    criteria: evidence.criteria,
    consent: evidence.consent,
    quote: evidence.quote,
    summary: evidence.notes,
  };
}

export async function openCaseView(ctx: ApiContext, caseFile: CaseFile): Promise<OpenCase> {
  const details = await caseFile.details();
  const member = ctx.session.memberFor(caseFile.caseId);
  return {
    caseId: caseFile.caseId,
    path: caseFile.path,
    organisation: organisationView(await readOrganisation(caseFile)),
    standard: details.standard,
    createdAt: details.createdAt,
    signedIn: member ? { memberId: member.memberId, name: member.name, role: member.role } : null,
  };
}

async function signInLead(ctx: ApiContext, caseFile: CaseFile): Promise<void> {
  const lead = await caseFile.db
    .selectFrom('panel_member')
    .select(['id', 'name'])
    .where('role', '=', 'lead')
    .executeTakeFirstOrThrow();
  ctx.session.signIn(caseFile.caseId, { memberId: lead.id, name: lead.name, role: 'lead' });
}

export const caseFileHandlers: Pick<Handlers, CaseFileOperation> = {
  'case.listWorkspace': (_input, ctx) => {
    const dir = workspaceDirOf(ctx.runtime);
    let names: string[] = [];
    try {
      names = readdirSync(dir).filter((name) => name.toLowerCase().endsWith(CASE_FILE_EXTENSION));
    } catch {
      names = [];
    }
    const files = names
      .map((fileName) => {
        const path = join(dir, fileName);
        const stats = statSync(path);
        return { path, fileName, sizeBytes: stats.size, modifiedAt: stats.mtime.toISOString() };
      })
      .sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt));
    return { workspaceDir: dir, files };
  },
  'settings.setWorkspace': ({ folder }, ctx) => ({ workspaceDir: chooseWorkspaceDir(ctx.runtime, folder) }),
  'case.recent': (_input, ctx) =>
    readRecentCaseFiles(ctx.runtime.userDataDir).map((file) => ({ ...file, exists: fileExists(file.path) })),
  'case.suggestPassphrase': () => ({ passphrase: generatePassphrase() }),
  'case.checkPassphrase': ({ passphrase }) => {
    const strength = checkPassphraseStrength(passphrase);
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
    await signInLead(ctx, caseFile);
    return openCaseView(ctx, caseFile);
  },
  'case.open': async ({ path, passphrase, rememberPassphrase }, ctx) => {
    const vault = ctx.passphraseVault?.isAvailable() ? ctx.passphraseVault : undefined;
    const given = passphrase ?? vault?.recall(path) ?? null;
    if (given === null) {
      throw new UserFacingError(
        'WRONG_PASSPHRASE',
        'This computer does not remember the passphrase for this case file. Type it in.',
      );
    }
    const caseFile = await ctx.cases.openFile({ path, passphrase: given, appVersion: ctx.runtime.version });
    if (rememberPassphrase && vault) vault.remember(path, given);
    if (rememberPassphrase === false) ctx.passphraseVault?.forget(path);
    ctx.session.signOut(caseFile.caseId);
    return openCaseView(ctx, caseFile);
  },
  'case.passphraseMemory': ({ path }, ctx) => {
    const canRemember = ctx.passphraseVault?.isAvailable() ?? false;
    return { canRemember, remembered: canRemember && ctx.passphraseVault?.recall(path) != null };
  },
  'case.forgetPassphrase': ({ path }, ctx) => {
    ctx.passphraseVault?.forget(path);
    return { forgotten: true as const };
  },
  'case.get': ({ caseId }, ctx) => openCaseView(ctx, caseFileFor(ctx, caseId)),
  'case.close': async ({ caseId }, ctx) => {
    ctx.session.signOut(caseId);
    await ctx.cases.close(caseId);
    return { closed: true as const };
  },
  'case.changePassphrase': async ({ caseId, currentPassphrase, newPassphrase }, ctx) => {
    await caseFileFor(ctx, caseId).changePassphrase(
      currentPassphrase,
      newPassphrase,
      actorLabel(signedInMember(ctx, caseId)),
    );
    return { changed: true as const };
  },
  'case.saveCopy': async ({ caseId, fileName }, ctx) => {
    const path = await caseFileFor(ctx, caseId).saveCopyAs(workspacePath(ctx, fileName), {
      actor: actorLabel(signedInMember(ctx, caseId)),
    });
    return { path };
  },
  'case.verifyAudit': async ({ caseId }, ctx) => {
    const result = await caseFileFor(ctx, caseId).verifyAuditChain();
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
  },
  'organisation.update': async ({ caseId, organisation }, ctx) => {
    const updated = await updateOrganisation(
      caseFileFor(ctx, caseId),
      actorLabel(signedInMember(ctx, caseId)),
      {
        name: organisation.name,
        address: organisation.address,
        registrationNumber: organisation.registrationNumber,
        servicesInScope: organisation.servicesInScope
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
        contact: {
          name: organisation.contactName,
          email: organisation.contactEmail,
          phone: organisation.contactPhone,
        },
      },
    );
    return organisationView(updated);
  },
  'evidence.list': async ({ caseId }, ctx) =>
    (await listEvidence(caseFileFor(ctx, caseId))).map(evidenceView),
  'evidence.add': async ({ caseId, evidence }, ctx) =>
    evidenceView(
      await addEvidence(
        caseFileFor(ctx, caseId),
        actorLabel(signedInMember(ctx, caseId)),
        evidenceInput(evidence),
      ),
    ),
  'evidence.update': async ({ caseId, evidenceId, evidence }, ctx) =>
    evidenceView(
      await editEvidence(
        caseFileFor(ctx, caseId),
        actorLabel(signedInMember(ctx, caseId)),
        evidenceId,
        evidenceInput(evidence),
      ),
    ),
  'evidence.remove': async ({ caseId, evidenceId }, ctx) => {
    await removeEvidence(caseFileFor(ctx, caseId), actorLabel(signedInMember(ctx, caseId)), evidenceId);
    return { removed: true as const };
  },
  'evidence.attach': async ({ caseId, evidenceId, fileName, mediaType, sizeBytes, path }, ctx) => {
    const caseFile = caseFileFor(ctx, caseId);
    const source = ctx.upload ?? localFileFor(ctx, path);
    await attachToEvidence(caseFile, actorLabel(signedInMember(ctx, caseId)), evidenceId, source, {
      fileName,
      ...(mediaType ? { mediaType } : {}),
      ...(sizeBytes !== undefined ? { size: sizeBytes } : {}),
    });
    return evidenceView(await getEvidence(caseFile, evidenceId));
  },
  'evidence.attachmentInfo': async ({ caseId, attachmentId }, ctx) =>
    attachmentInfo(caseFileFor(ctx, caseId), attachmentId),
  'evidence.exportAttachment': async ({ caseId, attachmentId, path }, ctx) => {
    const target = localFileFor(ctx, path);
    const exported = await exportAttachment(caseFileFor(ctx, caseId), attachmentId, target);
    return { path: target, sizeBytes: exported.bytes };
  },
  'evidence.removeAttachment': async ({ caseId, attachmentId }, ctx) => {
    await removeAttachment(caseFileFor(ctx, caseId), actorLabel(signedInMember(ctx, caseId)), attachmentId);
    return { removed: true as const };
  },
};

/** A file on this computer named by path: only the desktop app (through its file dialogs) and the CLI may do this. */
function localFileFor(ctx: ApiContext, path: string | undefined): string {
  if (ctx.runtime.mode === 'browser' || !path) {
    throw new UserFacingError('INVALID_INPUT', 'Choose the file with the app’s own file chooser.');
  }
  return path;
}

export async function attachmentInfo(caseFile: CaseFile, attachmentId: string) {
  const row = await caseFile.db
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

function fileExists(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

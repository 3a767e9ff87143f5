import { UserFacingError } from '../../shared/errors';
import {
  readSchemeRootsFromInput,
  certificateDocument,
  coSignAsExpertByExperience,
  findIdentity,
  importIdentity,
  listCertificates,
  listIdentities,
  listTrustedRoots,
  pdfFile,
  previewDocuments,
  readRevocationLists,
  removeIdentity,
  requireOwnIdentity,
  scoreSheetPdf,
  signAsLead,
  trustedRoots,
  trustRoot,
  unlockIdentity,
  verifyCertificate,
} from '../certificates';
import { currentActor, currentCycle, caseStandard, type PanelActor, type PanelCase } from '../panel';
import { caseFileFor, signedInMember } from './actor';
import type { ApiContext } from './context';
import type { Handlers } from './dispatch';

type CertificateOperation =
  | 'identity.list'
  | 'identity.import'
  | 'identity.remove'
  | 'trust.list'
  | 'trust.add'
  | 'certificate.preview'
  | 'certificate.sign'
  | 'certificate.coSign'
  | 'certificate.list'
  | 'certificate.download'
  | 'certificate.scoreSheet'
  | 'certificate.verify'
  | 'certificate.print';

/** A file sent across the API as base64. */
function bytesOf(base64: string): Buffer {
  return Buffer.from(base64.replace(/\s+/g, ''), 'base64');
}

async function panelCase(ctx: ApiContext, caseId: string): Promise<PanelCase> {
  const caseFile = caseFileFor(ctx, caseId);
  return { caseFile, standard: await caseStandard(caseFile, ctx.runtime.resourcesDir) };
}

/** Who is asking, as the case file knows them now (a changed role or a removed member counts at once). */
async function panelActor(ctx: ApiContext, panel: PanelCase, caseId: string): Promise<PanelActor> {
  const signedIn = signedInMember(ctx, caseId);
  const cycle = await currentCycle(panel.caseFile.db);
  return currentActor(panel.caseFile.db, cycle.id, signedIn.memberId);
}

/** The member's own identity from this computer, opened with their password. */
async function ownIdentity(ctx: ApiContext, actor: PanelActor, identityId: string, password: string) {
  requireOwnIdentity(actor, findIdentity(ctx.runtime.userDataDir, identityId).name);
  return unlockIdentity(ctx.runtime.userDataDir, identityId, password);
}

/** The scheme's name for an unsigned preview: the trusted root's, when this computer trusts exactly one. */
function schemeNameForPreview(ctx: ApiContext): string | undefined {
  const roots = listTrustedRoots(ctx.runtime.userDataDir);
  return roots.length === 1 ? roots[0]!.name : undefined;
}

export const certificateHandlers: Pick<Handlers, CertificateOperation> = {
  'identity.list': (_input, ctx) => listIdentities(ctx.runtime.userDataDir),
  'identity.import': ({ fileName, base64, password }, ctx) =>
    importIdentity(ctx.runtime.userDataDir, { fileName, pkcs12: bytesOf(base64), password }),
  'identity.remove': ({ identityId }, ctx) => {
    removeIdentity(ctx.runtime.userDataDir, identityId);
    return { removed: true as const };
  },
  'trust.list': (_input, ctx) => listTrustedRoots(ctx.runtime.userDataDir),
  'trust.add': ({ fileName, base64 }, ctx) => trustRoot(ctx.runtime.userDataDir, bytesOf(base64), fileName),

  'certificate.preview': async ({ caseId }, ctx) => {
    const scheme = schemeNameForPreview(ctx);
    const preview = await previewDocuments(await panelCase(ctx, caseId), {
      resourcesDir: ctx.runtime.resourcesDir,
      ...(scheme ? { schemeName: scheme } : {}),
    });
    return {
      certificate: pdfFile(`certificate-${preview.certificateNumber}-preview.pdf`, preview.certificate),
      report: pdfFile(`report-${preview.certificateNumber}-preview.pdf`, preview.report),
    };
  },
  'certificate.sign': async ({ caseId, identityId, identityPassword, coSignerMemberId }, ctx) => {
    const panel = await panelCase(ctx, caseId);
    const actor = await panelActor(ctx, panel, caseId);
    const identity = await ownIdentity(ctx, actor, identityId, identityPassword);
    return signAsLead(panel, actor, identity, {
      resourcesDir: ctx.runtime.resourcesDir,
      ...(coSignerMemberId ? { coSignerMemberId } : {}),
    });
  },
  'certificate.coSign': async ({ caseId, identityId, identityPassword }, ctx) => {
    const panel = await panelCase(ctx, caseId);
    const actor = await panelActor(ctx, panel, caseId);
    const identity = await ownIdentity(ctx, actor, identityId, identityPassword);
    return coSignAsExpertByExperience(panel, actor, identity, { resourcesDir: ctx.runtime.resourcesDir });
  },
  'certificate.list': ({ caseId }, ctx) => listCertificates(caseFileFor(ctx, caseId)),
  'certificate.download': async ({ caseId, certificateId, document }, ctx) =>
    certificateDocument(caseFileFor(ctx, caseId), certificateId, document),
  'certificate.scoreSheet': async ({ caseId, memberName }, ctx) =>
    scoreSheetPdf(await panelCase(ctx, caseId), {
      resourcesDir: ctx.runtime.resourcesDir,
      ...(memberName ? { memberName } : {}),
    }),
  'certificate.verify': async ({ base64, trustedRootBase64, revocationListBase64, checkedOn }, ctx) => {
    const roots = trustedRootBase64
      ? readSchemeRootsFromInput(bytesOf(trustedRootBase64))
      : trustedRoots(ctx.runtime.userDataDir);
    const revocations = await readRevocationLists(
      revocationListBase64 ? [bytesOf(revocationListBase64)] : [],
      roots,
    );
    const now = checkedOn ? new Date(`${checkedOn}T12:00:00Z`) : new Date();
    if (Number.isNaN(now.getTime()))
      throw new UserFacingError(
        'INVALID_INPUT',
        `${checkedOn ?? ''} is not a real date. Give it like 2026-03-14.`,
      );
    return verifyCertificate(bytesOf(base64), { trustedRoots: roots, revocations, now });
  },
  'certificate.print': async ({ caseId, certificateId }, ctx) => {
    if (ctx.runtime.mode === 'browser') {
      throw new UserFacingError(
        'INVALID_INPUT',
        'The browser prints the certificate itself: open it (“Open the certificate to print”) and use the browser’s Print command.',
      );
    }
    // Checks the certificate exists and is issued. The desktop app replaces this handler with one
    // that opens the system print dialog (src/main/electron); elsewhere nothing is printed.
    await certificateDocument(caseFileFor(ctx, caseId), certificateId, 'certificate');
    return { printed: false };
  },
};

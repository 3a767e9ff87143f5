import { UserFacingError } from '../../shared/errors';
import {
  certificateDocument,
  coSignAsExpertByExperience,
  listCertificates,
  listTrustedRoots,
  pdfFile,
  previewDocuments,
  scoreSheetPdf,
  signAsLead,
  unlockOwnIdentity,
} from '../certificates';
import { verificationAddressOf } from '../settings';
import { caseFileHistoryHandlers } from './case-file-history';
import { certificateVerifyHandlers } from './certificate-verify';
import type { ApiContext } from './context';
import { supersedeAfterAppeal } from './appeals';
import type { Handlers } from './handler';

type CertificateOperation =
  | 'certificate.preview'
  | 'certificate.sign'
  | 'certificate.coSign'
  | 'certificate.list'
  | 'certificate.download'
  | 'certificate.scoreSheet'
  | 'certificate.verify'
  | 'certificate.checkCaseFile'
  | 'certificate.caseFileCheckProgress'
  | 'certificate.print';

/** The scheme's name for an unsigned preview: the trusted root's, when this computer trusts exactly one. */
function schemeNameForPreview(ctx: ApiContext): string | undefined {
  const roots = listTrustedRoots(ctx.runtime.userDataDir);
  return roots.length === 1 ? roots[0]!.name : undefined;
}

export const certificateHandlers: Pick<Handlers, CertificateOperation> = {
  'certificate.preview': async (_input, ctx, scope) => {
    const scheme = schemeNameForPreview(ctx);
    const preview = await previewDocuments(scope, {
      resourcesDir: ctx.runtime.resourcesDir,
      ...(scheme ? { schemeName: scheme } : {}),
    });
    return {
      certificate: pdfFile(`certificate-${preview.certificateNumber}-preview.pdf`, preview.certificate),
      report: pdfFile(`report-${preview.certificateNumber}-preview.pdf`, preview.report),
    };
  },
  'certificate.sign': async ({ identityId, identityPassword, coSignerMemberId }, ctx, scope) => {
    const identity = await unlockOwnIdentity(scope, ctx.runtime.userDataDir, identityId, identityPassword);
    return signAsLead(scope, identity, {
      resourcesDir: ctx.runtime.resourcesDir,
      verificationAddress: verificationAddressOf(ctx.runtime, ctx.capabilities.appSettings),
      ...(coSignerMemberId ? { coSignerMemberId } : {}),
    });
  },
  'certificate.coSign': async ({ identityId, identityPassword }, ctx, scope) => {
    const identity = await unlockOwnIdentity(scope, ctx.runtime.userDataDir, identityId, identityPassword);
    const issued = await coSignAsExpertByExperience(scope, identity, {
      resourcesDir: ctx.runtime.resourcesDir,
    });
    await supersedeAfterAppeal(ctx, scope, scope.actor.label);
    return issued;
  },
  'certificate.list': (_input, _ctx, scope) => listCertificates(scope),
  'certificate.download': ({ certificateId, document }, _ctx, scope) =>
    certificateDocument(scope, certificateId, document),
  'certificate.scoreSheet': ({ memberName }, ctx, scope) =>
    scoreSheetPdf(scope, {
      resourcesDir: ctx.runtime.resourcesDir,
      ...(memberName ? { memberName } : {}),
    }),
  ...certificateVerifyHandlers,
  ...caseFileHistoryHandlers,
  'certificate.print': async ({ certificateId }, ctx, scope) => {
    const { printer } = ctx.capabilities;
    if (!printer) {
      throw new UserFacingError(
        'INVALID_INPUT',
        'The app cannot print here: open the certificate (“Open the certificate to print”) and use the browser’s Print command.',
      );
    }
    const pdf = await certificateDocument(scope, certificateId, 'certificate');
    return { printed: await printer.print(pdf) };
  },
};

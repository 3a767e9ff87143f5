/* eslint-disable architecture/no-deep-import -- the verifier's own modules, not the certificates index, which
   also exports issuing (documents, case files); the CLI's bundle would load them all (built.test.ts checks). */
import { readSchemeRootsFromInput, trustedRoots } from '../certificates/trust-store';
import { readRevocationLists, verifyCertificateInDetail } from '../certificates/verify';
/* eslint-enable architecture/no-deep-import */
import { bytesOf } from './files';
import type { Handlers } from './handler';
import { rememberVerifiedCertificate } from './verified-certificates';

/**
 * Checking a certificate, the one verifier path of the app's Verify screen and `copanel verify`.
 * In a file of its own (it loads the verifier and the trust store, not documents or case files),
 * so the CLI can call it through the dispatcher without loading every other handler.
 */
export const certificateVerifyHandlers: Pick<Handlers, 'certificate.verify'> = {
  'certificate.verify': async ({ base64, trustedRootBase64, revocationListBase64, checkedOn }, ctx) => {
    const roots = trustedRootBase64
      ? readSchemeRootsFromInput(bytesOf(trustedRootBase64))
      : trustedRoots(ctx.runtime.userDataDir);
    const revocations = await readRevocationLists(
      revocationListBase64 ? [bytesOf(revocationListBase64)] : [],
      roots,
    );
    const now = checkedOn ? new Date(`${checkedOn}T12:00:00Z`) : new Date();
    const { result, qrPayload } = await verifyCertificateInDetail(bytesOf(base64), {
      trustedRoots: roots,
      revocations,
      now,
      reader: ctx.runtime.mode === 'cli' ? 'cli' : 'app',
    });
    if (!result.valid || result.document !== 'certificate' || !qrPayload) return result;
    // Remembered for this client, so a case file can be checked against this certificate (issue 17).
    const auditHead = qrPayload.auditHead ?? null;
    rememberVerifiedCertificate(ctx.session, { certificateNumber: qrPayload.certificateNumber, auditHead });
    return auditHead ? { ...result, recordOfChanges: { entries: auditHead.entries } } : result;
  },
};

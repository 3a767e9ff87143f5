import { trustedRoots } from '../certificates';
import {
  importCertificatePdf,
  listRegister,
  londonDate,
  recordRegisterEvent,
  registerRevocationList,
} from '../register';
import { loadSchemeRoot } from '../signing';
import { bytesOf } from './files';
import type { Handlers } from './handler';
import { openScheme } from './scheme-session';

type RegisterOperation =
  'register.list' | 'register.importCertificate' | 'register.record' | 'register.revocationList';

/** The register of certificates in the open scheme file (src/main/register); every change audited there. */
export const registerHandlers: Pick<Handlers, RegisterOperation> = {
  'register.list': async ({ onDate }, ctx) => {
    const asOf = onDate ?? londonDate(new Date());
    return { asOf, entries: await listRegister(openScheme(ctx).file, asOf) };
  },
  'register.importCertificate': async ({ base64 }, ctx) => {
    const open = openScheme(ctx);
    return importCertificatePdf(open.file, {
      pdf: bytesOf(base64),
      trustedRoots: trustedRoots(ctx.runtime.userDataDir),
      actor: open.actor,
      now: new Date(),
    });
  },
  'register.record': async ({ certificateNumber, kind, onDate, reason, supersededBy }, ctx) => {
    const open = openScheme(ctx);
    const now = new Date();
    return recordRegisterEvent(open.file, {
      certificateNumber,
      kind,
      onDate: onDate ?? londonDate(now),
      ...(reason !== undefined ? { reason } : {}),
      ...(supersededBy !== undefined ? { supersededBy } : {}),
      actor: open.actor,
      now,
    });
  },
  'register.revocationList': async ({ rootCertificateBase64, rootKeyBase64, rootPassphrase }, ctx) => {
    const open = openScheme(ctx);
    const root = loadSchemeRoot({
      certificatePem: bytesOf(rootCertificateBase64).toString('utf8'),
      encryptedKeyPem: bytesOf(rootKeyBase64).toString('utf8'),
    });
    const list = await registerRevocationList(open.file, root, rootPassphrase, new Date());
    const bytes = Buffer.from(list.pem, 'utf8');
    return {
      fileName: 'revocations.crl.pem',
      base64: bytes.toString('base64'),
      sizeBytes: bytes.length,
      listed: list.listed,
    };
  },
};

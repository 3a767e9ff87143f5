import { importIdentity, listIdentities, removeIdentity } from '../certificates';
import { bytesOf } from './files';
import type { Handlers } from './handler';

type IdentityOperation = 'identity.list' | 'identity.import' | 'identity.remove';

export const identityHandlers: Pick<Handlers, IdentityOperation> = {
  'identity.list': (_input, ctx) => listIdentities(ctx.runtime.userDataDir),
  'identity.import': ({ fileName, base64, password }, ctx) =>
    importIdentity(ctx.runtime.userDataDir, { fileName, pkcs12: bytesOf(base64), password }),
  'identity.remove': ({ identityId }, ctx) => {
    removeIdentity(ctx.runtime.userDataDir, identityId);
    return { removed: true as const };
  },
};

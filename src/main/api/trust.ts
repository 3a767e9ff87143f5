import { listTrustedRoots, trustRoot } from '../certificates';
import { bytesOf } from './files';
import type { Handlers } from './handler';

export const trustHandlers: Pick<Handlers, 'trust.list' | 'trust.add'> = {
  'trust.list': (_input, ctx) => listTrustedRoots(ctx.runtime.userDataDir),
  'trust.add': ({ fileName, base64 }, ctx) => trustRoot(ctx.runtime.userDataDir, bytesOf(base64), fileName),
};

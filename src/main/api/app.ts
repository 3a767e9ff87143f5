import { encryptionAvailable } from '../casefile';
import { listBundledStandards } from '../standards';
import type { Handlers } from './handler';

const startedAt = Date.now();

export const appHandlers: Pick<Handlers, 'app.info' | 'app.health'> = {
  'app.info': (_input, ctx) => ({
    name: 'Coproduction Panel',
    version: ctx.runtime.version,
    mode: ctx.runtime.mode,
    standards: listBundledStandards(ctx.runtime.resourcesDir).map(({ id, version, title }) => ({
      id,
      version,
      title,
    })),
  }),
  'app.health': () => ({
    status: 'ok',
    encryption: encryptionAvailable(),
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
  }),
};

import { SCHEME_FILE_EXTENSION } from '../casefile';
import { workspaceDirOf } from '../settings';
import { workspaceFiles, workspacePathFor } from './files';
import type { Handlers } from './handler';
import { openSchemeView, schemeOfficeOf } from './scheme-session';

type SchemeSessionOperation =
  'scheme.state' | 'scheme.listWorkspace' | 'scheme.create' | 'scheme.open' | 'scheme.close';

/** The scheme file's session: create, open with its passphrase, close, and which one is open. */
export const schemeSessionHandlers: Pick<Handlers, SchemeSessionOperation> = {
  'scheme.state': async (_input, ctx) => {
    const open = schemeOfficeOf(ctx).openScheme;
    return open ? openSchemeView(open) : null;
  },
  'scheme.listWorkspace': (_input, ctx) => {
    schemeOfficeOf(ctx);
    const dir = workspaceDirOf(ctx.runtime, ctx.capabilities.appSettings);
    return { workspaceDir: dir, files: workspaceFiles(dir, SCHEME_FILE_EXTENSION) };
  },
  'scheme.create': async ({ fileName, schemeName, passphrase, yourName }, ctx) => {
    const open = await schemeOfficeOf(ctx).create({
      path: workspacePathFor(ctx, fileName, SCHEME_FILE_EXTENSION),
      schemeName,
      passphrase,
      createdBy: yourName,
      appVersion: ctx.runtime.version,
    });
    return openSchemeView(open);
  },
  'scheme.open': async ({ path, passphrase, yourName }, ctx) => {
    const open = await schemeOfficeOf(ctx).open(
      { path, passphrase, appVersion: ctx.runtime.version },
      yourName,
    );
    return openSchemeView(open);
  },
  'scheme.close': async (_input, ctx) => {
    await schemeOfficeOf(ctx).close();
    return { closed: true as const };
  },
};

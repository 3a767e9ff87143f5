import { chooseWorkspaceDir } from '../settings';
import type { Handlers } from './handler';

export const settingsHandlers: Pick<Handlers, 'settings.setWorkspace'> = {
  'settings.setWorkspace': ({ folder }, ctx) => ({ workspaceDir: chooseWorkspaceDir(ctx.runtime, folder) }),
};

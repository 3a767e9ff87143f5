import {
  chooseVerificationAddress,
  chooseWorkspaceDir,
  DEFAULT_VERIFICATION_ADDRESS,
  verificationAddressOf,
} from '../settings';
import type { Handlers } from './handler';

const addressAnswer = (verificationAddress: string) => ({
  verificationAddress,
  isDefault: verificationAddress === DEFAULT_VERIFICATION_ADDRESS,
});

export const settingsHandlers: Pick<
  Handlers,
  'settings.setWorkspace' | 'settings.verificationAddress' | 'settings.setVerificationAddress'
> = {
  'settings.setWorkspace': ({ folder }, ctx) => ({ workspaceDir: chooseWorkspaceDir(ctx.runtime, folder) }),
  'settings.verificationAddress': (_input, ctx) =>
    addressAnswer(verificationAddressOf(ctx.runtime, ctx.capabilities.appSettings)),
  'settings.setVerificationAddress': ({ address }, ctx) =>
    addressAnswer(chooseVerificationAddress(ctx.runtime, address)),
};

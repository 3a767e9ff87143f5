import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { UserFacingError } from '../shared/errors';
import type { RuntimeEnvironment } from './runtime';

/** App-level settings kept in the user data folder. Nothing sensitive: where case files are kept, the scheme's verification address. */
export interface AppSettings {
  workspaceDir?: string;
  verificationAddress?: string;
}

/**
 * Where a certificate's QR code sends a phone until the scheme sets its own address in Settings
 * (the scheme hosts its checking page there; the signed payload travels in the link's fragment).
 */
export const DEFAULT_VERIFICATION_ADDRESS = 'https://verify.coproduction-standard.org.uk/';

const SETTINGS_FILE = 'settings.json';

function readAppSettings(userDataDir: string): AppSettings {
  try {
    const parsed = JSON.parse(readFileSync(join(userDataDir, SETTINGS_FILE), 'utf8')) as AppSettings;
    return {
      ...(typeof parsed.workspaceDir === 'string' ? { workspaceDir: parsed.workspaceDir } : {}),
      ...(typeof parsed.verificationAddress === 'string'
        ? { verificationAddress: parsed.verificationAddress }
        : {}),
    };
  } catch {
    return {};
  }
}

function writeAppSettings(userDataDir: string, settings: AppSettings): void {
  mkdirSync(userDataDir, { recursive: true });
  const file = join(userDataDir, SETTINGS_FILE);
  writeFileSync(`${file}.tmp`, JSON.stringify(settings, null, 2));
  renameSync(`${file}.tmp`, file);
}

/**
 * Where case files are kept: the folder chosen in Settings, or the default for this computer. Where
 * the app's settings do not apply (the CLI, which works in the folder of the file it was given),
 * the runtime's own folder.
 */
export function workspaceDirOf(runtime: RuntimeEnvironment, appSettings: boolean): string {
  if (!appSettings) return runtime.workspaceDir;
  return readAppSettings(runtime.userDataDir).workspaceDir ?? runtime.workspaceDir;
}

/** Changes the workspace folder; it must be a full path, and is created if it does not exist. */
export function chooseWorkspaceDir(runtime: RuntimeEnvironment, folder: string): string {
  if (!isAbsolute(folder)) {
    throw new UserFacingError(
      'INVALID_INPUT',
      'Give the folder’s full path, for example /home/you/Coproduction Panel.',
    );
  }
  try {
    mkdirSync(folder, { recursive: true });
  } catch {
    throw new UserFacingError(
      'INVALID_INPUT',
      `The folder “${folder}” cannot be created or used. Choose another folder.`,
    );
  }
  writeAppSettings(runtime.userDataDir, { ...readAppSettings(runtime.userDataDir), workspaceDir: folder });
  return folder;
}

/** The address certificates' QR codes link to: the one set in Settings, or the default (and the CLI's). */
export function verificationAddressOf(runtime: RuntimeEnvironment, appSettings: boolean): string {
  if (!appSettings) return DEFAULT_VERIFICATION_ADDRESS;
  return readAppSettings(runtime.userDataDir).verificationAddress ?? DEFAULT_VERIFICATION_ADDRESS;
}

/** Sets the verification address (checked by the contract: an https address with no fragment). */
export function chooseVerificationAddress(runtime: RuntimeEnvironment, address: string): string {
  writeAppSettings(runtime.userDataDir, {
    ...readAppSettings(runtime.userDataDir),
    verificationAddress: address,
  });
  return address;
}

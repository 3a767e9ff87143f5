/* eslint-disable @typescript-eslint/no-require-imports -- electron-builder loads its hooks with require(): this file is CommonJS. */
// electron-builder's afterPack hook: sets the packaged Electron's fuses (features compiled into the
// binary that no argument or environment variable can turn back on), with @electron/fuses.
const { join } = require('node:path');
const { flipFuses, FuseV1Options, FuseVersion } = require('@electron/fuses');

/** What each fuse is set to, and why. */
const FUSES = {
  version: FuseVersion.V1,
  // The app's binary cannot be used as a plain Node (ELECTRON_RUN_AS_NODE), so it cannot run other code.
  [FuseV1Options.RunAsNode]: false,
  // Cookies and other Chromium storage are encrypted with the operating system's keys.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS cannot inject code; --inspect and friends cannot attach a debugger.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // app.asar is checked against the hash electron-builder embeds (macOS and Windows), and the app is
  // only ever loaded from it, never from a loose folder beside it.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // The app is served from app://; file:// pages need no extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** The Electron binary electron-builder produced for this platform. */
function packagedElectron(context) {
  const { electronPlatformName, appOutDir, packager } = context;
  const name = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas')
    return join(appOutDir, `${name}.app`);
  if (electronPlatformName === 'win32') return join(appOutDir, `${name}.exe`);
  return join(appOutDir, packager.executableName);
}

async function afterPack(context) {
  const universalOrArm = context.arch === 3 || context.arch === 4; // builder-util Arch.arm64 / Arch.universal
  await flipFuses(packagedElectron(context), {
    ...FUSES,
    // On Apple silicon the binary must keep a valid (ad hoc) signature after its bytes change.
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && universalOrArm,
  });
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.FUSES = FUSES;

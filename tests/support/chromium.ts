import { existsSync } from 'node:fs';

/** The Chromium the end-to-end tests drive: Debian's by default, or COPANEL_CHROMIUM. */
export function chromiumPath(): string {
  return process.env.COPANEL_CHROMIUM ?? '/usr/bin/chromium';
}

export const CHROMIUM_INSTALL_HINT =
  'sudo apt-get install -y chromium   (or set COPANEL_CHROMIUM=/path/to/chromium)';

export function chromiumAvailable(): boolean {
  return existsSync(chromiumPath());
}

/** Flags that keep Chromium from reaching anything outside this machine (and let it run as root in CI). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication',
];

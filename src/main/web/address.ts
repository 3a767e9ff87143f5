import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * The port and launch token browser mode last used, kept in the user data folder only when the
 * person asks (`--keep-address`), so that a restarted host answers at the same address and an open
 * page carries on. The file is readable by this user only, like the case files' own folder.
 */
const KEPT_ADDRESS_FILE = 'browser-mode-address.json';

const keptAddress = z
  .object({
    port: z.number().int().min(1).max(65535),
    token: z.string().regex(/^[\w-]{32,128}$/),
  })
  .strict();
export type KeptAddress = z.infer<typeof keptAddress>;

export function readKeptAddress(userDataDir: string): KeptAddress | null {
  try {
    const parsed = keptAddress.safeParse(
      JSON.parse(readFileSync(join(userDataDir, KEPT_ADDRESS_FILE), 'utf8')),
    );
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function keepAddress(userDataDir: string, address: KeptAddress): void {
  mkdirSync(userDataDir, { recursive: true });
  const file = join(userDataDir, KEPT_ADDRESS_FILE);
  writeFileSync(`${file}.tmp`, JSON.stringify(address), { mode: 0o600 });
  chmodSync(`${file}.tmp`, 0o600);
  renameSync(`${file}.tmp`, file);
}

/** The address to open for a host on `port` with `token`. */
export function browserModeUrl(port: number, token?: string): string {
  return `http://127.0.0.1:${port}/${token ? `#token=${token}` : ''}`;
}

/** One plain sentence (and the address to use) when the port is taken; never a stack trace. */
export function portInUseMessage(port: number, kept: KeptAddress | null): string {
  const running = kept?.port === port ? browserModeUrl(port, kept.token) : browserModeUrl(port);
  return (
    `Port ${port} is already in use, probably by Coproduction Panel running already: open ${running} in your web browser. ` +
    `To start another copy instead, leave out --port (a free port is chosen) or give another port.`
  );
}

import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { handlers } from '../api';
import { findAppRoot, nodeRuntime } from '../runtime';
import { keepAddress, portInUseMessage, readKeptAddress } from './address';
import { startWebHost, type WebHost } from './server';

const USAGE = `Usage: npm run web -- [--port N] [--keep-address]

Serves Coproduction Panel to a web browser on this computer only (127.0.0.1).
  --port N         use port N (default: a free port)
  --keep-address   use the same port and launch token as the last time this was given,
                   so pages left open carry on after a restart (or set COPANEL_KEEP_ADDRESS=1)`;

/** Browser mode's entry point: `npm run web` (and `npm start` where Electron is unavailable). */
export async function runBrowserMode(argv: string[]): Promise<void> {
  let port: number | undefined;
  let keep = process.env.COPANEL_KEEP_ADDRESS === '1';
  try {
    const { values } = parseArgs({
      args: argv,
      options: { port: { type: 'string' }, 'keep-address': { type: 'boolean' }, help: { type: 'boolean' } },
    });
    if (values.help) {
      console.log(USAGE);
      return;
    }
    if (values.port !== undefined) port = parsePort(values.port);
    keep ||= values['keep-address'] === true;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const host = await startOrExplain(port, keep);
  if (!host) {
    process.exitCode = 1;
    return;
  }
  console.log(`Coproduction Panel is running in browser mode, on this computer only.`);
  console.log(`Open this address in your web browser: ${host.url}`);
  console.log(`Press Ctrl+C to stop.`);
  const stop = () => {
    void host.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/**
 * Starts the host (on the kept port and token when asked); a port already in use is said in one
 * sentence with the address of the copy already running, and null is returned.
 */
async function startOrExplain(port: number | undefined, keep: boolean): Promise<WebHost | null> {
  const runtime = nodeRuntime('browser');
  const kept = readKeptAddress(runtime.userDataDir);
  const reuse = keep && kept && (port === undefined || port === kept.port) ? kept : null;
  const chosenPort = port ?? reuse?.port ?? 0;
  try {
    const host = await startWebHost({
      runtime,
      handlers,
      rendererDir: join(findAppRoot(), 'out', 'renderer'),
      port: chosenPort,
      ...(reuse ? { token: reuse.token } : {}),
    });
    if (keep) keepAddress(runtime.userDataDir, { port: host.port, token: host.token });
    return host;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.error(portInUseMessage(chosenPort, kept));
    return null;
  }
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`"${text}" is not a port number (1–65535).`);
  return port;
}

import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { handlers } from '../api';
import { findAppRoot, nodeRuntime } from '../runtime';
import { startWebHost } from './server';

const USAGE = `Usage: npm run web -- [--port N]

Serves Coproduction Panel to a web browser on this computer only (127.0.0.1).
  --port N   use port N (default: a free port)`;

/** Browser mode's entry point: `npm run web` (and `npm start` where Electron is unavailable). */
export async function runBrowserMode(argv: string[]): Promise<void> {
  let port = 0;
  try {
    const { values } = parseArgs({
      args: argv,
      options: { port: { type: 'string' }, help: { type: 'boolean' } },
    });
    if (values.help) {
      console.log(USAGE);
      return;
    }
    if (values.port !== undefined) port = parsePort(values.port);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const host = await startWebHost({
    runtime: nodeRuntime('browser'),
    handlers,
    rendererDir: join(findAppRoot(), 'out', 'renderer'),
    port,
  });
  console.log(`Coproduction Panel is running in browser mode, on this computer only.`);
  console.log(`Open this address in your web browser: ${host.url}`);
  console.log(`Press Ctrl+C to stop.`);
  const stop = () => {
    void host.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`"${text}" is not a port number (1–65535).`);
  return port;
}

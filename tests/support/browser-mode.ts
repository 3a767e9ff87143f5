import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningBrowserMode {
  /** The printed address, including the launch token in its fragment. */
  url: string;
  origin: string;
  token: string;
  /** The folder holding the workspace and user data, so a restart can use the same ones. */
  root: string;
  workspaceDir: string;
  userDataDir: string;
  stop(): Promise<void>;
}

/** Starts `npm run web` exactly as a user would (a real process), in a fresh workspace. */
export async function startBrowserMode(
  extraArgs: string[] = [],
  options: { root?: string; keepRoot?: boolean; env?: Record<string, string> } = {},
): Promise<RunningBrowserMode> {
  const root = options.root ?? mkdtempSync(join(tmpdir(), 'copanel-e2e-'));
  const workspaceDir = join(root, 'workspace');
  const userDataDir = join(root, 'user-data');
  const child = spawn(process.execPath, ['scripts/web.mjs', ...extraArgs], {
    cwd: process.cwd(),
    env: { ...process.env, ...options.env, COPANEL_WORKSPACE: workspaceDir, COPANEL_USER_DATA: userDataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await waitForAddress(child);
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: new URLSearchParams(parsed.hash.slice(1)).get('token') ?? '',
    root,
    workspaceDir,
    userDataDir,
    stop: async () => {
      await stopProcess(child);
      if (!options.keepRoot) rmSync(root, { recursive: true, force: true });
    },
  };
}

function waitForAddress(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`Browser mode did not start in time:\n${output}`)),
      90_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Browser mode exited (${code}) before it started:\n${output}`));
    });
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
  });
}

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Runs a command in a child process that is killed when it takes too long or grows too big, so a
 * hang or a memory blow-up shows as a failed test instead of stalling (or swamping) the suite.
 * Resident memory is sampled from /proc every 20 ms (Linux).
 */

export interface BoundedRun {
  code: number | null;
  out: string;
  err: string;
  ms: number;
  /** Highest resident memory seen, in bytes (0 where /proc is not available). */
  peakRss: number;
  /** Why the child was stopped, when it was. */
  killed?: 'took too long' | 'used too much memory';
}

export const COPANEL_BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'copanel.mjs');

function residentBytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'latin1');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

export function runBounded(
  args: string[],
  limits: { timeoutMs: number; maxRssBytes: number; env?: Record<string, string> },
): Promise<BoundedRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, {
      env: { ...process.env, ...limits.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let peakRss = 0;
    let killed: BoundedRun['killed'];
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const stop = (why: NonNullable<BoundedRun['killed']>) => {
      if (killed) return;
      killed = why;
      child.kill('SIGKILL');
    };
    const sampler = setInterval(() => {
      if (child.pid === undefined) return;
      peakRss = Math.max(peakRss, residentBytes(child.pid));
      if (peakRss > limits.maxRssBytes) stop('used too much memory');
    }, 20);
    const timer = setTimeout(() => stop('took too long'), limits.timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(sampler);
      clearTimeout(timer);
      const result: BoundedRun = { code, out, err, ms: performance.now() - started, peakRss };
      if (killed) result.killed = killed;
      resolve(result);
    });
  });
}

/** A stack trace in text: lines like "    at parse (/path/file.ts:12:3)". */
export const STACK_TRACE = /^\s+at .+:\d+:\d+\)?$/m;

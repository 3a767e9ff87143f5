import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RuntimeMode } from '../shared/api';

/** Where the app is running and where its files are. Each entry point (Electron, web, CLI) builds one. */
export interface RuntimeEnvironment {
  mode: RuntimeMode;
  version: string;
  /** Bundled read-only files: fonts, standards, badge artwork. */
  resourcesDir: string;
  /** App-level settings and the recent case files list (no sensitive content). */
  userDataDir: string;
  /** Where case files are looked for by default. */
  workspaceDir: string;
  /**
   * Tests only: a lower size above which opening a case file leaves its attachment pages to the
   * full check in the background (normally 64 MiB). Browser mode and the CLI read it from
   * `COPANEL_TEST_LARGE_CASE_FILE_BYTES`.
   */
  fullCheckAtOpenMaxBytes?: number;
  /**
   * Tests only: the day the app takes as today (noon UTC on it), so a test can move past a due
   * date. Browser mode and the CLI read it from `COPANEL_TEST_TODAY` (YYYY-MM-DD). See `runtimeNow`.
   */
  testToday?: string;
}

/** "Now" for the app: the real clock, or noon (UTC) on the runtime's test day when one is set. */
export function runtimeNow(runtime: Pick<RuntimeEnvironment, 'testToday'>): Date {
  return runtime.testToday ? new Date(`${runtime.testToday}T12:00:00Z`) : new Date();
}

/** `COPANEL_TEST_TODAY` (tests only), when it is a calendar date. */
function testToday(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env.COPANEL_TEST_TODAY;
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
}

/** Walks up from `start` to the folder holding this app's package.json. */
export function findAppRoot(start: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = start;
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string };
      if (pkg.name === 'coproduction-panel') return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Could not find the Coproduction Panel folder above ${start}.`);
    dir = parent;
  }
}

export function readAppVersion(appRoot: string): string {
  const pkg = JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.COPANEL_USER_DATA) return env.COPANEL_USER_DATA;
  const home = homedir();
  if (process.platform === 'win32')
    return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Coproduction Panel');
  if (process.platform === 'darwin')
    return join(home, 'Library', 'Application Support', 'Coproduction Panel');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'coproduction-panel');
}

/** `COPANEL_TEST_LARGE_CASE_FILE_BYTES` (tests only), when it is a whole number of bytes. */
function largeCaseFileBytes(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const value = env.COPANEL_TEST_LARGE_CASE_FILE_BYTES;
  return value && /^\d{1,15}$/.test(value) ? Number(value) : undefined;
}

function defaultWorkspaceDir(): string {
  return process.env.COPANEL_WORKSPACE ?? join(homedir(), 'Coproduction Panel');
}

/** The environment for processes running under plain Node (browser mode, CLI, tests). */
export function nodeRuntime(
  mode: RuntimeMode,
  overrides: Partial<RuntimeEnvironment> = {},
): RuntimeEnvironment {
  const appRoot = findAppRoot();
  return {
    mode,
    version: readAppVersion(appRoot),
    resourcesDir: join(appRoot, 'resources'),
    userDataDir: defaultUserDataDir(),
    workspaceDir: defaultWorkspaceDir(),
    fullCheckAtOpenMaxBytes: largeCaseFileBytes(),
    testToday: testToday(),
    ...overrides,
  };
}

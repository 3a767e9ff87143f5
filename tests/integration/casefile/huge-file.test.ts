import { statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { invoke, localApiContext } from '../../../src/main/api';
import { nodeRuntime } from '../../../src/main/runtime';
import { openSchemeFile, schemeFileCheckedWholeAtOpen } from '../../../src/main/scheme';
import {
  APP_VERSION,
  createTestCase,
  createTestSchemeFile,
  expectUserError,
  makeTempDir,
  PASSPHRASE,
} from './support';

/**
 * A huge or hostile file chosen in "Open case" or "Open scheme file" (here 3 GB, sparse, so it
 * takes no room). Nothing reads or hashes it whole before the passphrase is checked: the check
 * before the passphrase reads its size and first bytes, the passphrase is checked against page 1,
 * and above 64 MiB (4 MiB for a scheme file) the check at open leaves the bulk to the full check,
 * which reads in the background, page by page, with progress, and can be stopped.
 */
const temp = makeTempDir('copanel-huge-file-');
afterAll(() => temp.cleanup());

const THREE_GB = 3 * 1024 ** 3;
/** Far less than the file: opening must not hold it in memory. */
const MEMORY_BOUND = 512 * 1024 ** 2;

const cli = localApiContext(
  nodeRuntime('cli', { workspaceDir: join(temp.dir, 'workspace'), userDataDir: join(temp.dir, 'user-data') }),
);
/** A window of the app on this computer: it is told how the background check is going. */
const ctx = { ...cli, capabilities: { ...cli.capabilities, localFiles: true, appSettings: true } };

/** Runs `work` and says how much the process's memory grew meanwhile. */
async function memoryGrowth(work: () => Promise<unknown>): Promise<number> {
  const before = process.memoryUsage().rss;
  await work();
  return process.memoryUsage().rss - before;
}

describe('a 3 GB file chosen to open', () => {
  it('of nothing but zeros: refused as the passphrase not opening it, in both doors', async () => {
    const path = join(temp.dir, 'Huge.copanel');
    const scheme = join(temp.dir, 'Huge.copanel-scheme');
    for (const file of [path, scheme]) {
      writeFileSync(file, '');
      truncateSync(file, THREE_GB);
    }
    const growth = await memoryGrowth(async () => {
      expect(await invoke('case.checkBeforeOpening', { path }, ctx)).toEqual({ ready: true });
      const refused = await expectUserError(invoke('case.open', { path, passphrase: PASSPHRASE }, ctx));
      expect(refused.code).toBe('WRONG_PASSPHRASE');
      const schemeRefused = await expectUserError(
        openSchemeFile({ path: scheme, passphrase: PASSPHRASE, appVersion: APP_VERSION }),
      );
      expect(schemeRefused.code).toBe('WRONG_PASSPHRASE');
    });
    expect(growth).toBeLessThan(MEMORY_BOUND);
  });

  it('a real case file padded to 3 GB: opens at once, and its full check runs in the background and stops when it is closed', async () => {
    const path = join(temp.dir, 'Padded.copanel');
    await (await createTestCase(path)).close();
    truncateSync(path, THREE_GB);
    const growth = await memoryGrowth(async () => {
      const opened = await invoke('case.open', { path, passphrase: PASSPHRASE }, ctx);
      const progress = await invoke('case.checkProgress', { caseId: opened.caseId }, ctx);
      expect(progress).toMatchObject({ state: 'running', startedBecause: 'opened_large_file' });
      await invoke('case.close', { caseId: opened.caseId }, ctx);
    });
    expect(growth).toBeLessThan(MEMORY_BOUND);
    expect(statSync(path).size).toBe(THREE_GB);
  }, 120_000);

  it('a real scheme file padded to 3 GB: opens, leaving the register to the full check', async () => {
    const path = join(temp.dir, 'Padded.copanel-scheme');
    await (await createTestSchemeFile(path)).close();
    truncateSync(path, THREE_GB);
    const growth = await memoryGrowth(async () => {
      const scheme = await openSchemeFile({ path, passphrase: PASSPHRASE, appVersion: APP_VERSION });
      expect((await scheme.details()).schemeName).toBe('Northfield Kitemark Scheme');
      await scheme.close();
    });
    expect(growth).toBeLessThan(MEMORY_BOUND);
    expect(schemeFileCheckedWholeAtOpen(path)).toBe(false);
  }, 120_000);
});

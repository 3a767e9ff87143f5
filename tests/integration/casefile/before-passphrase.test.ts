import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { invoke, localApiContext } from '../../../src/main/api';
import { nodeRuntime } from '../../../src/main/runtime';
import { createSchemeFile } from '../../../src/main/scheme';
import { APP_VERSION, createTestCase, expectUserError, makeTempDir, PASSPHRASE } from './support';

/**
 * The open screen asks `case.checkBeforeOpening` before it asks for the passphrase: a file that
 * cannot be a case file is told at once, in the same words opening it would use (one piece of
 * code: checkCaseFileBeforePassphrase, which opening's own inspectCaseFileOnDisk is part of).
 */
const temp = makeTempDir('copanel-before-passphrase-');
afterAll(() => temp.cleanup());

const ctx = localApiContext(
  nodeRuntime('cli', { workspaceDir: join(temp.dir, 'workspace'), userDataDir: join(temp.dir, 'user-data') }),
);
const check = (path: string) => invoke('case.checkBeforeOpening', { path }, ctx);

describe('a file chosen to open as a case file', () => {
  it('an empty one is told it is empty, in the words every file door uses, before and at opening', async () => {
    const path = join(temp.dir, 'Empty.copanel');
    writeFileSync(path, '');
    const words =
      '“Empty.copanel” is empty (0 bytes). Check it is the right file and that it has finished saving or downloading, then choose it again.';
    expect(await expectUserError(check(path))).toEqual({ code: 'NOT_A_CASE_FILE', message: words });
    const opening = await expectUserError(invoke('case.open', { path, passphrase: PASSPHRASE }, ctx));
    expect(opening).toEqual({ code: 'NOT_A_CASE_FILE', message: words });
  });

  it('a PDF named like a case file is told what it is', async () => {
    const path = join(temp.dir, 'Minutes.copanel');
    writeFileSync(path, '%PDF-1.7 the minutes of the forum');
    const refused = await expectUserError(check(path));
    expect(refused.code).toBe('NOT_A_CASE_FILE');
    expect(refused.message).toBe(
      '“Minutes.copanel” is not a Coproduction Panel case file (it is a PDF document, such as the certificate or the report, not the case file behind it). Its name ends in .copanel, but what is inside is not a case file. Choose another file.',
    );
  });

  it('a scheme file is told to be opened from the scheme office; a missing file that it is not there', async () => {
    const path = join(temp.dir, 'Northfield.copanel-scheme');
    const scheme = await createSchemeFile({
      path,
      schemeName: 'Northfield Kitemark Scheme',
      passphrase: PASSPHRASE,
      appVersion: APP_VERSION,
      createdBy: 'Mo Reyes',
    });
    await scheme.close();
    const refused = await expectUserError(check(path));
    expect(refused.code).toBe('NOT_A_CASE_FILE');
    expect(refused.message).toMatch(
      /^“Northfield\.copanel-scheme” is not a Coproduction Panel case file \(it is a scheme file/,
    );
    expect(refused.message).toContain('open it from Scheme office on the start screen');
    expect((await expectUserError(check(join(temp.dir, 'gone.copanel')))).code).toBe('CASE_FILE_MISSING');
  });

  it('a real case file is ready for its passphrase', async () => {
    const path = join(temp.dir, 'Harbour.copanel');
    await (await createTestCase(path)).close();
    expect(await check(path)).toEqual({ ready: true });
  });
});

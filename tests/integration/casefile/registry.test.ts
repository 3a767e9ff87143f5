import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CaseRegistry,
  forgetRecentCaseFile,
  readRecentCaseFiles,
  rememberRecentCaseFile,
} from '../../../src/main/casefile';
import { caseOptions, expectUserError, makeTempDir, ORGANISATION, PASSPHRASE, APP_VERSION } from './support';

const temp = makeTempDir('copanel-registry-');
const userData = join(temp.dir, 'user-data');
afterAll(() => temp.cleanup());

describe('the case registry and the recent case files list', () => {
  it('keeps open case files by case id and remembers them, without anything sensitive', async () => {
    const registry = new CaseRegistry({ userDataDir: userData });
    const path = join(temp.dir, 'registry.copanel');
    const created = await registry.create(caseOptions(path));
    expect(registry.get(created.caseId)).toBe(created);
    expect(registry.list()).toEqual([created]);

    // A copy of the same case cannot be open at the same time.
    const copy = await created.saveCopyAs(join(temp.dir, 'registry-copy.copanel'));
    const twice = await expectUserError(
      registry.openFile({ path: copy, passphrase: PASSPHRASE, appVersion: APP_VERSION }),
    );
    expect(twice).toMatchObject({ code: 'CASE_FILE_LOCKED', message: expect.stringMatching(/already open/) });

    await registry.close(created.caseId);
    expect(registry.has(created.caseId)).toBe(false);
    expect((await expectUserError(Promise.resolve().then(() => registry.get(created.caseId)))).code).toBe(
      'CASE_NOT_OPEN',
    );

    const reopened = await registry.openFile({ path, passphrase: PASSPHRASE, appVersion: APP_VERSION });
    expect(reopened.caseId).toBe(created.caseId);
    await registry.closeAll();
    expect(registry.list()).toEqual([]);

    const recent = readRecentCaseFiles(userData);
    expect(recent.map((entry) => [entry.path, entry.fileName, entry.organisationName])).toEqual([
      [path, 'registry.copanel', null],
    ]);
    const stored = readFileSync(join(userData, 'recent-case-files.json'), 'utf8');
    for (const secret of [PASSPHRASE, '2468', 'Asha Patel', created.caseId, ORGANISATION])
      expect(stored).not.toContain(secret);
  });

  it('orders the list by last opened, caps it, forgets on request and survives a damaged list file', () => {
    const dir = join(temp.dir, 'recent');
    for (let index = 0; index < 15; index += 1) {
      rememberRecentCaseFile(dir, {
        path: `/cases/org-${index}.copanel`,
        organisationName: `Org ${index}`,
        openedAt: new Date(Date.UTC(2025, 0, 1 + index)),
      });
    }
    const list = readRecentCaseFiles(dir);
    expect(list).toHaveLength(12);
    expect(list[0]?.path).toBe('/cases/org-14.copanel');
    rememberRecentCaseFile(dir, {
      path: '/cases/org-5.copanel',
      organisationName: 'Org 5 (renamed)',
      openedAt: new Date(Date.UTC(2026, 0, 1)),
    });
    expect(readRecentCaseFiles(dir)[0]).toMatchObject({
      path: '/cases/org-5.copanel',
      organisationName: null,
    });
    expect(
      forgetRecentCaseFile(dir, '/cases/org-5.copanel').some(
        (entry) => entry.path === '/cases/org-5.copanel',
      ),
    ).toBe(false);
    writeFileSync(join(dir, 'recent-case-files.json'), '{ not json');
    expect(readRecentCaseFiles(dir)).toEqual([]);
  });
});

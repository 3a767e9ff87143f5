import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../../src/main/casefile';
import {
  createSchemeFile,
  LATEST_SCHEME_SCHEMA_VERSION,
  openSchemeFile,
  writeNewSchemeFile,
  type SchemeFile,
} from '../../../src/main/scheme';
import {
  APP_VERSION,
  createTestCase,
  decryptSqlcipher4,
  expectUserError,
  makeTempDir,
  openCaseFile,
  openRaw,
  OTHER_PASSPHRASE,
  PASSPHRASE,
  sha256OfFile,
} from '../casefile/support';

const SCHEME_NAME = 'Northfield Coproduction Kitemark Scheme';
const temp = makeTempDir('copanel-scheme-file-');
afterAll(() => temp.cleanup());

function schemeOptions(path: string) {
  return {
    path,
    schemeName: SCHEME_NAME,
    passphrase: PASSPHRASE,
    appVersion: APP_VERSION,
    createdBy: 'Mo Reyes',
  };
}

async function createTestScheme(name: string): Promise<{ path: string; scheme: SchemeFile }> {
  const path = join(temp.dir, name);
  return { path, scheme: await createSchemeFile(schemeOptions(path)) };
}

describe('the scheme file', () => {
  it('is SQLCipher 4 on disk: nothing readable without the passphrase, and an independent SQLCipher 4 reader opens it', async () => {
    const { path, scheme } = await createTestScheme('format.copanel-scheme');
    const details = await scheme.details();
    expect(details).toMatchObject({
      schemeName: SCHEME_NAME,
      schemaVersion: LATEST_SCHEME_SCHEMA_VERSION,
      createdByAppVersion: APP_VERSION,
      auditEntries: 1,
    });
    await scheme.close();

    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(bytes.length % 4096).toBe(0);
    for (const secret of [SCHEME_NAME, 'Mo Reyes', 'scheme_metadata', 'assessor'])
      expect(bytes.includes(Buffer.from(secret, 'utf8')), secret).toBe(false);
    expect(readdirSync(temp.dir).filter((name) => name.startsWith('format.'))).toEqual([
      'format.copanel-scheme',
    ]);

    const plaintext = join(temp.dir, 'format.decrypted.sqlite');
    await decryptSqlcipher4(path, PASSPHRASE, plaintext);
    const plain = openSqlite(plaintext, { readonly: true });
    try {
      expect(plain.prepare('select scheme_name, scheme_id from scheme_metadata').get()).toEqual({
        scheme_name: SCHEME_NAME,
        scheme_id: details.schemeId,
      });
      expect(plain.pragma('user_version', { simple: true })).toBe(LATEST_SCHEME_SCHEMA_VERSION);
      expect(plain.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      plain.close();
    }
  });

  it('opens with the right passphrase, refuses a wrong one, and is locked against a second writer', async () => {
    const { path, scheme } = await createTestScheme('locks.copanel-scheme');
    const locked = await expectUserError(
      openSchemeFile({ path, passphrase: PASSPHRASE, appVersion: APP_VERSION }),
    );
    expect(locked.code).toBe('CASE_FILE_LOCKED');
    await scheme.close();
    const wrong = await expectUserError(
      openSchemeFile({ path, passphrase: OTHER_PASSPHRASE, appVersion: APP_VERSION }),
    );
    expect(wrong.code).toBe('WRONG_PASSPHRASE');
    const reopened = await openSchemeFile({ path, passphrase: PASSPHRASE, appVersion: APP_VERSION });
    expect((await reopened.details()).schemeName).toBe(SCHEME_NAME);
    await reopened.close();
  });

  it('keeps a hash-chained audit log of every change that finds an edited entry', async () => {
    const { path, scheme } = await createTestScheme('audit.copanel-scheme');
    await scheme.mutate(
      'Mo Reyes',
      'scheme.setting_changed',
      { key: 'refresherYears', value: 3 },
      async (trx) => {
        await trx
          .insertInto('scheme_setting')
          .values({ key: 'refresherYears', value_json: '3', updated_at: new Date().toISOString() })
          .execute();
      },
    );
    expect(await scheme.verifyAuditChain()).toMatchObject({ ok: true, entries: 2 });
    await scheme.close();

    const raw = openRaw(path);
    try {
      expect(() => raw.prepare("update audit_log set actor = 'someone else' where seq = 2").run()).toThrow(
        /append-only/,
      );
      raw.prepare('drop trigger audit_log_is_append_only_update').run();
      raw.prepare("update audit_log set actor = 'someone else' where seq = 2").run();
    } finally {
      raw.close();
    }
    const reopened = await openSchemeFile({
      path,
      passphrase: PASSPHRASE,
      appVersion: APP_VERSION,
      readOnly: true,
    });
    expect(await reopened.verifyAuditChain()).toMatchObject({ ok: false, brokenAtSeq: 2 });
    await reopened.close();
  });

  it('refuses a scheme file written by a newer version with a typed error and leaves it unchanged', async () => {
    const { path, scheme } = await createTestScheme('newer.copanel-scheme');
    await scheme.close();
    const raw = openRaw(path);
    raw.pragma(`user_version = ${LATEST_SCHEME_SCHEMA_VERSION + 1}`);
    raw.prepare("update scheme_metadata set last_app_version = '99.0.0'").run();
    raw.close();
    const before = sha256OfFile(path);
    const refused = await expectUserError(
      openSchemeFile({ path, passphrase: PASSPHRASE, appVersion: APP_VERSION }),
    );
    expect(refused.code).toBe('CASE_FILE_TOO_NEW');
    expect(refused.message).toContain('99.0.0');
    expect(sha256OfFile(path)).toBe(before);
    expect(readdirSync(temp.dir).filter((name) => name.startsWith('newer.'))).toEqual([
      'newer.copanel-scheme',
    ]);
  });

  it('brings an older scheme file up to date after a backup copy, and audits the update', async () => {
    const path = join(temp.dir, 'older.copanel-scheme');
    await writeNewSchemeFile(path, schemeOptions(path), 1);
    const before = sha256OfFile(path);
    const scheme = await openSchemeFile({ path, passphrase: PASSPHRASE, appVersion: APP_VERSION });
    const details = await scheme.details();
    expect(details.schemaVersion).toBe(LATEST_SCHEME_SCHEMA_VERSION);
    expect(await scheme.verifyAuditChain()).toMatchObject({ ok: true, entries: 2 });
    expect(await scheme.db.selectFrom('assessor').selectAll().execute()).toEqual([]);
    await scheme.close();
    const backups = readdirSync(temp.dir).filter((name) => name.startsWith('older.backup-layout-1-'));
    expect(backups).toHaveLength(1);
    expect(sha256OfFile(join(temp.dir, backups[0] ?? ''))).toBe(before);
  });

  it('is never mistaken for a case file, nor a case file for a scheme file', async () => {
    const { path: schemePath, scheme } = await createTestScheme('kind.copanel-scheme');
    await scheme.close();
    const asCase = await expectUserError(openCaseFile({ path: schemePath, passphrase: PASSPHRASE }));
    expect(asCase.code).toBe('NOT_A_CASE_FILE');
    expect(asCase.message).toContain('it is the scheme office’s scheme file: open it from “Scheme office”');

    const casePath = join(temp.dir, 'kind.copanel');
    await (await createTestCase(casePath)).close();
    const before = sha256OfFile(casePath);
    const asScheme = await expectUserError(
      openSchemeFile({ path: casePath, passphrase: PASSPHRASE, appVersion: APP_VERSION }),
    );
    expect(asScheme.code).toBe('NOT_A_SCHEME_FILE');
    expect(asScheme.message).toContain('Choose a scheme file; their names end in .copanel-scheme.');
    expect(asScheme.message).toContain(
      'it is a case file, for one organisation’s assessment: open it with “Open case”',
    );
    expect(sha256OfFile(casePath)).toBe(before);

    // Named like a scheme file, but a case file inside: told what is wrong, not to pick that name.
    const renamed = join(temp.dir, 'renamed.copanel-scheme');
    copyFileSync(casePath, renamed);
    const renamedRefusal = await expectUserError(
      openSchemeFile({ path: renamed, passphrase: PASSPHRASE, appVersion: APP_VERSION }),
    );
    expect(renamedRefusal.message).toContain(
      'Its name ends in .copanel-scheme, but what is inside is not a scheme file. Choose another file.',
    );
    expect(renamedRefusal.message).not.toContain('their names end in');
  });

  it('names itself a scheme file in its refusals: missing, a folder, a PDF, cut short, already there', async () => {
    const open = (path: string) =>
      expectUserError(openSchemeFile({ path, passphrase: PASSPHRASE, appVersion: APP_VERSION }));
    const missing = await open(join(temp.dir, 'nowhere.copanel-scheme'));
    expect(missing.message).toMatch(/^There is no scheme file at “nowhere\.copanel-scheme”/);
    const folder = join(temp.dir, 'folder.copanel-scheme');
    mkdirSync(folder);
    expect((await open(folder)).message).toMatch(/is not a Coproduction Panel scheme file \(it is a folder/);
    const pdf = join(temp.dir, 'minutes.pdf');
    writeFileSync(pdf, '%PDF-1.7 minutes of the scheme office');
    const printed = await open(pdf);
    expect(printed.code).toBe('NOT_A_SCHEME_FILE');
    expect(printed.message).toContain('Choose a scheme file; their names end in .copanel-scheme.');
    const { path, scheme } = await createTestScheme('cut.copanel-scheme');
    await scheme.close();
    const cut = join(temp.dir, 'cut-short.copanel-scheme');
    writeFileSync(cut, readFileSync(path).subarray(0, 4096 + 100));
    expect((await open(cut)).message).toContain('its size does not fit an encrypted scheme file');
    const again = await expectUserError(createSchemeFile(schemeOptions(path)));
    expect(again.message).toContain('or open the existing scheme file.');
    for (const refusal of [missing, printed, again]) expect(refusal.message).not.toMatch(/case file/);
  });

  it('changes its passphrase by copy: the old one stops working and the change is audited', async () => {
    const { path, scheme } = await createTestScheme('rekey.copanel-scheme');
    await scheme.changePassphrase(PASSPHRASE, OTHER_PASSPHRASE, 'Mo Reyes');
    expect(await scheme.verifyAuditChain()).toMatchObject({ ok: true, entries: 2 });
    expect((await scheme.checkIntegrity(OTHER_PASSPHRASE)).ok).toBe(true);
    await scheme.close();
    expect(
      (await expectUserError(openSchemeFile({ path, passphrase: PASSPHRASE, appVersion: APP_VERSION }))).code,
    ).toBe('WRONG_PASSPHRASE');
    const reopened = await openSchemeFile({ path, passphrase: OTHER_PASSPHRASE, appVersion: APP_VERSION });
    expect((await reopened.details()).schemeName).toBe(SCHEME_NAME);
    await reopened.close();
    expect(existsSync(`${path}.lock`)).toBe(false);
  });
});

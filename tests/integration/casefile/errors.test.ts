import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statfsSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { attachToEvidence, LATEST_SCHEMA_VERSION, lockPathFor, openSqlite } from '../../../src/main/casefile';
import { addEvidence, listEvidence } from '../../../src/main/evidence';
import {
  createTestCase,
  expectUserError,
  makeTempDir,
  openRaw,
  PASSPHRASE,
  sha256OfFile,
  evidenceFields,
  leadScope,
  bypassingTheApp,
  openCaseFile,
} from './support';

const temp = makeTempDir('copanel-errors-');
afterAll(() => temp.cleanup());

async function newCaseFile(name: string): Promise<string> {
  const path = join(temp.dir, name);
  const caseFile = await createTestCase(path);
  await addEvidence(
    leadScope(caseFile),
    evidenceFields({ title: 'Annual report', kind: 'document', criteria: ['S1.1'] }),
  );
  await caseFile.close();
  return path;
}

/** Tries to open the file, expecting `code`; the file's bytes must not change and no lock may remain. */
async function expectRefusal(
  path: string,
  code: string,
  options: { passphrase?: string; readOnly?: boolean } = {},
): Promise<string> {
  const before = existsSync(path) && statSync(path).isFile() ? sha256OfFile(path) : undefined;
  const failure = await expectUserError(
    openCaseFile({ path, passphrase: options.passphrase ?? PASSPHRASE, readOnly: options.readOnly }),
  );
  expect(failure.code).toBe(code);
  expect(failure.message).not.toMatch(/SQLITE|Error:|at \//);
  if (before !== undefined) expect(sha256OfFile(path)).toBe(before);
  expect(existsSync(lockPathFor(path))).toBe(false);
  return failure.message;
}

describe('errors a user can meet, each leaving the file byte-for-byte untouched', () => {
  it('wrong passphrase', async () => {
    const path = await newCaseFile('wrong.copanel');
    const message = await expectRefusal(path, 'WRONG_PASSPHRASE', {
      passphrase: 'lantern-meadow-quartz-harbor-viola',
    });
    expect(message).toContain('wrong.copanel');
    await expectRefusal(path, 'WRONG_PASSPHRASE', {
      passphrase: 'lantern-meadow-quartz-harbor-viola',
      readOnly: true,
    });
  });

  it('missing file', async () => {
    const message = await expectRefusal(join(temp.dir, 'nowhere.copanel'), 'CASE_FILE_MISSING');
    expect(message).toMatch(/USB stick/);
  });

  it('not a case file: text, an unencrypted database, a folder, another program’s encrypted database', async () => {
    const text = join(temp.dir, 'notes.copanel');
    writeFileSync(text, 'These are my notes from the visit.\n');
    await expectRefusal(text, 'NOT_A_CASE_FILE');

    const plain = join(temp.dir, 'plain.copanel');
    const plainDb = openSqlite(plain);
    plainDb.exec('create table t (x); insert into t values (1)');
    plainDb.close();
    expect(await expectRefusal(plain, 'NOT_A_CASE_FILE')).toMatch(/not encrypted/);

    const folder = join(temp.dir, 'folder.copanel');
    mkdirSync(folder);
    await expectRefusal(folder, 'NOT_A_CASE_FILE');

    const other = join(temp.dir, 'other-app.copanel');
    const otherDb = openRaw(other, PASSPHRASE, { create: true });
    otherDb.exec(
      'create table invoices (id integer primary key, total real); insert into invoices (total) values (12.5)',
    );
    otherDb.close();
    expect(await expectRefusal(other, 'NOT_A_CASE_FILE')).toMatch(/another program/);
  });

  it('a case file cut short by a copy that did not finish says so and points to the backup', async () => {
    const path = await newCaseFile('cut-short.copanel');
    writeFileSync(path, readFileSync(path).subarray(0, 4096 * 3 + 1234));
    const message = await expectRefusal(path, 'NOT_A_CASE_FILE');
    expect(message).toMatch(/cut short, for example by a copy that did not finish/);
    expect(message).toMatch(/most recent backup/);
  });

  it('a ZIP or a PDF renamed .copanel is named for what it is, not called a case file cut short', async () => {
    const zip = join(temp.dir, 'zipped.copanel');
    writeFileSync(zip, Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), Buffer.alloc(5_000, 7)]));
    const zipped = await expectRefusal(zip, 'NOT_A_CASE_FILE');
    expect(zipped).toMatch(/\(it is a ZIP archive.*unpack it and choose the \.copanel file inside\)/);
    expect(zipped).not.toMatch(/cut short/);

    const pdf = join(temp.dir, 'certificate.copanel');
    writeFileSync(pdf, '%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
    const printed = await expectRefusal(pdf, 'NOT_A_CASE_FILE');
    expect(printed).toMatch(
      /\(it is a PDF document, such as the certificate or the report, not the case file behind it\)/,
    );
    expect(printed).not.toMatch(/cut short/);
    // Its name already ends in .copanel: the message says what is wrong, not to pick such a name.
    expect(printed).toMatch(
      /Its name ends in \.copanel, but what is inside is not a case file\. Choose another file\.$/,
    );
    expect(printed).not.toMatch(/their names end in \.copanel/);
  });

  it('a case file from a newer version of the app', async () => {
    const path = await newCaseFile('newer.copanel');
    const raw = openRaw(path);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    raw.prepare('update case_metadata set last_app_version = ?').run('7.3.0');
    raw.close();
    const message = await expectRefusal(path, 'CASE_FILE_TOO_NEW');
    expect(message).toContain('7.3.0');
    await expectRefusal(path, 'CASE_FILE_TOO_NEW', { readOnly: true });
  });

  it('a damaged file: the cipher integrity check names the page that fails', async () => {
    const path = await newCaseFile('damaged-cipher.copanel');
    const bytes = readFileSync(path);
    const page = 4;
    bytes[(page - 1) * 4096 + 1000] ^= 0x01;
    writeFileSync(path, bytes);
    const message = await expectRefusal(path, 'CASE_FILE_DAMAGED');
    expect(message).toMatch(/page 4 has been changed or damaged since it was written/);
    await expectRefusal(path, 'CASE_FILE_DAMAGED', { readOnly: true });
  });

  it('a damaged file: the database integrity check fails while every page is intact', async () => {
    const path = await newCaseFile('damaged-database.copanel');
    const raw = openRaw(path).unsafeMode(true);
    raw.pragma('writable_schema = ON');
    raw
      .prepare(
        "update sqlite_master set sql = replace(sql, 'name text not null check', 'name text check') where name = 'organisation'",
      )
      .run();
    raw.close();
    const again = openRaw(path).unsafeMode(true);
    again.prepare('update organisation set name = null').run();
    again.pragma('writable_schema = ON');
    again
      .prepare(
        "update sqlite_master set sql = replace(sql, 'name text check', 'name text not null check') where name = 'organisation'",
      )
      .run();
    again.close();
    const message = await expectRefusal(path, 'CASE_FILE_DAMAGED');
    expect(message).toMatch(/encrypted pages are intact, but the database integrity check failed/);
  });

  it('a read-only file opens read-only but not for writing', async () => {
    const path = await newCaseFile('readonly.copanel');
    chmodSync(path, 0o444);
    try {
      expect(await expectRefusal(path, 'CASE_FILE_READ_ONLY')).toMatch(/read-only/);
      const before = sha256OfFile(path);
      const viewer = await openCaseFile({ path, passphrase: PASSPHRASE, readOnly: true });
      expect((await listEvidence(leadScope(viewer))).map((item) => item.title)).toEqual(['Annual report']);
      const change = await expectUserError(
        addEvidence(leadScope(viewer), evidenceFields({ title: 'Should not be saved', kind: 'other' })),
      );
      expect(change.code).toBe('CASE_FILE_READ_ONLY');
      await viewer.close();
      expect(sha256OfFile(path)).toBe(before);
      expect(existsSync(lockPathFor(path))).toBe(false);
    } finally {
      chmodSync(path, 0o644);
    }
  });

  it('disk full during a write (SQLITE_FULL through max_page_count): the change rolls back and the file stays valid', async () => {
    const path = await newCaseFile('full.copanel');
    const caseFile = await openCaseFile({ path, passphrase: PASSPHRASE });
    const [evidence] = await listEvidence(leadScope(caseFile));
    const pages = await sql<{ page_count: number }>`pragma page_count`.execute(bypassingTheApp(caseFile));
    await sql
      .raw(`pragma max_page_count = ${(pages.rows[0]?.page_count ?? 0) + 8}`)
      .execute(bypassingTheApp(caseFile));
    const attachment = join(temp.dir, 'large.bin');
    writeFileSync(attachment, Buffer.alloc(3 * 1024 * 1024, 7));
    const before = sha256OfFile(path);
    const failure = await expectUserError(attachToEvidence(caseFile, 'lead', evidence!.id, attachment));
    expect(failure.code).toBe('DISK_FULL');
    expect(failure.message).toMatch(/not enough space/);
    expect(sha256OfFile(path)).toBe(before);
    expect(await caseFile.verifyAuditChain()).toMatchObject({ ok: true, entries: 2 });
    await caseFile.close();

    const reopened = await openCaseFile({ path, passphrase: PASSPHRASE });
    expect((await reopened.checkIntegrity(PASSPHRASE)).ok).toBe(true);
    expect((await listEvidence(leadScope(reopened)))[0]?.attachments).toEqual([]);
    await reopened.close();
  });

  it('disk full on a real, tiny disk (tmpfs; only where this test may mount one)', async (context) => {
    const mountPoint = join(temp.dir, 'tiny-disk');
    mkdirSync(mountPoint);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountPoint], { stdio: 'ignore' });
    } catch {
      context.skip();
      return;
    }
    const path = join(mountPoint, 'tiny.copanel');
    let caseFile = await createTestCase(path);
    try {
      // An attachment that cannot fit is refused before anything is written.
      const evidence = await addEvidence(
        leadScope(caseFile),
        evidenceFields({
          title: 'Video of the open day',
          kind: 'observation',
        }),
      );
      const source = join(temp.dir, 'video.bin');
      writeFileSync(source, Buffer.alloc(3 * 1024 * 1024, 3));
      const before = sha256OfFile(path);
      expect((await expectUserError(attachToEvidence(caseFile, 'lead', evidence.id, source))).code).toBe(
        'DISK_FULL',
      );
      expect(sha256OfFile(path)).toBe(before);

      // Fill the disk, then keep adding evidence until SQLite itself runs out of space mid-write.
      const free = statfsSync(mountPoint);
      writeFileSync(
        join(mountPoint, 'filler.bin'),
        Buffer.alloc(Math.max(0, free.bavail * free.bsize - 48 * 1024)),
      );
      let saved = 1;
      let failure: { code: string } | undefined;
      for (let attempt = 0; attempt < 200 && !failure; attempt += 1) {
        try {
          await addEvidence(
            leadScope(caseFile),
            evidenceFields({
              title: `Interview ${attempt}`,
              kind: 'interview',
              notes: 'x'.repeat(4000),
              criteria: ['S2.1'],
            }),
          );
          saved += 1;
        } catch (error) {
          failure = error as { code: string };
        }
      }
      expect(failure?.code).toBe('DISK_FULL');
      await caseFile.close();
      rmSync(join(mountPoint, 'filler.bin'));
      expect(existsSync(`${path}-journal`)).toBe(false);

      caseFile = await openCaseFile({ path, passphrase: PASSPHRASE });
      expect((await caseFile.checkIntegrity(PASSPHRASE)).ok).toBe(true);
      expect(await caseFile.verifyAuditChain()).toMatchObject({ ok: true, entries: 1 + saved });
      expect(await listEvidence(leadScope(caseFile))).toHaveLength(saved);
    } finally {
      await caseFile.close();
      execFileSync('umount', [mountPoint]);
    }
  });

  it('opening on a full disk (tmpfs; only where this test may mount one) answers DISK_FULL and leaves nothing behind', async (context) => {
    const mountPoint = join(temp.dir, 'full-disk');
    mkdirSync(mountPoint);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountPoint], { stdio: 'ignore' });
    } catch {
      context.skip();
      return;
    }
    try {
      const path = join(mountPoint, 'full.copanel');
      await (await createTestCase(path)).close();
      const free = statfsSync(mountPoint);
      writeFileSync(join(mountPoint, 'filler.bin'), Buffer.alloc(free.bavail * free.bsize));
      const before = readdirSync(mountPoint).sort();
      const message = await expectRefusal(path, 'DISK_FULL');
      expect(message).toMatch(/no space left/);
      expect(message).toMatch(/read-only/);
      expect(readdirSync(mountPoint).sort()).toEqual(before);
      // Read-only still works: it needs no space.
      const viewer = await openCaseFile({ path, passphrase: PASSPHRASE, readOnly: true });
      await viewer.close();
      expect(readdirSync(mountPoint).sort()).toEqual(before);
    } finally {
      execFileSync('umount', [mountPoint]);
    }
  });
});

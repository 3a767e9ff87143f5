import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, readAuditLog, writeNewCaseFile } from '../../../src/main/casefile';
import { addEvidence, listEvidence } from '../../../src/main/evidence';
import {
  caseOptions,
  expectUserError,
  makeTempDir,
  openRaw,
  PASSPHRASE,
  sha256OfFile,
  evidenceFields,
  leadScope,
  openCaseFile,
} from './support';

const temp = makeTempDir('copanel-migrations-');
afterAll(() => temp.cleanup());

/**
 * A case file exactly as the first release wrote it: only migration 1 (the initial layout) run,
 * created through the same code path, with a piece of evidence entered in that layout.
 */
async function writeLayoutOneCaseFile(name: string): Promise<string> {
  const path = join(temp.dir, name);
  await writeNewCaseFile(path, caseOptions(path, { appVersion: '0.0.9' }), 1);
  const raw = openRaw(path);
  try {
    raw
      .prepare(
        "insert into evidence_item (id, title, kind, consent_status, created_at, updated_at) values ('e1', 'Annual report 2024', 'document', 'not_needed', ?, ?)",
      )
      .run('2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z');
  } finally {
    raw.close();
  }
  return path;
}

function backupsOf(name: string): string[] {
  const stem = name.replace(/\.copanel$/, '');
  return readdirSync(temp.dir).filter(
    (file) => file.startsWith(`${stem}.backup-layout-1-`) && file.endsWith('.copanel'),
  );
}

describe('migrations', () => {
  it('there is more than one migration, so updating is really exercised', () => {
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(2);
  });

  it('a layout-1 case file opens, is updated in one audited step, and a byte-for-byte backup is left beside it', async () => {
    const path = await writeLayoutOneCaseFile('layout-one.copanel');
    const raw = openRaw(path);
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    expect(
      (raw.pragma('table_info(evidence_item)') as { name: string }[]).map((column) => column.name),
    ).not.toContain('summary');
    raw.close();
    const original = sha256OfFile(path);

    const caseFile = await openCaseFile({ path, passphrase: PASSPHRASE, appVersion: '0.2.0' });
    try {
      expect(await caseFile.details()).toMatchObject({
        schemaVersion: LATEST_SCHEMA_VERSION,
        createdByAppVersion: '0.0.9',
        lastAppVersion: '0.2.0',
      });
      const [backup] = backupsOf('layout-one.copanel');
      expect(backup).toBeDefined();
      expect(sha256OfFile(join(temp.dir, backup!))).toBe(original);

      expect((await listEvidence(leadScope(caseFile))).map((item) => [item.title, item.notes])).toEqual([
        ['Annual report 2024', ''],
      ]);
      await addEvidence(
        leadScope(caseFile),
        evidenceFields({
          title: 'Recovery college prospectus',
          kind: 'document',
          notes: 'Courses co-written with students.',
        }),
      );
      const actions = (await readAuditLog(caseFile.db)).map((entry) => entry.action);
      expect(actions).toEqual(['case.created', 'case.layout_updated', 'evidence.added']);
      expect(await caseFile.verifyAuditChain()).toMatchObject({ ok: true, entries: 3 });
      const applied = await caseFile.db
        .selectFrom('kysely_migration' as never)
        .selectAll()
        .execute();
      expect(applied).toHaveLength(LATEST_SCHEMA_VERSION);
    } finally {
      await caseFile.close();
    }
    const backupRaw = openRaw(join(temp.dir, backupsOf('layout-one.copanel')[0]!));
    expect(backupRaw.pragma('user_version', { simple: true })).toBe(1);
    backupRaw.close();

    // Opening again neither migrates nor backs up again.
    const again = await openCaseFile({ path, passphrase: PASSPHRASE, appVersion: '0.2.0' });
    await again.close();
    expect(backupsOf('layout-one.copanel')).toHaveLength(1);
  });

  it('a layout-1 case file cannot be opened read-only until it has been updated, and is left untouched', async () => {
    const path = await writeLayoutOneCaseFile('read-only-old.copanel');
    const before = sha256OfFile(path);
    const failure = await expectUserError(openCaseFile({ path, passphrase: PASSPHRASE, readOnly: true }));
    expect(failure).toMatchObject({
      code: 'CASE_FILE_NEEDS_UPDATE',
      message: expect.stringMatching(/Open it for editing once/),
    });
    expect(sha256OfFile(path)).toBe(before);
    expect(backupsOf('read-only-old.copanel')).toEqual([]);
  });

  it('a migration that fails changes nothing: the whole update rolls back', async () => {
    const path = await writeLayoutOneCaseFile('fails.copanel');
    const raw = openRaw(path);
    raw.exec('create index evidence_criterion_by_criterion on evidence_criterion(criterion_id)'); // migration 2 will trip over it
    raw.close();
    const before = sha256OfFile(path);
    const failure = await expectUserError(openCaseFile({ path, passphrase: PASSPHRASE }));
    expect(failure).toMatchObject({
      code: 'CASE_FILE_DAMAGED',
      message: expect.stringMatching(/could not be updated.*already exists.*backup copy/),
    });
    expect(sha256OfFile(path)).toBe(before);
    const check = openRaw(path);
    expect(check.pragma('user_version', { simple: true })).toBe(1);
    expect(
      (check.pragma('table_info(evidence_item)') as { name: string }[]).map((column) => column.name),
    ).not.toContain('summary');
    check.close();
  });
});

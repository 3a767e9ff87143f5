import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import {
  clientContext,
  COMMAND_LINE,
  invoke,
  localApiContext,
  openScheme,
  type ApiContext,
} from '../../../src/main/api';
import { CaseRegistry, readAuditLog } from '../../../src/main/casefile';
import { nodeRuntime } from '../../../src/main/runtime';
import { openSchemeFile } from '../../../src/main/scheme';
import { APP_VERSION, expectUserError, makeTempDir, PASSPHRASE } from '../casefile/support';
import { inPieces, OVER_100_MB, sha256, zeros } from '../upload-streams';

/**
 * The scheme file's session in the app: created and opened through the contract with real
 * encrypted files, one at a time, closed (its lock released) when the app lets it go, and never
 * reached from a device in the panel room.
 */

const temp = makeTempDir('copanel-scheme-session-');
afterAll(() => temp.cleanup());

const SCHEME = 'Northfield Kitemark Scheme (fictional)';

/** The scheme file's record of changes, read-only: who did what, oldest first. */
async function whoDidWhat(path: string): Promise<string[][]> {
  const file = await openSchemeFile({
    path,
    passphrase: PASSPHRASE,
    appVersion: APP_VERSION,
    readOnly: true,
  });
  try {
    return (await readAuditLog(file.db as never)).map((entry) => [entry.actor, entry.action]);
  } finally {
    await file.close();
  }
}

function appAt(name: string): ApiContext {
  const workspaceDir = join(temp.dir, name, 'workspace');
  mkdirSync(workspaceDir, { recursive: true });
  return localApiContext(
    nodeRuntime('cli', { workspaceDir, userDataDir: join(temp.dir, name, 'user-data') }),
  );
}

describe('the scheme file open in the app', () => {
  it('creates an encrypted scheme file, keeps it open, closes it and opens it again with its passphrase', async () => {
    const ctx = appAt('office');
    expect(await invoke('scheme.state', {}, ctx)).toBeNull();
    const created = await invoke(
      'scheme.create',
      { fileName: 'northfield', schemeName: SCHEME, passphrase: PASSPHRASE, yourName: 'Mo Reyes' },
      ctx,
    );
    expect(created).toMatchObject({
      schemeName: SCHEME,
      fileName: 'northfield.copanel-scheme',
      openedBy: 'Mo Reyes',
    });
    expect(await invoke('scheme.state', {}, ctx)).toEqual(created);
    // Encrypted on disk: neither the scheme's name nor SQLite's header can be read without the passphrase.
    const bytes = readFileSync(created.path);
    expect(bytes.includes(Buffer.from('Northfield'))).toBe(false);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');

    const listed = await invoke('scheme.listWorkspace', {}, ctx);
    expect(listed.files.map((file) => file.fileName)).toEqual(['northfield.copanel-scheme']);

    // One scheme file at a time: a second is refused until the first is closed.
    const second = await expectUserError(
      invoke(
        'scheme.create',
        { fileName: 'other', schemeName: 'Other scheme', passphrase: PASSPHRASE, yourName: 'Mo Reyes' },
        ctx,
      ),
    );
    expect(second.code).toBe('SCHEME_FILE_ALREADY_OPEN');
    expect(second.message).toContain('Close it before opening another');

    await invoke('scheme.close', {}, ctx);
    expect(await invoke('scheme.state', {}, ctx)).toBeNull();
    expect((await expectUserError(Promise.resolve().then(() => openScheme(ctx)))).code).toBe(
      'SCHEME_FILE_NOT_OPEN',
    );

    const wrong = await expectUserError(
      invoke(
        'scheme.open',
        { path: created.path, passphrase: 'not-the-passphrase-at-all', yourName: 'Mo Reyes' },
        ctx,
      ),
    );
    expect(wrong.code).toBe('WRONG_PASSPHRASE');
    expect(await invoke('scheme.state', {}, ctx)).toBeNull();

    const reopened = await invoke(
      'scheme.open',
      { path: created.path, passphrase: PASSPHRASE, yourName: 'Ade Bello' },
      ctx,
    );
    expect(reopened).toMatchObject({ schemeId: created.schemeId, openedBy: 'Ade Bello' });
    // The accessor other scheme features use: the file, and the name its changes are audited under.
    const open = openScheme(ctx);
    expect(open.actor).toBe('Ade Bello');
    expect(open.file.schemeId).toBe(created.schemeId);
    await invoke('scheme.close', {}, ctx);
  });

  it('is locked against a second app while open, and released when closed', async () => {
    const office = appAt('locked');
    const other = appAt('locked-other');
    const { path } = await invoke(
      'scheme.create',
      { fileName: 'locked', schemeName: SCHEME, passphrase: PASSPHRASE, yourName: 'Mo Reyes' },
      office,
    );
    const refused = await expectUserError(
      invoke('scheme.open', { path, passphrase: PASSPHRASE, yourName: 'Sam Okafor' }, other),
    );
    expect(refused.code).toBe('CASE_FILE_LOCKED');
    await invoke('scheme.close', {}, office);
    await invoke('scheme.open', { path, passphrase: PASSPHRASE, yourName: 'Sam Okafor' }, other);
    await invoke('scheme.close', {}, other);
    // The audit log names who created the file.
    expect(await whoDidWhat(path)).toContainEqual(['Mo Reyes', 'scheme.created']);
  });

  it('refuses a case file opened as a scheme file, saying what it is', async () => {
    const ctx = appAt('kinds');
    const caseFile = await invoke(
      'case.create',
      {
        fileName: 'riverside',
        organisationName: 'Riverside Community Mind (fictional)',
        passphrase: PASSPHRASE,
        leadName: 'Jo Lindqvist',
        leadPin: '2468',
      },
      ctx,
    );
    await invoke('case.close', { caseId: caseFile.caseId }, ctx);
    const refused = await expectUserError(
      invoke('scheme.open', { path: caseFile.path, passphrase: PASSPHRASE, yourName: 'Mo Reyes' }, ctx),
    );
    expect(refused.code).toBe('NOT_A_SCHEME_FILE');
    expect(await invoke('scheme.state', {}, ctx)).toBeNull();
  });

  it('is never reached from a device in the panel room', async () => {
    const roomDevice = clientContext(
      nodeRuntime('cli', { workspaceDir: temp.dir, userDataDir: join(temp.dir, 'room') }),
      new CaseRegistry(),
      { localFiles: false, appSettings: false },
    );
    for (const call of [
      invoke('scheme.state', {}, roomDevice),
      invoke('scheme.listWorkspace', {}, roomDevice),
      invoke('scheme.close', {}, roomDevice),
    ])
      expect((await expectUserError(call)).code).toBe('FORBIDDEN');
    expect(COMMAND_LINE.localFiles).toBe(true);
  });
});

describe('the assessor directory through the contract', () => {
  it('adds and edits an assessor, records training with its certificate and changes settings, audited under the name given at open', async () => {
    const ctx = appAt('directory');
    const refused = await expectUserError(invoke('scheme.assessors', {}, ctx));
    expect(refused.code).toBe('SCHEME_FILE_NOT_OPEN');
    const { path } = await invoke(
      'scheme.create',
      { fileName: 'directory', schemeName: SCHEME, passphrase: PASSPHRASE, yourName: 'Mo Reyes' },
      ctx,
    );
    const sam = await invoke(
      'scheme.addAssessor',
      { assessor: { name: 'Sam Okafor', roles: ['assessor'], consentToBeNamed: false } },
      ctx,
    );
    expect(sam.training.state).toBe('untrained');
    const edited = await invoke(
      'scheme.editAssessor',
      {
        assessorId: sam.id,
        assessor: {
          name: 'Sam Okafor',
          roles: ['assessor', 'co_assessor'],
          email: 'Sam@Example.org',
          consentToBeNamed: true,
          signingKeyId: 'key-0042',
        },
      },
      ctx,
    );
    expect(edited).toMatchObject({
      id: sam.id,
      roles: ['assessor', 'co_assessor'],
      email: 'sam@example.org',
      consentToBeNamed: true,
      signingKeyId: 'key-0042',
    });
    const certificate = Buffer.from('%PDF-1.7 fictional certificate of attendance');
    const record = await invoke(
      'scheme.recordTraining',
      {
        training: {
          assessorId: sam.id,
          course: 'Assessing coproduction',
          attendedOn: '2020-03-02',
          trainer: 'Ade Bello',
        },
        certificate: {
          fileName: 'attendance.pdf',
          mediaType: 'application/pdf',
          sizeBytes: certificate.length,
        },
      },
      { ...ctx, upload: Readable.from([certificate]) },
    );
    expect(record.certificate).toEqual({
      name: 'attendance.pdf',
      mediaType: 'application/pdf',
      sha256: createHash('sha256').update(certificate).digest('hex'),
      sizeBytes: certificate.byteLength,
    });
    expect(await invoke('scheme.trainingRecords', { assessorId: sam.id }, ctx)).toEqual([record]);
    const [listed] = await invoke('scheme.assessors', {}, ctx);
    expect(listed?.training).toMatchObject({ state: 'refresher_overdue', refresherDue: '2022-03-02' });

    expect(await invoke('scheme.changeSettings', { settings: { refresherYears: 10 } }, ctx)).toEqual({
      refresherYears: 10,
      trainingPolicy: 'warn',
      appealDays: 28,
    });
    const [again] = await invoke('scheme.assessors', {}, ctx);
    expect(again?.training).toMatchObject({ state: 'trained', refresherDue: '2030-03-02' });
    const tooBig = await expectUserError(
      invoke('scheme.changeSettings', { settings: { refresherYears: 0 } }, ctx),
    );
    expect(tooBig.code).toBe('INVALID_INPUT');
    await invoke('scheme.close', {}, ctx);

    expect(await whoDidWhat(path)).toEqual(
      expect.arrayContaining([
        ['Mo Reyes', 'assessor.added'],
        ['Mo Reyes', 'assessor.changed'],
        ['Mo Reyes', 'training.recorded'],
        ['Mo Reyes', 'scheme.settings_changed'],
      ]),
    );
  });
});

describe('a certificate of attendance sent with its course', () => {
  const course = (assessorId: string, name: string) => ({
    assessorId,
    course: name,
    attendedOn: '2026-03-02',
    trainer: 'Ade Bello',
  });
  const pdf = (sizeBytes: number) => ({
    fileName: 'attendance.pdf',
    mediaType: 'application/pdf',
    sizeBytes,
  });

  it('keeps a 5 MB certificate streamed in byte for byte, and refuses one over 100 MB keeping nothing', async () => {
    const ctx = appAt('certificate-upload');
    const { path } = await invoke(
      'scheme.create',
      { fileName: 'uploads', schemeName: SCHEME, passphrase: PASSPHRASE, yourName: 'Mo Reyes' },
      ctx,
    );
    const jo = await invoke(
      'scheme.addAssessor',
      { assessor: { name: 'Jo Lindqvist', roles: ['assessor'], consentToBeNamed: true } },
      ctx,
    );
    const scan = randomBytes(5 * 1024 * 1024);
    const record = await invoke(
      'scheme.recordTraining',
      { training: course(jo.id, 'Assessing coproduction'), certificate: pdf(scan.length) },
      { ...ctx, upload: inPieces(scan) },
    );
    expect(record.certificate?.sha256).toBe(sha256(scan));
    const saved = join(temp.dir, 'certificate-upload', 'saved.pdf');
    const copied = await invoke(
      'scheme.exportAttendanceCertificate',
      { trainingId: record.id, path: saved },
      ctx,
    );
    expect(copied.sizeBytes).toBe(scan.length);
    expect(sha256(readFileSync(saved))).toBe(sha256(scan));

    const before = await schemeAuditEntries(ctx);
    // Over 100 MB as the screen states it: refused before a byte is read.
    const stated = await expectUserError(
      invoke(
        'scheme.recordTraining',
        { training: course(jo.id, 'Refresher'), certificate: pdf(OVER_100_MB) },
        { ...ctx, upload: Readable.from([Buffer.from('%PDF')]) },
      ),
    );
    expect(stated.message).toContain('larger than 100 MB');
    // Stated small, but 100 MB + 1 byte arrives: refused as it streams in.
    const streamed = await expectUserError(
      invoke(
        'scheme.recordTraining',
        { training: course(jo.id, 'Refresher'), certificate: pdf(1000) },
        { ...ctx, upload: zeros(OVER_100_MB) },
      ),
    );
    expect(streamed.code).toBe('ATTACHMENT_TOO_LARGE');
    expect(streamed.message).toContain('larger than 100 MB');
    // A file sent without naming it as the certificate is refused too.
    expect(
      (
        await expectUserError(
          invoke(
            'scheme.recordTraining',
            { training: course(jo.id, 'Refresher') },
            { ...ctx, upload: Readable.from([Buffer.from('%PDF')]) },
          ),
        )
      ).code,
    ).toBe('INVALID_INPUT');
    expect(await invoke('scheme.trainingRecords', { assessorId: jo.id }, ctx)).toEqual([record]);
    expect(await schemeAuditEntries(ctx)).toBe(before);

    // The certificate is encrypted on disk.
    await invoke('scheme.close', {}, ctx);
    expect(readFileSync(path).includes(scan.subarray(0, 64))).toBe(false);
  }, 120_000);

  it('keeps neither the course nor its certificate when the certificate is cut off part-way', async () => {
    const ctx = appAt('certificate-cut-off');
    await invoke(
      'scheme.create',
      { fileName: 'cut-off', schemeName: SCHEME, passphrase: PASSPHRASE, yourName: 'Mo Reyes' },
      ctx,
    );
    const jo = await invoke(
      'scheme.addAssessor',
      { assessor: { name: 'Jo Lindqvist', roles: ['assessor'], consentToBeNamed: true } },
      ctx,
    );
    const scan = randomBytes(3 * 1024 * 1024 + 5);
    const before = await schemeAuditEntries(ctx);
    // The connection drops after 2.5 MB, as when a laptop sleeps mid-upload.
    const cutOff = Readable.from(
      (async function* () {
        for (let at = 0; at < 2.5 * 1024 * 1024; at += 64 * 1024) yield scan.subarray(at, at + 64 * 1024);
        throw Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
      })(),
    );
    await expect(
      invoke(
        'scheme.recordTraining',
        { training: course(jo.id, 'Assessing coproduction'), certificate: pdf(scan.length) },
        { ...ctx, upload: cutOff },
      ),
    ).rejects.toBeDefined();
    expect(await invoke('scheme.trainingRecords', { assessorId: jo.id }, ctx)).toEqual([]);
    expect(await schemeAuditEntries(ctx)).toBe(before);
    const file = ctx.schemeOffice!.openScheme!.file;
    expect(await file.db.selectFrom('certificate_chunk').select('seq').execute()).toEqual([]);

    // Sent again whole: kept in four 1 MiB chunks, and saved back byte for byte.
    const record = await invoke(
      'scheme.recordTraining',
      { training: course(jo.id, 'Assessing coproduction'), certificate: pdf(scan.length) },
      { ...ctx, upload: inPieces(scan) },
    );
    expect(record.certificate).toMatchObject({ sha256: sha256(scan), sizeBytes: scan.length });
    expect(
      await file.db
        .selectFrom('certificate_chunk')
        .select('seq')
        .where('training_id', '=', record.id)
        .execute(),
    ).toEqual([{ seq: 0 }, { seq: 1 }, { seq: 2 }, { seq: 3 }]);
    expect(await schemeAuditEntries(ctx)).toBe(before + 1);
    const saved = join(temp.dir, 'certificate-cut-off', 'saved.pdf');
    await invoke('scheme.exportAttendanceCertificate', { trainingId: record.id, path: saved }, ctx);
    expect(readFileSync(saved).equals(scan)).toBe(true);
    await invoke('scheme.close', {}, ctx);
  }, 120_000);

  it('is refused to a device in the panel room, which never reaches the scheme file', async () => {
    const roomDevice = clientContext(
      nodeRuntime('cli', { workspaceDir: temp.dir, userDataDir: join(temp.dir, 'room-upload') }),
      new CaseRegistry(),
      { localFiles: false, appSettings: false },
    );
    const refused = await expectUserError(
      invoke(
        'scheme.recordTraining',
        {
          training: course('00000000-0000-4000-8000-000000000000', 'Assessing coproduction'),
          certificate: pdf(4),
        },
        { ...roomDevice, upload: Readable.from([Buffer.from('%PDF')]) },
      ),
    );
    expect(refused.code).toBe('FORBIDDEN');
  });
});

/** How many changes the open scheme file's audit log holds. */
async function schemeAuditEntries(ctx: ApiContext): Promise<number> {
  const log = await readAuditLog(openScheme(ctx).file.db as never);
  return log.length;
}

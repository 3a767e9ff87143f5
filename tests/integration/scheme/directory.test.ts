import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  addAssessor,
  attendanceCertificate,
  changeSchemeSettings,
  createSchemeFile,
  listAssessors,
  openSchemeFile,
  recordTraining,
} from '../../../src/main/scheme';
import { APP_VERSION, expectUserError, makeTempDir, PASSPHRASE } from '../casefile/support';
import { incoming, OVER_100_MB, sha256, zeros } from '../upload-streams';

const temp = makeTempDir('copanel-scheme-directory-');
afterAll(() => temp.cleanup());

const OFFICE = 'Mo Reyes';

describe('the assessor directory and training records', () => {
  it('adds assessors, records training with its certificate, and shows who is trained or overdue', async () => {
    const path = join(temp.dir, 'directory.copanel-scheme');
    const scheme = await createSchemeFile({
      path,
      schemeName: 'Northfield Kitemark Scheme',
      passphrase: PASSPHRASE,
      appVersion: APP_VERSION,
      createdBy: OFFICE,
    });
    const sam = await addAssessor(scheme, OFFICE, {
      name: 'Sam Okafor',
      roles: ['assessor'],
      email: 'sam@example.org',
      consentToBeNamed: true,
    });
    const jo = await addAssessor(scheme, OFFICE, {
      name: 'Jo Lindqvist',
      roles: ['lead', 'co_assessor'],
      consentToBeNamed: false,
    });
    const certificate = incoming('attendance.pdf', 'application/pdf', Buffer.from('%PDF-1.7 fictional'));
    const samCourse = await recordTraining(
      scheme,
      OFFICE,
      { assessorId: sam, course: 'Assessing coproduction', attendedOn: '2025-06-01', trainer: 'Ade Bello' },
      certificate,
    );
    const joCourse = await recordTraining(scheme, OFFICE, {
      assessorId: jo,
      course: 'Assessing coproduction',
      attendedOn: '2023-01-10',
      trainer: 'Ade Bello',
    });

    const listed = await listAssessors(scheme, '2026-11-27');
    expect(listed.map((a) => [a.name, a.training.state, a.training.refresherDue])).toEqual([
      ['Jo Lindqvist', 'refresher_overdue', '2025-01-10'],
      ['Sam Okafor', 'trained', '2027-06-01'],
    ]);
    await changeSchemeSettings(scheme, OFFICE, { refresherYears: 1 });
    expect((await listAssessors(scheme, '2026-11-27')).find((a) => a.id === sam)?.training.state).toBe(
      'refresher_overdue',
    );
    expect(await scheme.verifyAuditChain()).toMatchObject({ ok: true, entries: 6 });
    await scheme.close();

    const reopened = await openSchemeFile({
      path,
      passphrase: PASSPHRASE,
      appVersion: APP_VERSION,
      readOnly: true,
    });
    const stored = await reopened.db
      .selectFrom('training_record')
      .selectAll()
      .where('assessor_id', '=', sam)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ certificate_size: 18, certificate_chunk_count: 1 });
    expect(stored.certificate_sha256).toBe(sha256(Buffer.from('%PDF-1.7 fictional')));
    // The certificate comes back whole, as it is downloaded; a course without one says so plainly.
    const saved = await attendanceCertificate(reopened, samCourse);
    expect(saved).toMatchObject({ fileName: 'attendance.pdf', mediaType: 'application/pdf', sizeBytes: 18 });
    const copy = join(temp.dir, 'attendance-copy.pdf');
    await saved.saveTo(copy);
    expect(readFileSync(copy, 'utf8')).toBe('%PDF-1.7 fictional');
    expect((await expectUserError(attendanceCertificate(reopened, joCourse))).code).toBe('NOT_FOUND');
    await reopened.close();
  });

  it('refuses bad input plainly, saving nothing', async () => {
    const scheme = await createSchemeFile({
      path: join(temp.dir, 'refusals.copanel-scheme'),
      schemeName: 'Northfield Kitemark Scheme',
      passphrase: PASSPHRASE,
      appVersion: APP_VERSION,
      createdBy: OFFICE,
    });
    const noRole = await expectUserError(
      addAssessor(scheme, OFFICE, { name: 'Ali', roles: [], consentToBeNamed: true }),
    );
    expect(noRole).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('at least one role'),
    });
    const ali = await addAssessor(scheme, OFFICE, {
      name: 'Ali',
      roles: ['assessor'],
      consentToBeNamed: true,
    });
    expect(
      (
        await expectUserError(
          addAssessor(scheme, OFFICE, { name: 'Ali', roles: ['assessor'], consentToBeNamed: true }),
        )
      ).message,
    ).toContain('already in the directory');
    const future = await expectUserError(
      recordTraining(scheme, OFFICE, {
        assessorId: ali,
        course: 'Refresher',
        attendedOn: '2999-01-01',
        trainer: 'Ade Bello',
      }),
    );
    expect(future.message).toContain('future');
    const badDate = await expectUserError(
      recordTraining(scheme, OFFICE, {
        assessorId: ali,
        course: 'Refresher',
        attendedOn: '2025-02-30',
        trainer: 'Ade Bello',
      }),
    );
    expect(badDate.code).toBe('INVALID_INPUT');
    const tooLarge = await expectUserError(
      recordTraining(
        scheme,
        OFFICE,
        { assessorId: ali, course: 'Refresher', attendedOn: '2025-02-03', trainer: 'Ade Bello' },
        incoming('huge.pdf', 'application/pdf', zeros(OVER_100_MB)),
      ),
    );
    expect(tooLarge.code).toBe('ATTACHMENT_TOO_LARGE');
    expect((await expectUserError(changeSchemeSettings(scheme, OFFICE, { refresherYears: 0 }))).code).toBe(
      'INVALID_INPUT',
    );
    expect(await scheme.db.selectFrom('training_record').selectAll().execute()).toEqual([]);
    expect(await scheme.verifyAuditChain()).toMatchObject({ ok: true, entries: 2 });
    await scheme.close();
  });
});

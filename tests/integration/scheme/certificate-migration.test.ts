import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  attendanceCertificate,
  LATEST_SCHEME_SCHEMA_VERSION,
  listTrainingRecords,
  openSchemeFile,
  writeNewSchemeFile,
} from '../../../src/main/scheme';
import { APP_VERSION, makeTempDir, openRaw, PASSPHRASE } from '../casefile/support';
import { sha256 } from '../upload-streams';

const temp = makeTempDir('copanel-certificate-migration-');
afterAll(() => temp.cleanup());

/** The last layout that kept each certificate of attendance as one value (`training_record.certificate`). */
const LAYOUT_WITH_WHOLE_CERTIFICATES = 8;

/**
 * A scheme file as the app wrote it before certificates were kept in chunks: created through the
 * same code path up to layout 8, with a course whose 2.2 MB certificate is one value (as
 * `recordTraining` kept it then) and a course without one.
 */
async function writeSchemeWithWholeCertificates(name: string, certificate: Buffer): Promise<string> {
  const path = join(temp.dir, name);
  await writeNewSchemeFile(
    path,
    { path, schemeName: 'Older Scheme', passphrase: PASSPHRASE, appVersion: '0.9.0', createdBy: 'Mo Reyes' },
    LAYOUT_WITH_WHOLE_CERTIFICATES,
  );
  const raw = openRaw(path);
  try {
    const at = '2026-03-02T10:00:00.000Z';
    raw
      .prepare(
        "insert into assessor (id, name, roles_json, consent_to_be_named, created_at, updated_at) values ('jo', 'Jo Lindqvist', '[\"assessor\"]', 1, ?, ?)",
      )
      .run(at, at);
    const course = raw.prepare(
      'insert into training_record (id, assessor_id, course, attended_on, trainer, certificate_name, certificate_media_type, certificate_sha256, certificate, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    course.run(
      't-course',
      'jo',
      'Assessing coproduction',
      '2026-03-02',
      'Ade Bello',
      'attendance.pdf',
      'application/pdf',
      sha256(certificate),
      certificate,
      at,
    );
    course.run('t-refresher', 'jo', 'Refresher', '2026-03-01', 'Ade Bello', null, null, null, null, at);
  } finally {
    raw.close();
  }
  return path;
}

describe('scheme-file migration 9: certificates of attendance move into chunks', () => {
  it('moves a certificate kept whole by the old layout into 1 MiB chunks, byte for byte, and drops the old column', async () => {
    const certificate = randomBytes(2.2 * 1024 * 1024);
    const path = await writeSchemeWithWholeCertificates('whole-certificates.copanel-scheme', certificate);
    const before = openRaw(path);
    expect(before.pragma('user_version', { simple: true })).toBe(LAYOUT_WITH_WHOLE_CERTIFICATES);
    before.close();

    const scheme = await openSchemeFile({ path, passphrase: PASSPHRASE, appVersion: APP_VERSION });
    try {
      expect((await scheme.details()).schemaVersion).toBe(LATEST_SCHEME_SCHEMA_VERSION);
      expect(LATEST_SCHEME_SCHEMA_VERSION).toBeGreaterThanOrEqual(9);
      const chunks = await scheme.db
        .selectFrom('certificate_chunk')
        .select(['training_id', 'seq', (eb) => eb.fn<number>('length', ['data']).as('bytes')])
        .orderBy('training_id')
        .orderBy('seq')
        .execute();
      expect(chunks).toEqual([
        { training_id: 't-course', seq: 0, bytes: 1024 * 1024 },
        { training_id: 't-course', seq: 1, bytes: 1024 * 1024 },
        { training_id: 't-course', seq: 2, bytes: certificate.length - 2 * 1024 * 1024 },
      ]);
      expect(await listTrainingRecords(scheme, 'jo')).toMatchObject([
        {
          id: 't-course',
          certificate: { name: 'attendance.pdf', sha256: sha256(certificate), sizeBytes: certificate.length },
        },
        { id: 't-refresher', certificate: null },
      ]);
      const kept = await attendanceCertificate(scheme, 't-course');
      const copy = join(temp.dir, 'attendance-copy.pdf');
      expect(await kept.saveTo(copy)).toEqual({ bytes: certificate.length, sha256: sha256(certificate) });
      expect(readFileSync(copy).equals(certificate)).toBe(true);
      expect(await scheme.verifyAuditChain()).toMatchObject({ ok: true });
    } finally {
      await scheme.close();
    }
    const after = openRaw(path);
    try {
      const columns = (after.pragma('table_info(training_record)') as { name: string }[]).map(
        (column) => column.name,
      );
      expect(columns).not.toContain('certificate');
      expect(columns).toEqual(expect.arrayContaining(['certificate_size', 'certificate_chunk_count']));
    } finally {
      after.close();
    }
    expect(readFileSync(path).includes(certificate.subarray(1024 * 1024, 1024 * 1024 + 64))).toBe(false);
  }, 120_000);
});

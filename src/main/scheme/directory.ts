import { createHash, randomUUID } from 'node:crypto';
import { UserFacingError } from '../../shared/errors';
import {
  assessorFields,
  DEFAULT_SCHEME_SETTINGS,
  schemeSettings,
  trainingFields,
  type AssessorRole,
  type SchemeSettings,
  type TrainingStatus,
} from '../../shared/api';
import { MAX_ATTACHMENT_BYTES } from '../casefile';
import type { SchemeFile } from './scheme-file';
import { trainingStatus } from './training';

/**
 * The assessor directory and training records in the scheme file. Every input is checked with the
 * contract's zod schemas here, in src/main, and every change is audited (SchemeFile.mutate).
 */

export interface AssessorSummary {
  id: string;
  name: string;
  roles: AssessorRole[];
  email: string | null;
  phone: string | null;
  consentToBeNamed: boolean;
  signingKeyId: string | null;
  training: TrainingStatus;
}

export interface AttendanceCertificate {
  name: string;
  mediaType: string;
  bytes: Uint8Array;
}

function invalid(message: string): UserFacingError {
  return new UserFacingError('INVALID_INPUT', message);
}

function parsed<T>(
  result: { success: true; data: T } | { success: false; error: { issues: { message: string }[] } },
): T {
  if (result.success) return result.data;
  throw invalid(result.error.issues.map((issue) => issue.message).join(' '));
}

function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The scheme's settings, each falling back to its default when the scheme office has not set it. */
export async function readSchemeSettings(scheme: SchemeFile): Promise<SchemeSettings> {
  const rows = await scheme.db.selectFrom('scheme_setting').selectAll().execute();
  const stored = Object.fromEntries(rows.map((row) => [row.key, JSON.parse(row.value_json) as unknown]));
  const merged = { ...DEFAULT_SCHEME_SETTINGS, ...stored };
  const result = schemeSettings.safeParse(merged);
  return result.success ? result.data : DEFAULT_SCHEME_SETTINGS;
}

export async function changeSchemeSettings(
  scheme: SchemeFile,
  actor: string,
  input: Partial<SchemeSettings>,
): Promise<SchemeSettings> {
  const next = parsed(schemeSettings.safeParse({ ...(await readSchemeSettings(scheme)), ...input }));
  const now = new Date().toISOString();
  await scheme.mutate(actor, 'scheme.settings_changed', { ...next }, async (trx) => {
    for (const [key, value] of Object.entries(next))
      await trx
        .insertInto('scheme_setting')
        .values({ key, value_json: JSON.stringify(value), updated_at: now })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({ value_json: JSON.stringify(value), updated_at: now }),
        )
        .execute();
  });
  return next;
}

/** Adds a person to the directory; refuses a second entry with the same name and email. */
export async function addAssessor(scheme: SchemeFile, actor: string, input: unknown): Promise<string> {
  const fields = parsed(assessorFields.safeParse(input));
  const email = fields.email ? fields.email.toLowerCase() : null;
  const sameName = await scheme.db
    .selectFrom('assessor')
    .select(['id', 'email'])
    .where('name', '=', fields.name)
    .execute();
  if (sameName.some((row) => row.email === email))
    throw invalid(
      `${fields.name} is already in the directory. Open their page instead of adding them again.`,
    );
  const id = randomUUID();
  const now = new Date().toISOString();
  await scheme.mutate(
    actor,
    'assessor.added',
    { id, name: fields.name, roles: fields.roles },
    async (trx) => {
      await trx
        .insertInto('assessor')
        .values({
          id,
          name: fields.name,
          roles_json: JSON.stringify(fields.roles),
          email,
          phone: fields.phone || null,
          consent_to_be_named: fields.consentToBeNamed ? 1 : 0,
          signing_key_id: fields.signingKeyId || null,
          created_at: now,
          updated_at: now,
        })
        .execute();
    },
  );
  return id;
}

/**
 * Records a course an assessor attended, with its certificate of attendance when given (kept in
 * the scheme file with its SHA-256; at most 100 MB, as for evidence). A course dated in the future
 * is refused: it has not been attended yet.
 */
export async function recordTraining(
  scheme: SchemeFile,
  actor: string,
  input: unknown,
  certificate?: AttendanceCertificate,
): Promise<string> {
  const fields = parsed(trainingFields.safeParse(input));
  if (fields.attendedOn > todayIso())
    throw invalid('That date is in the future. Record a course once it has been attended.');
  const assessor = await scheme.db
    .selectFrom('assessor')
    .select(['id', 'name'])
    .where('id', '=', fields.assessorId)
    .executeTakeFirst();
  if (!assessor) throw new UserFacingError('NOT_FOUND', 'That person is not in the assessor directory.');
  if (certificate && certificate.bytes.byteLength > MAX_ATTACHMENT_BYTES)
    throw new UserFacingError(
      'ATTACHMENT_TOO_LARGE',
      'The certificate of attendance is larger than 100 MB, so it was not kept and the course was not recorded. Scan it at a lower resolution and try again.',
    );
  const sha256 = certificate ? createHash('sha256').update(certificate.bytes).digest('hex') : null;
  const id = randomUUID();
  await scheme.mutate(
    actor,
    'training.recorded',
    {
      id,
      assessorId: assessor.id,
      course: fields.course,
      attendedOn: fields.attendedOn,
      trainer: fields.trainer,
      certificateSha256: sha256,
    },
    async (trx) => {
      await trx
        .insertInto('training_record')
        .values({
          id,
          assessor_id: assessor.id,
          course: fields.course,
          attended_on: fields.attendedOn,
          trainer: fields.trainer,
          certificate_name: certificate?.name ?? null,
          certificate_media_type: certificate?.mediaType ?? null,
          certificate_sha256: sha256,
          certificate: certificate ? Buffer.from(certificate.bytes) : null,
          recorded_at: new Date().toISOString(),
        })
        .execute();
    },
  );
  return id;
}

/** Everyone in the directory, by name, each with where they stand with training on `today`. */
export async function listAssessors(
  scheme: SchemeFile,
  today: string = todayIso(),
): Promise<AssessorSummary[]> {
  const { refresherYears } = await readSchemeSettings(scheme);
  const assessors = await scheme.db.selectFrom('assessor').selectAll().orderBy('name').execute();
  const courses = await scheme.db
    .selectFrom('training_record')
    .select(['assessor_id', 'attended_on'])
    .execute();
  return assessors.map((row) => ({
    id: row.id,
    name: row.name,
    roles: JSON.parse(row.roles_json) as AssessorRole[],
    email: row.email,
    phone: row.phone,
    consentToBeNamed: row.consent_to_be_named === 1,
    signingKeyId: row.signing_key_id,
    training: trainingStatus(
      courses.filter((course) => course.assessor_id === row.id).map((course) => course.attended_on),
      refresherYears,
      today,
    ),
  }));
}

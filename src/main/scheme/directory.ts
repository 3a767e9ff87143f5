import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import { UserFacingError } from '../../shared/errors';
import {
  assessorFields,
  DEFAULT_SCHEME_SETTINGS,
  schemeSettings,
  trainingFields,
  type Assessor,
  type AssessorFields,
  type AssessorRole,
  type SchemeSettings,
  type TrainingRecord,
} from '../../shared/api';
import { todayIso } from '../../shared/dates';
import {
  CERTIFICATE_CHUNKS,
  caseFileFailures,
  exportChunks,
  storeIncomingFile,
  type ExportedAttachment,
  type IncomingFile,
} from '../casefile';
import { checkedInput, invalidInput } from '../checked-input';
import { requireUnchangedSince, type FieldNames } from '../changed-elsewhere';
import type { ReadableSchemeDb, SchemeFile } from './scheme-file';
import { trainingStatus } from './training';

/**
 * The assessor directory and training records in the scheme file. Every input is checked with the
 * contract's zod schemas here, in src/main, and every change is audited (SchemeFile.mutate).
 */

/** One person in the directory with where they stand with training (the contract's Assessor). */
export type AssessorSummary = Assessor;

/**
 * A certificate of attendance kept with a course, ready to be saved: `saveTo` streams it out of the
 * scheme file (a chunk at a time) to a path or a stream, checking its SHA-256.
 */
export interface AttendanceCertificate {
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  saveTo: (destination: string | Writable) => Promise<ExportedAttachment>;
}

/** The scheme's settings, each falling back to its default when the scheme office has not set it. */
export async function readSchemeSettings(scheme: SchemeFile): Promise<SchemeSettings> {
  return schemeSettingsIn(scheme.db);
}

const SETTING_NAMES: FieldNames<SchemeSettings> = {
  refresherYears: 'years before a refresher is due',
  trainingPolicy: 'training policy',
  appealDays: 'days allowed for an appeal',
};

async function schemeSettingsIn(db: ReadableSchemeDb): Promise<SchemeSettings> {
  const rows = await db.selectFrom('scheme_setting').selectAll().execute();
  const stored = Object.fromEntries(rows.map((row) => [row.key, JSON.parse(row.value_json) as unknown]));
  const merged = { ...DEFAULT_SCHEME_SETTINGS, ...stored };
  const result = schemeSettings.safeParse(merged);
  return result.success ? result.data : DEFAULT_SCHEME_SETTINGS;
}

/**
 * Changes the settings given. Given the settings the form showed (`savedBefore`), saves nothing if
 * they were changed meanwhile, e.g. in another tab: the form would silently undo that change.
 */
export async function changeSchemeSettings(
  scheme: SchemeFile,
  actor: string,
  input: Partial<SchemeSettings>,
  savedBefore?: SchemeSettings,
): Promise<SchemeSettings> {
  const next = checkedInput(schemeSettings.safeParse({ ...(await readSchemeSettings(scheme)), ...input }));
  const now = new Date().toISOString();
  await scheme.mutate(actor, 'scheme.settings_changed', { ...next }, async (trx) => {
    requireUnchangedSince(await schemeSettingsIn(trx), savedBefore, SETTING_NAMES, 'The scheme’s settings');
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

/** Refuses a second entry with the same name and email as another person in the directory. */
async function refuseDuplicate(
  scheme: SchemeFile,
  name: string,
  email: string | null,
  exceptId?: string,
): Promise<void> {
  const sameName = await scheme.db
    .selectFrom('assessor')
    .select(['id', 'email'])
    .where('name', '=', name)
    .execute();
  if (sameName.some((row) => row.email === email && row.id !== exceptId))
    throw invalidInput(`${name} is already in the directory. Open their page instead of adding them again.`);
}

function notInDirectory(): UserFacingError {
  return new UserFacingError('NOT_FOUND', 'That person is not in the assessor directory.');
}

/** A person's details as the directory stores them (the email already in lower case, or null). */
function assessorColumns(fields: AssessorFields, email: string | null) {
  return {
    name: fields.name,
    roles_json: JSON.stringify(fields.roles),
    email,
    phone: fields.phone || null,
    consent_to_be_named: fields.consentToBeNamed ? 1 : 0,
    signing_key_id: fields.signingKeyId || null,
  };
}

/** Adds a person to the directory; refuses a second entry with the same name and email. */
export async function addAssessor(scheme: SchemeFile, actor: string, input: unknown): Promise<string> {
  const fields = checkedInput(assessorFields.safeParse(input));
  const email = fields.email ? fields.email.toLowerCase() : null;
  await refuseDuplicate(scheme, fields.name, email);
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
          ...assessorColumns(fields, email),
          created_at: now,
          updated_at: now,
        })
        .execute();
    },
  );
  return id;
}

/**
 * Records a course an assessor attended, with its certificate of attendance when given, kept in
 * the scheme file in chunks as it arrives (at most one in memory; at most 100 MB, as for evidence)
 * with its SHA-256: the course and its certificate are saved together or not at all. A course dated
 * in the future is refused: it has not been attended yet.
 */
export async function recordTraining(
  scheme: SchemeFile,
  actor: string,
  input: unknown,
  certificate?: IncomingFile,
): Promise<string> {
  const fields = checkedInput(trainingFields.safeParse(input));
  if (fields.attendedOn > todayIso())
    throw invalidInput('That date is in the future. Record a course once it has been attended.');
  const assessor = await scheme.db
    .selectFrom('assessor')
    .select(['id', 'name'])
    .where('id', '=', fields.assessorId)
    .executeTakeFirst();
  if (!assessor) throw notInDirectory();
  const id = randomUUID();
  await scheme.mutate(
    actor,
    'training.recorded',
    (certificateSha256: string | null) => ({
      id,
      assessorId: assessor.id,
      course: fields.course,
      attendedOn: fields.attendedOn,
      trainer: fields.trainer,
      certificateSha256,
    }),
    async (trx) => {
      await trx
        .insertInto('training_record')
        .values({
          id,
          assessor_id: assessor.id,
          course: fields.course,
          attended_on: fields.attendedOn,
          trainer: fields.trainer,
          certificate_name: null,
          certificate_media_type: null,
          certificate_sha256: null,
          certificate_size: null,
          certificate_chunk_count: null,
          recorded_at: new Date().toISOString(),
        })
        .execute();
      if (!certificate) return null;
      const stored = await storeIncomingFile(trx, CERTIFICATE_CHUNKS, id, certificate);
      await trx
        .updateTable('training_record')
        .set({
          certificate_name: certificate.fileName,
          certificate_media_type: certificate.mediaType,
          certificate_sha256: stored.sha256,
          certificate_size: stored.size,
          certificate_chunk_count: stored.chunkCount,
        })
        .where('id', '=', id)
        .execute();
      return stored.sha256;
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

const ASSESSOR_FIELD_NAMES: FieldNames<Required<AssessorFields>> = {
  name: 'name',
  roles: 'roles',
  email: 'email',
  phone: 'phone',
  consentToBeNamed: 'consent to be named',
  signingKeyId: 'signing identity',
};

/** A person's details in the directory as their form shows them. */
async function assessorFieldsIn(db: ReadableSchemeDb, assessorId: string): Promise<Required<AssessorFields>> {
  const row = await db.selectFrom('assessor').selectAll().where('id', '=', assessorId).executeTakeFirst();
  if (!row) throw notInDirectory();
  return {
    name: row.name,
    roles: JSON.parse(row.roles_json) as AssessorRole[],
    email: row.email ?? '',
    phone: row.phone ?? '',
    consentToBeNamed: row.consent_to_be_named === 1,
    signingKeyId: row.signing_key_id ?? '',
  };
}

/**
 * Changes a person's details; their id (kept by every case that links to them) stays the same.
 * Given the details the form showed (`savedBefore`), saves nothing if they were changed meanwhile,
 * e.g. in another tab: the whole form is saved, so it would silently undo that change.
 */
export async function updateAssessor(
  scheme: SchemeFile,
  actor: string,
  assessorId: string,
  input: unknown,
  savedBefore?: AssessorFields,
): Promise<void> {
  const fields = checkedInput(assessorFields.safeParse(input));
  const email = fields.email ? fields.email.toLowerCase() : null;
  const existing = await scheme.db
    .selectFrom('assessor')
    .select('id')
    .where('id', '=', assessorId)
    .executeTakeFirst();
  if (!existing) throw notInDirectory();
  await refuseDuplicate(scheme, fields.name, email, assessorId);
  await scheme.mutate(
    actor,
    'assessor.changed',
    { id: assessorId, name: fields.name, roles: fields.roles },
    async (trx) => {
      const now = await assessorFieldsIn(trx, assessorId);
      requireUnchangedSince(
        now,
        // Emails are kept in lower case.
        savedBefore && { ...savedBefore, email: savedBefore.email?.toLowerCase() ?? '' },
        ASSESSOR_FIELD_NAMES,
        `${now.name}’s details`,
      );
      await trx
        .updateTable('assessor')
        .set({
          ...assessorColumns(fields, email),
          updated_at: new Date().toISOString(),
        })
        .where('id', '=', assessorId)
        .execute();
    },
  );
}

/** One person in the directory, or NOT_FOUND. */
export async function findAssessor(
  scheme: SchemeFile,
  assessorId: string,
  today: string = todayIso(),
): Promise<Assessor> {
  const found = (await listAssessors(scheme, today)).find((assessor) => assessor.id === assessorId);
  if (!found) throw notInDirectory();
  return found;
}

/** The certificate of attendance kept with one training record. */
export async function attendanceCertificate(
  scheme: SchemeFile,
  trainingId: string,
): Promise<AttendanceCertificate> {
  const row = await scheme.db
    .selectFrom('training_record')
    .select([
      'certificate_name',
      'certificate_media_type',
      'certificate_sha256',
      'certificate_size',
      'certificate_chunk_count',
    ])
    .where('id', '=', trainingId)
    .executeTakeFirst();
  if (!row?.certificate_sha256 || !row.certificate_name)
    throw new UserFacingError(
      'NOT_FOUND',
      'No certificate of attendance is kept with that course. Refresh the assessor’s page.',
    );
  const fileName = row.certificate_name;
  if (row.certificate_size === null || row.certificate_chunk_count === null)
    throw caseFileFailures.damaged(
      scheme.path,
      `the size of the certificate of attendance “${fileName}” is missing`,
    );
  const kept = {
    id: trainingId,
    fileName,
    size: row.certificate_size,
    sha256: row.certificate_sha256,
    chunkCount: row.certificate_chunk_count,
  };
  return {
    fileName,
    mediaType: row.certificate_media_type ?? 'application/octet-stream',
    sizeBytes: kept.size,
    saveTo: (destination) =>
      exportChunks({ db: scheme.db, path: scheme.path }, CERTIFICATE_CHUNKS, kept, destination),
  };
}

/** The courses one assessor attended, newest first, each with its certificate's name and fingerprint. */
export async function listTrainingRecords(scheme: SchemeFile, assessorId: string): Promise<TrainingRecord[]> {
  const rows = await scheme.db
    .selectFrom('training_record')
    .select([
      'id',
      'assessor_id',
      'course',
      'attended_on',
      'trainer',
      'certificate_name',
      'certificate_media_type',
      'certificate_sha256',
      'certificate_size',
    ])
    .where('assessor_id', '=', assessorId)
    .orderBy('attended_on', 'desc')
    .orderBy('recorded_at', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    assessorId: row.assessor_id,
    course: row.course,
    attendedOn: row.attended_on,
    trainer: row.trainer,
    certificate:
      row.certificate_sha256 && row.certificate_name
        ? {
            name: row.certificate_name,
            mediaType: row.certificate_media_type ?? 'application/octet-stream',
            sha256: row.certificate_sha256,
            sizeBytes: row.certificate_size ?? 0,
          }
        : null,
  }));
}

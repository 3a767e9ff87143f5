import { AUDIT_LOG_SCHEMA, numberedMigration, type MigrationList, type StoredFileKind } from '../casefile';
import { UserFacingError } from '../../shared/errors';
import { basename } from 'node:path';

/**
 * The scheme file's layout, as numbered migrations run by the case file's own machinery
 * (src/main/casefile/migrations.ts: one transaction, a backup copy first, audited). Never edit a
 * migration that has shipped: add a new one.
 */

const METADATA_TABLE = 'scheme_metadata';

/** Migration 1: what the file is, the scheme's settings, and the audit log. */
const INITIAL_SCHEMA = [
  `create table scheme_metadata (
    id integer primary key check (id = 1),
    scheme_id text not null,
    scheme_name text not null check (length(trim(scheme_name)) > 0),
    created_by_app_version text not null,
    last_app_version text not null,
    schema_version integer not null,
    created_at text not null,
    audit_head_seq integer not null default 0,
    audit_head_hash text not null
  ) strict`,
  `create table scheme_setting (
    key text primary key,
    value_json text not null,
    updated_at text not null
  ) strict`,
  ...AUDIT_LOG_SCHEMA,
];

/** Migration 2 (issue 14): the assessor directory and training records. */
const ASSESSOR_DIRECTORY = [
  `create table assessor (
    id text primary key,
    name text not null check (length(trim(name)) > 0),
    roles_json text not null default '[]',
    email text,
    phone text,
    consent_to_be_named integer not null default 0 check (consent_to_be_named in (0, 1)),
    signing_key_id text,
    created_at text not null,
    updated_at text not null
  ) strict`,
  `create table training_record (
    id text primary key,
    assessor_id text not null references assessor(id),
    course text not null check (length(trim(course)) > 0),
    attended_on text not null,
    trainer text not null check (length(trim(trainer)) > 0),
    certificate_name text,
    certificate_media_type text,
    certificate_sha256 text check (certificate_sha256 is null or length(certificate_sha256) = 64),
    certificate blob,
    recorded_at text not null
  ) strict`,
  `create index training_record_by_assessor on training_record(assessor_id, attended_on)`,
];

export const SCHEME_FILE_MIGRATIONS: MigrationList = [
  ['0001-initial-schema', numberedMigration(METADATA_TABLE, 1, INITIAL_SCHEMA)],
  ['0002-assessor-directory', numberedMigration(METADATA_TABLE, 2, ASSESSOR_DIRECTORY)],
];

export const LATEST_SCHEME_SCHEMA_VERSION = SCHEME_FILE_MIGRATIONS.length;

/** The scheme file, as a kind of stored file (src/main/casefile/file-kind.ts). */
export const SCHEME_FILE_KIND: StoredFileKind = {
  noun: 'scheme file',
  metadataTable: METADATA_TABLE,
  migrations: SCHEME_FILE_MIGRATIONS,
  notThisKind: (path, why) =>
    new UserFacingError(
      'NOT_A_SCHEME_FILE',
      `“${basename(path)}” is not a Coproduction Panel scheme file (${why}). Choose a scheme file; their names end in .copanel-scheme.`,
    ),
};

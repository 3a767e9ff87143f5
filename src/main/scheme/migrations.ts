import {
  AUDIT_LOG_SCHEMA,
  keptWholeIntoChunks,
  numberedMigration,
  schemeFileFailures,
  type MigrationList,
  type StoredFileKind,
} from '../casefile';

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

/**
 * Migration 3 (issue 15): the
 * register of certificates, what happened to each (suspended, reinstated, revoked, superseded, interim
 * review done) and the conditions set with the award. Status is computed, never stored
 * (src/main/register/status.ts).
 */
const REGISTER_OF_CERTIFICATES = [
  `create table register_entry (
    certificate_number text primary key check (length(trim(certificate_number)) between 1 and 40),
    organisation text not null check (length(trim(organisation)) > 0),
    level integer not null check (level in (1, 2, 3)),
    decision_date text not null,
    interim_review_due text not null,
    valid_until text not null,
    standard_version text,
    signers_json text not null default '[]',
    audit_head_entries integer,
    audit_head_hash text check (audit_head_hash is null or length(audit_head_hash) = 64),
    qr_payload text not null,
    qr_signer_key_id text not null,
    qr_signer_spki text not null,
    pdf_sha256 text not null check (length(pdf_sha256) = 64),
    source text not null check (source in ('case_file', 'certificate_pdf')),
    imported_at text not null
  ) strict`,
  `create table register_event (
    id text primary key,
    certificate_number text not null references register_entry(certificate_number),
    kind text not null check (kind in ('suspended', 'reinstated', 'revoked', 'superseded', 'interim_review_done')),
    on_date text not null,
    reason text,
    superseded_by text,
    recorded_by text not null,
    recorded_at text not null
  ) strict`,
  `create index register_event_by_certificate on register_event(certificate_number, on_date)`,
  `create table register_condition (
    id text primary key,
    certificate_number text not null references register_entry(certificate_number),
    condition text not null check (length(trim(condition)) > 0),
    due_on text not null,
    met_on text,
    recorded_at text not null
  ) strict`,
  `create index register_condition_by_certificate on register_condition(certificate_number, due_on)`,
];

/**
 * Migration 4 (issue 14 item 3): practice cases with their reference agreed scores, each
 * assessor's submitted practice scores compared with them, and the scheme's thresholds for
 * "calibrated" (whole numbers: a percentage and alpha in thousandths).
 */
const CALIBRATION = [
  `create table practice_case (
    id text primary key,
    title text not null check (length(trim(title)) > 0),
    organisation text not null,
    fictional integer not null check (fictional in (0, 1)),
    source text not null check (source in ('bundled', 'case')),
    source_case_id text,
    standard_id text not null,
    standard_version integer not null,
    standard_sha256 text not null check (length(standard_sha256) = 64),
    material_json text not null,
    marked_by text not null,
    marked_at text not null,
    retired_at text
  ) strict`,
  `create table calibration_attempt (
    id text primary key,
    practice_case_id text not null references practice_case(id),
    assessor_id text not null references assessor(id),
    scores_json text not null,
    criteria integer not null check (criteria > 0),
    exact integer not null check (exact between 0 and criteria),
    within_one integer not null check (within_one between exact and criteria),
    alpha text,
    differed_json text not null,
    calibrated integer not null check (calibrated in (0, 1)),
    submitted_on text not null,
    submitted_at text not null
  ) strict`,
  `create index calibration_attempt_by_assessor on calibration_attempt(assessor_id, submitted_on)`,
  `create table calibration_threshold (
    id integer primary key check (id = 1),
    within_one_percent integer not null check (within_one_percent between 50 and 100),
    alpha_thousandths integer not null check (alpha_thousandths between 0 and 1000),
    updated_at text not null
  ) strict`,
];

/**
 * Migration 5 (issue 14 item 4): the scheme's fee schedule — day, half-day and hourly rates and
 * mileage, in integer pence — and the bank details printed on invoice summaries. One row.
 */
const FEE_SCHEDULE = [
  `create table fee_schedule (
    id integer primary key check (id = 1),
    day_rate_pence integer not null check (day_rate_pence > 0),
    half_day_rate_pence integer not null check (half_day_rate_pence > 0 and half_day_rate_pence <= day_rate_pence),
    hourly_rate_pence integer not null check (hourly_rate_pence > 0 and hourly_rate_pence <= half_day_rate_pence),
    mileage_pence_per_mile integer not null check (mileage_pence_per_mile > 0),
    payee text not null,
    bank text not null,
    sort_code text not null,
    account_number text not null,
    updated_at text not null
  ) strict`,
];

/**
 * Migration 6 (issue 15 item 2): how to reach each organisation in the register — a contact name,
 * email, phone and postal address, all optional but at least one way to reach them — kept by the
 * scheme office and used by the reminders. Keyed by the organisation's name as its certificates
 * print it. Never published in the signed register: these are people's details.
 */
const ORGANISATION_CONTACTS = [
  `create table organisation_contact (
    organisation text primary key check (length(trim(organisation)) > 0),
    contact_name text,
    email text,
    phone text,
    postal_address text,
    updated_by text not null,
    updated_at text not null,
    check (email is not null or phone is not null or postal_address is not null)
  ) strict`,
];

/**
 * The register at the scale of the whole UK (issue 15 item 8; the register-scale helper's slot 8,
 * numbered by its place in the list): 50,000 certificates are searched, paged and filtered by status
 * in SQL. `has_history` says whether any event or condition was ever recorded for a certificate,
 * kept by triggers, so the status filter (src/main/register/status-sql.ts) reads the dates alone for
 * the many certificates with no history. One narrow index covers the list's order, the search by
 * name or number and the status filter, so none reads the wide rows. `merged_from` names the scheme
 * office whose signed register a certificate came from (null: imported here).
 */
const REGISTER_AT_SCALE = [
  `alter table register_entry add column has_history integer not null default 0 check (has_history in (0, 1))`,
  `alter table register_entry add column merged_from text`,
  `update register_entry set has_history = 1
     where certificate_number in (select certificate_number from register_event)
        or certificate_number in (select certificate_number from register_condition)`,
  `create trigger register_event_marks_history after insert on register_event begin
     update register_entry set has_history = 1 where certificate_number = new.certificate_number;
   end`,
  `create trigger register_condition_marks_history after insert on register_condition begin
     update register_entry set has_history = 1 where certificate_number = new.certificate_number;
   end`,
  `create index register_entry_for_search on register_entry(
     organisation, certificate_number, decision_date, interim_review_due, valid_until, has_history)`,
];

/**
 * Conditions of an award met, in the app (issue 15; the register-conditions helper's slot 10,
 * numbered by its place in the list): who recorded a condition as met, and the note they gave.
 */
const CONDITIONS_MET = [
  `alter table register_condition add column met_note text`,
  `alter table register_condition add column met_recorded_by text`,
];

/**
 * Migration 9 (certificates of attendance in chunks): a certificate of attendance is kept as
 * evidence attachments and receipts are, in 1 MiB chunks (`certificate_chunk`, attachments.ts
 * `CERTIFICATE_CHUNKS`) that stream in as it arrives and out when it is saved, instead of one value
 * held whole in memory (up to 100 MB). Certificates kept the old way are moved into chunks here.
 */
const CERTIFICATES_IN_CHUNKS = keptWholeIntoChunks(
  METADATA_TABLE,
  9,
  [
    `create table certificate_chunk (
      training_id text not null references training_record(id) on delete cascade,
      seq integer not null,
      data blob not null,
      primary key (training_id, seq)
    ) strict`,
    `alter table training_record add column certificate_size integer check (certificate_size is null or certificate_size >= 0)`,
    `alter table training_record add column certificate_chunk_count integer check (certificate_chunk_count is null or certificate_chunk_count >= 0)`,
  ],
  {
    table: 'training_record',
    column: 'certificate',
    chunks: { table: 'certificate_chunk', owner: 'training_id' },
    sizeColumn: 'certificate_size',
    chunkCountColumn: 'certificate_chunk_count',
  },
);

export const SCHEME_FILE_MIGRATIONS: MigrationList = [
  ['0001-initial-schema', numberedMigration(METADATA_TABLE, 1, INITIAL_SCHEMA)],
  ['0002-assessor-directory', numberedMigration(METADATA_TABLE, 2, ASSESSOR_DIRECTORY)],
  ['0003-register-of-certificates', numberedMigration(METADATA_TABLE, 3, REGISTER_OF_CERTIFICATES)],
  ['0004-calibration', numberedMigration(METADATA_TABLE, 4, CALIBRATION)],
  ['0005-fee-schedule', numberedMigration(METADATA_TABLE, 5, FEE_SCHEDULE)],
  ['0006-organisation-contacts', numberedMigration(METADATA_TABLE, 6, ORGANISATION_CONTACTS)],
  ['0007-register-at-scale', numberedMigration(METADATA_TABLE, 7, REGISTER_AT_SCALE)],
  ['0008-conditions-met', numberedMigration(METADATA_TABLE, 8, CONDITIONS_MET)],
  ['0009-certificates-in-chunks', CERTIFICATES_IN_CHUNKS],
];

export const LATEST_SCHEME_SCHEMA_VERSION = SCHEME_FILE_MIGRATIONS.length;

/** The scheme file, as a kind of stored file (src/main/casefile/file-kind.ts). */
export const SCHEME_FILE_KIND: StoredFileKind = {
  noun: 'scheme file',
  metadataTable: METADATA_TABLE,
  migrations: SCHEME_FILE_MIGRATIONS,
  notThisKind: schemeFileFailures.notThisKind,
};

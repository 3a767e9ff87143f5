import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import { isUserFacingError } from '../../shared/errors';

/**
 * The case file's schema, as numbered migrations. Migration 1 is the initial schema; each later one
 * changes it. Never edit a migration that has shipped: add a new one and bump LATEST_SCHEMA_VERSION.
 * Each migration ends by recording its number in `PRAGMA user_version` (read before anything else
 * when a file is opened) and in case_metadata.schema_version.
 */

type AnyKysely = Kysely<unknown>;

/** The append-only, hash-chained audit log (audit.ts): the same tables in every kind of file. */
export const AUDIT_LOG_SCHEMA: readonly string[] = [
  `create table audit_log (
    seq integer primary key,
    at text not null,
    actor text not null,
    action text not null,
    payload_sha256 text not null check (length(payload_sha256) = 64),
    prev_hash text not null check (length(prev_hash) = 64),
    hash text not null check (length(hash) = 64)
  ) strict`,
  `create trigger audit_log_is_append_only_update before update on audit_log
   begin select raise(abort, 'The audit log is append-only: entries cannot be changed.'); end`,
  `create trigger audit_log_is_append_only_delete before delete on audit_log
   begin select raise(abort, 'The audit log is append-only: entries cannot be removed.'); end`,
];

const INITIAL_SCHEMA = [
  `create table case_metadata (
    id integer primary key check (id = 1),
    case_id text not null,
    created_by_app_version text not null,
    last_app_version text not null,
    schema_version integer not null,
    standard_id text not null,
    standard_version integer not null,
    standard_sha256 text not null check (length(standard_sha256) = 64),
    created_at text not null,
    audit_head_seq integer not null default 0,
    audit_head_hash text not null
  ) strict`,
  `create table organisation (
    id integer primary key check (id = 1),
    name text not null check (length(trim(name)) > 0),
    address text,
    registration_number text,
    services_in_scope_json text not null default '[]',
    contact_name text,
    contact_email text,
    contact_phone text,
    updated_at text not null
  ) strict`,
  `create table assessment_cycle (
    id text primary key,
    kind text not null check (kind in ('award', 'interim_review', 'renewal')),
    status text not null check (status in ('preparing', 'scoring', 'moderating', 'decided', 'certified', 'withdrawn')),
    created_at text not null,
    visit_date text,
    scoring_opened_at text,
    moderation_opened_at text,
    decided_at text,
    certified_at text
  ) strict`,
  `create table panel_member (
    id text primary key,
    cycle_id text not null references assessment_cycle(id),
    name text not null check (length(trim(name)) > 0),
    role text not null check (role in ('lead', 'assessor', 'co_assessor', 'observer')),
    consent_to_be_named integer not null default 0 check (consent_to_be_named in (0, 1)),
    pin_hash text,
    has_conflict integer check (has_conflict in (0, 1)),
    conflict_declaration text,
    conflict_declared_at text,
    conflict_decision text check (conflict_decision in ('may_take_part', 'may_observe_only', 'excluded')),
    conflict_decision_reason text,
    conflict_decided_by text,
    conflict_decided_at text,
    created_at text not null
  ) strict`,
  `create table evidence_item (
    id text primary key,
    title text not null check (length(trim(title)) > 0),
    kind text not null check (kind in ('document', 'interview', 'observation', 'survey', 'other')),
    source text,
    evidence_date text,
    consent_status text not null check (consent_status in ('not_needed', 'given', 'refused')),
    quote text,
    created_at text not null,
    updated_at text not null
  ) strict`,
  `create table evidence_criterion (
    evidence_id text not null references evidence_item(id) on delete cascade,
    criterion_id text not null,
    primary key (evidence_id, criterion_id)
  ) strict, without rowid`,
  `create table evidence_attachment (
    id text primary key,
    evidence_id text not null references evidence_item(id) on delete cascade,
    file_name text not null,
    media_type text not null,
    size integer not null check (size >= 0),
    sha256 text not null check (length(sha256) = 64),
    chunk_count integer not null,
    added_at text not null
  ) strict`,
  `create table attachment_chunk (
    attachment_id text not null references evidence_attachment(id) on delete cascade,
    seq integer not null,
    data blob not null,
    primary key (attachment_id, seq)
  ) strict`,
  `create table score_sheet (
    cycle_id text not null references assessment_cycle(id),
    member_id text not null references panel_member(id),
    state text not null check (state in ('not_started', 'in_progress', 'submitted', 'excluded')),
    source text not null default 'laptop' check (source in ('laptop', 'paper')),
    submitted_at text,
    exclusion_reason text,
    updated_at text not null,
    primary key (cycle_id, member_id)
  ) strict`,
  `create table score (
    id text primary key,
    cycle_id text not null references assessment_cycle(id),
    member_id text not null references panel_member(id),
    criterion_id text not null,
    score integer,
    rationale text,
    state text not null check (state in ('draft', 'submitted')),
    updated_at text not null,
    unique (cycle_id, member_id, criterion_id)
  ) strict`,
  `create table score_evidence (
    score_id text not null references score(id) on delete cascade,
    evidence_id text not null references evidence_item(id) on delete cascade,
    primary key (score_id, evidence_id)
  ) strict, without rowid`,
  `create table moderation_state (
    seq integer primary key,
    cycle_id text not null references assessment_cycle(id),
    state text not null check (state in ('open', 'closed', 'reopened')),
    reason text,
    changed_by text not null,
    changed_at text not null
  ) strict`,
  `create table moderation_record (
    cycle_id text not null references assessment_cycle(id),
    criterion_id text not null,
    agreed_score integer not null,
    rationale text not null,
    reason_outside_range text,
    recorded_by text not null,
    recorded_at text not null,
    primary key (cycle_id, criterion_id)
  ) strict`,
  `create table moderation_dissent (
    id text primary key,
    cycle_id text not null references assessment_cycle(id),
    criterion_id text not null,
    member_id text not null references panel_member(id),
    note text not null,
    recorded_at text not null
  ) strict`,
  `create table outcome (
    cycle_id text primary key references assessment_cycle(id),
    level integer check (level in (1, 2, 3)),
    trace_json text not null,
    conditions_json text not null default '[]',
    recommendations_json text not null default '[]',
    decided_by text not null,
    decided_at text not null
  ) strict`,
  `create table certificate (
    id text primary key,
    cycle_id text not null references assessment_cycle(id),
    number text not null unique,
    level integer not null check (level in (1, 2, 3)),
    issued_at text not null,
    valid_from text not null,
    interim_review_due text not null,
    expires_at text not null,
    pdf_sha256 text not null check (length(pdf_sha256) = 64),
    signer_key_ids_json text not null,
    pdf blob not null,
    revoked_at text,
    revocation_reason text
  ) strict`,
  `create table assessor_identity (
    id text primary key,
    member_id text references panel_member(id),
    holder_name text not null,
    certificate_sha256 text not null,
    pkcs12 blob not null,
    imported_at text not null
  ) strict`,
  ...AUDIT_LOG_SCHEMA,
];

const EVIDENCE_SUMMARY_AND_INDEXES = [
  `alter table evidence_item add column summary text`,
  `create index evidence_criterion_by_criterion on evidence_criterion(criterion_id)`,
  `create index evidence_attachment_by_evidence on evidence_attachment(evidence_id)`,
  `create index score_by_criterion on score(cycle_id, criterion_id)`,
  `create index panel_member_by_cycle on panel_member(cycle_id)`,
  `create index moderation_state_by_cycle on moderation_state(cycle_id, seq)`,
];

/**
 * Migration 3 — added by the panel workflow (issue 4, src/main/panel/outcome.ts):
 * the decision's own date, its validity dates and the strengths noted per I Statement; and a table
 * keeping every decision that was withdrawn because moderation was reopened (the decision is then
 * taken again, and the withdrawn one is kept rather than overwritten).
 */
const OUTCOME_DATES_AND_WITHDRAWN_DECISIONS = [
  `alter table outcome add column decision_date text`,
  `alter table outcome add column valid_until text`,
  `alter table outcome add column interim_review_due text`,
  `alter table outcome add column strengths_json text not null default '[]'`,
  `create table withdrawn_outcome (
    id text primary key,
    cycle_id text not null references assessment_cycle(id),
    level integer check (level in (1, 2, 3)),
    outcome_json text not null,
    reason text not null,
    withdrawn_by text not null,
    withdrawn_at text not null
  ) strict`,
];

/**
 * Migration 4 — added by certificate issuing (issue 5, src/main/certificates): a certificate is
 * first signed by the lead and waits for an Expert by Experience to co-sign, so it has a status;
 * the signed report, the QR payload, the signers (name, role, key id, time) and the nominated
 * co-signer are kept with it.
 */
const CERTIFICATE_SIGNING_STEPS = [
  `alter table certificate add column status text not null default 'issued' check (status in ('awaiting_co_signature', 'issued'))`,
  `alter table certificate add column report_pdf blob`,
  `alter table certificate add column report_sha256 text check (report_sha256 is null or length(report_sha256) = 64)`,
  `alter table certificate add column qr_payload text`,
  `alter table certificate add column signers_json text not null default '[]'`,
  `alter table certificate add column co_signer_member_id text references panel_member(id)`,
  `create index certificate_by_cycle on certificate(cycle_id)`,
];

/**
 * Migration 5 — separation of duties (issue 11, src/main/panel): wrong PINs are counted in the case
 * file, per member, so a restart does not clear them; a member whose PIN the lead reset chooses a new
 * one at their next sign-in; and every PIN reset or change of a member's details after scoring opened
 * is kept, with the lead's reason, for the whole panel to see.
 */
const PANEL_SAFEGUARDS = [
  `alter table panel_member add column wrong_pins integer not null default 0 check (wrong_pins >= 0)`,
  `alter table panel_member add column pin_paused_until text`,
  `alter table panel_member add column must_choose_pin integer not null default 0 check (must_choose_pin in (0, 1))`,
  `create table panel_change (
    id text primary key,
    cycle_id text not null references assessment_cycle(id),
    member_id text not null references panel_member(id),
    kind text not null check (kind in ('pin_reset', 'details_changed')),
    stage text not null check (stage in ('scoring', 'moderation', 'decided')),
    reason text not null check (length(trim(reason)) > 0),
    details_json text not null default '{}',
    changed_by text not null references panel_member(id),
    changed_at text not null
  ) strict`,
  `create index panel_change_by_cycle on panel_change(cycle_id, changed_at)`,
];

/**
 * Migration 7 — time and fees (issue 14 item 4, src/main/fees): each member's claim for one day's
 * work on the case (time per activity in whole minutes, mileage in tenths of a mile, expenses in
 * integer pence with their receipts), one claim per member per day; the lead's approval fixes the
 * amounts with the scheme's rates as they were then (rates_json), so a later change of rates never
 * changes an approved claim.
 */
const FEE_CLAIMS = [
  `create table fee_claim (
    id text primary key,
    cycle_id text not null references assessment_cycle(id),
    member_id text not null references panel_member(id),
    worked_on text not null,
    notes text not null default '',
    state text not null check (state in ('recorded', 'approved')),
    recorded_at text not null,
    approved_by text references panel_member(id),
    approved_at text,
    rates_json text,
    time_pence integer check (time_pence is null or time_pence >= 0),
    mileage_pence integer check (mileage_pence is null or mileage_pence >= 0),
    expenses_pence integer check (expenses_pence is null or expenses_pence >= 0),
    unique (cycle_id, member_id, worked_on)
  ) strict`,
  `create table fee_time (
    claim_id text not null references fee_claim(id),
    activity text not null check (activity in ('preparation', 'visit', 'moderation', 'report_writing', 'travel')),
    minutes integer not null check (minutes between 1 and 1440),
    primary key (claim_id, activity)
  ) strict`,
  `create table fee_expense (
    id text primary key,
    claim_id text not null references fee_claim(id),
    kind text not null check (kind in ('mileage', 'receipt')),
    description text not null check (length(trim(description)) > 0),
    miles_tenths integer check (miles_tenths is null or miles_tenths > 0),
    amount_pence integer check (amount_pence is null or amount_pence > 0),
    receipt_name text,
    receipt_media_type text,
    receipt_sha256 text check (receipt_sha256 is null or length(receipt_sha256) = 64),
    receipt blob,
    check ((kind = 'mileage' and miles_tenths is not null and amount_pence is null)
        or (kind = 'receipt' and amount_pence is not null and miles_tenths is null))
  ) strict`,
  `create index fee_claim_by_member on fee_claim(cycle_id, member_id, worked_on)`,
];

async function runStatements(db: AnyKysely, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

async function recordSchemaVersion(db: AnyKysely, metadataTable: string, version: number): Promise<void> {
  await sql.raw(`pragma user_version = ${Math.trunc(version)}`).execute(db);
  await sql`update ${sql.table(metadataTable)} set schema_version = ${version}`.execute(db);
}

/** Migration number `version` of a kind of file whose layout version is kept in `metadataTable`. */
export function numberedMigration(
  metadataTable: string,
  version: number,
  statements: readonly string[],
): Migration {
  return {
    up: async (db: AnyKysely) => {
      await runStatements(db, statements);
      await recordSchemaVersion(db, metadataTable, version);
    },
  };
}

/**
 * Migration 6 (issue 14): the scheme file a case belongs to (by its scheme id; null: none, as
 * before), and the assessor directory entry each panel member was picked from (null: typed in).
 */
const CASE_SCHEME_LINK = [
  `alter table case_metadata add column scheme_id text`,
  `alter table panel_member add column directory_id text`,
  `alter table assessment_cycle add column scoring_training_check text`,
];

/**
 * Migration 8 (issue 15, appeals): an organisation's appeal against a decision, with its grounds,
 * the date it arrived and (when late) the reason it was accepted; the review panel (members added
 * after the decision; one of them its lead); the outcome with its reasons. A certificate replaced
 * on appeal keeps its row: `superseded_on_appeal` marks it from the moment the appeal is varied,
 * and `superseded_by` names the certificate issued in its place.
 */
const APPEALS = [
  `create table appeal (
    id text primary key,
    cycle_id text not null references assessment_cycle(id),
    decision_date text not null,
    decision_taken_at text not null,
    decided_level integer check (decided_level is null or decided_level in (1, 2, 3)),
    certificate_number text,
    received_on text not null,
    deadline text not null,
    grounds text not null check (length(trim(grounds)) > 0),
    late_reason text,
    recorded_by text not null,
    recorded_at text not null,
    outcome text check (outcome in ('dismissed', 'upheld', 'varied')),
    outcome_reasons text,
    decided_by text,
    decided_at text,
    check ((outcome is null) = (decided_at is null)),
    check (received_on <= deadline or length(trim(late_reason)) > 0)
  ) strict`,
  `create table appeal_reviewer (
    appeal_id text not null references appeal(id),
    member_id text not null references panel_member(id),
    is_lead integer not null check (is_lead in (0, 1)),
    added_by text not null,
    added_at text not null,
    primary key (appeal_id, member_id)
  ) strict`,
  `create unique index appeal_one_review_lead on appeal_reviewer(appeal_id) where is_lead = 1`,
  `create unique index appeal_one_open_per_cycle on appeal(cycle_id) where outcome is null`,
  `alter table certificate add column superseded_on_appeal text references appeal(id)`,
  `alter table certificate add column superseded_by text`,
];

/**
 * Migration 9 (issue 13, forgotten PINs in the panel room): the one device each member signed in
 * on through the room, known only by the hash of a secret the room gave that device (replaced at
 * each sign-in), and the member's requests, from that device, to choose a new PIN once the lead
 * confirms. The secret itself never reaches the case file.
 */
const ROOM_PIN_RESETS = [
  `create table member_device (
    member_id text primary key references panel_member(id),
    device_id text not null check (length(device_id) between 16 and 64),
    device_kind text not null check (device_kind in ('phone', 'tablet', 'laptop')),
    secret_sha256 text not null check (length(secret_sha256) = 64),
    issued_at text not null
  ) strict`,
  `create table pin_reset_request (
    id text primary key,
    member_id text not null references panel_member(id),
    device_id text not null,
    device_kind text not null check (device_kind in ('phone', 'tablet', 'laptop')),
    requested_at text not null,
    expires_at text not null,
    status text not null check (status in ('waiting', 'confirmed', 'refused', 'pin_chosen', 'withdrawn')),
    decided_by text,
    decided_at text,
    reason text,
    check ((status = 'waiting' or status = 'withdrawn') = (decided_at is null))
  ) strict`,
  `create unique index pin_reset_one_open_per_member on pin_reset_request(member_id)
   where status in ('waiting', 'confirmed')`,
];

/**
 * Migration 10 (receipts in chunks): a receipt is kept as evidence attachments are, in 1 MiB chunks
 * (`receipt_chunk`, attachments.ts `RECEIPT_CHUNKS`) that stream in as it arrives and out when it
 * is saved, instead of one value the app had to hold whole in memory (up to 100 MB). Each expense
 * records its receipt's size and chunk count; receipts kept the old way are moved into chunks here,
 * one at a time, and the old column is dropped.
 */
const RECEIPT_CHUNK_TABLE = [
  `create table receipt_chunk (
    expense_id text not null references fee_expense(id) on delete cascade,
    seq integer not null,
    data blob not null,
    primary key (expense_id, seq)
  ) strict`,
  `alter table fee_expense add column receipt_size integer check (receipt_size is null or receipt_size >= 0)`,
  `alter table fee_expense add column receipt_chunk_count integer check (receipt_chunk_count is null or receipt_chunk_count >= 0)`,
];

/** The bytes of one chunk of a kept file (attachments.ts ATTACHMENT_CHUNK_BYTES). */
const CHUNK_BYTES = 1024 * 1024;

/** Files kept whole in one column of `table`, to move into the chunk table `chunks` (owner, seq, data). */
export interface KeptWhole {
  table: string;
  column: string;
  chunks: { table: string; owner: string };
  sizeColumn: string;
  chunkCountColumn: string;
}

/**
 * Migration number `version` that moves files kept whole (`kept.column` of `kept.table`) into
 * chunks: `statements` first (they create the chunk table and the size and chunk-count columns),
 * then each file, one at a time (each was held whole by the old layout anyway), is written into
 * 1 MiB chunks and its size and chunk count recorded; then the old column is dropped.
 */
export function keptWholeIntoChunks(
  metadataTable: string,
  version: number,
  statements: readonly string[],
  kept: KeptWhole,
): Migration {
  const table = sql.table(kept.table);
  const column = sql.ref(kept.column);
  return {
    up: async (db: AnyKysely) => {
      await runStatements(db, statements);
      const owners = await sql<{
        id: string;
      }>`select id from ${table} where ${column} is not null order by rowid`.execute(db);
      for (const { id } of owners.rows) {
        const { rows } = await sql<{
          data: Buffer;
        }>`select ${column} as data from ${table} where id = ${id}`.execute(db);
        const whole = rows[0]!.data;
        let seq = 0;
        for (let at = 0; at < whole.length; at += CHUNK_BYTES, seq += 1)
          await sql`insert into ${sql.table(kept.chunks.table)} (${sql.ref(kept.chunks.owner)}, seq, data) values (${id}, ${seq}, ${whole.subarray(at, at + CHUNK_BYTES)})`.execute(
            db,
          );
        await sql`update ${table} set ${sql.ref(kept.sizeColumn)} = ${whole.length}, ${sql.ref(kept.chunkCountColumn)} = ${seq} where id = ${id}`.execute(
          db,
        );
      }
      await sql`alter table ${table} drop column ${column}`.execute(db);
      await recordSchemaVersion(db, metadataTable, version);
    },
  };
}

const RECEIPTS_IN_CHUNKS = keptWholeIntoChunks('case_metadata', 10, RECEIPT_CHUNK_TABLE, {
  table: 'fee_expense',
  column: 'receipt',
  chunks: { table: 'receipt_chunk', owner: 'expense_id' },
  sizeColumn: 'receipt_size',
  chunkCountColumn: 'receipt_chunk_count',
});

/**
 * Migration 11 (separation of duties): who made each declaration of interests, and no PIN the lead
 * typed left working for good.
 *
 * - `conflict_declared_by`: the member who recorded the declaration (the member themselves, or the
 *   lead for them). Declarations made before this layout are filled in from the audit log only where
 *   it proves the member made the one in force: the lead's own (nobody else can declare for the
 *   lead), or a member's own declaration with no declaration by anyone else after it. The rest stay
 *   null: not recorded.
 * - Before one-time PINs, a PIN the lead typed (adding a member, or giving a PIN before scoring)
 *   was kept as the member's own (`must_choose_pin` 0). The table cannot tell the two apart, so a
 *   member's PIN stays their own only where the audit log proves they set it themselves (an entry by
 *   them choosing or setting a PIN) with no PIN set by anyone else after it; every other member's PIN
 *   becomes one-time, and they choose their own at their next sign-in. The lead's PIN is always their
 *   own (only the lead sets it, when creating the case file).
 */
/** SQL: the audit entry `entry` was made by the panel member `member` (the actor label ends ", member <id>)"). */
const madeBy = (entry: string, member: string) =>
  `substr(${entry}.actor, -length(', member ' || ${member}.id || ')')) = ', member ' || ${member}.id || ')'`;

/**
 * SQL: an audit entry of one of `actions` made by the member themselves, with no entry of
 * `overriding` after it that could have been about them: one by anyone but the member, unless it
 * was another member who is not the lead (they can act only for themselves).
 */
function lastDoneByTheMember(actions: string, overriding: string): string {
  return `exists (
    select 1 from audit_log own
    where own.action in (${actions}) and ${madeBy('own', 'panel_member')}
      and not exists (
        select 1 from audit_log later
        where later.seq > own.seq and later.action in (${overriding}) and not ${madeBy('later', 'panel_member')}
          and not exists (
            select 1 from panel_member other
            where other.role <> 'lead' and other.id <> panel_member.id and ${madeBy('later', 'other')}
          )
      )
  )`;
}

const WHO_DECLARED_AND_ONE_TIME_PINS = [
  `alter table panel_member add column conflict_declared_by text references panel_member(id)`,
  `update panel_member set conflict_declared_by = id
   where has_conflict is not null
     and (role = 'lead' or ${lastDoneByTheMember("'panel.conflict_declared'", "'panel.conflict_declared'")})`,
  `update panel_member set must_choose_pin = 1
   where pin_hash is not null and must_choose_pin = 0 and role <> 'lead'
     and not ${lastDoneByTheMember("'panel.pin_chosen', 'panel.pin_chosen_on_device', 'panel.pin_set'", "'panel.pin_set'")}`,
];

function numbered(version: number, statements: readonly string[]): Migration {
  return numberedMigration('case_metadata', version, statements);
}

/** A kind of file's migrations, in order, each keyed by a name that sorts in order. */
export type MigrationList = ReadonlyArray<readonly [name: string, migration: Migration]>;

/** Every migration of the case file, keyed by a name that sorts in order. */
export const CASE_FILE_MIGRATIONS: MigrationList = [
  ['0001-initial-schema', numbered(1, INITIAL_SCHEMA)],
  ['0002-evidence-summary-and-indexes', numbered(2, EVIDENCE_SUMMARY_AND_INDEXES)],
  ['0003-outcome-dates-and-withdrawn-decisions', numbered(3, OUTCOME_DATES_AND_WITHDRAWN_DECISIONS)],
  ['0004-certificate-signing-steps', numbered(4, CERTIFICATE_SIGNING_STEPS)],
  ['0005-panel-safeguards', numbered(5, PANEL_SAFEGUARDS)],
  ['0006-case-scheme-link', numbered(6, CASE_SCHEME_LINK)],
  ['0007-fee-claims', numbered(7, FEE_CLAIMS)],
  ['0008-appeals', numbered(8, APPEALS)],
  ['0009-room-pin-resets', numbered(9, ROOM_PIN_RESETS)],
  ['0010-receipts-in-chunks', RECEIPTS_IN_CHUNKS],
  ['0011-who-declared-and-one-time-pins', numbered(11, WHO_DECLARED_AND_ONE_TIME_PINS)],
];

export const LATEST_SCHEMA_VERSION = CASE_FILE_MIGRATIONS.length;

/** Something to do in the same transaction as the last migration (e.g. write its audit entry). */
export type AfterMigrations = (db: AnyKysely) => Promise<void>;

class ChosenMigrations implements MigrationProvider {
  constructor(
    private readonly migrations: MigrationList,
    private readonly upTo: number,
    private readonly afterLast?: AfterMigrations,
  ) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const chosen = this.migrations.slice(0, this.upTo);
    const entries = chosen.map(([name, migration], index) => {
      const isLast = index === chosen.length - 1;
      const afterLast = this.afterLast;
      if (!isLast || !afterLast) return [name, migration] as const;
      const withFollowUp: Migration = {
        up: async (db: AnyKysely) => {
          await migration.up(db);
          await afterLast(db);
        },
      };
      return [name, withFollowUp] as const;
    });
    return Object.fromEntries(entries);
  }
}

/**
 * Brings a case file's schema up to `upTo` (default: the latest) in one transaction. Throws the migrator's
 * error, if any, so the caller can report the file as not updated (nothing is half-applied).
 */
export async function migrateCaseFile(
  db: Kysely<unknown>,
  options: { upTo?: number; afterLast?: AfterMigrations } = {},
): Promise<void> {
  await migrateFile(db, { noun: 'case file', migrations: CASE_FILE_MIGRATIONS }, options);
}

/** Brings any kind of file's schema up to `upTo` (default: its latest) in one transaction (see migrateCaseFile). */
export async function migrateFile(
  db: Kysely<unknown>,
  kind: { noun: string; migrations: MigrationList },
  options: { upTo?: number; afterLast?: AfterMigrations } = {},
): Promise<void> {
  const latest = kind.migrations.length;
  const upTo = options.upTo ?? latest;
  if (upTo < 1 || upTo > latest) throw new RangeError(`There is no schema version ${upTo}.`);
  const migrator = new Migrator({
    db,
    provider: new ChosenMigrations(kind.migrations, upTo, options.afterLast),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === 'Error');
    if (isUserFacingError(error)) throw error;
    const cause = error instanceof Error ? error : new Error(String(error));
    throw Object.assign(
      new Error(
        `Updating the ${kind.noun}'s layout failed${failed ? ` at ${failed.migrationName}` : ''}: ${cause.message}`,
      ),
      {
        cause,
      },
    );
  }
}

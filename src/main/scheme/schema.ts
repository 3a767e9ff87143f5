import type { ColumnType, Insertable, Selectable } from 'kysely';
import type { RegisterEventKind } from '../../shared/api';
import type { AuditLogTable } from '../casefile';

/**
 * The shape of a scheme file (`.copanel-scheme`), one interface per table, at the latest layout
 * version. The same conventions as the case file (src/main/casefile/schema.ts): snake_case
 * columns, ISO 8601 UTC text times, `*_json` text columns, 0/1 booleans.
 */
export interface SchemeFileDatabase {
  scheme_metadata: SchemeMetadataTable;
  scheme_setting: SchemeSettingTable;
  assessor: AssessorTable;
  training_record: TrainingRecordTable;
  /** Added by migration 9 (certificates of attendance in chunks). */
  certificate_chunk: CertificateChunkTable;
  register_entry: RegisterEntryTable;
  register_event: RegisterEventTable;
  register_condition: RegisterConditionTable;
  /** Added by migration 4 (calibration). */
  practice_case: PracticeCaseTable;
  calibration_attempt: CalibrationAttemptTable;
  calibration_threshold: CalibrationThresholdTable;
  /** Added by migration 5 (fees). */
  fee_schedule: FeeScheduleTable;
  /** Added by migration 6 (organisation contacts in the register). */
  organisation_contact: OrganisationContactTable;
  audit_log: AuditLogTable;
}

/** Exactly one row (id = 1): which scheme this file belongs to, its layout version and its audit head. */
export interface SchemeMetadataTable {
  id: ColumnType<1, 1 | undefined, never>;
  scheme_id: string;
  scheme_name: string;
  created_by_app_version: string;
  last_app_version: string;
  schema_version: number;
  created_at: string;
  audit_head_seq: number;
  audit_head_hash: string;
}

/** One setting of the scheme office's own policy, as JSON (see settings.ts for the names and defaults). */
export interface SchemeSettingTable {
  key: string;
  value_json: string;
  updated_at: string;
}

/** A person who may sit on panels (the assessor directory). */
export interface AssessorTable {
  id: string;
  name: string;
  /** JSON array of 'lead' | 'assessor' | 'co_assessor'. */
  roles_json: string;
  email: string | null;
  phone: string | null;
  consent_to_be_named: number;
  signing_key_id: string | null;
  created_at: string;
  updated_at: string;
}

/** One course an assessor attended, with its certificate of attendance when given. */
export interface TrainingRecordTable {
  id: string;
  assessor_id: string;
  course: string;
  attended_on: string;
  trainer: string;
  certificate_name: string | null;
  certificate_media_type: string | null;
  certificate_sha256: string | null;
  recorded_at: string;
  /** Added by migration 9: the certificate's size in bytes (null: none kept). */
  certificate_size: number | null;
  /** Added by migration 9: how many chunks of `certificate_chunk` hold it (null: none kept). */
  certificate_chunk_count: number | null;
}

/** Added by migration 9: a certificate of attendance's bytes, in order, at most 1 MiB each. */
export interface CertificateChunkTable {
  training_id: string;
  seq: number;
  data: Buffer;
}

/** A practice case: its material and reference agreed scores as JSON (practiceCaseMaterial). */
export interface PracticeCaseTable {
  id: string;
  title: string;
  organisation: string;
  fictional: number;
  source: 'bundled' | 'case';
  source_case_id: string | null;
  standard_id: string;
  standard_version: number;
  standard_sha256: string;
  material_json: string;
  marked_by: string;
  marked_at: string;
  retired_at: string | null;
}

/** An assessor's submitted practice scores and how they compared with the reference. */
export interface CalibrationAttemptTable {
  id: string;
  practice_case_id: string;
  assessor_id: string;
  /** JSON object: criterion id → 0 to 3. */
  scores_json: string;
  criteria: number;
  exact: number;
  within_one: number;
  /** Alpha as shown (three decimals, cut), or null when it cannot be measured. */
  alpha: string | null;
  /** JSON array of the criterion ids 2 or more points from the reference. */
  differed_json: string;
  calibrated: number;
  submitted_on: string;
  submitted_at: string;
}

/** Exactly one row (id = 1) once the scheme office sets them; the defaults apply until then. */
export interface CalibrationThresholdTable {
  id: ColumnType<1, 1 | undefined, never>;
  within_one_percent: number;
  alpha_thousandths: number;
  updated_at: string;
}

/** Exactly one row (id = 1) once the scheme office sets its rates and bank details. */
export interface FeeScheduleTable {
  id: ColumnType<1, 1 | undefined, never>;
  day_rate_pence: number;
  half_day_rate_pence: number;
  hourly_rate_pence: number;
  mileage_pence_per_mile: number;
  payee: string;
  bank: string;
  sort_code: string;
  account_number: string;
  updated_at: string;
}

export type SchemeMetadataRow = Selectable<SchemeMetadataTable>;
export type AssessorRow = Selectable<AssessorTable>;
export type TrainingRecordRow = Selectable<TrainingRecordTable>;

/** One certificate in the register of certificates (issue 15): what it states, from its signed QR payload. */
export interface RegisterEntryTable {
  certificate_number: string;
  organisation: string;
  level: number;
  /** Calendar dates (YYYY-MM-DD, Europe/London). */
  decision_date: string;
  interim_review_due: string;
  valid_until: string;
  standard_version: string | null;
  /** JSON array of the signers' names with their roles, in signing order. */
  signers_json: string;
  /** The case file's audit head when the lead signed (issue 17), when the certificate carries it. */
  audit_head_entries: number | null;
  audit_head_hash: string | null;
  /** The signed QR text the certificate carries, and the key that signed it (SPKI, base64). */
  qr_payload: string;
  qr_signer_key_id: string;
  qr_signer_spki: string;
  pdf_sha256: string;
  source: 'case_file' | 'certificate_pdf';
  imported_at: string;
  /** Added by the register-at-scale migration: 1 once any event or condition is recorded (kept by triggers). */
  has_history: ColumnType<number, number | undefined, number>;
  /** The scheme office whose signed register this entry was merged from (null: imported here). */
  merged_from: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Something that happened to a certificate after it was issued. */
export interface RegisterEventTable {
  id: string;
  certificate_number: string;
  kind: RegisterEventKind;
  on_date: string;
  reason: string | null;
  superseded_by: string | null;
  recorded_by: string;
  recorded_at: string;
}

/** A condition set with the award, due by a date. */
export interface RegisterConditionTable {
  id: string;
  certificate_number: string;
  condition: string;
  due_on: string;
  met_on: string | null;
  recorded_at: string;
  /** Added by the conditions-met migration: the note given when it was recorded as met, and by whom. */
  met_note: string | null;
  met_recorded_by: string | null;
}

export type RegisterEntryRow = Selectable<RegisterEntryTable>;
export type NewRegisterEntryRow = Insertable<RegisterEntryTable>;
export type RegisterEventRow = Selectable<RegisterEventTable>;
export type RegisterConditionRow = Selectable<RegisterConditionTable>;

/** How to reach an organisation in the register (at least one of email, phone and postal address). */
export interface OrganisationContactTable {
  /** The organisation's name as its certificates print it. */
  organisation: string;
  contact_name: string | null;
  email: string | null;
  phone: string | null;
  /** Lines separated by newlines. */
  postal_address: string | null;
  updated_by: string;
  updated_at: string;
}

export type OrganisationContactRow = Selectable<OrganisationContactTable>;

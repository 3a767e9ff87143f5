import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { ConsentStatus, EvidenceKind, MemberRole } from '../../shared/vocabulary';

/** A column the database fills in when an insert leaves it out. */
type WithDefault<T> = ColumnType<T, T | undefined, T>;

/**
 * The shape of a case file, one interface per table, at the latest schema version.
 * Column names are snake_case as stored; times are ISO 8601 text (UTC); JSON columns hold text
 * written with JSON.stringify and are named `*_json`; booleans are 0/1 integers.
 * Migrations that change a table must change its interface here in the same commit.
 */
export interface CaseFileDatabase {
  case_metadata: CaseMetadataTable;
  organisation: OrganisationTable;
  assessment_cycle: AssessmentCycleTable;
  panel_member: PanelMemberTable;
  evidence_item: EvidenceItemTable;
  evidence_criterion: EvidenceCriterionTable;
  evidence_attachment: EvidenceAttachmentTable;
  attachment_chunk: AttachmentChunkTable;
  score_sheet: ScoreSheetTable;
  score: ScoreTable;
  score_evidence: ScoreEvidenceTable;
  moderation_state: ModerationStateTable;
  moderation_record: ModerationRecordTable;
  moderation_dissent: ModerationDissentTable;
  outcome: OutcomeTable;
  /** Added by migration 3 (panel workflow). */
  withdrawn_outcome: WithdrawnOutcomeTable;
  /** Added by migration 5 (separation of duties). */
  panel_change: PanelChangeTable;
  certificate: CertificateTable;
  assessor_identity: AssessorIdentityTable;
  /** Added by migration 7 (time and fees). */
  fee_claim: FeeClaimTable;
  fee_time: FeeTimeTable;
  fee_expense: FeeExpenseTable;
  receipt_chunk: ReceiptChunkTable;
  /** Added by migration 8 (appeals). */
  appeal: AppealTable;
  appeal_reviewer: AppealReviewerTable;
  /** Added by migration 9 (forgotten PINs in the panel room). */
  member_device: MemberDeviceTable;
  pin_reset_request: PinResetRequestTable;
  audit_log: AuditLogTable;
}

/** Exactly one row (id = 1): what this case file is and which standard it is assessed against (its fingerprint). */
export interface CaseMetadataTable {
  id: ColumnType<1, 1 | undefined, never>;
  case_id: string;
  /** The app version that created the file. */
  created_by_app_version: string;
  /** The app version that last opened the file for writing. */
  last_app_version: string;
  schema_version: number;
  standard_id: string;
  standard_version: number;
  /** SHA-256 (hex) of the standard's canonical JSON. */
  standard_sha256: string;
  created_at: string;
  /** The newest audit entry, kept so that cutting entries off the end of the log is detected. */
  audit_head_seq: WithDefault<number>;
  audit_head_hash: string;
  /** Added by migration 6: the scheme file this case belongs to (its scheme id), or null. */
  scheme_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Exactly one row (id = 1): the organisation being assessed. */
export interface OrganisationTable {
  id: ColumnType<1, 1 | undefined, never>;
  name: string;
  address: string | null;
  registration_number: string | null;
  /** JSON array of strings: the services the assessment covers. */
  services_in_scope_json: WithDefault<string>;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  updated_at: string;
}

export const CYCLE_STATUSES = [
  'preparing',
  'scoring',
  'moderating',
  'decided',
  'certified',
  'withdrawn',
] as const;
export type CycleStatus = (typeof CYCLE_STATUSES)[number];

/** One assessment (first award, interim review or renewal) of the organisation. */
export interface AssessmentCycleTable {
  id: string;
  kind: 'award' | 'interim_review' | 'renewal';
  status: CycleStatus;
  created_at: string;
  visit_date: string | null;
  scoring_opened_at: string | null;
  /** Added by migration 6: what the scheme's training check found when scoring opened, and the lead's reason (JSON), or null. */
  scoring_training_check: ColumnType<string | null, string | null | undefined, string | null>;
  moderation_opened_at: string | null;
  decided_at: string | null;
  certified_at: string | null;
}

export type ConflictDecision = 'may_take_part' | 'may_observe_only' | 'excluded';

export interface PanelMemberTable {
  id: string;
  cycle_id: string;
  name: string;
  role: MemberRole;
  /** 1 when the member agrees to be named in the report and on the certificate. */
  consent_to_be_named: WithDefault<number>;
  /** `scrypt$…` string made by hashPin, or null when the member has no PIN yet. */
  pin_hash: string | null;
  /** null until declared; 0 = nothing to declare; 1 = a conflict was declared. */
  has_conflict: number | null;
  conflict_declaration: string | null;
  conflict_declared_at: string | null;
  conflict_decision: ConflictDecision | null;
  conflict_decision_reason: string | null;
  conflict_decided_by: string | null;
  conflict_decided_at: string | null;
  created_at: string;
  /** Added by migration 6: the assessor directory entry (scheme file) this member was picked from, or null. */
  directory_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Added by migration 5: wrong PINs in a row since the last right one. */
  wrong_pins: WithDefault<number>;
  /** Added by migration 5: signing in as this member is paused until this time (ISO), after wrong PINs. */
  pin_paused_until: ColumnType<string | null, string | null | undefined, string | null>;
  /** Added by migration 5: 1 when someone else set the PIN, so the member chooses a new one at next sign-in. */
  must_choose_pin: WithDefault<number>;
  /** Added by migration 11: the member who recorded the declaration (themselves, or the lead for them); null: not recorded. */
  conflict_declared_by: ColumnType<string | null, string | null | undefined, string | null>;
}

/** When in the assessment a panel change was made. */
export type PanelChangeStage = 'scoring' | 'moderation' | 'decided';

/** Added by migration 5: a PIN reset or change of a member's details after scoring opened, with the reason. */
export interface PanelChangeTable {
  id: string;
  cycle_id: string;
  member_id: string;
  kind: 'pin_reset' | 'details_changed';
  stage: PanelChangeStage;
  reason: string;
  /** JSON: for a change of details, {before, after} of name and consent; {} for a PIN reset. */
  details_json: WithDefault<string>;
  changed_by: string;
  changed_at: string;
}

export interface EvidenceItemTable {
  id: string;
  title: string;
  kind: EvidenceKind;
  source: string | null;
  /** The date the evidence is from (YYYY-MM-DD), not when it was entered. */
  evidence_date: string | null;
  consent_status: ConsentStatus;
  quote: string | null;
  /** Added by migration 2: a short summary of what the evidence shows. */
  summary: string | null;
  created_at: string;
  updated_at: string;
}

export interface EvidenceCriterionTable {
  evidence_id: string;
  criterion_id: string;
}

export interface EvidenceAttachmentTable {
  id: string;
  evidence_id: string;
  file_name: string;
  media_type: string;
  size: number;
  /** SHA-256 (hex) of the whole attachment, computed while it streamed in. */
  sha256: string;
  chunk_count: number;
  added_at: string;
}

/** An attachment's bytes, in order, at most ATTACHMENT_CHUNK_BYTES each. */
export interface AttachmentChunkTable {
  attachment_id: string;
  seq: number;
  data: Buffer;
}

export const SHEET_STATES = ['not_started', 'in_progress', 'submitted', 'excluded'] as const;
export type SheetState = (typeof SHEET_STATES)[number];

/** One panel member's score sheet for a cycle. */
export interface ScoreSheetTable {
  cycle_id: string;
  member_id: string;
  state: SheetState;
  /** 'laptop' when scored in the app, 'paper' when transcribed from a printed sheet. */
  source: WithDefault<'laptop' | 'paper'>;
  submitted_at: string | null;
  exclusion_reason: string | null;
  updated_at: string;
}

export interface ScoreTable {
  id: string;
  cycle_id: string;
  member_id: string;
  criterion_id: string;
  /** 0 to 3; -1 = "not enough evidence" (panel workflow, see src/main/panel/score-column.ts); null = not scored. */
  score: number | null;
  rationale: string | null;
  state: 'draft' | 'submitted';
  updated_at: string;
}

export interface ScoreEvidenceTable {
  score_id: string;
  evidence_id: string;
}

/** Every change of moderation state, in order; the newest row is the current state. */
export interface ModerationStateTable {
  seq: Generated<number>;
  cycle_id: string;
  state: 'open' | 'closed' | 'reopened';
  reason: string | null;
  changed_by: string;
  changed_at: string;
}

export interface ModerationRecordTable {
  cycle_id: string;
  criterion_id: string;
  /** 0 to 3; -1 = "not enough evidence" (see src/main/panel/score-column.ts). */
  agreed_score: number;
  rationale: string;
  /** Why the agreed score lies outside the range of the individual scores, when it does. */
  reason_outside_range: string | null;
  recorded_by: string;
  recorded_at: string;
}

export interface ModerationDissentTable {
  id: string;
  cycle_id: string;
  criterion_id: string;
  member_id: string;
  note: string;
  recorded_at: string;
}

export interface OutcomeTable {
  cycle_id: string;
  /** 1, 2 or 3; null when the level is not yet awarded. */
  level: number | null;
  trace_json: string;
  conditions_json: WithDefault<string>;
  recommendations_json: WithDefault<string>;
  decided_by: string;
  decided_at: string;
  /** Added by migration 3 (panel workflow): the decision date the panel gave (YYYY-MM-DD). */
  decision_date: string | null;
  /** Added by migration 3: decision date + 3 years; null when the level is not yet awarded. */
  valid_until: string | null;
  /** Added by migration 3: decision date + 18 months; null when the level is not yet awarded. */
  interim_review_due: string | null;
  /** Added by migration 3: JSON array of {statementNumber, text}. */
  strengths_json: ColumnType<string, string | undefined, string>;
}

/** Added by migration 3 (panel workflow): a decision withdrawn when moderation was reopened, kept as it was. */
export interface WithdrawnOutcomeTable {
  id: string;
  cycle_id: string;
  level: number | null;
  /** JSON of the whole decision as it was recorded (the outcome row, with its JSON fields parsed). */
  outcome_json: string;
  reason: string;
  withdrawn_by: string;
  withdrawn_at: string;
}

export interface CertificateTable {
  id: string;
  cycle_id: string;
  number: string;
  level: number;
  issued_at: string;
  valid_from: string;
  interim_review_due: string;
  expires_at: string;
  pdf_sha256: string;
  /** JSON array of the signers' key ids (certificate fingerprints). */
  signer_key_ids_json: string;
  pdf: Buffer;
  revoked_at: string | null;
  revocation_reason: string | null;
  /** Added by migration 4 (certificates): signed by the lead and waiting for the co-signer, or issued. */
  status: WithDefault<'awaiting_co_signature' | 'issued'>;
  /** Added by migration 4: the assessment report, signed by the lead. */
  report_pdf: Buffer | null;
  /** Added by migration 4: SHA-256 (hex) of report_pdf. */
  report_sha256: string | null;
  /** Added by migration 4: the signed QR payload drawn on the certificate (and kept in its /Keywords). */
  qr_payload: string | null;
  /** Added by migration 4: JSON array of {memberId, name, role, keyId, certificateNumber, signedAt}, in signing order. */
  signers_json: WithDefault<string>;
  /** Added by migration 4: the Expert by Experience the lead named as co-signer. */
  co_signer_member_id: string | null;
  /** Added by migration 8: the appeal whose varied outcome replaces this certificate, or null. */
  superseded_on_appeal: ColumnType<string | null, string | null | undefined, string | null>;
  /** Added by migration 8: the number of the certificate issued in its place, or null. */
  superseded_by: ColumnType<string | null, string | null | undefined, string | null>;
}

/** An assessor's signing identity, imported from a PKCS#12 file (still protected by its own password). */
export interface AssessorIdentityTable {
  id: string;
  member_id: string | null;
  holder_name: string;
  certificate_sha256: string;
  pkcs12: Buffer;
  imported_at: string;
}

/** Append-only: triggers refuse UPDATE and DELETE. See audit.ts for how `hash` is made. */
export interface AuditLogTable {
  seq: number;
  at: string;
  actor: string;
  action: string;
  payload_sha256: string;
  prev_hash: string;
  hash: string;
}

export type CaseMetadata = Selectable<CaseMetadataTable>;
export type Organisation = Selectable<OrganisationTable>;
export type OrganisationUpdate = Updateable<OrganisationTable>;
export type AssessmentCycle = Selectable<AssessmentCycleTable>;
export type PanelMemberRow = Selectable<PanelMemberTable>;
export type NewPanelMember = Insertable<PanelMemberTable>;
export type EvidenceItemRow = Selectable<EvidenceItemTable>;
export type EvidenceAttachmentRow = Selectable<EvidenceAttachmentTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type OutcomeRow = Selectable<OutcomeTable>;
export type CertificateRow = Selectable<CertificateTable>;

/** Added by migration 7: one member's claim for one day's work on the case (src/main/fees). */
export interface FeeClaimTable {
  id: string;
  cycle_id: string;
  member_id: string;
  worked_on: string;
  notes: string;
  state: 'recorded' | 'approved';
  recorded_at: string;
  approved_by: string | null;
  approved_at: string | null;
  /** The scheme's rates when the claim was approved (JSON of FeeRates). */
  rates_json: string | null;
  time_pence: number | null;
  mileage_pence: number | null;
  expenses_pence: number | null;
}

/** Added by migration 7: the minutes a claim records for one activity. */
export interface FeeTimeTable {
  claim_id: string;
  activity: 'preparation' | 'visit' | 'moderation' | 'report_writing' | 'travel';
  minutes: number;
}

/** Added by migration 7: mileage (tenths of a mile) or an expense (pence) with its receipt. */
export interface FeeExpenseTable {
  id: string;
  claim_id: string;
  kind: 'mileage' | 'receipt';
  description: string;
  miles_tenths: number | null;
  amount_pence: number | null;
  receipt_name: string | null;
  receipt_media_type: string | null;
  receipt_sha256: string | null;
  /** Added by migration 10: the receipt's size in bytes, once it has arrived (null before). */
  receipt_size: number | null;
  /** Added by migration 10: how many chunks of `receipt_chunk` hold it (null before it arrives). */
  receipt_chunk_count: number | null;
}

/** Added by migration 10: a receipt's bytes, in order, at most ATTACHMENT_CHUNK_BYTES each. */
export interface ReceiptChunkTable {
  expense_id: string;
  seq: number;
  data: Buffer;
}

/** The outcomes a review panel can give (src/main/appeals). */
export type AppealOutcome = 'dismissed' | 'upheld' | 'varied';

/** Added by migration 8: an organisation's appeal against the decision of one assessment. */
export interface AppealTable {
  id: string;
  cycle_id: string;
  /** The decision appealed against, as it was when the appeal arrived. */
  decision_date: string;
  /** When that decision was recorded (ISO time): members added after it did not sit on the panel that took it. */
  decision_taken_at: string;
  decided_level: number | null;
  certificate_number: string | null;
  /** Calendar dates (YYYY-MM-DD, Europe/London). */
  received_on: string;
  deadline: string;
  grounds: string;
  /** Why an appeal after the deadline was accepted; null when it was in time. */
  late_reason: string | null;
  recorded_by: string;
  recorded_at: string;
  outcome: AppealOutcome | null;
  outcome_reasons: string | null;
  decided_by: string | null;
  decided_at: string | null;
}

/** Added by migration 8: a member of an appeal's review panel (one of them its lead). */
export interface AppealReviewerTable {
  appeal_id: string;
  member_id: string;
  is_lead: number;
  added_by: string;
  added_at: string;
}

export type AppealRow = Selectable<AppealTable>;

/** Added by migration 9: the device a member last signed in on through the panel room (the hash of its secret only). */
export interface MemberDeviceTable {
  member_id: string;
  device_id: string;
  device_kind: 'phone' | 'tablet' | 'laptop';
  secret_sha256: string;
  issued_at: string;
}

/** Added by migration 9: a member's request, from their own device, to choose a new PIN once the lead confirms. */
export interface PinResetRequestTable {
  id: string;
  member_id: string;
  device_id: string;
  device_kind: 'phone' | 'tablet' | 'laptop';
  requested_at: string;
  expires_at: string;
  status: 'waiting' | 'confirmed' | 'refused' | 'pin_chosen' | 'withdrawn';
  decided_by: string | null;
  decided_at: string | null;
  reason: string | null;
}

import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import { REGISTER_EVENT_KINDS, type RegisterEntry, type RegisterStatus } from '../../shared/api';
import { UserFacingError } from '../../shared/errors';
import { openCaseFile, type CaseFile } from '../casefile';
import { verifyCertificateInDetail } from '../certificates';
import { checkedInput } from '../checked-input';
import type { NewRegisterEntryRow, RegisterEntryRow, SchemeFile, WritableSchemeDb } from '../scheme';
import type { PkiCertificate } from '../signing';
import { organisationContacts } from './contacts';
import {
  APPEAL_LIFTS,
  interimReviewDate,
  isStateByDates,
  londonDate,
  registerStatus,
  statusByDates,
  type RegisterStatusInput,
  UNDER_APPEAL,
} from './status';
import { registerStateSql } from './status-sql';

/**
 * The register of certificates in the scheme file (issue 15): every certificate the scheme issued,
 * imported only after the certificate verifier passed it, and what happened to it since. Every
 * change goes through SchemeFile.mutate, so it is audited in the scheme file's hash chain.
 */

export interface ImportCertificateInput {
  pdf: Uint8Array;
  /** The scheme root(s) the certificate must chain to. */
  trustedRoots: PkiCertificate[];
  actor: string;
  now: Date;
  source?: 'case_file' | 'certificate_pdf';
}

const CALENDAR_DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Write the date as YYYY-MM-DD.');
const REASON = z.string().trim().min(3, 'Give the reason in a few words.').max(500);
const CERTIFICATE_NUMBER = z.string().trim().min(1).max(40);

const failures = {
  notGenuine: (reason: string | undefined) =>
    new UserFacingError(
      'CERTIFICATE_NOT_GENUINE',
      reason === undefined
        ? 'Before certificates can be added, trust the scheme’s root: Settings → Trusted scheme roots. Then add the certificate again.'
        : `This certificate was not added to the register. ${reason}`,
    ),
  notACertificate: () =>
    new UserFacingError(
      'CERTIFICATE_NOT_GENUINE',
      'This PDF is not a kitemark certificate (it may be an assessment report), so it was not added to the register. Choose the certificate PDF.',
    ),
  alreadyThere: (number: string) =>
    new UserFacingError(
      'ALREADY_IN_REGISTER',
      `Certificate ${number} is already in the register with a different file. Nothing was changed; if it was issued again, withdraw or supersede the old entry first.`,
    ),
  unknown: (number: string) =>
    new UserFacingError(
      'NOT_IN_REGISTER',
      `Certificate ${number} is not in the register. Check the number, or import the certificate first.`,
    ),
  alreadyRevoked: (number: string) =>
    new UserFacingError(
      'CERTIFICATE_ALREADY_REVOKED',
      `Certificate ${number} was already withdrawn; nothing more can be recorded for it.`,
    ),
  noCertificates: () =>
    new UserFacingError(
      'NO_ISSUED_CERTIFICATE',
      'This case file holds no issued certificate yet (it may be waiting for its co-signature), so nothing was added to the register.',
    ),
};

/**
 * Adds a certificate PDF to the register after `verifyCertificateInDetail` (the same check as the
 * Verify screen and `copanel verify`) passed it; the facts come from its signed QR payload, and the
 * standard it was awarded against from its signed page (what the lead signed). The same
 * file imported twice changes nothing; another file with the same number is refused.
 */
export async function importCertificatePdf(
  scheme: SchemeFile,
  input: ImportCertificateInput,
): Promise<{ entry: RegisterEntry; added: boolean }> {
  const checked = await verifyCertificateInDetail(input.pdf, {
    trustedRoots: input.trustedRoots,
    now: input.now,
  });
  if (checked.result.document !== 'certificate' && checked.result.valid) throw failures.notACertificate();
  if (!checked.result.valid) throw failures.notGenuine(checked.reason);
  const { qrPayload, qrText, qrSigner } = checked;
  if (!qrPayload || !qrText || !qrSigner) throw failures.notACertificate();
  const pdfSha256 = createHash('sha256').update(input.pdf).digest('hex');
  const number = qrPayload.certificateNumber;
  const existing = await findEntryRow(scheme, number);
  if (existing) {
    if (existing.pdf_sha256 !== pdfSha256) throw failures.alreadyThere(number);
    return { entry: await registerEntry(scheme, number, londonDate(input.now)), added: false };
  }
  const row: NewRegisterEntryRow = {
    certificate_number: number,
    organisation: qrPayload.organisation,
    level: qrPayload.level,
    decision_date: qrPayload.decisionDate,
    interim_review_due: interimReviewDate(qrPayload.decisionDate),
    valid_until: qrPayload.validUntil,
    standard_version: checked.standard ?? null,
    signers_json: JSON.stringify(checked.result.facts.signers),
    audit_head_entries: qrPayload.auditHead?.entries ?? null,
    audit_head_hash: qrPayload.auditHead?.hash ?? null,
    qr_payload: qrText,
    qr_signer_key_id: qrPayload.keyId,
    qr_signer_spki: qrSigner.publicKeyInfo.toString('base64'),
    pdf_sha256: pdfSha256,
    source: input.source ?? 'certificate_pdf',
    imported_at: input.now.toISOString(),
  };
  await scheme.mutate(
    input.actor,
    'register.certificate_imported',
    {
      certificateNumber: number,
      organisation: row.organisation,
      level: row.level,
      pdfSha256,
      auditHead: qrPayload.auditHead ? `${qrPayload.auditHead.entries}:${qrPayload.auditHead.hash}` : null,
      source: row.source,
    },
    async (trx) => {
      await trx.insertInto('register_entry').values(row).execute();
    },
  );
  return { entry: await registerEntry(scheme, number, londonDate(input.now)), added: true };
}

/**
 * Imports every issued certificate in a case file (opened read-only with its passphrase), each
 * through importCertificatePdf; a certificate the case file records as withdrawn is recorded as
 * revoked too.
 */
export async function importFromCaseFile(
  scheme: SchemeFile,
  input: Omit<ImportCertificateInput, 'pdf' | 'source'> & {
    caseFilePath: string;
    passphrase: string;
    appVersion: string;
  },
): Promise<Array<{ entry: RegisterEntry; added: boolean }>> {
  const caseFile = await openCaseFile({
    path: input.caseFilePath,
    passphrase: input.passphrase,
    readOnly: true,
    appVersion: input.appVersion,
  });
  try {
    return await importIssuedCertificates(scheme, caseFile, input);
  } finally {
    await caseFile.close();
  }
}

/**
 * Imports every issued certificate of a case file already open (the app's open case, or one the
 * CLI opened read-only), each through importCertificatePdf (which reads the standard from its
 * signed page); one the case file records as withdrawn is recorded as revoked too.
 */
export async function importIssuedCertificates(
  scheme: SchemeFile,
  caseFile: Pick<CaseFile, 'db'>,
  input: Omit<ImportCertificateInput, 'pdf' | 'source'>,
): Promise<Array<{ entry: RegisterEntry; added: boolean }>> {
  const certificates = await caseFile.db
    .selectFrom('certificate')
    .select(['number', 'pdf', 'revoked_at', 'revocation_reason'])
    .where('status', '=', 'issued')
    .orderBy('issued_at')
    .execute();
  if (certificates.length === 0) throw failures.noCertificates();
  const imported: Array<{ entry: RegisterEntry; added: boolean }> = [];
  for (const certificate of certificates) {
    const result = await importCertificatePdf(scheme, {
      trustedRoots: input.trustedRoots,
      actor: input.actor,
      now: input.now,
      pdf: new Uint8Array(certificate.pdf),
      source: 'case_file',
    });
    if (certificate.revoked_at && result.entry.status.state !== 'revoked') {
      result.entry = await recordRegisterEvent(scheme, {
        certificateNumber: certificate.number,
        kind: 'revoked',
        onDate: certificate.revoked_at.slice(0, 10),
        reason: certificate.revocation_reason ?? 'withdrawn in the case file',
        actor: input.actor,
        now: input.now,
      });
    }
    imported.push(result);
  }
  return imported;
}

const EVENT_INPUT = z
  .object({
    certificateNumber: CERTIFICATE_NUMBER,
    kind: z.enum(REGISTER_EVENT_KINDS),
    onDate: CALENDAR_DATE,
    reason: REASON.optional(),
    supersededBy: CERTIFICATE_NUMBER.optional(),
  })
  .refine((event) => !['revoked', 'suspended'].includes(event.kind) || event.reason !== undefined, {
    message: 'Say why: a withdrawal or a suspension needs a reason.',
    path: ['reason'],
  })
  .refine((event) => event.kind !== 'superseded' || event.supersededBy !== undefined, {
    message: 'Name the certificate that replaces it.',
    path: ['supersededBy'],
  });

/** The reasons only an appeal records with: the register tells an appeal's hold from the office's own by them (status.ts). */
const APPEAL_REASONS: readonly string[] = [UNDER_APPEAL, ...APPEAL_LIFTS];

/** An event the scheme office records itself: its reasons are its own, never an appeal's words. */
const OFFICE_EVENT_INPUT = EVENT_INPUT.refine(
  (event) => event.reason === undefined || !APPEAL_REASONS.includes(event.reason.trim().toLowerCase()),
  {
    message: `Describe the scheme office’s own reason: “${UNDER_APPEAL}”, “${APPEAL_LIFTS.join('” and “')}” are kept for what an appeal records in the case file.`,
    path: ['reason'],
  },
);

export type RegisterEventInput = z.input<typeof EVENT_INPUT> & {
  actor: string;
  now: Date;
  /** Recorded by an appeal in the case file (api/appeals.ts), which alone may use the appeal's reasons. */
  forAppeal?: true;
};

/**
 * Records what happened to a certificate: withdrawn (revoked, with a reason), suspended or
 * reinstated, superseded by a newer certificate, or its interim review done. Audited; nothing is
 * recorded after a withdrawal.
 */
export async function recordRegisterEvent(
  scheme: SchemeFile,
  input: RegisterEventInput,
): Promise<RegisterEntry> {
  const event = checkedInput((input.forAppeal ? EVENT_INPUT : OFFICE_EVENT_INPUT).safeParse(input));
  const today = londonDate(input.now);
  const before = await registerEntry(scheme, event.certificateNumber, today);
  if (before.events.some((e) => e.kind === 'revoked')) throw failures.alreadyRevoked(event.certificateNumber);
  if (event.kind === 'superseded') await registerEntry(scheme, event.supersededBy!, today);
  await scheme.mutate(input.actor, `register.certificate_${event.kind}`, { ...event }, async (trx) => {
    await insertEvent(trx, event, input.actor, input.now);
  });
  return registerEntry(scheme, event.certificateNumber, today);
}

async function insertEvent(
  trx: WritableSchemeDb,
  event: z.output<typeof EVENT_INPUT>,
  actor: string,
  now: Date,
): Promise<void> {
  await trx
    .insertInto('register_event')
    .values({
      id: randomUUID(),
      certificate_number: event.certificateNumber,
      kind: event.kind,
      on_date: event.onDate,
      reason: event.reason ?? null,
      superseded_by: event.supersededBy ?? null,
      recorded_by: actor,
      recorded_at: now.toISOString(),
    })
    .execute();
}

const CONDITION_INPUT = z.object({
  certificateNumber: CERTIFICATE_NUMBER,
  condition: z
    .string()
    .trim()
    .min(3, 'Say what must be done, in a few words.')
    .max(1000, 'Write the condition in at most 1,000 characters.'),
  dueOn: CALENDAR_DATE,
});

const MET_INPUT = z.object({
  conditionId: z.string().trim().min(1).max(100),
  metOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Write the date the condition was met as YYYY-MM-DD.'),
  note: z.string().trim().max(1000, 'Write the note in at most 1,000 characters.').optional(),
});

/** Refuses a date that is not a real calendar date ("2027-02-30"), in plain words. */
function realDate(date: string, what: string): void {
  const parsed = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date)
    throw new UserFacingError(
      'INVALID_INPUT',
      `${date} is not a date on the calendar. Write ${what} as YYYY-MM-DD.`,
    );
}

const conditionRefusals = {
  beforeIssue: (entry: RegisterEntry) =>
    new UserFacingError(
      'INVALID_INPUT',
      `A condition cannot fall due before the award: certificate ${entry.certificateNumber} was awarded on ${entry.decisionDate}. Choose a due date on or after it.`,
    ),
  afterExpiry: (entry: RegisterEntry) =>
    new UserFacingError(
      'INVALID_INPUT',
      `A condition must fall due before the certificate expires on ${entry.validUntil}. Choose an earlier due date, or set the condition on its renewal.`,
    ),
  notInForce: (entry: RegisterEntry) =>
    new UserFacingError(
      'CERTIFICATE_NOT_IN_FORCE',
      `Certificate ${entry.certificateNumber} is ${entry.status.state === 'superseded' ? 'replaced' : entry.status.state === 'revoked' ? 'withdrawn' : 'expired'}, so no condition can be added to it or recorded for it.`,
    ),
  unknownCondition: () =>
    new UserFacingError(
      'NOT_IN_REGISTER',
      'That condition is not in the register. Open the certificate again.',
    ),
  alreadyMet: (metOn: string) =>
    new UserFacingError(
      'CONDITION_ALREADY_MET',
      `This condition was already recorded as met on ${metOn}; nothing was changed.`,
    ),
  metBeforeIssue: (entry: RegisterEntry) =>
    new UserFacingError(
      'INVALID_INPUT',
      `A condition cannot be met before the award on ${entry.decisionDate}. Check the date.`,
    ),
  metInFuture: (today: string) =>
    new UserFacingError(
      'INVALID_INPUT',
      `A condition can only be recorded as met on or before today (${today}). Record it on the day it was met.`,
    ),
};

/** States in which nothing more is added to a certificate's conditions. */
const ENDED_STATES: ReadonlyArray<RegisterEntry['status']['state']> = ['revoked', 'superseded', 'expired'];

/**
 * Adds a condition of the award, due by a calendar date (Europe/London) on or after the award and
 * before the certificate expires. Audited in the scheme file's chain.
 */
export async function addRegisterCondition(
  scheme: SchemeFile,
  input: z.input<typeof CONDITION_INPUT> & { actor: string; now: Date },
): Promise<RegisterEntry> {
  const { certificateNumber, condition, dueOn } = checkedInput(CONDITION_INPUT.safeParse(input));
  realDate(dueOn, 'the due date');
  const today = londonDate(input.now);
  const entry = await registerEntry(scheme, certificateNumber, today);
  if (ENDED_STATES.includes(entry.status.state)) throw conditionRefusals.notInForce(entry);
  if (dueOn < entry.decisionDate) throw conditionRefusals.beforeIssue(entry);
  if (dueOn >= entry.validUntil) throw conditionRefusals.afterExpiry(entry);
  const id = randomUUID();
  await scheme.mutate(
    input.actor,
    'register.condition_added',
    { id, certificateNumber: entry.certificateNumber, condition, dueOn },
    async (trx) => {
      await trx
        .insertInto('register_condition')
        .values({
          id,
          certificate_number: entry.certificateNumber,
          condition,
          due_on: dueOn,
          met_on: null,
          met_note: null,
          met_recorded_by: null,
          recorded_at: input.now.toISOString(),
        })
        .execute();
    },
  );
  return registerEntry(scheme, entry.certificateNumber, today);
}

/**
 * Records that a condition was met on a date (on or after the award, not after today), with an
 * optional note. Audited; a condition is met once.
 */
export async function meetRegisterCondition(
  scheme: SchemeFile,
  input: z.input<typeof MET_INPUT> & { actor: string; now: Date },
): Promise<RegisterEntry> {
  const met = checkedInput(MET_INPUT.safeParse(input));
  const { conditionId, metOn } = met;
  const note = met.note ? met.note : null;
  realDate(metOn, 'the date it was met');
  const condition = await scheme.db
    .selectFrom('register_condition')
    .select(['certificate_number', 'met_on'])
    .where('id', '=', conditionId)
    .executeTakeFirst();
  if (!condition) throw conditionRefusals.unknownCondition();
  if (condition.met_on !== null) throw conditionRefusals.alreadyMet(condition.met_on);
  const today = londonDate(input.now);
  const entry = await registerEntry(scheme, condition.certificate_number, today);
  if (entry.status.state === 'revoked' || entry.status.state === 'superseded')
    throw conditionRefusals.notInForce(entry);
  if (metOn < entry.decisionDate) throw conditionRefusals.metBeforeIssue(entry);
  if (metOn > today) throw conditionRefusals.metInFuture(today);
  await scheme.mutate(
    input.actor,
    'register.condition_met',
    { id: conditionId, certificateNumber: entry.certificateNumber, metOn, note },
    async (trx) => {
      await trx
        .updateTable('register_condition')
        .set({ met_on: metOn, met_note: note, met_recorded_by: input.actor })
        .where('id', '=', conditionId)
        .where('met_on', 'is', null)
        .execute();
    },
  );
  return registerEntry(scheme, entry.certificateNumber, today);
}

async function findEntryRow(scheme: SchemeFile, number: string): Promise<RegisterEntryRow | undefined> {
  return scheme.db
    .selectFrom('register_entry')
    .selectAll()
    .where('certificate_number', '=', number)
    .executeTakeFirst();
}

/** One certificate in the register with its status on `today` (NOT_IN_REGISTER when unknown). */
export async function registerEntry(
  scheme: SchemeFile,
  number: string,
  today: string,
): Promise<RegisterEntry> {
  const row = await findEntryRow(scheme, number.trim());
  if (!row) throw failures.unknown(number);
  const [entry] = await entriesOf(scheme, [row], today);
  return entry!;
}

/** Every certificate in the register with its status on `today`, by organisation then number. */
export async function listRegister(scheme: SchemeFile, today: string): Promise<RegisterEntry[]> {
  const rows = await scheme.db
    .selectFrom('register_entry as e')
    .selectAll('e')
    .select(registerStateSql(today).as('state'))
    .execute();
  return entriesOf(scheme, rows.sort(inRegisterOrder), today);
}

/**
 * The register's order (organisation, then number). Whole registers are read in the table's own
 * order and sorted here: reading 50,000 wide rows in index order would jump about the file,
 * decrypting each page many times over. (JavaScript compares UTF-16 code units where SQLite compares
 * UTF-8 bytes; the two differ only between characters beyond U+FFFF and those from U+E000, which no
 * certificate number has.)
 */
export function inRegisterOrder(
  a: Pick<RegisterEntryRow, 'organisation' | 'certificate_number'>,
  b: Pick<RegisterEntryRow, 'organisation' | 'certificate_number'>,
): number {
  return byOrganisationThenNumber(a.organisation, a.certificate_number, b.organisation, b.certificate_number);
}

/** inRegisterOrder for rows read as arrays of values (publishedRegister): organisation, then number. */
export function byOrganisationThenNumber(
  organisationA: string,
  numberA: string,
  organisationB: string,
  numberB: string,
): number {
  if (organisationA !== organisationB) return organisationA < organisationB ? -1 : 1;
  return numberA < numberB ? -1 : numberA > numberB ? 1 : 0;
}

/** How many certificate numbers one query looks up at a time (well under SQLite's limit on parameters). */
const LOOKUP_CHUNK = 500;

type EventRow = { certificate_number: string } & RegisterEntry['events'][number];
type ConditionRow = { certificate_number: string } & RegisterEntry['conditions'][number];

/**
 * The events and conditions of these certificates (those with `has_history` = 1), each
 * certificate's in the order registerStatus expects.
 */
export async function historiesOf(
  scheme: SchemeFile,
  withHistory: readonly string[],
): Promise<{ events: Map<string, EventRow[]>; conditions: Map<string, ConditionRow[]> }> {
  const events = new Map<string, EventRow[]>();
  const conditions = new Map<string, ConditionRow[]>();
  for (let start = 0; start < withHistory.length; start += LOOKUP_CHUNK) {
    const numbers = withHistory.slice(start, start + LOOKUP_CHUNK);
    const eventRows = await scheme.db
      .selectFrom('register_event')
      .select(['certificate_number', 'kind', 'on_date', 'reason', 'superseded_by', 'recorded_by'])
      .where('certificate_number', 'in', numbers)
      .orderBy('on_date')
      .orderBy('recorded_at')
      .orderBy(sql`rowid`)
      .execute();
    for (const event of eventRows)
      append(events, event.certificate_number, {
        certificate_number: event.certificate_number,
        kind: event.kind,
        onDate: event.on_date,
        reason: event.reason,
        supersededBy: event.superseded_by,
        recordedBy: event.recorded_by,
      });
    const conditionRows = await scheme.db
      .selectFrom('register_condition')
      .select(['certificate_number', 'id', 'condition', 'due_on', 'met_on', 'met_note', 'met_recorded_by'])
      .where('certificate_number', 'in', numbers)
      .orderBy('due_on')
      .execute();
    for (const condition of conditionRows)
      append(conditions, condition.certificate_number, {
        certificate_number: condition.certificate_number,
        id: condition.id,
        condition: condition.condition,
        dueOn: condition.due_on,
        metOn: condition.met_on,
        metNote: condition.met_note,
        metRecordedBy: condition.met_recorded_by,
      });
  }
  return { events, conditions };
}

function append<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The status of one row on `today`: registerStatus over its history; for a certificate with no
 * history whose state was computed in SQL (registerStateSql, `stateOnToday`), its dates' words.
 */
export function statusOf(
  hasHistory: boolean,
  history: Omit<RegisterStatusInput, 'decisionDate' | 'interimReviewDue' | 'validUntil'>,
  dates: Pick<RegisterStatusInput, 'decisionDate' | 'interimReviewDue' | 'validUntil'>,
  today: string,
  stateOnToday: string | undefined,
): RegisterStatus {
  if (!hasHistory && stateOnToday !== undefined && isStateByDates(stateOnToday))
    return statusByDates(stateOnToday, dates);
  return registerStatus({ ...dates, ...history }, today);
}

/**
 * Register entries for these rows, with their history and their status on `today` (computed by
 * registerStatus, or for rows that carry the `state` registerStateSql computed for `today` and
 * have no history, from their dates by statusByDates: the whole register's 50,000 at once).
 */
export async function entriesOf(
  scheme: SchemeFile,
  rows: Array<RegisterEntryRow & { state?: string }>,
  today: string,
): Promise<RegisterEntry[]> {
  if (rows.length === 0) return [];
  const histories = await historiesOf(
    scheme,
    rows.filter((row) => row.has_history === 1).map((row) => row.certificate_number),
  );
  const contacts = await organisationContacts(
    scheme,
    rows.map((row) => row.organisation),
  );
  return rows.map((row) => {
    const own = (histories.events.get(row.certificate_number) ?? []).map(
      ({ certificate_number: _, ...event }) => event,
    );
    const ownConditions = (histories.conditions.get(row.certificate_number) ?? []).map(
      ({ certificate_number: _, ...condition }) => condition,
    );
    const dates = {
      decisionDate: row.decision_date,
      interimReviewDue: row.interim_review_due,
      validUntil: row.valid_until,
    };
    return {
      certificateNumber: row.certificate_number,
      organisation: row.organisation,
      level: row.level,
      ...dates,
      standardVersion: row.standard_version,
      signers: JSON.parse(row.signers_json) as string[],
      auditHead:
        row.audit_head_entries !== null && row.audit_head_hash !== null
          ? { entries: row.audit_head_entries, hash: row.audit_head_hash }
          : null,
      qrSignerKeyId: row.qr_signer_key_id,
      qrSignerPublicKey: row.qr_signer_spki,
      pdfSha256: row.pdf_sha256,
      source: row.source,
      importedAt: row.imported_at,
      ...(row.merged_from !== null ? { mergedFrom: row.merged_from } : {}),
      events: own,
      conditions: ownConditions,
      status: statusOf(
        row.has_history === 1,
        { conditions: ownConditions, events: own },
        dates,
        today,
        row.state,
      ),
      contact: contacts.get(row.organisation) ?? null,
    };
  });
}

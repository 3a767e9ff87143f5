import { randomUUID } from 'node:crypto';
import { REGISTER_EVENT_KINDS, type RegisterEventKind } from '../../shared/api';
import { UserFacingError } from '../../shared/errors';
import { isIsoDate } from '../../shared/scoring';
import type { NewRegisterEntryRow, RegisterEntryRow, SchemeFile } from '../scheme';
import type { PkiCertificate } from '../signing';
import { verifySignedRegister, type PublishedEntry } from './signed-register';
import { interimReviewDate } from './status';

/**
 * Merging registers from several scheme offices (issue 15 item 8). Another office's signed register
 * (register.json and its register.json.p7s) is read only after its signature checks against that
 * office's root, which the user names explicitly (`--trust`). Its certificates are added, each
 * once by number; a certificate already here with the same facts is left as it is; one whose
 * facts differ (organisation, level, dates, the PDF's fingerprint or its recorded history) is a
 * conflict: listed, never overwritten. The merge and every certificate it adds are audited.
 * Conditions are not in a published register, so none come across.
 */

export interface MergeRegisterInput {
  json: Uint8Array;
  signature: Uint8Array;
  /** The other office's root, trusted for this merge only. */
  trustedRoots: PkiCertificate[];
  actor: string;
  now: Date;
}

export interface MergeConflict {
  certificateNumber: string;
  /** What differs, in plain words: "level: here 2, theirs 3". */
  differences: string[];
}

export interface MergeResult {
  /** The other office as its register names it. */
  from: string;
  asOf: string;
  added: number;
  alreadyHere: number;
  conflicts: MergeConflict[];
}

/** How many entries one INSERT writes (16 columns each, well under SQLite's limit on parameters). */
const INSERT_CHUNK = 500;
/** How many conflicting numbers the audit entry lists by name (the count is always exact). */
const AUDITED_CONFLICT_NUMBERS = 200;

const unreadable = (number: string, why: string) =>
  new UserFacingError(
    'REGISTER_NOT_GENUINE',
    `Nothing was merged: the register is signed, but certificate ${number || '(no number)'} in it ${why}. Ask the other scheme office for a register written by Coproduction Panel.`,
  );

/** The checks a signed register's entry must pass before it can be stored here. */
function requireStorable(entry: PublishedEntry): void {
  const number = entry.certificateNumber;
  if (number.trim() !== number || number.length === 0) throw unreadable(number, 'has no usable number');
  if (!entry.organisation.trim()) throw unreadable(number, 'names no organisation');
  for (const date of [entry.decisionDate, entry.validUntil])
    if (!isIsoDate(date)) throw unreadable(number, `has a date that is not a calendar date (“${date}”)`);
  for (const event of entry.events) {
    if (!REGISTER_EVENT_KINDS.includes(event.kind as RegisterEventKind))
      throw unreadable(number, `records an event the app does not know (“${event.kind}”)`);
    if (!isIsoDate(event.onDate)) throw unreadable(number, `has an event dated “${event.onDate}”`);
  }
}

type Facts = Pick<PublishedEntry, 'organisation' | 'level' | 'decisionDate' | 'validUntil' | 'pdfSha256'>;

const FACTS: ReadonlyArray<[keyof Facts, string]> = [
  ['organisation', 'organisation'],
  ['level', 'level'],
  ['decisionDate', 'decision date'],
  ['validUntil', 'valid until'],
  ['pdfSha256', 'certificate file (SHA-256)'],
];

function historyOf(events: PublishedEntry['events']): string {
  return events
    .map((event) => `${event.onDate} ${event.kind}${event.supersededBy ? ` by ${event.supersededBy}` : ''}`)
    .sort()
    .join('; ');
}

function differencesBetween(ours: Facts & { history: string }, theirs: PublishedEntry): string[] {
  const differences = FACTS.filter(([field]) => ours[field] !== theirs[field]).map(
    ([field, words]) => `${words}: here ${String(ours[field])}, theirs ${String(theirs[field])}`,
  );
  const history = historyOf(theirs.events);
  if (history !== ours.history)
    differences.push(
      `history: here ${ours.history || 'nothing recorded'}, theirs ${history || 'nothing recorded'}`,
    );
  return differences;
}

/** The certificates already here with these numbers, with their history in the published form. */
async function existingEntries(
  scheme: SchemeFile,
  numbers: string[],
): Promise<Map<string, Facts & { history: string }>> {
  const found = new Map<string, Facts & { history: string }>();
  for (let start = 0; start < numbers.length; start += INSERT_CHUNK) {
    const chunk = numbers.slice(start, start + INSERT_CHUNK);
    const rows: Pick<
      RegisterEntryRow,
      'certificate_number' | 'organisation' | 'level' | 'decision_date' | 'valid_until' | 'pdf_sha256'
    >[] = await scheme.db
      .selectFrom('register_entry')
      .select(['certificate_number', 'organisation', 'level', 'decision_date', 'valid_until', 'pdf_sha256'])
      .where('certificate_number', 'in', chunk)
      .execute();
    if (rows.length === 0) continue;
    const events = await scheme.db
      .selectFrom('register_event')
      .select(['certificate_number', 'kind', 'on_date', 'reason', 'superseded_by'])
      .where('certificate_number', 'in', chunk)
      .execute();
    for (const row of rows)
      found.set(row.certificate_number, {
        organisation: row.organisation,
        level: row.level,
        decisionDate: row.decision_date,
        validUntil: row.valid_until,
        pdfSha256: row.pdf_sha256,
        history: historyOf(
          events
            .filter((event) => event.certificate_number === row.certificate_number)
            .map((event) => ({
              kind: event.kind,
              onDate: event.on_date,
              reason: event.reason,
              supersededBy: event.superseded_by,
            })),
        ),
      });
  }
  return found;
}

function newRow(entry: PublishedEntry, mergedFrom: string): NewRegisterEntryRow {
  return {
    certificate_number: entry.certificateNumber,
    organisation: entry.organisation,
    level: entry.level,
    decision_date: entry.decisionDate,
    interim_review_due: interimReviewDate(entry.decisionDate),
    valid_until: entry.validUntil,
    standard_version: entry.standardVersion,
    signers_json: JSON.stringify(entry.signers),
    audit_head_entries: entry.auditHead?.entries ?? null,
    audit_head_hash: entry.auditHead?.hash ?? null,
    // The QR text itself is not published; its signer's key is, and the other office checked it.
    qr_payload: '',
    qr_signer_key_id: entry.qrSignerKeyId,
    qr_signer_spki: entry.qrSignerPublicKey,
    pdf_sha256: entry.pdfSha256,
    source: 'certificate_pdf',
    imported_at: entry.importedAt,
    merged_from: mergedFrom,
  };
}

/**
 * `copanel register merge` and `register.merge`: adds another scheme office's signed register to
 * this one. Refused whole, with nothing changed, when the signature is not the trusted root's,
 * when the file was altered, or when an entry cannot be stored.
 */
export async function mergeRegister(scheme: SchemeFile, input: MergeRegisterInput): Promise<MergeResult> {
  const { register, root } = verifySignedRegister(input.json, input.signature, input.trustedRoots);
  const from = register.scheme.name;
  const mergedFrom = `${from} (root SHA-256 ${root.sha256.toString('hex')})`;
  register.entries.forEach(requireStorable);
  const theirs = new Map<string, PublishedEntry>();
  const conflicts: MergeConflict[] = [];
  for (const entry of register.entries) {
    const earlier = theirs.get(entry.certificateNumber);
    if (!earlier) theirs.set(entry.certificateNumber, entry);
    else {
      const differences = differencesBetween({ ...earlier, history: historyOf(earlier.events) }, entry);
      if (differences.length > 0)
        conflicts.push({
          certificateNumber: entry.certificateNumber,
          differences: differences.map((difference) => `listed twice in their register; ${difference}`),
        });
    }
  }
  const here = await existingEntries(scheme, [...theirs.keys()]);
  const toAdd: PublishedEntry[] = [];
  let alreadyHere = 0;
  for (const entry of theirs.values()) {
    const ours = here.get(entry.certificateNumber);
    if (!ours) {
      toAdd.push(entry);
      continue;
    }
    const differences = differencesBetween(ours, entry);
    if (differences.length === 0) alreadyHere += 1;
    else conflicts.push({ certificateNumber: entry.certificateNumber, differences });
  }
  const result: MergeResult = { from, asOf: register.asOf, added: toAdd.length, alreadyHere, conflicts };
  await scheme.mutate(
    input.actor,
    'register.merged',
    {
      from,
      rootSha256: root.sha256.toString('hex'),
      asOf: register.asOf,
      added: toAdd.length,
      alreadyHere,
      conflicts: conflicts.length,
      conflictNumbers: conflicts
        .slice(0, AUDITED_CONFLICT_NUMBERS)
        .map((conflict) => conflict.certificateNumber),
    },
    async (trx, alsoAudit) => {
      for (let start = 0; start < toAdd.length; start += INSERT_CHUNK) {
        const chunk = toAdd.slice(start, start + INSERT_CHUNK);
        await trx
          .insertInto('register_entry')
          .values(chunk.map((entry) => newRow(entry, mergedFrom)))
          .execute();
        const events = chunk.flatMap((entry) =>
          entry.events.map((event) => ({
            id: randomUUID(),
            certificate_number: entry.certificateNumber,
            kind: event.kind as RegisterEventKind,
            on_date: event.onDate,
            reason: event.reason,
            superseded_by: event.supersededBy,
            recorded_by: from,
            recorded_at: input.now.toISOString(),
          })),
        );
        for (let first = 0; first < events.length; first += INSERT_CHUNK)
          await trx
            .insertInto('register_event')
            .values(events.slice(first, first + INSERT_CHUNK))
            .execute();
        for (const entry of chunk)
          await alsoAudit('register.certificate_merged', {
            certificateNumber: entry.certificateNumber,
            organisation: entry.organisation,
            level: entry.level,
            pdfSha256: entry.pdfSha256,
            from,
          });
      }
    },
  );
  return result;
}

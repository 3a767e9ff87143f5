import { createHash } from 'node:crypto';
import type { CertificateRecord, PdfFile } from '../../shared/api';
import type { AwardLevel } from '../../shared/scoring';
import { UserFacingError } from '../../shared/errors';
import type { OpenCaseScope } from '../case';
import type { CertificateRow, ReadableCaseDb } from '../casefile';

/** How certificates are kept in the case file (the `certificate` table, migrations 1 and 4). */

type CaseDb = ReadableCaseDb;

/** One signature on a certificate, as recorded when it was made. */
export interface SignerRecord {
  memberId: string;
  name: string;
  /** The panel role in words, e.g. "Lead assessor". */
  role: string;
  keyId: string;
  /** The assessor certificate's number (its serial, hex). */
  certificateNumber: string;
  signedAt: string;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function pdfFile(fileName: string, bytes: Uint8Array): PdfFile {
  return { fileName, base64: Buffer.from(bytes).toString('base64'), sizeBytes: bytes.length };
}

export function signersOf(row: Pick<CertificateRow, 'signers_json'>): SignerRecord[] {
  return JSON.parse(row.signers_json) as SignerRecord[];
}

export function certificateRecord(
  row: Omit<CertificateRow, 'superseded_on_appeal' | 'superseded_by'>,
  coSignerName: string | null,
): CertificateRecord {
  const issued = row.status === 'issued';
  return {
    id: row.id,
    certificateNumber: row.number,
    level: row.level as AwardLevel,
    status: row.revoked_at ? 'revoked' : row.status,
    decisionDate: row.valid_from,
    validUntil: row.expires_at,
    interimReviewDue: row.interim_review_due,
    sha256: issued ? row.pdf_sha256 : null,
    signers: signersOf(row).map(({ name, role, keyId, signedAt }) => ({ name, role, keyId, signedAt })),
    issuedAt: issued ? row.issued_at : null,
    coSignerName: issued ? null : coSignerName,
  };
}

/** Every certificate in the case file, newest first. */
export async function listCertificates(scope: OpenCaseScope): Promise<CertificateRecord[]> {
  const { db } = scope.caseFile;
  const rows = await db.selectFrom('certificate').selectAll().orderBy('issued_at', 'desc').execute();
  const names = await memberNames(db);
  return rows.map((row) => certificateRecord(row, nominatedCoSigner(row, names)));
}

function nominatedCoSigner(
  row: CertificateRow,
  names: Map<string, { name: string; consent: boolean }>,
): string | null {
  const nominee = row.co_signer_member_id ? names.get(row.co_signer_member_id) : undefined;
  return nominee?.consent ? nominee.name : null;
}

async function memberNames(db: CaseDb): Promise<Map<string, { name: string; consent: boolean }>> {
  const rows = await db.selectFrom('panel_member').select(['id', 'name', 'consent_to_be_named']).execute();
  return new Map(rows.map((row) => [row.id, { name: row.name, consent: row.consent_to_be_named === 1 }]));
}

export async function findCertificate(db: CaseDb, certificateId: string): Promise<CertificateRow> {
  const row = await db
    .selectFrom('certificate')
    .selectAll()
    .where('id', '=', certificateId)
    .executeTakeFirst();
  if (!row)
    throw new UserFacingError(
      'NOT_FOUND',
      'That certificate is not in this case file. Refresh the list of certificates.',
    );
  return row;
}

/** The certificate for this assessment that has been neither withdrawn nor replaced on appeal, if there is one. */
export async function activeCertificate(db: CaseDb, cycleId: string): Promise<CertificateRow | undefined> {
  return db
    .selectFrom('certificate')
    .selectAll()
    .where('cycle_id', '=', cycleId)
    .where('revoked_at', 'is', null)
    .where('superseded_on_appeal', 'is', null)
    .executeTakeFirst();
}

/**
 * The certificate number: "CPS-<year of decision>-<first 8 characters of the case id>", the same
 * every time for this case, with "-2", "-3"… for later certificates in the same case file
 * (an interim review, a renewal, or a certificate issued again after one was withdrawn).
 */
export async function certificateNumberFor(
  db: CaseDb,
  caseId: string,
  decisionDate: string,
): Promise<string> {
  const issuedBefore = await db
    .selectFrom('certificate')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  const base = `CPS-${decisionDate.slice(0, 4)}-${caseId.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
  const count = Number(issuedBefore.count);
  return count === 0 ? base : `${base}-${count + 1}`;
}

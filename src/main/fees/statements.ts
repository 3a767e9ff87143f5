import { FEE_ACTIVITY_NAMES, UserFacingError, type BankDetails, type FeeClaim } from '../../shared/api';
import type { MemberRole } from '../../shared/vocabulary';
import type { CaseFile } from '../casefile';
import { readClaims } from './claims';
import { formatHours, formatMiles, formatPounds, plainPounds, sumPence } from './money';
import { csvText } from '../csv';

/**
 * What the fee statement, the invoice summary and the finance office's CSV say, worked out from the
 * approved claims in a case file. Only approved claims count; their amounts are the ones fixed at
 * approval, never recomputed.
 */

export interface StatementLine {
  what: string;
  amount: string;
}

export interface StatementDay {
  workedOn: string;
  lines: StatementLine[];
  total: string;
}

export interface FeeStatementView {
  schemeName: string;
  organisationName: string;
  memberName: string;
  role: string;
  days: StatementDay[];
  total: string;
  totalPence: number;
  issuedOn: string;
}

export interface InvoiceLine {
  who: string;
  days: number;
  fees: string;
  mileage: string;
  expenses: string;
  total: string;
}

export interface InvoiceSummaryView {
  schemeName: string;
  organisationName: string;
  organisationAddress: string[];
  reference: string;
  lines: InvoiceLine[];
  feesTotal: string;
  mileageTotal: string;
  expensesTotal: string;
  total: string;
  totalPence: number;
  bank: BankDetails;
  issuedOn: string;
}

const ROLE_WORDS: Readonly<Record<MemberRole, string>> = {
  lead: 'Lead assessor',
  assessor: 'Expert by Experience assessor',
  co_assessor: 'Co-assessor',
  observer: 'Observer',
};

function totalOf(claim: FeeClaim): number {
  return claim.totalPence ?? 0;
}

async function approvedClaims(caseFile: CaseFile): Promise<FeeClaim[]> {
  const claims = await readClaims(caseFile.db, { approvedOnly: true });
  if (claims.length === 0)
    throw new UserFacingError(
      'WRONG_STAGE',
      'No claim on this case has been approved yet. The lead approves claims first; then statements can be made.',
    );
  return claims;
}

async function caseNames(caseFile: CaseFile): Promise<{ name: string; address: string[]; caseId: string }> {
  const organisation = await caseFile.db
    .selectFrom('organisation')
    .select(['name', 'address'])
    .executeTakeFirstOrThrow();
  return {
    name: organisation.name,
    address: (organisation.address ?? '').split('\n').filter((line) => line.trim()),
    caseId: caseFile.caseId,
  };
}

function dayOf(claim: FeeClaim): StatementDay {
  const minutes = sumPence(claim.time.map((line) => line.minutes));
  const lines: StatementLine[] = [];
  if (minutes > 0)
    lines.push({
      what: `Time: ${claim.time.map((line) => `${FEE_ACTIVITY_NAMES[line.activity]} ${formatHours(line.minutes)}`).join(', ')}`,
      amount: formatPounds(claim.timePence ?? 0),
    });
  if (claim.milesTenths > 0)
    lines.push({
      what: `Mileage: ${formatMiles(claim.milesTenths)} miles, ${claim.mileageDescription}`,
      amount: formatPounds(claim.mileagePence ?? 0),
    });
  for (const expense of claim.expenses)
    lines.push({
      what: `Expense: ${expense.description} (receipt ${expense.receiptName})`,
      amount: formatPounds(expense.amountPence),
    });
  return { workedOn: claim.workedOn, lines, total: formatPounds(totalOf(claim)) };
}

/** The fee statement for one member: each approved day, line by line, and the total. */
export async function feeStatementView(
  caseFile: CaseFile,
  memberId: string,
  schemeName: string,
  issuedOn: string,
): Promise<FeeStatementView> {
  const claims = (await approvedClaims(caseFile)).filter((claim) => claim.memberId === memberId);
  if (claims.length === 0)
    throw new UserFacingError('NOT_FOUND', 'That member has no approved claim on this case.');
  const member = await caseFile.db
    .selectFrom('panel_member')
    .select(['name', 'role'])
    .where('id', '=', memberId)
    .executeTakeFirstOrThrow();
  const { name } = await caseNames(caseFile);
  const totalPence = sumPence(claims.map(totalOf));
  return {
    schemeName,
    organisationName: name,
    memberName: member.name,
    role: ROLE_WORDS[member.role],
    days: claims.map(dayOf),
    total: formatPounds(totalPence),
    totalPence,
    issuedOn,
  };
}

/**
 * The invoice summary for the organisation assessed: each member's approved fees, mileage and
 * expenses, the total, and where to pay. Members who did not consent to be named appear by role.
 */
export async function invoiceSummaryView(
  caseFile: CaseFile,
  schemeName: string,
  bank: BankDetails,
  issuedOn: string,
): Promise<InvoiceSummaryView> {
  const claims = await approvedClaims(caseFile);
  const { name, address, caseId } = await caseNames(caseFile);
  const members = await caseFile.db
    .selectFrom('panel_member')
    .select(['id', 'name', 'role', 'consent_to_be_named'])
    .where('id', 'in', [...new Set(claims.map((claim) => claim.memberId))])
    .orderBy('name')
    .execute();
  const lines = members.map((member, index): InvoiceLine & { pence: [number, number, number] } => {
    const mine = claims.filter((claim) => claim.memberId === member.id);
    const pence: [number, number, number] = [
      sumPence(mine.map((claim) => claim.timePence ?? 0)),
      sumPence(mine.map((claim) => claim.mileagePence ?? 0)),
      sumPence(mine.map((claim) => claim.expensesPence)),
    ];
    return {
      who:
        member.consent_to_be_named === 1
          ? `${member.name}, ${ROLE_WORDS[member.role]}`
          : `${ROLE_WORDS[member.role]} ${index + 1} (name withheld)`,
      days: mine.length,
      fees: formatPounds(pence[0]),
      mileage: formatPounds(pence[1]),
      expenses: formatPounds(pence[2]),
      total: formatPounds(sumPence(pence)),
      pence,
    };
  });
  const column = (i: 0 | 1 | 2) => sumPence(lines.map((line) => line.pence[i]));
  const totalPence = column(0) + column(1) + column(2);
  return {
    schemeName,
    organisationName: name,
    organisationAddress: address,
    reference: `FEES-${caseId.slice(0, 8).toUpperCase()}`,
    lines: lines.map(({ pence: _pence, ...line }) => line),
    feesTotal: formatPounds(column(0)),
    mileageTotal: formatPounds(column(1)),
    expensesTotal: formatPounds(column(2)),
    total: formatPounds(totalPence),
    totalPence,
    bank,
    issuedOn,
  };
}

export const FEES_CSV_HEADER = [
  'case_id',
  'organisation',
  'member',
  'role',
  'worked_on',
  'minutes',
  'miles',
  'time_gbp',
  'mileage_gbp',
  'expenses_gbp',
  'total_gbp',
  'approved_at',
] as const;

/** Every approved claim on the case, one row each, amounts in pounds and pence (no floats). */
export async function feesCsv(caseFile: CaseFile): Promise<string> {
  const claims = await approvedClaims(caseFile);
  const { name, caseId } = await caseNames(caseFile);
  const roles = await caseFile.db.selectFrom('panel_member').select(['id', 'role']).execute();
  const rows = claims.map((claim) => [
    caseId,
    name,
    claim.memberName,
    ROLE_WORDS[roles.find((row) => row.id === claim.memberId)?.role ?? 'assessor'],
    claim.workedOn,
    sumPence(claim.time.map((line) => line.minutes)),
    formatMiles(claim.milesTenths),
    plainPounds(claim.timePence ?? 0),
    plainPounds(claim.mileagePence ?? 0),
    plainPounds(claim.expensesPence),
    plainPounds(totalOf(claim)),
    claim.approvedAt ?? '',
  ]);
  return csvText([FEES_CSV_HEADER, ...rows]);
}

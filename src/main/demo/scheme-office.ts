import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addMonths } from '../../shared/scoring';
import type { ScorePoint } from '../../shared/scale';
import type { AssessorRole, BankDetails, FeeRates } from '../../shared/api';
import { todayIso } from '../../shared/dates';
import { readBundledPracticeCase } from '../scheme';
import type { BuiltPanel, PanelClient } from './panel';

/**
 * The demo's scheme office (issue 14), through the API as the Scheme screens use it: an encrypted
 * scheme file whose directory holds the demo panel with their training, one assessor calibrated
 * against the bundled practice case, the fee rates, and then one member's claim approved by the lead.
 */

export const DEMO_SCHEME_FILE = 'harbour-minds-scheme.copanel-scheme';
/** The fictional person who runs the scheme office. */
const OFFICE = 'Mo Reyes';
/** £100 a day, £60 a half-day, £15 an hour, 45p a mile. */
export const DEMO_FEE_RATES: FeeRates = {
  dayRatePence: 10_000,
  halfDayRatePence: 6_000,
  hourlyRatePence: 1_500,
  mileagePencePerMile: 45,
};
const BANK: BankDetails = {
  payee: 'Coproduction Quality Standard (fictional)',
  bank: 'Example Co-operative Bank',
  sortCode: '08-99-99',
  accountNumber: '12345678',
};

export interface DirectoryPerson {
  name: string;
  roles: AssessorRole[];
  consentToBeNamed: boolean;
}

export interface DemoSchemeOffice {
  path: string;
  /** Directory ids, in the order the people were given. */
  directoryIds: string[];
}

/** Creates the scheme file, its directory with training records, the rates, and calibrates `calibrate`. */
export async function setUpDemoSchemeOffice(
  office: PanelClient,
  options: {
    schemeName: string;
    passphrase: string;
    resourcesDir: string;
    people: readonly DirectoryPerson[];
  },
  calibrate: number,
): Promise<DemoSchemeOffice> {
  const { path } = await office.call('scheme.create', {
    fileName: DEMO_SCHEME_FILE,
    schemeName: options.schemeName,
    passphrase: options.passphrase,
    yourName: OFFICE,
  });
  const directoryIds: string[] = [];
  for (const person of options.people) {
    const { id } = await office.call('scheme.addAssessor', { assessor: person });
    await office.call('scheme.recordTraining', {
      training: {
        assessorId: id,
        course: 'Coproduction assessor training',
        attendedOn: addMonths(todayIso(), -3),
        trainer: 'Morgan Price',
      },
    });
    directoryIds.push(id);
  }
  await office.call('fees.setSchedule', { rates: DEMO_FEE_RATES, bank: BANK });
  const assessorId = directoryIds[calibrate];
  if (assessorId) await calibrateAgainstPracticeCase(office, assessorId, options.resourcesDir);
  return { path, directoryIds };
}

/**
 * The assessor scores the bundled practice case: the reference everywhere but one criterion, one
 * point off — close enough to pass the scheme's default thresholds.
 */
async function calibrateAgainstPracticeCase(
  office: PanelClient,
  assessorId: string,
  resourcesDir: string,
): Promise<void> {
  const { practiceCaseId } = await office.call('calibration.markBundled', {});
  const practice = await office.call('calibration.practiceCase', { practiceCaseId });
  const reference = new Map(
    readBundledPracticeCase(resourcesDir).reference.map((row) => [row.criterionId, row.score]),
  );
  const scores: Record<string, ScorePoint> = {};
  for (const [index, { id }] of practice.criteria.entries()) {
    const score = reference.get(id) ?? 2;
    scores[id] = index === 0 ? ((score === 3 ? 2 : score + 1) as ScorePoint) : score;
  }
  const result = await office.call('calibration.submit', { practiceCaseId, assessorId, scores });
  if (!result.calibrated) throw new Error(`The demo assessor was not calibrated: ${result.verdict}`);
}

/**
 * A member records a day's claim — 6 h 30 at £15 (£97.50), 24.6 miles at 45p (£11.07) and a £12.40
 * fare: £120.97 — the lead approves it at the scheme's rates; returns the member's fee statement.
 */
export async function claimAndApproveFees({ caseId, lead }: BuiltPanel, member: PanelClient) {
  const ticket = Buffer.from('%PDF-1.7 fictional train ticket');
  const claim = await member.call('fees.recordClaim', {
    caseId,
    claim: {
      workedOn: todayIso(),
      time: [
        { activity: 'preparation', minutes: 90 },
        { activity: 'visit', minutes: 300 },
      ],
      milesTenths: 246,
      mileageDescription: 'Home to Portmere and back',
      expenses: [
        {
          description: 'Train to Portmere',
          amountPence: 1240,
          receipt: { fileName: 'train-ticket.pdf', mediaType: 'application/pdf', sizeBytes: ticket.length },
        },
      ],
      notes: '',
    },
  });
  // The receipt's bytes follow the claim, as the app's file chooser sends them.
  const folder = mkdtempSync(join(tmpdir(), 'copanel-demo-receipt-'));
  try {
    const path = join(folder, 'train-ticket.pdf');
    writeFileSync(path, ticket);
    for (const expense of claim.expenses)
      await member.call('fees.attachReceipt', { caseId, expenseId: expense.id, path });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  await lead.call('fees.approve', { caseId, claimId: claim.id });
  return lead.call('fees.statement', { caseId, memberId: member.memberId });
}

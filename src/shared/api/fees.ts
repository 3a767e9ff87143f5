import { z } from 'zod';
import type { PdfFile } from './certificate';
import {
  caseId,
  isoDate,
  localPath,
  memberId,
  noInput,
  recordId,
  sentFile,
  sentFileSize,
  shortText,
} from './fields';
import { op, operations } from './operation';

/**
 * Time and fees (issue 14 item 4). Money is integer pence (GBP) everywhere, distances are whole
 * tenths of a mile and time is whole minutes: no floating point touches an amount. Validated here
 * and nowhere else; src/main/fees applies them.
 */

/** What a member's time on a case is spent on. */
export const FEE_ACTIVITIES = ['preparation', 'visit', 'moderation', 'report_writing', 'travel'] as const;
export type FeeActivity = (typeof FEE_ACTIVITIES)[number];

export const FEE_ACTIVITY_NAMES: Readonly<Record<FeeActivity, string>> = {
  preparation: 'Preparation',
  visit: 'Visit',
  moderation: 'Moderation',
  report_writing: 'Report writing',
  travel: 'Travel',
};

/** The most a single amount may be: £100,000.00, far above any real fee, well inside safe integers. */
export const MAX_PENCE = 10_000_000;
const MINUTES_IN_A_DAY = 24 * 60;

const pence = (what: string) =>
  z
    .number()
    .int(`${what} is a whole number of pence.`)
    .min(1, `${what} cannot be zero: enter the amount in pounds and pence.`)
    .max(MAX_PENCE, `${what} is more than £100,000; check the amount.`);

/** The scheme's rates, kept in the scheme file. */
export const feeRates = z
  .object({
    dayRatePence: pence('The day rate'),
    halfDayRatePence: pence('The half-day rate'),
    hourlyRatePence: pence('The hourly rate'),
    mileagePencePerMile: pence('The mileage rate').max(
      1_000,
      'The mileage rate is more than £10 a mile; check it.',
    ),
  })
  .strict()
  .refine((rates) => rates.halfDayRatePence <= rates.dayRatePence, {
    message: 'The half-day rate cannot be more than the day rate.',
    path: ['halfDayRatePence'],
  })
  .refine((rates) => rates.hourlyRatePence <= rates.halfDayRatePence, {
    message: 'The hourly rate cannot be more than the half-day rate.',
    path: ['hourlyRatePence'],
  });
export type FeeRates = z.infer<typeof feeRates>;

/** Where organisations pay the scheme, printed on the invoice summary. */
export const bankDetails = z
  .object({
    payee: shortText(120).min(1, 'Enter who payments are made to.'),
    bank: shortText(120).min(1, 'Enter the bank’s name.'),
    sortCode: z
      .string()
      .trim()
      .regex(/^\d{2}-\d{2}-\d{2}$/, 'Write the sort code like 12-34-56.'),
    accountNumber: z
      .string()
      .trim()
      .regex(/^\d{8}$/, 'An account number is 8 digits.'),
  })
  .strict();
export type BankDetails = z.infer<typeof bankDetails>;

export const feeSchedule = z.object({ rates: feeRates, bank: bankDetails }).strict();
export type FeeSchedule = z.infer<typeof feeSchedule>;

/**
 * One expense with its receipt. The claim names the receipt (its name, type and size, at most
 * 100 MB); its bytes follow straight after, one receipt at a time, with `fees.attachReceipt` (a
 * streamed upload in browser mode, by path in the desktop app), as evidence attachments do.
 */
export const expenseInput = z
  .object({
    description: shortText(200).min(1, 'Say what the expense was for.'),
    amountPence: pence('An expense'),
    receipt: sentFile('receipt'),
  })
  .strict();

/** A member's claim for one day's work on a case. */
export const claimInput = z
  .object({
    workedOn: isoDate,
    time: z
      .array(
        z
          .object({
            activity: z.enum(FEE_ACTIVITIES),
            minutes: z
              .number()
              .int('Enter time in whole minutes.')
              .min(1, 'Time cannot be zero or negative.')
              .max(MINUTES_IN_A_DAY, 'There are only 24 hours in a day.'),
          })
          .strict(),
      )
      .max(FEE_ACTIVITIES.length),
    milesTenths: z
      .number()
      .int('Enter miles to one decimal place.')
      .min(0, 'Miles cannot be negative.')
      .max(20_000, 'That is more than 2,000 miles in a day; check it.'),
    mileageDescription: shortText(200),
    expenses: z.array(expenseInput).max(20),
    notes: shortText(1000),
  })
  .strict()
  .superRefine((claim, issues) => {
    const activities = claim.time.map((line) => line.activity);
    if (new Set(activities).size !== activities.length)
      issues.addIssue({ code: 'custom', message: 'Record each activity once for the day.' });
    const minutes = claim.time.reduce((sum, line) => sum + line.minutes, 0);
    if (minutes > MINUTES_IN_A_DAY)
      issues.addIssue({
        code: 'custom',
        message: `That is ${Math.floor(minutes / 60)} hours in one day; there are only 24. Check the times.`,
      });
    if (minutes === 0 && claim.milesTenths === 0 && claim.expenses.length === 0)
      issues.addIssue({ code: 'custom', message: 'Record some time, mileage or an expense to claim.' });
    if (claim.milesTenths > 0 && !claim.mileageDescription)
      issues.addIssue({ code: 'custom', message: 'Say where the miles were travelled, from and to.' });
  });
export type ClaimInput = z.infer<typeof claimInput>;

export const recordClaimInput = z.object({ caseId, claim: claimInput }).strict();

/** One claim as a member or the lead sees it. Amounts are pence; before approval they use today's rates. */
export interface FeeClaim {
  id: string;
  memberId: string;
  memberName: string;
  workedOn: string;
  state: 'recorded' | 'approved';
  time: { activity: FeeActivity; minutes: number }[];
  milesTenths: number;
  mileageDescription: string;
  expenses: {
    id: string;
    description: string;
    amountPence: number;
    receiptName: string;
    /** The receipt's SHA-256 once its bytes have arrived; null while it is still to be sent. */
    receiptSha256: string | null;
    /** The receipt's size once it has arrived (0 before). */
    receiptSizeBytes: number;
  }[];
  notes: string;
  timePence: number | null;
  mileagePence: number | null;
  expensesPence: number;
  totalPence: number | null;
  approvedBy: string | null;
  approvedAt: string | null;
}

/** The finance office's CSV, carried as text. */
export interface CsvFile {
  fileName: string;
  text: string;
}

/**
 * Time and fees' operations. A claim is always the signed-in member's own; only the lead approves
 * and makes the invoice summary and the CSV; a member may download their own fee statement. The
 * rates and bank details come from the scheme file open in this app (the scheme office's computer).
 */
export const feesOperations = operations('fees', {
  'fees.schedule': op<FeeSchedule | null>()({
    input: noInput,
    access: 'anyone',
    effect: 'read',
    summary: 'Shows the scheme’s fee rates and bank details, if set.',
  }),
  'fees.setSchedule': op<FeeSchedule>()({
    input: feeSchedule.extend({
      /**
       * The schedule as the form showed it (null: none was set yet): refused as CHANGED_ELSEWHERE
       * if it was changed since.
       */
      savedBefore: feeSchedule.nullable().optional(),
    }),
    access: 'anyone',
    effect: 'change',
    summary: 'Sets the scheme’s fee rates and bank details.',
  }),
  'fees.recordClaim': op<FeeClaim>()({
    input: recordClaimInput,
    access: 'case',
    effect: 'change',
    summary: 'Records your own claim for a day’s work on the case: time, mileage and expenses with receipts.',
  }),
  'fees.claims': op<FeeClaim[]>()({
    input: z.object({ caseId }).strict(),
    access: 'case',
    effect: 'read',
    summary: 'Lists your claims on the case (the lead sees everyone’s).',
  }),
  'fees.attachReceipt': op<FeeClaim>()({
    input: z
      .object({
        caseId,
        expenseId: recordId,
        /** The receipt's size, as the screen knows it. */
        sizeBytes: sentFileSize('receipt').optional(),
        /** The receipt chosen in the system's file dialog (desktop app) or named to the CLI; browser mode uploads it instead. */
        path: localPath.optional(),
      })
      .strict(),
    access: 'case',
    effect: 'change',
    transfer: 'upload',
    summary:
      'Sends the receipt named on one of your own claims, kept encrypted in the case file (at most 100 MB).',
  }),
  'fees.exportReceipt': op<{ path: string | null; sizeBytes: number }>()({
    input: z
      .object({
        caseId,
        expenseId: recordId,
        /** Where to save it on this computer (desktop app and CLI); browser mode downloads it instead. */
        path: localPath.optional(),
      })
      .strict(),
    access: 'case',
    effect: 'change',
    transfer: 'download',
    summary:
      'Saves a copy of a claim’s receipt (your own; the lead may save anyone’s), or downloads it in a browser.',
  }),
  'fees.approve': op<FeeClaim>()({
    input: z.object({ caseId, claimId: recordId }).strict(),
    access: ['lead'],
    effect: 'change',
    summary: 'Approves one claim at the scheme’s rates.',
  }),
  'fees.statement': op<PdfFile>()({
    input: z.object({ caseId, memberId }).strict(),
    access: 'case',
    effect: 'read',
    summary: 'Makes the fee statement PDF of one member’s approved claims.',
  }),
  'fees.invoice': op<PdfFile>()({
    input: z.object({ caseId }).strict(),
    access: ['lead'],
    effect: 'read',
    summary: 'Makes the invoice summary PDF for the organisation assessed.',
  }),
  'fees.csv': op<CsvFile>()({
    input: z.object({ caseId }).strict(),
    access: ['lead'],
    effect: 'read',
    summary: 'Exports the approved claims as CSV for the finance office.',
  }),
});

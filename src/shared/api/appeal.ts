import { z } from 'zod';
import { caseId, isoDate, longText, memberId, reason, recordId } from './fields';
import { op, operations } from './operation';

/**
 * Appeals (issue 15, item 3): an organisation appeals a decision; a review panel of members who
 * did not sit on the original panel reviews the moderation record and decides. The rules live in
 * src/main/appeals; these are the shapes that cross the API.
 */

/** What a review panel can decide. */
export const APPEAL_OUTCOMES = ['dismissed', 'upheld', 'varied'] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

/** Each outcome in plain words, the same on the screen and in the report. */
export const APPEAL_OUTCOME_WORDS: Record<AppealOutcome, { title: string; meaning: string }> = {
  dismissed: {
    title: 'Dismiss the appeal',
    meaning:
      'The grounds are not a reason to look at the decision again (for example, they are about the standard itself, not about how this assessment was done). The decision stands.',
  },
  upheld: {
    title: 'Uphold the original decision',
    meaning:
      'The review panel looked at the moderation record and confirms the original decision: it was reached fairly and the evidence supports it. The decision stands.',
  },
  varied: {
    title: 'Vary the decision',
    meaning:
      'The appeal succeeds: moderation reopens with the reason “appeal”, a new decision is taken, and a new certificate replaces the old one.',
  },
};

export interface AppealReviewer {
  memberId: string;
  name: string;
  isLead: boolean;
}

export interface AppealRecord {
  id: string;
  /** The decision appealed against, as it was when the appeal arrived. */
  decisionDate: string;
  decidedLevel: number | null;
  certificateNumber: string | null;
  /** Calendar dates (Europe/London). */
  receivedOn: string;
  deadline: string;
  late: boolean;
  lateReason: string | null;
  grounds: string;
  recordedBy: string;
  recordedAt: string;
  reviewers: AppealReviewer[];
  outcome: AppealOutcome | null;
  outcomeReasons: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  /** The certificate issued in place of the old one after a varied outcome, once it is issued. */
  replacedBy: string | null;
}

export interface AppealsView {
  /** How many days after the decision an appeal is in time, and where that number comes from. */
  appealDays: number;
  appealDaysFrom: 'scheme' | 'default' | 'default_scheme_not_open';
  /** The decision an appeal would be against now (null: no decision yet). */
  decision: { decisionDate: string; level: number | null; certificateNumber: string | null } | null;
  /** The last day an appeal against it is in time. */
  deadline: string | null;
  /** Every appeal in this case file, newest first. */
  appeals: AppealRecord[];
  /** Members who may sit on a review panel: added after the decision, so not on the original panel. */
  eligibleReviewers: Array<{ memberId: string; name: string }>;
}

/** What a change to an appeal returns: the appeals, and what happened in the scheme's register. */
export interface AppealChange {
  appeals: AppealsView;
  register: string;
}

export const appealOperations = operations('appeal', {
  'appeal.view': op<AppealsView>()({
    input: z.object({ caseId }).strict(),
    access: 'case',
    effect: 'read',
    summary: 'Shows the appeals against this case’s decisions, the deadline and who may review.',
  }),
  'appeal.record': op<AppealChange>()({
    input: z
      .object({
        caseId,
        receivedOn: isoDate.optional(),
        grounds: longText.refine((text) => text.length > 0, 'Write the grounds of the appeal.'),
        lateReason: reason.optional(),
      })
      .strict(),
    access: ['lead'],
    effect: 'change',
    summary:
      'Records an organisation’s appeal against the decision, with its grounds and the date it arrived.',
  }),
  'appeal.formPanel': op<AppealChange>()({
    input: z
      .object({
        caseId,
        appealId: recordId,
        memberIds: z.array(memberId).min(2, 'A review panel needs at least two members.').max(7),
        leadMemberId: memberId,
      })
      .strict(),
    access: ['lead'],
    effect: 'change',
    summary:
      'Forms the review panel from members who did not sit on the original panel, one of them its lead.',
  }),
  'appeal.decide': op<AppealChange>()({
    input: z
      .object({
        caseId,
        appealId: recordId,
        outcome: z.enum(APPEAL_OUTCOMES),
        reasons: longText.refine((text) => text.length > 0, 'Give the review panel’s reasons.'),
      })
      .strict(),
    access: 'case',
    effect: 'change',
    summary: 'The review panel’s lead records its decision on the appeal: dismiss, uphold or vary.',
  }),
});

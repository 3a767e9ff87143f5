import { APPEAL_OUTCOME_WORDS, type PanelMember } from '../../shared/api';
import { currentCycle, type OpenCaseScope } from '../case';
import type { ReportAppeal } from '../documents';
import { londonDate } from '../../shared/dates';
import { appealRecords } from './appeals';

/**
 * The report's "Appeal" section: every appeal against this assessment's decisions, oldest first,
 * and the review panels' members, who are listed there rather than as the panel that assessed.
 */
export async function appealsForReport(
  scope: OpenCaseScope,
  members: readonly PanelMember[],
): Promise<{ appeals: ReportAppeal[]; reviewerIds: Set<string> }> {
  const cycle = await currentCycle(scope.caseFile.db);
  const records = (await appealRecords(scope.caseFile.db, cycle.id)).reverse();
  const consent = new Map(members.map((member) => [member.id, member.consentToBeNamed]));
  const reviewerIds = new Set(
    records.flatMap((appeal) => appeal.reviewers.map((reviewer) => reviewer.memberId)),
  );
  const appeals = records.map((appeal): ReportAppeal => ({
    against: [
      `The decision of ${appeal.decisionDate}`,
      appeal.decidedLevel === null ? 'not yet awarded' : `Level ${appeal.decidedLevel}`,
      ...(appeal.certificateNumber ? [`certificate ${appeal.certificateNumber}`] : []),
    ].join(', '),
    receivedOn: appeal.receivedOn,
    deadline: appeal.deadline,
    lateReason: appeal.lateReason,
    grounds: appeal.grounds,
    reviewPanel: [...appeal.reviewers]
      .sort((a, b) => Number(b.isLead) - Number(a.isLead))
      .map((reviewer) =>
        consent.get(reviewer.memberId)
          ? { name: reviewer.name, isLead: reviewer.isLead }
          : { isLead: reviewer.isLead },
      ),
    outcome:
      appeal.outcome === null
        ? null
        : {
            ...APPEAL_OUTCOME_WORDS[appeal.outcome],
            reasons: appeal.outcomeReasons ?? '',
            decidedOn: appeal.decidedAt ? londonDate(new Date(appeal.decidedAt)) : '',
          },
    replacedBy: appeal.replacedBy,
  }));
  return { appeals, reviewerIds };
}

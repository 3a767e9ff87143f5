import { randomUUID } from 'node:crypto';
import type { PanelChange } from '../../shared/api';
import { UserFacingError } from '../../shared/errors';
import type { AssessmentCycle, PanelChangeStage, WritableCaseDb } from '../casefile';
import { dateInWords } from '../documents';
import type { CaseDb, MemberRecord } from './records';

/**
 * What the lead changes about a member once scoring has opened — a PIN reset, a corrected name or
 * consent — is kept with the lead's reason and shown to the whole panel (moderation screen, report),
 * so nobody can quietly take over another member's place.
 */

export interface PanelChangeRequest {
  member: MemberRecord;
  kind: PanelChange['kind'];
  reason: string;
  changedBy: string;
  details?: Record<string, unknown>;
}

/** Where the assessment stands, as a change records it. */
function changeStage(cycle: AssessmentCycle): PanelChangeStage {
  if (cycle.status === 'scoring') return 'scoring';
  if (cycle.status === 'moderating') return 'moderation';
  return 'decided';
}

/** The reason the lead gave, or INVALID_INPUT on the `reason` field saying why one is needed. */
export function requireChangeReason(reason: string | undefined, whyNeeded: string): string {
  const given = reason?.trim() ?? '';
  if (given === '') {
    throw new UserFacingError('INVALID_INPUT', whyNeeded, [{ field: ['reason'], message: whyNeeded }]);
  }
  return given;
}

export async function recordPanelChange(
  trx: WritableCaseDb,
  cycle: AssessmentCycle,
  request: PanelChangeRequest,
): Promise<{ stage: PanelChangeStage; reason: string }> {
  const stage = changeStage(cycle);
  await trx
    .insertInto('panel_change')
    .values({
      id: randomUUID(),
      cycle_id: cycle.id,
      member_id: request.member.id,
      kind: request.kind,
      stage,
      reason: request.reason,
      details_json: JSON.stringify({ memberName: request.member.name, ...request.details }),
      changed_by: request.changedBy,
      changed_at: new Date().toISOString(),
    })
    .execute();
  return { stage, reason: request.reason };
}

/** What `details_json` holds: the member's name at the time; for a change of details, the new name and consent. */
interface ChangeDetails {
  memberName?: string;
  name?: string;
  consentToBeNamed?: boolean;
}

const STAGE_WORDS: Record<PanelChangeStage, string> = {
  scoring: 'while scoring was open',
  moderation: 'during moderation',
  decided: 'after the decision',
};

/** Every change since scoring opened, oldest first, as the panel reads them. */
export async function panelChanges(
  db: CaseDb,
  cycleId: string,
  names: ReadonlyMap<string, string>,
): Promise<PanelChange[]> {
  const rows = await db
    .selectFrom('panel_change')
    .selectAll()
    .where('cycle_id', '=', cycleId)
    .orderBy('changed_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => {
    const details = JSON.parse(row.details_json) as ChangeDetails;
    const change: PanelChange = {
      id: row.id,
      kind: row.kind,
      memberId: row.member_id,
      memberName: details.memberName ?? names.get(row.member_id) ?? row.member_id,
      by: names.get(row.changed_by) ?? row.changed_by,
      at: row.changed_at,
      stage: row.stage,
      reason: row.reason,
      summary: '',
    };
    const changed = {
      ...(details.name !== undefined ? { name: details.name } : {}),
      ...(details.consentToBeNamed !== undefined ? { consentToBeNamed: details.consentToBeNamed } : {}),
    };
    if (Object.keys(changed).length > 0) change.changed = changed;
    change.summary = panelChangeInWords(change, change.memberName, change.by);
    return change;
  });
}

/**
 * A change in one sentence, naming the member and the lead as given (the report withholds the names
 * of members who did not agree to be named): "Ben Okafor’s PIN reset by the lead, Asha Patel, at
 * 10:42 UTC on 26 November 2026, during moderation."
 */
export function panelChangeInWords(change: PanelChange, memberName: string, by: string): string {
  const { at } = change;
  const when = `at ${at.slice(11, 16)} UTC on ${dateInWords(at.slice(0, 10))}, ${STAGE_WORDS[change.stage]}`;
  if (change.kind === 'pin_reset') return `${memberName}’s PIN reset by the lead, ${by}, ${when}.`;
  const changes: string[] = [];
  const { name, consentToBeNamed } = change.changed ?? {};
  if (name !== undefined) changes.push(memberName === change.memberName ? `name to “${name}”` : 'name');
  if (consentToBeNamed !== undefined)
    changes.push(`consent to be named to “${consentToBeNamed ? 'yes' : 'no'}”`);
  return `${memberName}’s ${changes.join(' and ') || 'details'} changed by the lead, ${by}, ${when}.`;
}

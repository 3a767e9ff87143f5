import { auditPayloadHash, auditTriggersPresent, type JsonValue } from './audit';
import type { Kysely } from 'kysely';
import { NOT_ENOUGH_EVIDENCE } from '../../shared/scale';
import type { CaseFileDatabase } from './schema';

/**
 * Does the case file still hold what its record of changes says was done? Anyone with the
 * passphrase can change rows with SQL without going through the app; these checks, run on open,
 * catch the changes that matter most for a certificate:
 * - the append-only triggers on the audit log are still in place;
 * - every recorded decision is the one an "outcome.decided" entry recorded (level, dates,
 *   conditions, strengths, recommendations: the entry's payload hash is recomputed from the row);
 * - every agreed score is one a "moderation.score_agreed" entry recorded. Its payload names the
 *   score it replaced, which the file does not keep, so this is checked exactly while no agreed
 *   score has been changed (as many agreement entries as agreed scores); after a change of mind it
 *   cannot be checked on open and `copanel case verify-audit --against` is the check.
 * Individual sealed scores are never in the audit log (not even as hashes), so they are not checked here.
 */

export interface AuditRecordProblem {
  what: 'triggers' | 'decision' | 'agreed-score';
  message: string;
}

type Db = Kysely<CaseFileDatabase>;

export async function auditRecordProblems(db: Db): Promise<AuditRecordProblem[]> {
  const problems: AuditRecordProblem[] = [];
  if (!(await auditTriggersPresent(db)))
    problems.push({
      what: 'triggers',
      message:
        'the protection that stops entries of the record of changes being edited or deleted has been removed',
    });
  problems.push(...(await decisionProblems(db)), ...(await agreedScoreProblems(db)));
  return problems;
}

async function recordedPayloadHashes(db: Db, action: string): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select('payload_sha256')
    .where('action', '=', action)
    .execute();
  return rows.map((row) => row.payload_sha256);
}

function parsedJson(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return null;
  }
}

/** The payload recordDecision (src/main/panel/outcome.ts) writes, rebuilt from the stored row. */
async function decisionProblems(db: Db): Promise<AuditRecordProblem[]> {
  const decisions = await db.selectFrom('outcome').selectAll().execute();
  if (decisions.length === 0) return [];
  const recorded = new Set(await recordedPayloadHashes(db, 'outcome.decided'));
  return decisions
    .filter(
      (row) =>
        !recorded.has(
          auditPayloadHash({
            level: row.level,
            decisionDate: row.decision_date,
            validUntil: row.valid_until,
            interimReviewDue: row.interim_review_due,
            conditions: parsedJson(row.conditions_json),
            strengths: parsedJson(row.strengths_json),
            recommendations: parsedJson(row.recommendations_json),
          }),
        ),
    )
    .map(() => ({
      what: 'decision' as const,
      message: 'the decision stored in the file is not the decision its record of changes shows was taken',
    }));
}

/** The payload agreeScore (src/main/panel/moderation.ts) writes for a first agreement, rebuilt from the stored row. */
async function agreedScoreProblems(db: Db): Promise<AuditRecordProblem[]> {
  const agreed = await db.selectFrom('moderation_record').selectAll().execute();
  const recordedList = await recordedPayloadHashes(db, 'moderation.score_agreed');
  if (agreed.length === 0 || recordedList.length !== agreed.length) return [];
  const recorded = new Set(recordedList);
  return agreed
    .filter((row) => {
      const payload = {
        criterionId: row.criterion_id,
        score: row.agreed_score === -1 ? NOT_ENOUGH_EVIDENCE : row.agreed_score,
        rationale: row.rationale,
        previous: null,
      };
      // Written as null, as a reason, or left out, depending on the version that recorded it.
      const forms = [payload, { ...payload, outsideRangeReason: row.reason_outside_range }];
      return !forms.some((form) => recorded.has(auditPayloadHash(form)));
    })
    .map((row) => ({
      what: 'agreed-score' as const,
      message: `the agreed score for ${row.criterion_id} is not the score its record of changes shows the panel agreed`,
    }));
}

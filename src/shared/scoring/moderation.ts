import { allCriteria, type Standard } from '../standard';
import {
  agreementShares,
  describeAgreement,
  measureAgreement,
  type AgreementInWords,
  type AgreementMeasure,
  type AgreementShares,
} from './agreement';
import { isScorePoint, NOT_ENOUGH_EVIDENCE, type Score, type ScorePoint } from '../scale';

/**
 * Moderation statistics: what the panel sees when the lead opens moderation.
 *
 * How "not enough evidence" enters the numbers: it is not a point on the scale, so it is left out
 * of the median, minimum, maximum and range, and out of Krippendorff's alpha (it is a missing value
 * there, like an unscored criterion). It is shown separately: who said it, and a flag
 * (`evidenceDisputed`) when some members said "not enough evidence" while others gave a score,
 * because that is a disagreement the panel should talk about too. Only the outcome rules count it
 * as 0 (not met); moderation does not.
 */

/** One member's score sheet. `scores` maps a criterion id to that member's score; absent = not scored. */
export interface ScoreSheet {
  memberId: string;
  memberName: string;
  scores: Readonly<Record<string, Score | null | undefined>>;
}

export interface MemberScore {
  memberId: string;
  memberName: string;
  /** null when the member did not score this criterion. */
  score: Score | null;
}

export interface CriterionModeration {
  criterionId: string;
  title: string;
  statementNumber: number;
  mustHave: boolean;
  /** Every member's score, in the order the sheets were given. */
  scores: MemberScore[];
  /** How many members gave a score of 0 to 3. */
  scoredCount: number;
  /** Members who said there is not enough evidence. */
  notEnoughEvidence: { memberId: string; memberName: string }[];
  /** How many members left the criterion unscored. */
  unscoredCount: number;
  /** Statistics over the 0 to 3 scores only; null when nobody gave one. An even count gives the mean of the middle two (e.g. 1.5). */
  median: number | null;
  min: ScorePoint | null;
  max: ScorePoint | null;
  range: number | null;
  /** Members whose score is 2 or more away from the median. */
  farFromMedian: { memberId: string; memberName: string; score: ScorePoint }[];
  /** Range of 2 or more, or any score 2 or more away from the median. */
  divergent: boolean;
  /** Some members said "not enough evidence" while others gave a score. */
  evidenceDisputed: boolean;
  /** Plain-English reasons this criterion needs discussion; empty when it does not. */
  reasons: string[];
}

export interface ModerationSummary {
  standard: { id: string; version: number };
  memberCount: number;
  /** Divergent criteria first, then those where the evidence is disputed, then the rest; each group in the standard's order. */
  criteria: CriterionModeration[];
  divergentCount: number;
  /** Krippendorff's alpha over the panel: rows are members, units are criteria; "not enough evidence" and unscored are missing. */
  agreement: {
    ordinal: AgreementMeasure;
    interval: AgreementMeasure;
    /** Pairs of members' scores on the same criterion that match exactly and within one point; null when none. */
    shares: AgreementShares | null;
    /** The ordinal alpha and the shares in words, for the moderation screen and the report alike. */
    words: AgreementInWords;
  };
}

/** A score 2 or more points from another (or from the median) counts as divergent. */
const DIVERGENCE_THRESHOLD = 2;

export function moderationSummary(standard: Standard, sheets: readonly ScoreSheet[]): ModerationSummary {
  const criteria = allCriteria(standard);
  const rows = criteria.map((criterion) => {
    const scores = sheets.map((sheet) => ({
      memberId: sheet.memberId,
      memberName: sheet.memberName,
      score: normaliseScore(sheet.scores[criterion.id]),
    }));
    return criterionModeration(
      criterion.id,
      criterion.title,
      criterion.statementNumber,
      criterion.mustHave,
      scores,
    );
  });
  const matrix = sheets.map((sheet) => criteria.map((criterion) => pointOrNull(sheet.scores[criterion.id])));
  return {
    standard: { id: standard.id, version: standard.version },
    memberCount: sheets.length,
    criteria: orderForDiscussion(rows),
    divergentCount: rows.filter((row) => row.divergent).length,
    agreement: panelAgreement(matrix),
  };
}

function panelAgreement(matrix: (number | null)[][]): ModerationSummary['agreement'] {
  const ordinal = measureAgreement(matrix, 'ordinal');
  return {
    ordinal,
    interval: measureAgreement(matrix, 'interval'),
    shares: agreementShares(matrix),
    words: describeAgreement(matrix, ordinal),
  };
}

/** Statistics for one criterion from the members' scores. */
export function criterionModeration(
  criterionId: string,
  title: string,
  statementNumber: number,
  mustHave: boolean,
  scores: MemberScore[],
): CriterionModeration {
  const points = scores.flatMap((entry) =>
    isScorePoint(entry.score) ? [{ ...entry, score: entry.score }] : [],
  );
  const values = points.map((entry) => entry.score);
  const median = medianOf(values);
  const min = values.length > 0 ? (Math.min(...values) as ScorePoint) : null;
  const max = values.length > 0 ? (Math.max(...values) as ScorePoint) : null;
  const range = min !== null && max !== null ? max - min : null;
  const farFromMedian =
    median === null ? [] : points.filter((entry) => Math.abs(entry.score - median) >= DIVERGENCE_THRESHOLD);
  const divergent = (range ?? 0) >= DIVERGENCE_THRESHOLD || farFromMedian.length > 0;
  const notEnoughEvidence = scores
    .filter((entry) => entry.score === NOT_ENOUGH_EVIDENCE)
    .map(({ memberId, memberName }) => ({ memberId, memberName }));
  const evidenceDisputed = notEnoughEvidence.length > 0 && points.length > 0;
  const moderation = {
    criterionId,
    title,
    statementNumber,
    mustHave,
    scores,
    scoredCount: points.length,
    notEnoughEvidence,
    unscoredCount: scores.filter((entry) => entry.score === null).length,
    median,
    min,
    max,
    range,
    farFromMedian,
    divergent,
    evidenceDisputed,
  };
  return { ...moderation, reasons: discussionReasons(moderation) };
}

/** The median of a list of numbers; the mean of the middle two for an even count; null for none. */
export function medianOf(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2;
}

function discussionReasons(row: Omit<CriterionModeration, 'reasons'>): string[] {
  const reasons: string[] = [];
  if (row.range !== null && row.range >= DIVERGENCE_THRESHOLD) {
    reasons.push(`Scores range from ${String(row.min)} to ${String(row.max)}, a spread of ${row.range}.`);
  }
  if (row.farFromMedian.length > 0 && row.median !== null) {
    const names = row.farFromMedian.map((entry) => `${entry.memberName} (${entry.score})`);
    reasons.push(`${joinNames(names)} scored 2 or more away from the median of ${formatMedian(row.median)}.`);
  }
  if (row.evidenceDisputed) {
    const names = joinNames(row.notEnoughEvidence.map((entry) => entry.memberName));
    reasons.push(
      `${names} found not enough evidence, while ${row.scoredCount} ${row.scoredCount === 1 ? 'member' : 'members'} gave a score.`,
    );
  }
  return reasons;
}

function orderForDiscussion(rows: CriterionModeration[]): CriterionModeration[] {
  const rank = (row: CriterionModeration): number => (row.divergent ? 0 : row.evidenceDisputed ? 1 : 2);
  return rows
    .map((row, position) => ({ row, position }))
    .sort((a, b) => rank(a.row) - rank(b.row) || a.position - b.position)
    .map(({ row }) => row);
}

function normaliseScore(score: Score | null | undefined): Score | null {
  return score === undefined ? null : score;
}

function pointOrNull(score: Score | null | undefined): number | null {
  return isScorePoint(score) ? score : null;
}

export function formatMedian(median: number): string {
  return Number.isInteger(median) ? String(median) : median.toFixed(1);
}

function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}

import type { PanelChange, PanelMember, DecidedOutcome, EvidenceItem, EvidenceKind } from '../../shared/api';
import { ROLE_NAMES } from '../../shared/vocabulary';
import type { AgreementInWords, AwardLevel } from '../../shared/scoring';
import { allCriteria } from '../../shared/standard';
import { appealsForReport } from '../appeals';
import type { OpenCaseScope } from '../case';
import { verificationLink, type AuditHead } from '../signing';
import { listEvidence, quoteForReport } from '../evidence';
import { readOrganisation } from '../organisation';
import {
  type CertificateView,
  type OutcomeTraceGroup,
  type ReportCondition,
  type ReportQuote,
  type ReportStatement,
  type ReportView,
  type ScoreSheetView,
} from '../documents';
import { moderationView, panelChangeInWords, panelMembers } from '../panel';

/**
 * The documents' view models, built from the case file: the decided outcome, the panel (names only
 * for members who consented to be named), the agreed scores, the evidence titles and the quotes
 * people gave permission for. The renderers only lay these out.
 */

/** The default scheme name, when no scheme identity or trusted root names it. */
export const DEFAULT_SCHEME_NAME = 'Coproduction Quality Standard';

/** An awarded outcome: level and dates are all known. */
export interface AwardedOutcome extends DecidedOutcome {
  level: AwardLevel;
  validUntil: string;
  interimReviewDue: string;
}

export function isAwarded(outcome: DecidedOutcome): outcome is AwardedOutcome {
  return (
    outcome.level !== 'not_yet_awarded' && outcome.validUntil !== null && outcome.interimReviewDue !== null
  );
}

export interface CertificateViewInput {
  scope: OpenCaseScope;
  outcome: AwardedOutcome;
  schemeName: string;
  certificateNumber: string;
  qrPayload: string;
  /** The scheme's verification address: the QR code becomes a link to it carrying `qrPayload`. */
  verificationAddress?: string;
  /** The members to print by name, when they consented to be named. */
  lead: PanelMember | undefined;
  coSigner: PanelMember | undefined;
}

export async function certificateView(input: CertificateViewInput): Promise<CertificateView> {
  const organisation = await readOrganisation(input.scope);
  const view: CertificateView = {
    schemeName: input.schemeName,
    organisationName: organisation.name,
    level: input.outcome.level,
    statements: [...input.scope.standard.statements]
      .sort((a, b) => a.number - b.number)
      .map((statement) => statement.text),
    decisionDate: input.outcome.decisionDate,
    validUntil: input.outcome.validUntil,
    interimReviewDue: input.outcome.interimReviewDue,
    certificateNumber: input.certificateNumber,
    qrPayload: input.qrPayload,
    ...(input.verificationAddress
      ? { qrLink: verificationLink(input.verificationAddress, input.qrPayload) }
      : {}),
    standardTitle: input.scope.standard.title,
    standardVersion: input.scope.standard.version,
  };
  if (input.lead?.consentToBeNamed) view.leadAssessorName = input.lead.name;
  if (input.coSigner?.consentToBeNamed) view.coSignerName = input.coSigner.name;
  return view;
}

/** How a quote is attributed in the report: never the person's name, only how the panel heard them. */
const QUOTE_ATTRIBUTION: Record<EvidenceKind, string> = {
  interview: 'Someone the panel spoke to',
  survey: 'From a survey response',
  observation: 'Heard during the panel’s visit',
  document: 'From the organisation’s evidence',
  other: 'Someone who gave evidence',
};

export async function reportView(
  scope: OpenCaseScope,
  outcome: DecidedOutcome,
  options: { schemeName: string; certificateNumber?: string; auditHead?: AuditHead },
): Promise<ReportView> {
  const [organisation, everyone, evidence, moderation] = await Promise.all([
    readOrganisation(scope),
    panelMembers(scope),
    listEvidence(scope),
    moderationView(scope),
  ]);
  const { appeals, reviewerIds } = await appealsForReport(scope, everyone);
  const members = everyone.filter((member) => !reviewerIds.has(member.id));
  const agreed = new Map(moderation.agreed.map((record) => [record.criterionId, record]));
  const { linked, unlinked } = conditionsByStatement(outcome);
  const view: ReportView = {
    schemeName: options.schemeName,
    standardTitle: scope.standard.title,
    standardVersion: scope.standard.version,
    organisation: {
      name: organisation.name,
      address: organisation.address
        .split(/\r?\n|,\s*/)
        .map((line) => line.trim())
        .filter(Boolean),
      servicesInScope: organisation.servicesInScope.split('\n').filter(Boolean),
    },
    decision: isAwarded(outcome)
      ? {
          awarded: true,
          level: outcome.level,
          decisionDate: outcome.decisionDate,
          validUntil: outcome.validUntil,
          interimReviewDue: outcome.interimReviewDue,
        }
      : { awarded: false, decisionDate: outcome.decisionDate },
    outcomeTrace: outcomeTrace(outcome),
    awardConditions: unlinked,
    statements: [...scope.standard.statements]
      .sort((a, b) => a.number - b.number)
      .map((statement): ReportStatement => ({
        number: statement.number,
        text: statement.text,
        criteria: statement.criteria.map((criterion) => {
          const record = agreed.get(criterion.id);
          return record === undefined
            ? { id: criterion.id, title: criterion.title }
            : {
                id: criterion.id,
                title: criterion.title,
                agreedScore: record.score,
                reason: record.rationale,
              };
        }),
        strengths: outcome.strengths
          .filter((note) => note.statementNumber === statement.number)
          .map((note) => note.text),
        recommendations: outcome.recommendations
          .filter((note) => note.statementNumber === statement.number)
          .map((note) => note.text),
        conditions: linked.get(statement.number) ?? [],
        quotes: quotesFor(
          evidence,
          statement.criteria.map((criterion) => criterion.id),
        ),
      })),
    panel: members.map((member) =>
      member.consentToBeNamed ? { name: member.name, role: member.role } : { role: member.role },
    ),
    panelAgreement: agreementLines(moderation.summary.agreement.words),
    panelChanges: panelChangeLines(moderation.panelChanges, members),
    evidenceConsidered: evidence.map((item) => item.title),
  };
  if (options.certificateNumber) view.certificateNumber = options.certificateNumber;
  if (appeals.length > 0) view.appeals = appeals;
  if (options.auditHead) view.auditHead = options.auditHead;
  return view;
}

/** The panel changes as the report prints them: names only of members who agreed to be named. */
function panelChangeLines(changes: readonly PanelChange[], members: readonly PanelMember[]): string[] {
  const byId = new Map(members.map((member) => [member.id, member]));
  const named = (id: string, name: string) => {
    const member = byId.get(id);
    return member?.consentToBeNamed ? name : `A panel member (${ROLE_NAMES[member?.role ?? 'assessor']})`;
  };
  const lead = members.find((member) => member.role === 'lead');
  return changes.map(
    (change) =>
      `${panelChangeInWords(change, named(change.memberId, change.memberName), lead ? named(lead.id, change.by) : change.by)} Reason: ${change.reason}`,
  );
}

/**
 * Conditions are recorded for the award as a whole. One that names an I Statement ("Statement 3")
 * or a criterion ("S3.2") is shown under that statement; the others are for the award as a whole.
 * The report's summary lists them all with their dates.
 */
function conditionsByStatement(outcome: DecidedOutcome): {
  linked: Map<number, ReportCondition[]>;
  unlinked: ReportCondition[];
} {
  const linked = new Map<number, ReportCondition[]>();
  const unlinked: ReportCondition[] = [];
  for (const condition of outcome.conditions) {
    const match =
      /\bS([1-6])\.\d+\b/.exec(condition.text) ?? /\b(?:I\s+)?Statement\s+([1-6])\b/i.exec(condition.text);
    const entry = { text: condition.text, due: condition.dueDate };
    if (match) linked.set(Number(match[1]), [...(linked.get(Number(match[1])) ?? []), entry]);
    else unlinked.push(entry);
  }
  return { linked, unlinked };
}

function outcomeTrace(outcome: DecidedOutcome): OutcomeTraceGroup[] {
  const groups: OutcomeTraceGroup[] = [{ rule: 'The decision', sentences: [outcome.decision.summary] }];
  for (const level of outcome.decision.levels) {
    groups.push({ rule: level.sentence, sentences: level.rules.flatMap((rule) => rule.sentences) });
  }
  return groups;
}

/** The moderation screen's words for the panel's agreement, as lines of the report. */
function agreementLines(words: AgreementInWords): string[] {
  const lines = words.alpha === null ? [] : [`Krippendorff’s alpha (ordinal): ${words.alpha}.`];
  return [...lines, words.verdict, ...(words.shares === null ? [] : [words.shares])];
}

function quotesFor(evidence: EvidenceItem[], criterionIds: string[]): ReportQuote[] {
  const wanted = new Set(criterionIds);
  return evidence
    .filter((item) => item.criteria.some((criterion) => wanted.has(criterion)))
    .flatMap((item) => {
      const text = quoteForReport(item);
      return text
        ? [{ text, attribution: QUOTE_ATTRIBUTION[item.kind], consentStatus: 'given' as const }]
        : [];
    });
}

export async function scoreSheetView(
  scope: OpenCaseScope,
  memberName: string | undefined,
): Promise<ScoreSheetView> {
  const organisation = await readOrganisation(scope);
  const byStatement = new Map<number, ReturnType<typeof allCriteria>>();
  for (const criterion of allCriteria(scope.standard))
    byStatement.set(criterion.statementNumber, [
      ...(byStatement.get(criterion.statementNumber) ?? []),
      criterion,
    ]);
  const view: ScoreSheetView = {
    standardTitle: scope.standard.title,
    standardVersion: scope.standard.version,
    organisationName: organisation.name,
    statements: [...scope.standard.statements]
      .sort((a, b) => a.number - b.number)
      .map((statement) => ({
        number: statement.number,
        text: statement.text,
        criteria: (byStatement.get(statement.number) ?? []).map((criterion) => ({
          id: criterion.id,
          title: criterion.title,
          whatGoodLooksLike: criterion.whatGoodLooksLike,
          descriptors: {
            level1: criterion.descriptors['1'],
            level2: criterion.descriptors['2'],
            level3: criterion.descriptors['3'],
          },
        })),
      })),
  };
  if (memberName) view.memberName = memberName;
  return view;
}

/** @jsxRuntime automatic */
import { Document, Page, StyleSheet, Text, View } from '@react-pdf/renderer';
import { LevelBadge, type BadgeArtwork } from './LevelBadge';
import { Bullets, PageFooter, SectionHeading, SubHeading } from './parts';
import { base, colours, nameLineHeight, sizes } from './theme';
import type {
  OutcomeTraceGroup,
  ReportCondition,
  ReportCriterion,
  ReportDecision,
  ReportAppeal,
  ReportQuote,
  ReportStatement,
  ReportView,
} from './types';
import { dateInWords, roleInWords, scoreInWords, standardInWords } from './words';

const styles = StyleSheet.create({
  page: { paddingTop: 48, paddingBottom: 70, paddingHorizontal: 56 },
  scheme: { fontSize: sizes.body, fontWeight: 700, color: colours.accent, lineHeight: 1.3 },
  title: { fontSize: sizes.title, fontWeight: 700, lineHeight: 1.2, marginTop: 4 },
  organisation: { fontSize: 17, fontWeight: 700, lineHeight: 1.25, marginTop: 2 },
  standard: { color: colours.muted, marginTop: 2 },
  summary: {
    flexDirection: 'row',
    alignItems: 'center',
    backgroundColor: colours.wash,
    padding: 14,
    marginTop: 4,
  },
  summaryBadge: { marginRight: 16 },
  summaryText: { flexGrow: 1, flexBasis: 0 },
  decision: { fontSize: 16, fontWeight: 700, lineHeight: 1.25, marginBottom: 4 },
  fact: { flexDirection: 'row' },
  factLabel: { width: 130, color: colours.muted },
  factValue: { flexGrow: 1, flexBasis: 0, fontWeight: 700 },
  note: { marginTop: 4 },
  summaryNote: { color: colours.muted, fontSize: sizes.small + 0.5, lineHeight: 1.3, marginTop: 10 },
  paragraph: { marginBottom: 6 },
  rule: { fontWeight: 700, marginTop: 6, marginBottom: 2 },
  statement: { marginTop: 14 },
  statementHeading: { fontSize: 13, fontWeight: 700, lineHeight: 1.3, color: colours.accent },
  statementText: {
    fontSize: sizes.lead,
    lineHeight: 1.35,
    borderLeftWidth: 3,
    borderLeftColor: colours.accent,
    paddingLeft: 10,
    paddingVertical: 2,
    marginTop: 4,
    marginBottom: 4,
  },
  table: { borderTopWidth: 0.75, borderTopColor: colours.rule },
  row: {
    flexDirection: 'row',
    borderBottomWidth: 0.75,
    borderBottomColor: colours.rule,
    paddingVertical: 3.5,
  },
  headerRow: {
    flexDirection: 'row',
    borderBottomWidth: 0.75,
    borderBottomColor: colours.rule,
    paddingVertical: 3.5,
    color: colours.muted,
  },
  cellId: { width: 54 },
  cellTitle: { flexGrow: 1, flexBasis: 0, paddingRight: 8 },
  cellScore: { width: 130 },
  condition: { marginBottom: 4 },
  due: { color: colours.muted },
  quote: { marginBottom: 6, paddingLeft: 12 },
  quoteText: { fontStyle: 'italic' },
  reason: { color: colours.muted, fontSize: sizes.small + 0.5, lineHeight: 1.3, marginTop: 1.5 },
  attribution: { color: colours.muted, fontSize: sizes.small + 0.5, lineHeight: 1.3 },
  member: { flexDirection: 'row', marginBottom: 3 },
  memberName: { width: 200, fontWeight: 700 },
  memberRole: { flexGrow: 1, flexBasis: 0 },
  withheld: { width: 200, color: colours.muted },
});

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <View style={styles.fact}>
      <Text style={styles.factLabel}>{label}</Text>
      <Text style={styles.factValue}>{value}</Text>
    </View>
  );
}

function DecisionSummary({
  decision,
  badge,
  certificateNumber,
  auditHead,
}: {
  decision: ReportDecision;
  badge?: BadgeArtwork;
  certificateNumber?: string;
  auditHead?: ReportView['auditHead'];
}) {
  return (
    <View style={styles.summary} wrap={false}>
      {decision.awarded && badge ? (
        <View style={styles.summaryBadge}>
          <LevelBadge artwork={badge} size={78} />
        </View>
      ) : null}
      <View style={styles.summaryText}>
        <Text style={styles.decision}>
          {decision.awarded ? `Level ${decision.level} awarded` : 'Not yet awarded'}
        </Text>
        <Fact label="Decision date" value={dateInWords(decision.decisionDate)} />
        {decision.awarded ? (
          <>
            <Fact label="Valid until" value={dateInWords(decision.validUntil)} />
            <Fact label="Interim review due" value={dateInWords(decision.interimReviewDue)} />
          </>
        ) : null}
        {certificateNumber ? <Fact label="Certificate number" value={certificateNumber} /> : null}
        {auditHead ? (
          <Text style={styles.note}>
            {`Record of changes when signed: ${auditHead.entries} entries, the newest with fingerprint ${
              auditHead.hash.match(/.{1,16}/g)?.join(' ') ?? auditHead.hash
            }.`}
          </Text>
        ) : null}
        {decision.awarded ? null : (
          <Text style={styles.note}>
            The panel did not award a level this time. This report explains why, and what would help next
            time.
          </Text>
        )}
      </View>
    </View>
  );
}

function OutcomeTrace({ groups }: { groups: readonly OutcomeTraceGroup[] }) {
  return (
    <>
      <SectionHeading breakBefore>Appendix: how the standard’s rules gave the decision</SectionHeading>
      <Text style={styles.paragraph}>
        The standard’s rules were applied to the scores the panel agreed together. This is what each rule
        found.
      </Text>
      {groups.map((group, index) => (
        <View key={index}>
          <Text style={styles.rule} minPresenceAhead={28}>
            {group.rule}
          </Text>
          <Bullets items={group.sentences} />
        </View>
      ))}
    </>
  );
}

/** A point the summary shows, with the I Statement it is about. */
interface SummaryPoint {
  statement: number;
  text: string;
}

/** The first strength (or recommendation) the panel recorded for each I Statement, in order. */
function mainPoints(
  statements: readonly ReportStatement[],
  kind: 'strengths' | 'recommendations',
): SummaryPoint[] {
  return statements.flatMap((statement) => {
    const first = statement[kind][0];
    return first === undefined ? [] : [{ statement: statement.number, text: first }];
  });
}

/** Every condition with its date, soonest first: those about one I Statement and those for the whole award. */
function conditionsByDate(view: ReportView): (ReportCondition & { statement?: number })[] {
  const all = [
    ...view.statements.flatMap((statement) =>
      statement.conditions.map((condition) => ({ ...condition, statement: statement.number })),
    ),
    ...view.awardConditions,
  ];
  return all
    .map((condition, order) => ({ condition, order }))
    .sort((a, b) => a.condition.due.localeCompare(b.condition.due) || a.order - b.order)
    .map(({ condition }) => condition);
}

function PointList({ points, none }: { points: readonly SummaryPoint[]; none: string }) {
  return (
    <Bullets items={points.map((point) => `${point.text} (I Statement ${point.statement})`)} none={none} />
  );
}

function Summary({ view, badge }: { view: ReportView; badge?: BadgeArtwork }) {
  const conditions = conditionsByDate(view);
  return (
    <View>
      <SectionHeading>Summary</SectionHeading>
      <DecisionSummary
        decision={view.decision}
        badge={badge}
        certificateNumber={view.certificateNumber}
        {...(view.auditHead ? { auditHead: view.auditHead } : {})}
      />
      <Text style={styles.summaryNote}>
        The first strength and recommendation the panel recorded for each I Statement. The sections after the
        summary give them all.
      </Text>
      <SubHeading>Main strengths</SubHeading>
      <PointList points={mainPoints(view.statements, 'strengths')} none="None recorded." />
      <SubHeading>Main recommendations</SubHeading>
      <PointList points={mainPoints(view.statements, 'recommendations')} none="None recorded." />
      <SubHeading>Conditions and their dates</SubHeading>
      {conditions.length === 0 ? (
        <Text style={base.muted}>No conditions.</Text>
      ) : (
        conditions.map((condition, index) => (
          <View key={index} style={styles.condition} wrap={false}>
            <Text>{condition.text}</Text>
            <Text style={styles.due}>
              To be met by {dateInWords(condition.due)}
              {condition.statement ? ` · I Statement ${condition.statement}` : ' · the award as a whole'}
            </Text>
          </View>
        ))
      )}
    </View>
  );
}

function ScoresHeader() {
  return (
    <View style={styles.headerRow}>
      <Text style={styles.cellId}>Criterion</Text>
      <Text style={styles.cellTitle}>What the panel looked at, and why it agreed this score</Text>
      <Text style={styles.cellScore}>Agreed score</Text>
    </View>
  );
}

function ScoreRow({ criterion }: { criterion: ReportCriterion }) {
  return (
    <View style={styles.row} wrap={false}>
      <Text style={[styles.cellId, base.bold]}>{criterion.id}</Text>
      <View style={styles.cellTitle}>
        <Text>{criterion.title}</Text>
        {criterion.reason ? <Text style={styles.reason}>Why: {criterion.reason}</Text> : null}
      </View>
      <Text style={styles.cellScore}>{scoreInWords(criterion.agreedScore)}</Text>
    </View>
  );
}

function Conditions({ conditions }: { conditions: readonly ReportCondition[] }) {
  if (conditions.length === 0) return <Text style={base.muted}>No conditions.</Text>;
  return (
    <View>
      {conditions.map((condition, index) => (
        <View key={index} style={styles.condition} wrap={false}>
          <Text>{condition.text}</Text>
          <Text style={styles.due}>To be met by {dateInWords(condition.due)}</Text>
        </View>
      ))}
    </View>
  );
}

/** Only quotes the person gave permission for. Anything else never reaches the page. */
function quotesWithConsent(quotes: readonly ReportQuote[]): ReportQuote[] {
  return quotes.filter((quote) => quote.consentStatus === 'given');
}

/**
 * The quotes to print under each I Statement: only those with consent, and each once — under the
 * first statement it was given for, when the same evidence supports several.
 */
function quotesOnce(statements: readonly ReportStatement[]): Map<number, ReportQuote[]> {
  const printed = new Set<string>();
  const byStatement = new Map<number, ReportQuote[]>();
  for (const statement of statements) {
    const quotes = quotesWithConsent(statement.quotes).filter((quote) => {
      const key = JSON.stringify([quote.text, quote.attribution]);
      if (printed.has(key)) return false;
      printed.add(key);
      return true;
    });
    byStatement.set(statement.number, quotes);
  }
  return byStatement;
}

function Quotes({ quotes }: { quotes: readonly ReportQuote[] }) {
  if (quotes.length === 0) return null;
  return (
    <View>
      <SubHeading>What people told us</SubHeading>
      {quotes.map((quote, index) => (
        <View key={index} style={styles.quote} wrap={false}>
          <Text style={styles.quoteText}>“{quote.text}”</Text>
          <Text style={styles.attribution}>{quote.attribution}</Text>
        </View>
      ))}
    </View>
  );
}

function StatementFindings({
  statement,
  quotes,
}: {
  statement: ReportStatement;
  quotes: readonly ReportQuote[];
}) {
  const [first, ...rest] = statement.criteria;
  return (
    <View style={styles.statement}>
      {/* The statement, its table's header and first row stay on one page. */}
      <View wrap={false}>
        <Text style={styles.statementHeading}>I Statement {statement.number}</Text>
        <Text style={styles.statementText}>{statement.text}</Text>
        <SubHeading>Scores the panel agreed, and why</SubHeading>
        <View style={styles.table}>
          <ScoresHeader />
          {first ? <ScoreRow criterion={first} /> : null}
        </View>
      </View>
      {rest.map((criterion) => (
        <ScoreRow key={criterion.id} criterion={criterion} />
      ))}
      <SubHeading>Strengths</SubHeading>
      <Bullets items={statement.strengths} none="None recorded." />
      <SubHeading>Recommendations</SubHeading>
      <Bullets items={statement.recommendations} none="None recorded." />
      <SubHeading>Conditions</SubHeading>
      <Conditions conditions={statement.conditions} />
      <Quotes quotes={quotes} />
    </View>
  );
}

function AppealReviewPanel({ members }: { members: ReportAppeal['reviewPanel'] }) {
  return (
    <>
      {members.map((member, index) => (
        <View key={index} style={styles.member} wrap={false}>
          {member.name ? (
            <Text style={styles.memberName}>{member.name}</Text>
          ) : (
            <Text style={styles.withheld}>Name withheld</Text>
          )}
          <Text style={styles.memberRole}>{member.isLead ? 'Review panel lead' : 'Review panel member'}</Text>
        </View>
      ))}
    </>
  );
}

/** One appeal: what was appealed, when, on what grounds, who reviewed it, and what they decided and why. */
function AppealFindings({ appeal, number, of }: { appeal: ReportAppeal; number: number; of: number }) {
  return (
    <View style={styles.statement}>
      {of > 1 ? <SubHeading>{`Appeal ${number} of ${of}`}</SubHeading> : null}
      <Fact label="Appeal against" value={appeal.against} />
      <Fact label="Received" value={dateInWords(appeal.receivedOn)} />
      <Fact label="In time until" value={dateInWords(appeal.deadline)} />
      {appeal.lateReason ? (
        <Text style={styles.note}>{`Accepted after the deadline because: ${appeal.lateReason}`}</Text>
      ) : null}
      <SubHeading>Grounds of appeal</SubHeading>
      <Text style={styles.paragraph}>{appeal.grounds}</Text>
      <SubHeading>Review panel</SubHeading>
      {appeal.reviewPanel.length > 0 ? (
        <>
          <Text style={styles.paragraph}>
            Nobody on the review panel sat on the panel that took the decision.
          </Text>
          <AppealReviewPanel members={appeal.reviewPanel} />
        </>
      ) : (
        <Text style={styles.paragraph}>Not formed yet.</Text>
      )}
      <SubHeading>Outcome</SubHeading>
      {appeal.outcome ? (
        <>
          <Text
            style={styles.rule}
          >{`${appeal.outcome.title} (${dateInWords(appeal.outcome.decidedOn)})`}</Text>
          <Text style={styles.paragraph}>{appeal.outcome.meaning}</Text>
          <Text style={styles.paragraph}>{`The review panel’s reasons: ${appeal.outcome.reasons}`}</Text>
          {appeal.replacedBy ? (
            <Text
              style={styles.paragraph}
            >{`Certificate ${appeal.replacedBy} replaced the earlier certificate.`}</Text>
          ) : null}
        </>
      ) : (
        <Text style={styles.paragraph}>The review panel has not decided yet.</Text>
      )}
    </View>
  );
}

function Appeals({ appeals }: { appeals: readonly ReportAppeal[] }) {
  return (
    <>
      <SectionHeading>Appeal</SectionHeading>
      {appeals.map((appeal, index) => (
        <AppealFindings key={index} appeal={appeal} number={index + 1} of={appeals.length} />
      ))}
    </>
  );
}

export interface ReportDocumentProps {
  view: ReportView;
  badge?: BadgeArtwork;
  creationDate: Date;
}

export function ReportDocument({ view, badge, creationDate }: ReportDocumentProps) {
  const { organisation } = view;
  const quotes = quotesOnce(view.statements);
  return (
    <Document
      title={`Assessment report: ${organisation.name}`}
      subject={`${view.schemeName} assessment report${view.certificateNumber ? `, certificate ${view.certificateNumber}` : ''}, decided ${view.decision.decisionDate}`}
      author={view.schemeName}
      creator="Coproduction Panel"
      producer="Coproduction Panel (react-pdf)"
      language="en-GB"
      pdfVersion="1.7"
      creationDate={creationDate}
      modificationDate={creationDate}
    >
      <Page size="A4" style={[base.page, styles.page]}>
        <View style={base.body}>
          <Text style={styles.scheme}>{view.schemeName}</Text>
          <Text style={styles.title}>Assessment report</Text>
          <Text style={[styles.organisation, { lineHeight: nameLineHeight(organisation.name, 1.25) }]}>
            {organisation.name}
          </Text>
          <Text style={styles.standard}>{standardInWords(view.standardTitle, view.standardVersion)}</Text>

          <Summary view={view} badge={badge} />

          {view.appeals?.length ? <Appeals appeals={view.appeals} /> : null}

          <SectionHeading>What the panel found, I Statement by I Statement</SectionHeading>
          <Text style={styles.paragraph}>
            For each I Statement: the scores the panel agreed and the panel’s reasons, what the organisation
            does well, what it could do next, any conditions it must meet, and what people told the panel.
            Scores go from 0 (not yet met) to 3.
          </Text>
          {view.statements.map((statement) => (
            <StatementFindings
              key={statement.number}
              statement={statement}
              quotes={quotes.get(statement.number) ?? []}
            />
          ))}

          <SectionHeading>About the organisation</SectionHeading>
          <SubHeading>Address</SubHeading>
          {organisation.address.map((line, index) => (
            <Text key={index}>{line}</Text>
          ))}
          <SubHeading>Services in scope</SubHeading>
          <Bullets items={organisation.servicesInScope} none="None listed." />

          <SectionHeading>The panel</SectionHeading>
          {view.panel.map((member, index) => (
            <View key={index} style={styles.member} wrap={false}>
              {member.name ? (
                <Text style={styles.memberName}>{member.name}</Text>
              ) : (
                <Text style={styles.withheld}>Name withheld</Text>
              )}
              <Text style={styles.memberRole}>{roleInWords(member.role)}</Text>
            </View>
          ))}
          {view.panelChanges?.length ? (
            <>
              <SubHeading>Changes to the panel after scoring opened</SubHeading>
              <Bullets items={view.panelChanges} />
            </>
          ) : null}

          <SubHeading>How much the panel agreed</SubHeading>
          {view.panelAgreement.map((line, index) => (
            <Text key={index} style={styles.paragraph}>
              {line}
            </Text>
          ))}

          <SectionHeading>Evidence considered</SectionHeading>
          <Bullets items={view.evidenceConsidered} none="None listed." />

          <SectionHeading>About this report</SectionHeading>
          <Text style={styles.paragraph}>
            We quote people only when they gave their permission. Panel members are named only if they agreed
            to be named.
          </Text>

          <OutcomeTrace groups={view.outcomeTrace} />
        </View>

        <PageFooter description={`Assessment report · ${organisation.name}`} />
      </Page>
    </Document>
  );
}

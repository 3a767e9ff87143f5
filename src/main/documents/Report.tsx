/** @jsxRuntime automatic */
import { Document, Page, StyleSheet, Text, View } from '@react-pdf/renderer';
import { LevelBadge, type BadgeArtwork } from './LevelBadge';
import { Bullets, PageFooter, SectionHeading, SubHeading } from './parts';
import { base, colours, sizes } from './theme';
import type {
  OutcomeTraceGroup,
  ReportCondition,
  ReportCriterion,
  ReportDecision,
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
    marginTop: 16,
  },
  summaryBadge: { marginRight: 16 },
  summaryText: { flexGrow: 1, flexBasis: 0 },
  decision: { fontSize: 16, fontWeight: 700, lineHeight: 1.25, marginBottom: 4 },
  fact: { flexDirection: 'row' },
  factLabel: { width: 130, color: colours.muted },
  factValue: { flexGrow: 1, flexBasis: 0, fontWeight: 700 },
  note: { marginTop: 4 },
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
  cellId: { width: 44 },
  cellTitle: { flexGrow: 1, flexBasis: 0, paddingRight: 8 },
  cellScore: { width: 130 },
  condition: { marginBottom: 4 },
  due: { color: colours.muted },
  quote: { marginBottom: 6, paddingLeft: 12 },
  quoteText: { fontStyle: 'italic' },
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
}: {
  decision: ReportDecision;
  badge?: BadgeArtwork;
  certificateNumber?: string;
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
    <View>
      <SectionHeading>How the panel reached its decision</SectionHeading>
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
    </View>
  );
}

function AgreedScores({ criteria }: { criteria: readonly ReportCriterion[] }) {
  return (
    <View style={styles.table}>
      <View style={styles.headerRow} wrap={false} minPresenceAhead={20}>
        <Text style={styles.cellId}>Criterion</Text>
        <Text style={styles.cellTitle}> </Text>
        <Text style={styles.cellScore}>Agreed score</Text>
      </View>
      {criteria.map((criterion) => (
        <View key={criterion.id} style={styles.row} wrap={false}>
          <Text style={[styles.cellId, base.bold]}>{criterion.id}</Text>
          <Text style={styles.cellTitle}>{criterion.title}</Text>
          <Text style={styles.cellScore}>{scoreInWords(criterion.agreedScore)}</Text>
        </View>
      ))}
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
export function quotesWithConsent(quotes: readonly ReportQuote[]): ReportQuote[] {
  return quotes.filter((quote) => quote.consentStatus === 'given');
}

function Quotes({ quotes }: { quotes: readonly ReportQuote[] }) {
  const printable = quotesWithConsent(quotes);
  if (printable.length === 0) return null;
  return (
    <View>
      <SubHeading>What people told us</SubHeading>
      {printable.map((quote, index) => (
        <View key={index} style={styles.quote} wrap={false}>
          <Text style={styles.quoteText}>“{quote.text}”</Text>
          <Text style={styles.attribution}>{quote.attribution}</Text>
        </View>
      ))}
    </View>
  );
}

function StatementFindings({ statement }: { statement: ReportStatement }) {
  return (
    <View style={styles.statement}>
      {/* The statement stays on the same page as its scores. */}
      <View wrap={false}>
        <Text style={styles.statementHeading}>I Statement {statement.number}</Text>
        <Text style={styles.statementText}>{statement.text}</Text>
        <SubHeading>Scores the panel agreed</SubHeading>
        <AgreedScores criteria={statement.criteria} />
      </View>
      <SubHeading>Strengths</SubHeading>
      <Bullets items={statement.strengths} none="None recorded." />
      <SubHeading>Recommendations</SubHeading>
      <Bullets items={statement.recommendations} none="None recorded." />
      <SubHeading>Conditions</SubHeading>
      <Conditions conditions={statement.conditions} />
      <Quotes quotes={statement.quotes} />
    </View>
  );
}

export interface ReportDocumentProps {
  view: ReportView;
  badge?: BadgeArtwork;
  creationDate: Date;
}

export function ReportDocument({ view, badge, creationDate }: ReportDocumentProps) {
  const { organisation } = view;
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
          <Text style={styles.organisation}>{organisation.name}</Text>
          <Text style={styles.standard}>{standardInWords(view.standardTitle, view.standardVersion)}</Text>

          <DecisionSummary
            decision={view.decision}
            badge={badge}
            certificateNumber={view.certificateNumber}
          />

          <OutcomeTrace groups={view.outcomeTrace} />

          <SectionHeading>About the organisation</SectionHeading>
          <SubHeading>Address</SubHeading>
          {organisation.address.map((line, index) => (
            <Text key={index}>{line}</Text>
          ))}
          <SubHeading>Services in scope</SubHeading>
          <Bullets items={organisation.servicesInScope} none="None listed." />

          <SectionHeading breakBefore>What the panel found</SectionHeading>
          <Text style={styles.paragraph}>
            For each I Statement: the scores the panel agreed, what the organisation does well, what it could
            do next, and any conditions it must meet. Scores go from 0 (not yet met) to 3.
          </Text>
          {view.statements.map((statement) => (
            <StatementFindings key={statement.number} statement={statement} />
          ))}

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

          <SectionHeading>Evidence considered</SectionHeading>
          <Bullets items={view.evidenceConsidered} none="None listed." />

          <SectionHeading>About this report</SectionHeading>
          <Text style={styles.paragraph}>
            We quote people only when they gave their permission. Panel members are named only if they agreed
            to be named.
          </Text>
        </View>

        <PageFooter description={`Assessment report · ${organisation.name}`} />
      </Page>
    </Document>
  );
}

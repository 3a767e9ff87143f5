/** @jsxRuntime automatic */
import { Document, Page, StyleSheet, Text, View } from '@react-pdf/renderer';
import { Bullets, PageFooter } from './parts';
import { base, colours, sizes } from './theme';
import type { ScoreSheetCriterion, ScoreSheetStatement, ScoreSheetView } from './types';
import { standardInWords } from './words';

const styles = StyleSheet.create({
  page: { paddingTop: 40, paddingBottom: 66, paddingHorizontal: 56 },
  title: { fontSize: sizes.title, fontWeight: 700, lineHeight: 1.2 },
  standard: { color: colours.muted, marginBottom: 10 },
  field: { flexDirection: 'row', alignItems: 'flex-end', marginBottom: 8 },
  fieldLabel: { width: 90, color: colours.muted },
  fieldValue: { flexGrow: 1, flexBasis: 0, fontWeight: 700 },
  fieldBlank: {
    flexGrow: 1,
    flexBasis: 0,
    borderBottomWidth: 0.75,
    borderBottomColor: colours.ink,
    height: 16,
  },
  howTo: { backgroundColor: colours.wash, padding: 12, marginTop: 6, marginBottom: 4 },
  howToHeading: { fontWeight: 700, marginBottom: 4 },
  statement: {
    marginTop: 16,
    marginBottom: 2,
    borderBottomWidth: 1.5,
    borderBottomColor: colours.accent,
    paddingBottom: 4,
  },
  statementHeading: { fontSize: 13, fontWeight: 700, lineHeight: 1.3, color: colours.accent },
  statementText: { fontSize: sizes.body + 0.5, lineHeight: 1.4 },
  criterion: { marginTop: 10, borderWidth: 0.75, borderColor: colours.rule, padding: 10 },
  criterionTitle: { fontSize: sizes.lead, fontWeight: 700, lineHeight: 1.3, marginBottom: 3 },
  label: { fontWeight: 700, fontSize: sizes.body - 0.5, color: colours.muted },
  good: { marginBottom: 6 },
  descriptors: { flexDirection: 'row', marginBottom: 8 },
  descriptor: {
    flexGrow: 1,
    flexBasis: 0,
    borderLeftWidth: 2,
    borderLeftColor: colours.rule,
    paddingLeft: 6,
    marginRight: 8,
  },
  descriptorText: { fontSize: sizes.body - 0.5, lineHeight: 1.35 },
  ticks: { flexDirection: 'row', alignItems: 'center', marginBottom: 8 },
  ticksLabel: { fontWeight: 700, marginRight: 10 },
  tick: { flexDirection: 'row', alignItems: 'center', marginRight: 16 },
  box: { width: 13, height: 13, borderWidth: 1, borderColor: colours.ink, marginRight: 5 },
  why: { fontWeight: 700, marginBottom: 2 },
  writingLine: { height: 22, borderBottomWidth: 0.6, borderBottomColor: colours.muted },
});

const SCORE_BOXES = ['0', '1', '2', '3', 'Not enough evidence'] as const;
const WRITING_LINES = 3;

function Field({ label, value }: { label: string; value?: string }) {
  return (
    <View style={styles.field}>
      <Text style={styles.fieldLabel}>{label}</Text>
      {value ? <Text style={styles.fieldValue}>{value}</Text> : <View style={styles.fieldBlank} />}
    </View>
  );
}

function HowToScore() {
  return (
    <View style={styles.howTo} wrap={false}>
      <Text style={styles.howToHeading}>How to use this sheet</Text>
      <Bullets
        items={[
          'Score every criterion on your own. Keep your scores to yourself until the lead assessor opens moderation.',
          'Read what good looks like and the three level descriptions, then tick one box.',
          '0 means not yet met. 1, 2 and 3 are the levels. Tick “Not enough evidence” if the evidence does not let you judge.',
          'Write why you gave that score, in your own words. The panel talks it through together later.',
        ]}
      />
    </View>
  );
}

function ScoreBoxes() {
  return (
    <View style={styles.ticks}>
      <Text style={styles.ticksLabel}>My score (tick one):</Text>
      {SCORE_BOXES.map((label) => (
        <View key={label} style={styles.tick}>
          <View style={styles.box} />
          <Text>{label}</Text>
        </View>
      ))}
    </View>
  );
}

function CriterionToScore({ criterion }: { criterion: ScoreSheetCriterion }) {
  const levels = [criterion.descriptors.level1, criterion.descriptors.level2, criterion.descriptors.level3];
  return (
    <View style={styles.criterion} wrap={false}>
      <Text style={styles.criterionTitle}>
        {criterion.id} {criterion.title}
      </Text>
      <Text style={styles.label}>What good looks like</Text>
      <Text style={styles.good}>{criterion.whatGoodLooksLike}</Text>
      <View style={styles.descriptors}>
        {levels.map((text, index) => (
          <View key={index} style={styles.descriptor}>
            <Text style={styles.label}>Level {index + 1}</Text>
            <Text style={styles.descriptorText}>{text}</Text>
          </View>
        ))}
      </View>
      <ScoreBoxes />
      <Text style={styles.why}>Why I gave this score</Text>
      {Array.from({ length: WRITING_LINES }, (_, index) => (
        <View key={index} style={styles.writingLine} />
      ))}
    </View>
  );
}

function StatementToScore({ statement }: { statement: ScoreSheetStatement }) {
  const [first, ...rest] = statement.criteria;
  const heading = (
    <View style={styles.statement}>
      <Text style={styles.statementHeading}>I Statement {statement.number}</Text>
      <Text style={styles.statementText}>{statement.text}</Text>
    </View>
  );
  return (
    <View>
      {/* The statement is never left at the foot of a page without its first criterion. */}
      <View wrap={false}>
        {heading}
        {first ? <CriterionToScore criterion={first} /> : null}
      </View>
      {rest.map((criterion) => (
        <CriterionToScore key={criterion.id} criterion={criterion} />
      ))}
    </View>
  );
}

export interface ScoreSheetDocumentProps {
  view: ScoreSheetView;
  creationDate: Date;
}

export function ScoreSheetDocument({ view, creationDate }: ScoreSheetDocumentProps) {
  const standard = standardInWords(view.standardTitle, view.standardVersion);
  const assessor = view.memberName ? `Assessor: ${view.memberName}` : 'Assessor: ____________________';
  return (
    <Document
      title={`Score sheet: ${view.standardTitle}${view.organisationName ? `, ${view.organisationName}` : ''}${view.memberName ? `, ${view.memberName}` : ''}`}
      subject={`Blank score sheet, ${standard}`}
      creator="Coproduction Panel"
      producer="Coproduction Panel (react-pdf)"
      language="en-GB"
      pdfVersion="1.7"
      creationDate={creationDate}
      modificationDate={creationDate}
    >
      <Page size="A4" style={[base.page, styles.page]}>
        <View style={base.body}>
          <Text style={styles.title}>Score sheet</Text>
          <Text style={styles.standard}>{standard}</Text>
          <Field label="Organisation" value={view.organisationName} />
          <Field label="Your name" value={view.memberName} />
          <Field label="Date" />
          <HowToScore />
          {view.statements.map((statement) => (
            <StatementToScore key={statement.number} statement={statement} />
          ))}
        </View>
        <PageFooter description={`${assessor}   ·   Score sheet, ${standard}`} />
      </Page>
    </Document>
  );
}

/** @jsxRuntime automatic */
import { Document, Page, StyleSheet, Text, View } from '@react-pdf/renderer';
import { LevelBadge, type BadgeArtwork } from './LevelBadge';
import { QrCode } from './QrCode';
import { base, colours, nameLineHeight, sizes } from './theme';
import type { CertificateView } from './types';
import { dateInWords, standardInWords } from './words';

const styles = StyleSheet.create({
  page: { padding: 22, backgroundColor: colours.paper },
  outerFrame: { flexGrow: 1, borderWidth: 2.5, borderColor: colours.accent, padding: 4 },
  innerFrame: {
    flexGrow: 1,
    borderWidth: 0.75,
    borderColor: colours.accent,
    paddingHorizontal: 30,
    paddingTop: 20,
    paddingBottom: 18,
    justifyContent: 'space-between',
  },
  header: { flexDirection: 'row', justifyContent: 'space-between', alignItems: 'flex-start' },
  scheme: { fontSize: 13, fontWeight: 700, color: colours.accent },
  standard: {
    fontSize: sizes.small + 0.5,
    lineHeight: 1.3,
    color: colours.muted,
    textAlign: 'right',
    maxWidth: 300,
  },
  award: { alignItems: 'center', marginTop: 4 },
  awardLine: { fontSize: sizes.lead + 1, color: colours.muted, textAlign: 'center' },
  organisation: { fontWeight: 700, textAlign: 'center', lineHeight: 1.15, marginVertical: 6, maxWidth: 680 },
  levelLine: { fontSize: 17, textAlign: 'center' },
  levelWords: { fontWeight: 700, color: colours.accent },
  middle: { flexDirection: 'row', alignItems: 'center' },
  badge: { width: 136, alignItems: 'center', marginRight: 22 },
  badgeCaption: { fontSize: sizes.body, fontWeight: 700, color: colours.accent, marginTop: 3 },
  statements: {
    flexGrow: 1,
    flexBasis: 0,
    borderTopWidth: 0.75,
    borderBottomWidth: 0.75,
    borderColor: colours.rule,
    paddingTop: 8,
    paddingBottom: 4,
  },
  statementsHeading: { fontSize: sizes.body, fontWeight: 700, color: colours.accent, marginBottom: 4 },
  statementColumns: { flexDirection: 'row' },
  statementColumn: { flexGrow: 1, flexBasis: 0 },
  statement: { flexDirection: 'row', marginBottom: 5, paddingRight: 14 },
  statementNumber: { width: 14, fontSize: 9.5, fontWeight: 700, color: colours.accent, lineHeight: 1.3 },
  statementText: { flexGrow: 1, flexBasis: 0, fontSize: 9.5, lineHeight: 1.3 },
  footer: { flexDirection: 'row', alignItems: 'flex-end' },
  facts: { flexGrow: 1, flexBasis: 0 },
  fact: { flexDirection: 'row', marginBottom: 2.5 },
  factLabel: { width: 118, fontSize: sizes.body - 0.5, color: colours.muted },
  factValue: { flexGrow: 1, flexBasis: 0, fontSize: sizes.body - 0.5, fontWeight: 700 },
  people: { flexGrow: 1, flexBasis: 0, paddingHorizontal: 16 },
  person: { marginBottom: 6 },
  personName: { fontSize: sizes.body + 1, fontWeight: 700 },
  personRole: { fontSize: sizes.small + 0.5, lineHeight: 1.3, color: colours.muted },
  panelNote: { fontSize: sizes.small + 0.5, lineHeight: 1.3, color: colours.muted },
  check: { width: 204, flexDirection: 'row', alignItems: 'flex-end', justifyContent: 'flex-end' },
  checkCaption: {
    width: 88,
    fontSize: sizes.small,
    lineHeight: 1.3,
    color: colours.muted,
    textAlign: 'right',
    marginRight: 6,
    marginBottom: 4,
  },
});

/** Long names get a smaller size so they fit on at most two lines. */
function organisationSize(name: string): number {
  if (name.length <= 38) return 32;
  if (name.length <= 64) return 26;
  return 20;
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <View style={styles.fact}>
      <Text style={styles.factLabel}>{label}</Text>
      <Text style={styles.factValue}>{value}</Text>
    </View>
  );
}

function NamedPerson({ name, role }: { name: string; role: string }) {
  return (
    <View style={styles.person}>
      <Text style={[styles.personName, { lineHeight: nameLineHeight(name, 1.4, 1.9) }]}>{name}</Text>
      <Text style={styles.personRole}>{role}</Text>
    </View>
  );
}

function IStatements({ statements }: { statements: readonly string[] }) {
  const half = Math.ceil(statements.length / 2);
  const columns = [statements.slice(0, half), statements.slice(half)];
  return (
    <View style={styles.statements}>
      <Text style={styles.statementsHeading}>The six I Statements, written by Experts by Experience</Text>
      <View style={styles.statementColumns}>
        {columns.map((column, c) => (
          <View key={c} style={styles.statementColumn}>
            {column.map((text, i) => (
              <View key={i} style={styles.statement} wrap={false}>
                <Text style={styles.statementNumber}>{c * half + i + 1}</Text>
                <Text style={styles.statementText}>{text}</Text>
              </View>
            ))}
          </View>
        ))}
      </View>
    </View>
  );
}

export interface CertificateDocumentProps {
  view: CertificateView;
  badge: BadgeArtwork;
  creationDate: Date;
}

export function CertificateDocument({ view, badge, creationDate }: CertificateDocumentProps) {
  const standard = standardInWords(view.standardTitle, view.standardVersion);
  return (
    <Document
      title={`Certificate ${view.certificateNumber}: ${view.organisationName}, Level ${view.level}`}
      subject={`${view.schemeName} certificate ${view.certificateNumber}`}
      // A copy of the QR payload, so a verifier can read and check it without rasterising the page.
      keywords={view.qrPayload}
      author={view.schemeName}
      creator="Coproduction Panel"
      producer="Coproduction Panel (react-pdf)"
      language="en-GB"
      pdfVersion="1.7"
      creationDate={creationDate}
      modificationDate={creationDate}
    >
      <Page size="A4" orientation="landscape" style={[base.page, styles.page]}>
        <View style={styles.outerFrame}>
          <View style={[styles.innerFrame, base.body]}>
            <View style={styles.header}>
              <Text style={styles.scheme}>{view.schemeName}</Text>
              <Text style={styles.standard}>{standard}</Text>
            </View>

            <View style={styles.award}>
              <Text style={styles.awardLine}>This certificate is awarded to</Text>
              <Text
                style={[
                  styles.organisation,
                  {
                    fontSize: organisationSize(view.organisationName),
                    lineHeight: nameLineHeight(view.organisationName, 1.15),
                  },
                ]}
              >
                {view.organisationName}
              </Text>
              <Text style={styles.levelLine}>
                for coproduction at <Text style={styles.levelWords}>Level {view.level}</Text> of the{' '}
                {view.standardTitle}
              </Text>
            </View>

            <View style={styles.middle}>
              <View style={styles.badge}>
                <LevelBadge artwork={badge} size={124} />
                <Text style={styles.badgeCaption}>Level {view.level} of 3</Text>
              </View>
              <IStatements statements={view.statements} />
            </View>

            <View style={styles.footer}>
              <View style={styles.facts}>
                <Fact label="Decision date" value={dateInWords(view.decisionDate)} />
                <Fact label="Valid until" value={dateInWords(view.validUntil)} />
                <Fact label="Interim review due" value={dateInWords(view.interimReviewDue)} />
                <Fact label="Certificate number" value={view.certificateNumber} />
              </View>
              <View style={styles.people}>
                {view.leadAssessorName ? (
                  <NamedPerson name={view.leadAssessorName} role="Lead assessor" />
                ) : null}
                {view.coSignerName ? (
                  <NamedPerson name={view.coSignerName} role="Expert by Experience, co-signer" />
                ) : null}
                <Text style={styles.panelNote}>Assessed by a panel that includes Experts by Experience.</Text>
              </View>
              <View style={styles.check}>
                <Text style={styles.checkCaption}>
                  Scan to check this certificate is genuine and still valid. Without internet: open this PDF
                  in the Coproduction Panel app’s Verify screen, or run copanel verify.
                </Text>
                <QrCode payload={view.qrLink ?? view.qrPayload} size={110} />
              </View>
            </View>
          </View>
        </View>
      </Page>
    </Document>
  );
}

/** @jsxRuntime automatic */
import { Document, Page, StyleSheet, Text, View } from '@react-pdf/renderer';
import { PageFooter } from './parts';
import { base, colours, sizes } from './theme';

/** One certificate's row in the printable register (issue 15). */
export interface RegisterListRow {
  certificateNumber: string;
  organisation: string;
  level: number;
  decisionDate: string;
  validUntil: string;
  statusWords: string;
}

export interface RegisterListView {
  schemeName: string;
  /** The day the statuses are as of (YYYY-MM-DD). */
  asOf: string;
  rows: RegisterListRow[];
}

const styles = StyleSheet.create({
  page: { paddingTop: 40, paddingBottom: 66, paddingHorizontal: 48 },
  title: { fontSize: sizes.title, fontWeight: 700, lineHeight: 1.2 },
  intro: { color: colours.muted, marginTop: 4, marginBottom: 12 },
  headRow: {
    flexDirection: 'row',
    borderBottomWidth: 1.5,
    borderBottomColor: colours.accent,
    paddingBottom: 4,
    fontWeight: 700,
  },
  row: { flexDirection: 'row', borderBottomWidth: 0.5, borderBottomColor: colours.rule, paddingVertical: 5 },
  organisation: { flexBasis: 0, flexGrow: 3, paddingRight: 8 },
  level: { width: 40 },
  dates: { width: 110, paddingRight: 8 },
  status: { flexBasis: 0, flexGrow: 3 },
  none: { color: colours.muted, marginTop: 8 },
});

/** The register as a printable list: A4 portrait, one row per certificate, the heading row on every page. */
export function RegisterListDocument({ view, creationDate }: { view: RegisterListView; creationDate: Date }) {
  const title = `Register of certificates — ${view.schemeName}`;
  return (
    <Document
      title={title}
      author={view.schemeName}
      creationDate={creationDate}
      modificationDate={creationDate}
    >
      <Page size="A4" style={[base.page, styles.page]}>
        <View style={base.body}>
          <Text style={styles.title}>Register of certificates</Text>
          <Text style={styles.intro}>
            {`${view.schemeName}. Each certificate’s status as of ${view.asOf}. The signed register (register.json) is the authoritative copy; check it with copanel register verify.`}
          </Text>
          <View style={styles.headRow} fixed>
            <Text style={styles.organisation}>Organisation and certificate</Text>
            <Text style={styles.level}>Level</Text>
            <Text style={styles.dates}>Awarded / valid until</Text>
            <Text style={styles.status}>Status</Text>
          </View>
          {view.rows.length === 0 ? (
            <Text style={styles.none}>The register holds no certificates yet.</Text>
          ) : null}
          {view.rows.map((row) => (
            <View key={row.certificateNumber} style={styles.row} wrap={false}>
              <Text style={styles.organisation}>{`${row.organisation}\n${row.certificateNumber}`}</Text>
              <Text style={styles.level}>{String(row.level)}</Text>
              <Text style={styles.dates}>{`${row.decisionDate}\n${row.validUntil}`}</Text>
              <Text style={styles.status}>{row.statusWords}</Text>
            </View>
          ))}
        </View>
        <PageFooter description={title} />
      </Page>
    </Document>
  );
}

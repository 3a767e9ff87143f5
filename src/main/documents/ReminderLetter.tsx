/** @jsxRuntime automatic */
import { Document, Page, StyleSheet, Text, View } from '@react-pdf/renderer';
import { PageFooter } from './parts';
import { renderDocument } from './render';
import { base, colours, sizes } from './theme';
import type { RenderOptions } from './types';

/**
 * A reminder letter to an organisation about something due in the register (issue 15): its
 * interim review, a condition of its award or its renewal. A4 portrait, the report's typography,
 * plain English, addressed to the organisation's contact.
 */
export interface ReminderLetterView {
  schemeName: string;
  /** The letter's date, in words ("4 May 2027"). */
  dated: string;
  /** The address block, line by line: the contact, the organisation, the postal address. */
  addressLines: string[];
  /** Other ways to reach them (email, phone), printed under the address. */
  alsoBy: string[];
  greeting: string;
  /** The subject line, e.g. "Your interim review was due on 3 May 2027". */
  subject: string;
  paragraphs: string[];
  /** The certificate's facts, as label and value. */
  facts: Array<{ label: string; value: string }>;
  certificateNumber: string;
}

const styles = StyleSheet.create({
  page: { paddingTop: 48, paddingBottom: 72, paddingHorizontal: 64 },
  letterhead: {
    fontSize: sizes.heading,
    fontWeight: 700,
    color: colours.accent,
    borderBottomWidth: 1.5,
    borderBottomColor: colours.accent,
    paddingBottom: 6,
    marginBottom: 24,
  },
  address: { marginBottom: 4 },
  alsoBy: { color: colours.muted, marginBottom: 4 },
  dated: { marginTop: 18, marginBottom: 18 },
  subject: { fontSize: sizes.lead, fontWeight: 700, marginBottom: 12 },
  paragraph: { marginBottom: 9 },
  facts: {
    marginTop: 6,
    marginBottom: 12,
    padding: 10,
    backgroundColor: colours.wash,
  },
  factRow: { flexDirection: 'row', marginBottom: 2 },
  factLabel: { width: 150, fontWeight: 700 },
  factValue: { flexGrow: 1, flexBasis: 0 },
  signOff: { marginTop: 18 },
});

export function ReminderLetterDocument({
  view,
  creationDate,
}: {
  view: ReminderLetterView;
  creationDate: Date;
}) {
  const title = `Reminder: ${view.subject} — certificate ${view.certificateNumber}`;
  return (
    <Document
      title={title}
      author={view.schemeName}
      subject={view.subject}
      creationDate={creationDate}
      modificationDate={creationDate}
    >
      <Page size="A4" style={[base.page, styles.page]}>
        <View style={base.body}>
          <Text style={styles.letterhead}>{view.schemeName}</Text>
          <View style={styles.address}>
            {view.addressLines.map((line, index) => (
              <Text key={index}>{line}</Text>
            ))}
          </View>
          {view.alsoBy.map((line, index) => (
            <Text key={index} style={styles.alsoBy}>
              {line}
            </Text>
          ))}
          <Text style={styles.dated}>{view.dated}</Text>
          <Text style={styles.paragraph}>{view.greeting}</Text>
          <Text style={styles.subject}>{view.subject}</Text>
          {view.paragraphs.map((paragraph, index) => (
            <Text key={index} style={styles.paragraph}>
              {paragraph}
            </Text>
          ))}
          <View style={styles.facts} wrap={false}>
            {view.facts.map((fact) => (
              <View key={fact.label} style={styles.factRow}>
                <Text style={styles.factLabel}>{fact.label}</Text>
                <Text style={styles.factValue}>{fact.value}</Text>
              </View>
            ))}
          </View>
          <Text style={styles.signOff}>With best wishes,</Text>
          <Text>{`The scheme office, ${view.schemeName}`}</Text>
        </View>
        <PageFooter
          description={`${view.schemeName} · reminder about certificate ${view.certificateNumber}`}
        />
      </Page>
    </Document>
  );
}

/** The reminder letter PDF: the same view and creation date always give the same bytes. */
export function renderReminderLetter(view: ReminderLetterView, options: RenderOptions): Promise<Buffer> {
  return renderDocument(view, options, (printable) => (
    <ReminderLetterDocument view={printable} creationDate={options.creationDate} />
  ));
}

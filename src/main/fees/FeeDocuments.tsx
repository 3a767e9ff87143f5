/** @jsxRuntime automatic */
import { Document, Page, StyleSheet, Text, View } from '@react-pdf/renderer';
import { dateInWords } from '../../shared/dates';
import { base, colours, PageFooter, SectionHeading, sizes } from '../documents';
import type { FeeStatementView, InvoiceSummaryView } from './statements';

/**
 * The fee statement (one per assessor) and the invoice summary (for the organisation assessed), in
 * the report's typography: the same fonts, sizes, colours, headings and page footer. They record and
 * explain; nothing is paid by the app.
 */

const styles = StyleSheet.create({
  page: { paddingTop: 48, paddingBottom: 70, paddingHorizontal: 56 },
  scheme: { fontSize: sizes.body, fontWeight: 700, color: colours.accent, lineHeight: 1.3 },
  title: { fontSize: sizes.title, fontWeight: 700, lineHeight: 1.2, marginTop: 4 },
  subject: { fontSize: 17, fontWeight: 700, lineHeight: 1.25, marginTop: 2 },
  muted: { color: colours.muted, marginTop: 2 },
  row: { flexDirection: 'row', borderBottomWidth: 0.5, borderBottomColor: colours.rule, paddingVertical: 3 },
  what: { flexGrow: 1, flexBasis: 0, paddingRight: 12 },
  amount: { width: 90, textAlign: 'right' },
  narrow: { width: 60, textAlign: 'right' },
  totalRow: { flexDirection: 'row', paddingTop: 6, fontWeight: 700 },
  day: { marginTop: 10 },
  dayHeading: { fontWeight: 700, color: colours.accent, marginBottom: 2 },
  box: { backgroundColor: colours.wash, padding: 12, marginTop: 8 },
  note: { color: colours.muted, marginTop: 14, fontSize: sizes.small + 0.5 },
});

function Amount({ what, amount, bold }: { what: string; amount: string; bold?: boolean }) {
  return (
    <View style={bold ? styles.totalRow : styles.row} wrap={false}>
      <Text style={styles.what}>{what}</Text>
      <Text style={styles.amount}>{amount}</Text>
    </View>
  );
}

function documentProps(title: string, subject: string, author: string, creationDate: Date) {
  return {
    title,
    subject,
    author,
    creator: 'Coproduction Panel',
    producer: 'Coproduction Panel (react-pdf)',
    language: 'en-GB',
    pdfVersion: '1.7' as const,
    creationDate,
    modificationDate: creationDate,
  };
}

export function FeeStatementDocument({ view, creationDate }: { view: FeeStatementView; creationDate: Date }) {
  return (
    <Document
      {...documentProps(
        `Fee statement: ${view.memberName}`,
        `${view.schemeName} fee statement for ${view.memberName}, assessment of ${view.organisationName}`,
        view.schemeName,
        creationDate,
      )}
    >
      <Page size="A4" style={[base.page, styles.page]}>
        <View style={base.body}>
          <Text style={styles.scheme}>{view.schemeName}</Text>
          <Text style={styles.title}>Fee statement</Text>
          <Text style={styles.subject}>{view.memberName}</Text>
          <Text style={styles.muted}>
            {view.role}, assessment of {view.organisationName}. Issued {dateInWords(view.issuedOn)}.
          </Text>
          <SectionHeading>Approved claims</SectionHeading>
          {view.days.map((day) => (
            <View key={day.workedOn} style={styles.day}>
              <Text style={styles.dayHeading}>{dateInWords(day.workedOn)}</Text>
              {day.lines.map((line, index) => (
                <Amount key={index} what={line.what} amount={line.amount} />
              ))}
              <Amount what="Total for the day" amount={day.total} bold />
            </View>
          ))}
          <View style={styles.box}>
            <Amount what="Total approved" amount={view.total} bold />
          </View>
          <Text style={styles.note}>
            Time is paid by the hour, never more than the half-day rate for up to 4 hours nor the day rate for
            a longer day, at the scheme’s rates on the day the lead assessor approved the claim. This
            statement records what was approved; payment is made by the scheme’s finance office, not by this
            app.
          </Text>
        </View>
        <PageFooter description={`Fee statement, ${view.memberName}, ${view.organisationName}`} />
      </Page>
    </Document>
  );
}

export function InvoiceSummaryDocument({
  view,
  creationDate,
}: {
  view: InvoiceSummaryView;
  creationDate: Date;
}) {
  return (
    <Document
      {...documentProps(
        `Invoice summary: ${view.organisationName}`,
        `${view.schemeName} invoice summary ${view.reference} for ${view.organisationName}`,
        view.schemeName,
        creationDate,
      )}
    >
      <Page size="A4" style={[base.page, styles.page]}>
        <View style={base.body}>
          <Text style={styles.scheme}>{view.schemeName}</Text>
          <Text style={styles.title}>Invoice summary</Text>
          <Text style={styles.subject}>{view.organisationName}</Text>
          {view.organisationAddress.map((line, index) => (
            <Text key={index} style={styles.muted}>
              {line}
            </Text>
          ))}
          <Text style={styles.muted}>
            Reference {view.reference}. Issued {dateInWords(view.issuedOn)}.
          </Text>
          <SectionHeading>The panel’s approved fees and expenses</SectionHeading>
          <View style={[styles.row, base.bold]}>
            <Text style={styles.what}>Panel member</Text>
            <Text style={styles.narrow}>Days</Text>
            <Text style={styles.amount}>Fees</Text>
            <Text style={styles.amount}>Mileage</Text>
            <Text style={styles.amount}>Expenses</Text>
            <Text style={styles.amount}>Total</Text>
          </View>
          {view.lines.map((line, index) => (
            <View key={index} style={styles.row} wrap={false}>
              <Text style={styles.what}>{line.who}</Text>
              <Text style={styles.narrow}>{line.days}</Text>
              <Text style={styles.amount}>{line.fees}</Text>
              <Text style={styles.amount}>{line.mileage}</Text>
              <Text style={styles.amount}>{line.expenses}</Text>
              <Text style={styles.amount}>{line.total}</Text>
            </View>
          ))}
          <View style={styles.totalRow}>
            <Text style={styles.what}>Totals</Text>
            <Text style={styles.narrow} />
            <Text style={styles.amount}>{view.feesTotal}</Text>
            <Text style={styles.amount}>{view.mileageTotal}</Text>
            <Text style={styles.amount}>{view.expensesTotal}</Text>
            <Text style={styles.amount}>{view.total}</Text>
          </View>
          <View style={styles.box}>
            <Amount what="Amount to pay" amount={view.total} bold />
            <Text>Pay to: {view.bank.payee}</Text>
            <Text>Bank: {view.bank.bank}</Text>
            <Text>Sort code: {view.bank.sortCode}</Text>
            <Text>Account number: {view.bank.accountNumber}</Text>
            <Text>Payment reference: {view.reference}</Text>
          </View>
          <Text style={styles.note}>
            This summary explains what the scheme will invoice for the assessment. Payment is made by bank
            transfer to the scheme; this app records and explains, and pays nothing.
          </Text>
        </View>
        <PageFooter description={`Invoice summary ${view.reference}, ${view.organisationName}`} />
      </Page>
    </Document>
  );
}

/** @jsxRuntime automatic */
import type { ReactNode } from 'react';
import { StyleSheet, Text, View } from '@react-pdf/renderer';
import { colours, sizes } from './theme';

/** Small building blocks shared by the report and the score sheet. */

const styles = StyleSheet.create({
  footer: {
    position: 'absolute',
    left: 56,
    right: 56,
    bottom: 28,
    flexDirection: 'row',
    justifyContent: 'space-between',
    borderTopWidth: 0.75,
    borderTopColor: colours.rule,
    paddingTop: 6,
    fontSize: sizes.small,
    color: colours.muted,
  },
  footerLeft: { flexGrow: 1, flexBasis: 0, paddingRight: 12, maxLines: 1, textOverflow: 'ellipsis' },
  // A page number's text is only known when the page is drawn, after the footer is laid out, so it
  // gets room of its own ("Page 999 of 999") rather than the width of an empty text.
  footerPage: { width: 72, flexShrink: 0, textAlign: 'right' },
  bulletRow: { flexDirection: 'row', marginBottom: 3 },
  bullet: { width: 12, color: colours.accent },
  bulletText: { flexGrow: 1, flexBasis: 0 },
  sectionHeading: {
    fontSize: sizes.heading,
    fontWeight: 700,
    lineHeight: 1.3,
    color: colours.accent,
    marginTop: 18,
    marginBottom: 6,
  },
  subHeading: {
    fontSize: sizes.body + 0.5,
    fontWeight: 700,
    lineHeight: 1.35,
    marginTop: 9,
    marginBottom: 3,
  },
  none: { color: colours.muted },
  firstOnPage: { marginTop: 0 },
});

/**
 * "Page x of y" with a short description of the document, at the foot of every page. The
 * description keeps to one line (a long organisation name ends in "…"), so the footer never grows
 * into the page's text.
 */
export function PageFooter({ description }: { description: string }) {
  return (
    <View style={styles.footer} fixed>
      <Text style={styles.footerLeft}>{description}</Text>
      <Text
        style={styles.footerPage}
        render={({ pageNumber, totalPages }) => `Page ${pageNumber} of ${totalPages}`}
      />
    </View>
  );
}

export function Bullets({ items, none }: { items: readonly string[]; none?: string }) {
  if (items.length === 0) return none ? <Text style={styles.none}>{none}</Text> : null;
  return (
    <View>
      {items.map((item, index) => (
        <View key={index} style={styles.bulletRow} wrap={false}>
          <Text style={styles.bullet}>•</Text>
          <Text style={styles.bulletText}>{item}</Text>
        </View>
      ))}
    </View>
  );
}

/** A section heading that is never left alone at the bottom of a page. */
export function SectionHeading({
  children,
  breakBefore = false,
}: {
  children: ReactNode;
  breakBefore?: boolean;
}) {
  return (
    <Text
      style={[styles.sectionHeading, breakBefore ? styles.firstOnPage : {}]}
      minPresenceAhead={60}
      break={breakBefore}
    >
      {children}
    </Text>
  );
}

export function SubHeading({ children }: { children: ReactNode }) {
  return (
    <Text style={styles.subHeading} minPresenceAhead={36}>
      {children}
    </Text>
  );
}

import { StyleSheet } from '@react-pdf/renderer';
import { DOCUMENT_FONT_STACK } from './fonts';

/** Colours chosen to read well printed in black and white too; nothing relies on colour alone. */
export const colours = {
  ink: '#1b1b1b',
  muted: '#45494b',
  accent: '#1d4a5a',
  rule: '#b9c6ca',
  wash: '#eef3f4',
  paper: '#ffffff',
} as const;

/** Type sizes in points. Body text is never below 9 pt on the report and score sheet. */
export const sizes = {
  small: 8.5,
  body: 10.5,
  lead: 12,
  heading: 15,
  title: 24,
} as const;

export const base = StyleSheet.create({
  page: {
    fontFamily: DOCUMENT_FONT_STACK,
    fontSize: sizes.body,
    color: colours.ink,
  },
  /**
   * Wraps a page's flowing content. Not set on the page itself: react-pdf resolves line height to
   * points where it is declared and, inherited by a page-number <Text render>, the footer vanishes.
   */
  body: { fontSize: sizes.body, lineHeight: 1.4 },
  bold: { fontWeight: 700 },
  italic: { fontStyle: 'italic' },
  muted: { color: colours.muted },
});

/** Scripts whose letters reach further above and below the line than Latin letters do. */
const TALL_SCRIPTS =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Tamil}]/u;

/**
 * The line height for a large name: `latin` for Latin, Greek, Cyrillic and Chinese, more for
 * scripts with tall letters (`tall`), so a second line never runs into the first or into the text below.
 */
export function nameLineHeight(name: string, latin: number, tall = 1.6): number {
  return TALL_SCRIPTS.test(name) ? Math.max(latin, tall) : latin;
}

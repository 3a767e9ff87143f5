import { join } from 'node:path';
import { Font } from '@react-pdf/renderer';

/**
 * The documents' only typeface: Atkinson Hyperlegible (Braille Institute, SIL OFL 1.1), bundled as
 * TrueType in resources/fonts and registered from local files. Nothing is fetched.
 *
 * react-pdf falls back to Helvetica, which is not embedded, for any character the font lacks. So
 * every text is first made printable with the font's own characters (see `fitToFont`).
 */
export const FONT_FAMILY = 'Atkinson Hyperlegible';

const FONT_FILES = [
  { file: 'AtkinsonHyperlegible-Regular.ttf', fontWeight: 400, fontStyle: 'normal' },
  { file: 'AtkinsonHyperlegible-Bold.ttf', fontWeight: 700, fontStyle: 'normal' },
  { file: 'AtkinsonHyperlegible-Italic.ttf', fontWeight: 400, fontStyle: 'italic' },
  { file: 'AtkinsonHyperlegible-BoldItalic.ttf', fontWeight: 700, fontStyle: 'italic' },
] as const;

let registeredFrom: string | undefined;
let coverage: ReadonlySet<number> | undefined;

/**
 * Registers the bundled fonts with react-pdf (a process-wide store) and turns hyphenation off:
 * words are never broken. Safe to call before every render; work is done once per fonts folder.
 */
export async function registerDocumentFonts(resourcesDir: string): Promise<void> {
  const fontsDir = join(resourcesDir, 'fonts');
  if (registeredFrom !== fontsDir) {
    // Another folder than before (e.g. a test's copy): forget the old files, keep the built-in fonts.
    if (registeredFrom !== undefined) delete Font.getRegisteredFonts()[FONT_FAMILY];
    Font.register({
      family: FONT_FAMILY,
      fonts: FONT_FILES.map(({ file, fontWeight, fontStyle }) => ({
        src: join(fontsDir, file),
        fontWeight,
        fontStyle,
      })),
    });
    Font.registerHyphenationCallback((word) => [word]);
    registeredFrom = fontsDir;
    coverage = undefined;
  }
  if (coverage === undefined) {
    await Font.load({ fontFamily: FONT_FAMILY, fontWeight: 400, fontStyle: 'normal' });
    const font = Font.getFont({ fontFamily: FONT_FAMILY, fontWeight: 400, fontStyle: 'normal' }).data;
    if (!font) throw new Error(`The document font could not be loaded from ${fontsDir}.`);
    // All four styles cover the same characters.
    coverage = new Set(font.characterSet);
  }
}

const COMBINING_MARK = /\p{M}/gu;
const REPLACEMENT = '?';

/**
 * `text` using only characters the bundled font has, so nothing falls back to an unembedded font:
 * a missing accented letter is written decomposed (letter + combining accent, which the font
 * positions), or failing that without its accent; anything else becomes "?". Line breaks and tabs
 * are kept. Call `registerDocumentFonts` first.
 */
export function fitToFont(text: string): string {
  const covered = coverage;
  if (!covered) throw new Error('Register the document fonts before laying out text.');
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || covered.has(code)) {
      out += char;
      continue;
    }
    out += substitute(char, covered);
  }
  return out;
}

function substitute(char: string, covered: ReadonlySet<number>): string {
  const isCovered = (s: string): boolean => [...s].every((c) => covered.has(c.codePointAt(0) ?? 0));
  const decomposed = char.normalize('NFD');
  if (isCovered(decomposed)) return decomposed;
  const compatible = char.normalize('NFKD');
  if (isCovered(compatible)) return compatible;
  const bare = compatible.replace(COMBINING_MARK, '');
  if (bare.length > 0 && isCovered(bare)) return bare;
  return REPLACEMENT;
}

/**
 * A copy of a view model with every string made printable by `fitToFont`, except the properties
 * named in `keep` (e.g. the QR payload, which must stay exactly as signed).
 */
export function fitViewToFont<T>(view: T, keep: ReadonlySet<string> = new Set()): T {
  return fitValue(view, keep) as T;
}

function fitValue(value: unknown, keep: ReadonlySet<string>): unknown {
  if (typeof value === 'string') return fitToFont(value);
  if (Array.isArray(value)) return value.map((item) => fitValue(item, keep));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = keep.has(key) ? item : fitValue(item, keep);
    return out;
  }
  return value;
}

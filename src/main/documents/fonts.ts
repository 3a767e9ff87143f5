import { join } from 'node:path';
import { requirePatchedRenderer } from './renderer-patch';

/**
 * The documents' typefaces, bundled in resources/fonts (SIL OFL 1.1) and registered from local
 * files; nothing is fetched. Atkinson Hyperlegible draws Latin; Noto families draw the other
 * scripts people in the UK write their names in. Text is set in the stack below: for each
 * character the renderer takes the first family that has it (a space, digit or mark stays in the
 * family of the text around it), so a name in Arabic or Tamil is drawn, shaped, in its own font.
 *
 * The Noto files are cut down by scripts/subset-fonts.py (see resources/fonts/README.md).
 */
export interface BundledFamily {
  family: string;
  /** What this family draws, in words (for the README and the refusal message). */
  draws: string;
  regular: string;
  bold: string;
  /** Families without an italic use their upright letters for italic text. */
  italic?: string;
  boldItalic?: string;
}

export const BUNDLED_FAMILIES: readonly BundledFamily[] = [
  {
    family: 'Atkinson Hyperlegible',
    draws: 'Latin',
    regular: 'AtkinsonHyperlegible-Regular.ttf',
    bold: 'AtkinsonHyperlegible-Bold.ttf',
    italic: 'AtkinsonHyperlegible-Italic.ttf',
    boldItalic: 'AtkinsonHyperlegible-BoldItalic.ttf',
  },
  {
    family: 'Noto Sans',
    draws: 'Greek, Cyrillic and the Latin letters Atkinson Hyperlegible lacks',
    regular: 'NotoSans-Regular.ttf',
    bold: 'NotoSans-Bold.ttf',
    italic: 'NotoSans-Italic.ttf',
  },
  {
    family: 'Noto Sans Arabic',
    draws: 'Arabic script',
    regular: 'NotoSansArabic-Regular.ttf',
    bold: 'NotoSansArabic-Bold.ttf',
  },
  {
    family: 'Noto Sans Hebrew',
    draws: 'Hebrew',
    regular: 'NotoSansHebrew-Regular.ttf',
    bold: 'NotoSansHebrew-Bold.ttf',
  },
  {
    family: 'Noto Sans Devanagari',
    draws: 'Devanagari',
    regular: 'NotoSansDevanagari-Regular.ttf',
    bold: 'NotoSansDevanagari-Bold.ttf',
  },
  {
    family: 'Noto Sans Bengali',
    draws: 'Bengali',
    regular: 'NotoSansBengali-Regular.ttf',
    bold: 'NotoSansBengali-Bold.ttf',
  },
  {
    family: 'Noto Sans Gurmukhi',
    draws: 'Gurmukhi',
    regular: 'NotoSansGurmukhi-Regular.ttf',
    bold: 'NotoSansGurmukhi-Bold.ttf',
  },
  {
    family: 'Noto Sans Gujarati',
    draws: 'Gujarati',
    regular: 'NotoSansGujarati-Regular.ttf',
    bold: 'NotoSansGujarati-Bold.ttf',
  },
  {
    family: 'Noto Sans Tamil',
    draws: 'Tamil',
    regular: 'NotoSansTamil-Regular.ttf',
    bold: 'NotoSansTamil-Bold.ttf',
  },
  {
    family: 'Noto Sans SC',
    draws: 'commonly used Chinese characters, Japanese kana',
    regular: 'NotoSansSC-Regular.otf',
    bold: 'NotoSansSC-Bold.otf',
  },
];

/** The font stack every document is set in, first choice first. */
export const DOCUMENT_FONT_STACK: string[] = BUNDLED_FAMILIES.map((family) => family.family);

/** The bundled fonts folder inside an app resources folder. */
function fontsFolder(resourcesDir: string): string {
  return join(resourcesDir, 'fonts');
}

function fontSources(family: BundledFamily, fontsDir: string) {
  const source = (file: string, fontWeight: number, fontStyle: 'normal' | 'italic') => ({
    src: join(fontsDir, file),
    fontWeight,
    fontStyle,
  });
  const sources = [
    source(family.regular, 400, 'normal'),
    source(family.bold, 700, 'normal'),
    source(family.italic ?? family.regular, 400, 'italic'),
  ];
  const boldItalic = family.boldItalic ?? (family.italic ? undefined : family.bold);
  if (boldItalic) sources.push(source(boldItalic, 700, 'italic'));
  return sources;
}

let registeredFrom: string | undefined;
const coverageByFolder = new Map<string, Promise<ReadonlySet<number>>>();

/**
 * react-pdf's font store, loaded when first needed: checking a name that is being entered (see
 * printable.ts) should not load the whole PDF renderer up front.
 */
async function fontStore() {
  const { Font } = await import('@react-pdf/renderer');
  return Font;
}

/**
 * Registers the bundled fonts with react-pdf (a process-wide store) and turns hyphenation off:
 * words are never broken. Safe to call before every render; work is done once per fonts folder.
 */
export async function registerDocumentFonts(resourcesDir: string): Promise<void> {
  const fontsDir = fontsFolder(resourcesDir);
  if (registeredFrom === fontsDir) return;
  requirePatchedRenderer();
  const Font = await fontStore();
  // Another folder than before (e.g. a test's copy): forget the old files, keep the built-in fonts.
  const registered = Font.getRegisteredFonts();
  for (const family of BUNDLED_FAMILIES) delete registered[family.family];
  for (const family of BUNDLED_FAMILIES) {
    Font.register({ family: family.family, fonts: fontSources(family, fontsDir) });
  }
  Font.registerHyphenationCallback((word) => [word]);
  registeredFrom = fontsDir;
}

/**
 * Every character some bundled font can draw: the union of the fonts' character maps, read from
 * the font files themselves (each family's styles cover the same characters; a test checks it).
 * Loaded once per fonts folder.
 */
export function documentFontCoverage(resourcesDir: string): Promise<ReadonlySet<number>> {
  const fontsDir = fontsFolder(resourcesDir);
  let coverage = coverageByFolder.get(fontsDir);
  if (!coverage) {
    coverage = loadCoverage(resourcesDir);
    coverageByFolder.set(fontsDir, coverage);
    coverage.catch(() => coverageByFolder.delete(fontsDir));
  }
  return coverage;
}

async function loadCoverage(resourcesDir: string): Promise<ReadonlySet<number>> {
  await registerDocumentFonts(resourcesDir);
  const Font = await fontStore();
  const covered = new Set<number>();
  for (const { family } of BUNDLED_FAMILIES) {
    const descriptor = { fontFamily: family, fontWeight: 400, fontStyle: 'normal' } as const;
    await Font.load(descriptor);
    const font = Font.getFont(descriptor).data;
    if (!font) throw new Error(`The document font ${family} could not be loaded from ${resourcesDir}.`);
    for (const code of font.characterSet as number[]) covered.add(code);
  }
  return covered;
}

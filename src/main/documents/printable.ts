import { join } from 'node:path';
import { UserFacingError } from '../../shared/errors';
import { findAppRoot } from '../runtime';
import { documentFontCoverage } from './fonts';

/**
 * What the documents can print. A name goes on a signed certificate and the app's verifier reads it
 * back from the page, so a name with a character no bundled font can draw is refused when it is
 * entered (`requirePrintableName`, the one check every place a printed name enters uses), and again
 * before a certificate is drawn. Other text (quotes, notes, addresses) prints with "�" in place of
 * such a character.
 *
 * Emoji are refused in names: no bundled font draws them (colour emoji fonts do not embed in a PDF
 * as text, and a monochrome emoji font would add megabytes for pictures few names contain).
 */

/** Where a name is entered, for the message: the input field and the name in words. */
export interface NamePlace {
  /** The input field, as the API names it (e.g. "organisationName"), so a form can mark it. */
  field: string;
  /** The name in words, e.g. "the organisation’s name", "this name". */
  what: string;
}

const REPLACEMENT = '\uFFFD';
const CONTROL = /\p{Cc}/u;
const EMOJI_PART =
  /[\p{Extended_Pictographic}\p{Regional_Indicator}\p{Emoji_Modifier}\u{FE0F}\u{20E3}\u{E0020}-\u{E007F}]/u;
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

function defaultResources(): string {
  return join(findAppRoot(), 'resources');
}

/** Whether the bundled fonts draw this character (and the pieces the renderer splits it into). */
function drawable(char: string, coverage: ReadonlySet<number>): boolean {
  const covered = (c: string) => coverage.has(c.codePointAt(0) ?? -1);
  if (!covered(char)) return false;
  // The renderer writes Indic letters decomposed (NFD); each piece must be drawable too.
  const decomposed = char.normalize('NFD');
  return decomposed === char || [...decomposed].every(covered);
}

/** The first grapheme of `text` (as a person sees it) that the documents cannot print, if any. */
export function firstUnprintable(text: string, coverage: ReadonlySet<number>): string | undefined {
  for (const { segment } of graphemes.segment(text)) {
    for (const char of segment) {
      if (CONTROL.test(char) || !drawable(char, coverage)) return segment;
    }
  }
  return undefined;
}

function describe(grapheme: string): string {
  if (EMOJI_PART.test(grapheme)) return 'an emoji';
  if (CONTROL.test(grapheme)) return 'a line break or tab';
  const codes = [...grapheme].map(
    (char) => `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
  return `character ${codes.join(' ')}`;
}

/** The plain sentence for a name the certificate cannot print. */
function unprintableNameMessage(grapheme: string, what: string): string {
  const kind = describe(grapheme);
  const shown = CONTROL.test(grapheme) ? '' : ` “${grapheme}”`;
  const advice =
    kind === 'an emoji'
      ? 'Please write the name without emoji.'
      : kind === 'a line break or tab'
        ? 'Please write the name on one line.'
        : `Please write the name without it. The certificate prints ${scriptsInWords()}.`;
  return `The certificate cannot print the character${shown} (${kind}) in ${what}. ${advice}`;
}

function scriptsInWords(): string {
  const scripts = [
    'Latin',
    'Greek',
    'Cyrillic',
    'Arabic',
    'Hebrew',
    'Devanagari',
    'Bengali',
    'Gurmukhi',
    'Gujarati',
    'Tamil',
    'commonly used Chinese',
  ];
  return `${scripts.slice(0, -1).join(', ')} and ${scripts[scripts.length - 1]} letters`;
}

/**
 * Refuses a name the documents cannot print, with a plain message naming the character. The one
 * check for every name that can appear on a certificate or report: the organisation's name, panel
 * members' names (the lead and the co-signer among them).
 */
export async function requirePrintableName(
  name: string,
  place: NamePlace,
  resourcesDir: string = defaultResources(),
): Promise<void> {
  const unprintable = firstUnprintable(name, await documentFontCoverage(resourcesDir));
  if (unprintable === undefined) return;
  const message = unprintableNameMessage(unprintable, place.what);
  throw new UserFacingError('INVALID_INPUT', message, [{ field: place.field.split('.'), message }]);
}

/** `text` with each grapheme the fonts cannot draw written as "�" (line breaks and tabs are kept). */
export function printableText(text: string, coverage: ReadonlySet<number>): string {
  if (firstUnprintable(text.replace(/[\n\t]/g, ' '), coverage) === undefined) return text;
  let out = '';
  for (const { segment } of graphemes.segment(text)) {
    const keep = segment === '\n' || segment === '\t' || segment === '\r\n';
    out += keep || firstUnprintable(segment, coverage) === undefined ? segment : REPLACEMENT;
  }
  return out;
}

/**
 * A copy of a view model with every string made printable by `printableText`, except the
 * properties named in `keep` (e.g. the QR payload, which must stay exactly as signed).
 */
export function printableView<T>(
  view: T,
  coverage: ReadonlySet<number>,
  keep: ReadonlySet<string> = new Set(),
): T {
  const fit = (value: unknown): unknown => {
    if (typeof value === 'string') return printableText(value, coverage);
    if (Array.isArray(value)) return value.map(fit);
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) out[key] = keep.has(key) ? item : fit(item);
      return out;
    }
    return value;
  };
  return fit(view) as T;
}

import { caseFileName, textLimit } from '../../../../shared/api';

const FORBIDDEN = /[/\\:*?"<>|]/g;

/**
 * Suggests a case file name from the organisation's name: "Riverside Mind" → "Riverside Mind
 * assessment". An organisation's name may be longer than a file name may be, so a long one is
 * cut at the last whole word that fits (never inside a character or an accented letter), and the
 * suggestion is always a name the app accepts. `suffix` names the kind of file (" scheme" for a
 * scheme file).
 */
export function suggestedFileName(organisation: string, suffix = ' assessment'): string {
  const cleaned = organisation.replace(FORBIDDEN, ' ').replace(/\s+/g, ' ').trim();
  if (!cleaned) return '';
  const limit = textLimit(caseFileName) ?? 120;
  return `${cutToWholeWords(cleaned, limit - suffix.length)}${suffix}`;
}

/** At most `max` UTF-16 units of `text`, ending at a word's end where a word fits. */
function cutToWholeWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const letters = new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text);
  let fitted = '';
  for (const { segment } of letters) {
    if (fitted.length + segment.length > max) break;
    fitted += segment;
  }
  const lastSpace = fitted.lastIndexOf(' ');
  const cut = text[fitted.length] === ' ' || lastSpace <= 0 ? fitted : fitted.slice(0, lastSpace);
  return cut.trim();
}

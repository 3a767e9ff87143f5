/**
 * Characters a person cannot see that change how the text around them reads. The bidirectional
 * embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) can make a name typed as
 * "report‮fdp.copanel" show as "reportlenapoc.pdf", or reverse words on a certificate; control
 * characters (U+0000–U+001F, U+007F–U+009F) are never part of a name. The marks a right-to-left
 * writer may need (U+200E, U+200F, U+061C) are not among them.
 */
const HIDDEN_DIRECTION_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F-\u009F]/g;

/** What a person is told when a field holds a character that changes how the text reads. */
export const HIDDEN_CHARACTERS_MESSAGE =
  'Remove the hidden characters that change the direction of the text (they can make it read differently from what was typed).';

/** True when the text holds no direction controls (line breaks and tabs are allowed where asked). */
export function hasNoHiddenDirectionControls(text: string): boolean {
  return !new RegExp(HIDDEN_DIRECTION_CONTROLS.source).test(text);
}

/** True when a one-line text (a name, a title) holds neither direction controls nor control characters. */
export function isPlainOneLine(text: string): boolean {
  return hasNoHiddenDirectionControls(text) && !new RegExp(CONTROL_CHARACTERS.source).test(text);
}

/**
 * A file's name as it is safe to show: each hidden or control character becomes a visible "�", so
 * a name read from the disk cannot pose as another kind of file.
 */
export function shownFileName(name: string): string {
  return name.replace(HIDDEN_DIRECTION_CONTROLS, '\uFFFD').replace(CONTROL_CHARACTERS, '\uFFFD');
}

/** A file's name from its path, on any system, as it is safe to show. */
export function fileNameOf(path: string): string {
  return shownFileName(path.split(/[/\\]/).pop() ?? path);
}

/** A file's name from its path in quotation marks, for messages. */
export function quotedFileName(path: string): string {
  return `“${fileNameOf(path)}”`;
}

/** Comparing people's names: on certificates, in identities and on the panel. */

export { sameName } from '../../shared/names';

/** Text without whitespace or combining marks, for comparing what a page shows. */
export function compact(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').replace(/\s+/g, '');
}

/**
 * A name as a page prints it compared with a name: where the page breaks lines, and accents its
 * font lacked, do not matter either.
 */
export function samePrintedName(printed: string, name: string): boolean {
  return compact(printed).toLocaleLowerCase('en-GB') === compact(name).toLocaleLowerCase('en-GB');
}

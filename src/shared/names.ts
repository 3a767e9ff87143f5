/** Comparing people's names: on certificates, in identities and on the panel. */

/** Names compared as people write them: case, accents' composition and spacing do not matter. */
export function sameName(a: string, b: string): boolean {
  const normal = (name: string) =>
    name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-GB');
  return normal(a) === normal(b);
}

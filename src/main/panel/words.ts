/** Small helpers for the plain-English sentences the panel workflow says. */

/** "Ann", "Ann and Ben", "Ann, Ben and Cal". */
export function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1] ?? ''}`;
}

/** Names criteria in a message, at most `shown` of them, then "and N more". */
export function listCriteria(ids: readonly string[], shown = 8): string {
  if (ids.length <= shown) return joinWords(ids);
  return `${ids.slice(0, shown).join(', ')} and ${ids.length - shown} more`;
}

export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

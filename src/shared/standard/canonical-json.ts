/**
 * Canonical JSON: object keys sorted (by UTF-16 code units, as Array.prototype.sort does),
 * no whitespace, numbers as JavaScript prints them (shortest round-trip form, -0 as 0).
 * The same value always gives the same text, so its hash pins it exactly.
 *
 * Like JSON.stringify: object properties whose value is undefined are left out, undefined in an
 * array becomes null, and toJSON() is honoured. Unlike it, this refuses what JSON cannot carry
 * faithfully: non-finite numbers, bigints, functions, symbols and cycles throw a TypeError.
 */
export function canonicalJson(value: unknown): string {
  return write(value, new Set<object>());
}

function write(input: unknown, ancestors: Set<object>): string {
  const value = withToJson(input);
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value))
        throw new TypeError(`Canonical JSON cannot hold the number ${String(value)}.`);
      return JSON.stringify(value);
    case 'object':
      return writeContainer(value, ancestors);
    default:
      throw new TypeError(`Canonical JSON cannot hold ${typeof value} values.`);
  }
}

function withToJson(value: unknown): unknown {
  if (
    typeof value === 'object' &&
    value !== null &&
    'toJSON' in value &&
    typeof value.toJSON === 'function'
  ) {
    return (value.toJSON as () => unknown)();
  }
  return value;
}

function writeContainer(value: object, ancestors: Set<object>): string {
  if (ancestors.has(value)) throw new TypeError('Canonical JSON cannot hold a value that contains itself.');
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      const items: unknown[] = value;
      return `[${items.map((item) => (item === undefined ? 'null' : write(item, ancestors))).join(',')}]`;
    }
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .sort()
      .filter((key) => record[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${write(record[key], ancestors)}`);
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(value);
  }
}

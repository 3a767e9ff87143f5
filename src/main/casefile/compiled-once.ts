import { type Compilable, CompiledQuery, type Kysely } from 'kysely';

/** The values a query is run with: plain column values, each used where the query puts a value. */
export type QueryValues<Values> = { [Name in keyof Values]: string | number | null };

/** Where each `?` of the compiled SQL takes its value from: a value given to the call, or a fixed one. */
type Slot = { value: string } | { fixed: unknown };

interface Template {
  sql: string;
  slots: Slot[];
}

/**
 * A stand-in for a value while the query is built: an object with nothing on it, told apart by
 * identity, so code that works on the value (splitting it, adding to it) fails or loses it, and is refused.
 */
function standIn(name: string): object {
  return Object.freeze({ standInFor: name });
}

/**
 * A query built and compiled by Kysely once, then run again and again with new values. On the
 * panel room's hot path (every autosave runs a dozen queries) building a query and compiling it
 * cost more CPU than SQLite spends running it; here each call only puts its values in place.
 *
 * `build` is the query as it would be written inline, with its values taken from `values` and used
 * only as values (never to choose between two queries in code: that choice would be made once, for
 * the stand-ins). It is called once, with stand-ins for the values; each stand-in must reach the SQL
 * as a parameter, so a value the query's shape is made from, such as a list, is refused at once.
 * The handle given to `build` is the one the query runs on, so a query built on a readable handle
 * can only read.
 */
export function compiledOnce<Db, Values extends QueryValues<Values>, Row>(
  build: (db: Db, values: Values) => Compilable<Row>,
): (db: Db, values: Values) => Promise<Row[]> {
  let template: Template | undefined;
  return async (db, values) => {
    template ??= compileTemplate(db, build);
    const parameters = template.slots.map((slot) =>
      'value' in slot ? values[slot.value as keyof Values] : slot.fixed,
    );
    // The handle is a Kysely (or one of its transactions) whatever its type lets a caller do: the SQL
    // run is the one `build` made from that same handle.
    const runner = db as unknown as Pick<Kysely<unknown>, 'executeQuery'>;
    const result = await runner.executeQuery<Row>(CompiledQuery.raw(template.sql, parameters));
    return result.rows;
  };
}

function compileTemplate<Db, Values extends QueryValues<Values>, Row>(
  db: Db,
  build: (db: Db, values: Values) => Compilable<Row>,
): Template {
  const byStandIn = new Map<unknown, string>();
  const standIns = new Proxy({} as Values, {
    get: (_target, name) => {
      if (typeof name !== 'string') return undefined;
      const made = standIn(name);
      byStandIn.set(made, name);
      return made;
    },
  });
  const refuse = (names: string[]) =>
    new Error(`A query compiled once must take every value as a parameter; not so for: ${names.join(', ')}`);
  let compiled: CompiledQuery<Row>;
  try {
    compiled = build(db, standIns).compile();
  } catch (error) {
    throw Object.assign(refuse([...byStandIn.values()]), { cause: error });
  }
  const slots = compiled.parameters.map((parameter): Slot => {
    const name = byStandIn.get(parameter);
    return name === undefined ? { fixed: parameter } : { value: name };
  });
  // Each time a value was read, what was read must reach the SQL as a parameter.
  const placed = new Set(compiled.parameters);
  const unplaced = [...byStandIn].filter(([made]) => !placed.has(made)).map(([, name]) => name);
  if (unplaced.length > 0) throw refuse(unplaced);
  return { sql: compiled.sql, slots };
}

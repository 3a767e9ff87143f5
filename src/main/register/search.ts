import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { RegisterEntry, RegisterStatusState } from '../../shared/api';
import type { SchemeFile, SchemeFileDatabase } from '../scheme';
import { entriesOf, inRegisterOrder } from './register';
import { registerStateSql } from './status-sql';

/**
 * One page of the register (issue 15 item 8: 50,000 certificates): searched by organisation name or
 * certificate number, filtered by status, in the list's order (organisation, then number) — all in
 * SQL on one narrow index, so only the page's own entries are read in full and given their status
 * by registerStatus.
 */

export interface RegisterQuery {
  /** The day the statuses are for (YYYY-MM-DD, Europe/London). */
  today: string;
  /** Words in the organisation's name (any case), or a certificate number or its beginning. */
  query?: string;
  /** Only certificates in one of these states on `today`. */
  states?: readonly RegisterStatusState[];
  offset?: number;
  limit?: number;
}

export interface RegisterPage {
  total: number;
  entries: RegisterEntry[];
}

/**
 * A certificate number or its beginning ("CPS-2026-0A1B…"): looked up on the number's own index,
 * not searched for in names.
 */
const NUMBER_BEGINNING = /^[A-Za-z]{2,8}-\d{4}(-[0-9A-Fa-f]{0,8})?$/;

/** A LIKE pattern that matches `text` literally anywhere (with ESCAPE '\'). */
function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

type Entries = ExpressionBuilder<SchemeFileDatabase & { e: SchemeFileDatabase['register_entry'] }, 'e'>;

function matching(query: RegisterQuery) {
  const words = query.query?.trim() ?? '';
  return (eb: Entries) => {
    const conditions: Expression<SqlBool>[] = [];
    if (NUMBER_BEGINNING.test(words)) {
      const from = words.toUpperCase();
      conditions.push(
        eb.and([
          eb('e.certificate_number', '>=', from),
          eb('e.certificate_number', '<', `${from}\u{10FFFF}`),
        ]),
      );
    } else if (words !== '') {
      const pattern = containing(words);
      conditions.push(
        sql<boolean>`(e.organisation like ${pattern} escape '\\' or e.certificate_number like ${pattern} escape '\\')`,
      );
    }
    if (query.states !== undefined)
      conditions.push(
        query.states.length === 0
          ? eb.val(false)
          : eb(registerStateSql(query.today), 'in', [...query.states]),
      );
    return eb.and(conditions);
  };
}

export async function searchRegister(scheme: SchemeFile, query: RegisterQuery): Promise<RegisterPage> {
  const where = matching(query);
  const counted = await scheme.db
    .selectFrom('register_entry as e')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .where(where)
    .executeTakeFirstOrThrow();
  if (query.limit === undefined) {
    const rows = await scheme.db.selectFrom('register_entry as e').selectAll('e').where(where).execute();
    const wanted = rows.sort(inRegisterOrder).slice(query.offset ?? 0);
    return { total: Number(counted.total), entries: await entriesOf(scheme, wanted, query.today) };
  }
  // A page: the numbers from the narrow index first, then only those entries in full.
  const page = (
    await scheme.db
      .selectFrom('register_entry as e')
      .select('e.certificate_number')
      .where(where)
      .orderBy('e.organisation')
      .orderBy('e.certificate_number')
      .limit(query.limit)
      .offset(query.offset ?? 0)
      .execute()
  ).map((row) => row.certificate_number);
  const rows =
    page.length === 0
      ? []
      : await scheme.db
          .selectFrom('register_entry')
          .selectAll()
          .where('certificate_number', 'in', page)
          .execute();
  const order = new Map(page.map((number, index) => [number, index]));
  rows.sort((a, b) => order.get(a.certificate_number)! - order.get(b.certificate_number)!);
  return { total: Number(counted.total), entries: await entriesOf(scheme, rows, query.today) };
}

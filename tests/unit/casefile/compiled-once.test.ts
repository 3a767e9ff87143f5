import Database from 'better-sqlite3-multiple-ciphers';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseFileKysely, compiledOnce } from '../../../src/main/casefile';

interface Tables {
  member: { id: string; name: string; role: string; cycle: number };
}

describe('a query compiled once runs with each call’s own values', () => {
  let sqlite: Database.Database;
  let db: Kysely<Tables>;

  beforeEach(async () => {
    sqlite = new Database(':memory:');
    sqlite.exec(
      'create table member (id text primary key, name text not null, role text not null, cycle integer)',
    );
    db = caseFileKysely<Tables>(sqlite, ':memory:');
    await db
      .insertInto('member')
      .values([
        { id: 'a', name: 'Ama', role: 'lead', cycle: 1 },
        { id: 'b', name: 'Ben', role: 'assessor', cycle: 1 },
        { id: 'c', name: 'Cal', role: 'assessor', cycle: 2 },
      ])
      .execute();
  });

  afterEach(() => sqlite.close());

  it('gives the rows the same query built anew would give, for every set of values, fixed values kept', async () => {
    const assessorsOf = compiledOnce((handle: Kysely<Tables>, where: { cycle: number; notId: string }) =>
      handle
        .selectFrom('member')
        .select(['id', 'name'])
        .where('role', '=', 'assessor')
        .where('cycle', '=', where.cycle)
        .where('id', '!=', where.notId)
        .orderBy('name')
        .limit(5),
    );
    for (const where of [
      { cycle: 1, notId: 'x' },
      { cycle: 2, notId: 'x' },
      { cycle: 2, notId: 'c' },
      { cycle: 1, notId: 'b' },
    ]) {
      const built = await db
        .selectFrom('member')
        .select(['id', 'name'])
        .where('role', '=', 'assessor')
        .where('cycle', '=', where.cycle)
        .where('id', '!=', where.notId)
        .orderBy('name')
        .limit(5)
        .execute();
      expect(await assessorsOf(db, where)).toEqual(built);
    }
    expect(await assessorsOf(db, { cycle: 1, notId: 'x' })).toEqual([{ id: 'b', name: 'Ben' }]);
  });

  it('writes with the values given, a value used twice in both places', async () => {
    const rename = compiledOnce((handle: Kysely<Tables>, put: { id: string; name: string }) =>
      handle
        .insertInto('member')
        .values({ id: put.id, name: put.name, role: 'assessor', cycle: 1 })
        .onConflict((conflict) => conflict.column('id').doUpdateSet({ name: put.name }))
        .returning(['id', 'name']),
    );
    expect(await rename(db, { id: 'b', name: 'Bea' })).toEqual([{ id: 'b', name: 'Bea' }]);
    expect(await rename(db, { id: 'd', name: 'Dee' })).toEqual([{ id: 'd', name: 'Dee' }]);
    const names = await db.selectFrom('member').select('name').orderBy('id').execute();
    expect(names.map((row) => row.name)).toEqual(['Ama', 'Bea', 'Cal', 'Dee']);
  });

  it('refuses a query whose shape depends on a value (a list), rather than run every call with the first call’s shape', async () => {
    const withIds = compiledOnce((handle: Kysely<Tables>, where: { ids: string }) =>
      handle.selectFrom('member').select('id').where('id', 'in', where.ids.split(',')),
    );
    await expect(withIds(db, { ids: 'a,b' })).rejects.toThrow(/every value as a parameter.*ids/);
  });
});

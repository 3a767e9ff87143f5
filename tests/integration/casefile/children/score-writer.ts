/**
 * Child process for the crash test: writes scores one transaction at a time, as fast as it can,
 * printing each transaction's number only after it has committed. The parent kills it with SIGKILL.
 *   node --import tsx score-writer.ts <path> <passphrase>
 */
import { randomUUID } from 'node:crypto';
import { writeSync } from 'node:fs';
import { openCaseFile } from '../support';

const [path, passphrase] = process.argv.slice(2);
const caseFile = await openCaseFile({ path: path!, passphrase: passphrase! });
const member = await caseFile.db
  .selectFrom('panel_member')
  .select(['id', 'cycle_id'])
  .where('role', '=', 'lead')
  .executeTakeFirstOrThrow();
const done = await caseFile.db
  .selectFrom('score')
  .select((eb) => eb.fn.countAll<number>().as('count'))
  .executeTakeFirstOrThrow();
writeSync(1, 'ready\n');

for (let n = Number(done.count) + 1; ; n += 1) {
  // Every few transactions write a long rationale, so a kill often lands in the middle of a commit.
  const rationale =
    n % 3 === 0 ? `Score ${n}: `.padEnd(20_000 + (n % 7) * 9_000, 'evidence seen. ') : `Score ${n}`;
  await caseFile.mutate(member.id, 'score.saved', { n }, async (trx) => {
    await trx
      .insertInto('score')
      .values({
        id: randomUUID(),
        cycle_id: member.cycle_id,
        member_id: member.id,
        criterion_id: `C${n}`,
        score: n % 4,
        rationale,
        state: 'draft',
        updated_at: String(n),
      })
      .execute();
    await trx
      .updateTable('score_sheet')
      .set({ state: 'in_progress', updated_at: String(n) })
      .where('member_id', '=', member.id)
      .execute();
  });
  writeSync(1, `${n}\n`);
}

/** What the crash children share: the lead who scores, and saving one score per transaction. */
import { randomUUID } from 'node:crypto';
import type { CaseFile } from '../../../../src/main/casefile';

export interface Scorer {
  id: string;
  cycle_id: string;
}

/** The lead assessor, and how many scores the file holds already (the next one is that + 1). */
export async function leadAndScoresSoFar(caseFile: CaseFile): Promise<{ lead: Scorer; scores: number }> {
  const lead = await caseFile.db
    .selectFrom('panel_member')
    .select(['id', 'cycle_id'])
    .where('role', '=', 'lead')
    .executeTakeFirstOrThrow();
  const done = await caseFile.db
    .selectFrom('score')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return { lead, scores: Number(done.count) };
}

/** Saves score number `n` (criterion `C<n>`) in one audited transaction; optionally marks the sheet. */
export async function saveScore(
  caseFile: CaseFile,
  lead: Scorer,
  n: number,
  options: { rationale?: string; markSheet?: boolean } = {},
): Promise<void> {
  await caseFile.mutate(lead.id, 'score.saved', { n }, async (trx) => {
    await trx
      .insertInto('score')
      .values({
        id: randomUUID(),
        cycle_id: lead.cycle_id,
        member_id: lead.id,
        criterion_id: `C${n}`,
        score: n % 4,
        rationale: options.rationale ?? `Score ${n}`,
        state: 'draft',
        updated_at: String(n),
      })
      .execute();
    if (options.markSheet)
      await trx
        .updateTable('score_sheet')
        .set({ state: 'in_progress', updated_at: String(n) })
        .where('member_id', '=', lead.id)
        .execute();
  });
}

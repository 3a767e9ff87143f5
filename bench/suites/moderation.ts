import { moderationView } from '../../src/main/panel';
import type { MemberReasoning } from '../../src/shared/api';
import { moderationSummary, type ScoreSheet, type Score } from '../../src/shared/scoring';
import type { BenchContext, Suite } from '../lib/context';
import { compare, repeat, timed } from '../lib/measure';
import { openForBench } from '../lib/panel-fixture';
import { formatValue, line, measured } from '../lib/report';
import { progressCounter } from '../lib/workspace';

/**
 * 3. The moderation view for a panel of 8 × 30 (what `moderation.view` returns: every score side by
 * side with rationales and evidence links, and the statistics — medians, divergence, Krippendorff's
 * alpha), on the encrypted case vs. the same code on the plain copy.
 */
export const moderationSuite: Suite = {
  name: 'moderation',
  title: '3. Moderation view',
  async run(context: BenchContext) {
    const template = await context.template();
    const moderated = await context.moderated();
    const standard = template.plan.standard;
    const encrypted = await openForBench(moderated.encrypted, moderated.rawKey);
    const plain = await openForBench(moderated.plain, null);
    try {
      const view = await moderationView({ caseFile: encrypted, standard, actor: null });
      const scored = view.summary.criteria.reduce((sum, criterion) => sum + criterion.scores.length, 0);
      if (view.summary.criteria.length !== 30 || scored !== 240 || view.reasoning.length !== 240) {
        throw new Error(
          `The moderation view shows ${view.summary.criteria.length} criteria and ${scored} scores, not 30 and 240.`,
        );
      }
      const viewOf = (caseFile: typeof encrypted) => () =>
        timed(() => moderationView({ caseFile, standard, actor: null }));
      const { ours, baseline } = await compare(viewOf(encrypted), viewOf(plain), {
        warmups: 5,
        repetitions: 31,
        onRound: (round, total) =>
          progressCounter(
            `moderation view, encrypted and plain: round ${round} of ${total}`,
            round === total,
          ),
      });
      const sheets = sheetsFrom(view.reasoning);
      const statistics = await repeat(() => timed(() => moderationSummary(standard, sheets)), {
        warmups: 5,
        repetitions: 31,
      });
      return [
        line({
          id: '3',
          operation: 'Moderation view, 8 × 30 (query + statistics)',
          ours: measured('moderationView on the encrypted case', 'ms', ours),
          baseline: measured('plain SQLite', 'ms', baseline),
          target: { on: 'ours', atMost: 10, text: '≤ 10 ms' },
          note: `the body of the moderation.view handler; the statistics alone (moderationSummary) take ${formatValue(statistics.median, 'ms')}`,
          limitedBy: (result) =>
            result.pass
              ? undefined
              : 'the queries (seven, one per part of the view) and building 240 reasoning rows; see the statistics-alone figure',
        }),
      ];
    } finally {
      await encrypted.close();
      await plain.close();
    }
  },
};

/** The score sheets the statistics take, rebuilt from the view's side-by-side scores. */
function sheetsFrom(reasoning: readonly MemberReasoning[]): ScoreSheet[] {
  const sheets = new Map<
    string,
    { memberId: string; memberName: string; scores: Record<string, Score | null> }
  >();
  for (const entry of reasoning) {
    const sheet = sheets.get(entry.memberId) ?? {
      memberId: entry.memberId,
      memberName: entry.memberName,
      scores: {},
    };
    sheet.scores[entry.criterionId] = entry.score;
    sheets.set(entry.memberId, sheet);
  }
  return [...sheets.values()];
}

import { copyFileSync, renameSync, rmSync } from 'node:fs';
import type { BenchContext, Suite } from '../lib/context';
import { compare, timed } from '../lib/measure';
import { openForBench, runPanelMix } from '../lib/panel-fixture';
import { formatValue, line, measured } from '../lib/report';
import { progressCounter } from '../lib/workspace';

/**
 * 1. Encryption overhead: the panel's write/read mix on an encrypted case file vs. the same code on
 * a plain SQLite copy of the same file. Each repetition starts from a fresh copy of the template.
 */
/** 240 score saves, 8 sheet submissions and opening moderation: the mix's audited transactions. */
const COMMITS = 249;

export const encryptionSuite: Suite = {
  name: 'encryption',
  title: '1. Encryption overhead',
  async run(context: BenchContext) {
    const template = await context.template();
    const { workspace } = context;
    let counter = 0;
    const latest: { encrypted?: string; plain?: string } = {};

    const trial =
      (source: string, rawKey: string | null, side: 'encrypted' | 'plain', flushes = true) =>
      async () => {
        const path = workspace.path(`mix-${side}-${(counter += 1)}.db`);
        copyFileSync(source, path);
        const caseFile = await openForBench(path, rawKey, { flushes });
        let ms: number;
        try {
          ms = await timed(() => runPanelMix(caseFile, template.plan));
        } finally {
          await caseFile.close();
        }
        if (!flushes) {
          rmSync(path, { force: true });
          return ms;
        }
        const previous = latest[side];
        if (previous) rmSync(previous, { force: true });
        latest[side] = path;
        return ms;
      };

    const { ours, baseline } = await compare(
      trial(template.encrypted, template.rawKey, 'encrypted'),
      trial(template.plain, null, 'plain'),
      {
        warmups: 1,
        repetitions: 5,
        budgetMs: 40_000,
        maxRepetitions: 15,
        onRound: (round, total) =>
          progressCounter(`panel mix, encrypted and plain: round ${round} of ${total}`, round === total),
      },
    );

    // The same mix without flushing to disk: what the cipher costs in CPU alone (context for line 1, not the target).
    const cpuOnly = await compare(
      trial(template.encrypted, template.rawKey, 'encrypted', false),
      trial(template.plain, null, 'plain', false),
      {
        warmups: 1,
        repetitions: 3,
        budgetMs: 10_000,
        maxRepetitions: 9,
        onRound: (round, total) =>
          progressCounter(
            `panel mix without disk flushes (CPU only): round ${round} of ${total}`,
            round === total,
          ),
      },
    );
    const cpuRatio = cpuOnly.ours.median / cpuOnly.baseline.median;

    if (latest.encrypted && latest.plain) {
      const encrypted = workspace.path('moderated.copanel');
      const plain = workspace.path('moderated-plain.sqlite');
      renameSync(latest.encrypted, encrypted);
      renameSync(latest.plain, plain);
      context.offerModerated({ encrypted, plain, rawKey: template.rawKey });
    }

    return [
      line({
        id: '1',
        operation: 'Panel mix: 8 × 30 scores + submit + moderation reads',
        ours: measured('encrypted case file (SQLCipher 4)', 'ms', ours),
        baseline: measured('plain SQLite', 'ms', baseline),
        target: { on: 'ratio', atMost: 1.15, text: '≤ 1.15×' },
        note:
          `${COMMITS} audited transactions (240 score saves, 8 sheet submissions, opening moderation) and their read-backs, then 8 × (moderation view + panel list + own sheet); ` +
          'app settings on both sides: rollback journal, synchronous=FULL; the plain file is the encrypted template decrypted (same pages, same content); ' +
          `for context, the same mix with synchronous=OFF (no disk flushes, so CPU only — not how the app runs): ${formatValue(cpuOnly.ours.median, 'ms')} vs ${formatValue(cpuOnly.baseline.median, 'ms')} = ${cpuRatio.toFixed(2)}× (n=${cpuOnly.ours.n})`,
        limitedBy: (result) => {
          const perCommit = (result.ours.median - result.baseline.median) / COMMITS;
          const why =
            `the cipher's cost per commit, about ${formatValue(perCommit, 'ms')} on each of the ${COMMITS} small transactions: every page a commit changes is encrypted (AES-256-CBC) and HMAC-SHA512-signed on its way to the file, ` +
            `and its previous content on its way to the rollback journal (CPU only, without disk flushes: ${cpuRatio.toFixed(2)}×). The page format is fixed by the design (SQLCipher 4 defaults); ` +
            'how far it shows depends on how slow the disk flushes are, which dilute it (synchronous=FULL): on a busy disk the ratio falls towards 1';
          return result.pass
            ? result.ratio > 0.9 * result.target.atMost
              ? `close to the target: ${why}`
              : undefined
            : why;
        },
      }),
    ];
  },
};

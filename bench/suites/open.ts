import { type CaseFile, openSqlite } from '../../src/main/casefile';
import type { BenchContext, Suite } from '../lib/context';
import { compare, repeat, timed } from '../lib/measure';
import { BENCH_ORGANISATION, BENCH_PASSPHRASE } from '../lib/panel-fixture';
import { formatValue, line, measured } from '../lib/report';
import { deriveRawKey, progressCounter, openCaseFile } from '../lib/workspace';

/**
 * 2. Opening a case file (the moderated 8 × 30 case) through the app's own openCaseFile: with the
 * passphrase (PBKDF2-HMAC-SHA512, 256,000 iterations, then the file is checked and its layout
 * confirmed) and with the raw key derived from it beforehand (everything after key derivation).
 */
export const openSuite: Suite = {
  name: 'open',
  title: '2. Opening a case file',
  async run(context: BenchContext) {
    const moderated = await context.moderated();
    const path = moderated.encrypted;

    // The derived key really opens the file and reads its data.
    const check = await openCaseFile({ path, passphrase: await deriveRawKey(path, BENCH_PASSPHRASE) });
    try {
      const details = await check.details();
      const scores = await check.db
        .selectFrom('score')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .executeTakeFirstOrThrow();
      if (details.organisationName !== BENCH_ORGANISATION || Number(scores.count) !== 240) {
        throw new Error(
          `Opening with the derived raw key read the wrong data (${details.organisationName}, ${scores.count} scores).`,
        );
      }
    } finally {
      await check.close();
    }

    const openWith = (passphrase: string) => async () => {
      let caseFile: CaseFile | undefined;
      const ms = await timed(async () => {
        caseFile = await openCaseFile({ path, passphrase });
      });
      await caseFile?.close();
      return ms;
    };
    const rawKey = moderated.rawKey;
    const withPassphrase = await compare(openWith(BENCH_PASSPHRASE), openWith(rawKey), {
      warmups: 2,
      repetitions: 9,
      onRound: (round, total) =>
        progressCounter(`open with passphrase / raw key: round ${round} of ${total}`, round === total),
    });

    const derivation = await repeat(() => timed(() => deriveRawKey(path, BENCH_PASSPHRASE)), {
      warmups: 1,
      repetitions: 5,
    });

    const bareOpen = async () =>
      timed(() => {
        const sqlite = openSqlite(moderated.plain, { fileMustExist: true });
        sqlite.prepare('select count(*) from sqlite_master').get();
        sqlite.close();
      });
    const afterDerivation = await compare(openWith(rawKey), bareOpen, {
      warmups: 3,
      repetitions: 15,
      onRound: (round, total) =>
        progressCounter(`open with raw key / bare SQLite open: round ${round} of ${total}`, round === total),
    });

    return [
      line({
        id: '2a',
        operation: 'Open case file with passphrase (key derivation included)',
        ours: measured('openCaseFile with the passphrase', 'ms', withPassphrase.ours),
        baseline: measured('same, raw key', 'ms', withPassphrase.baseline),
        target: { on: 'ours', atMost: 300, text: '≤ 300 ms' },
        note: `key derivation alone (node:crypto PBKDF2-HMAC-SHA512, 256,000 iterations) takes ${formatValue(derivation.median, 'ms')} (median of ${derivation.n}); the case is the 8 × 30 moderated one`,
        limitedBy: (result) => {
          const inCipher = result.ours.median - result.baseline.median;
          const why =
            `key derivation is ${formatValue(inCipher, 'ms')} of it: PBKDF2-HMAC-SHA512 × 256,000 (fixed by the SQLCipher 4 format), run on the main thread by SQLite3 Multiple Ciphers' own SHA-512; ` +
            `node:crypto (OpenSSL) derives the same key in ${formatValue(derivation.median, 'ms')} on the thread pool, so the app could derive it that way and open with the raw key (2b)`;
          return result.pass
            ? result.ours.median > 0.8 * result.target.atMost
              ? `close to the target: ${why}`
              : undefined
            : why;
        },
      }),
      line({
        id: '2b',
        operation: 'Open case file, everything after key derivation',
        ours: measured('openCaseFile with the derived raw key', 'ms', afterDerivation.ours),
        baseline: measured('bare SQLite open', 'ms', afterDerivation.baseline),
        target: { on: 'ours', atMost: 20, text: '≤ 20 ms' },
        note:
          "raw key = x'<64 hex>' (PBKDF2 done beforehand with node:crypto over the file's 16-byte salt), given to openCaseFile in place of the passphrase: same code path — lock file, " +
          'quick_check, layout check, details; baseline = better-sqlite3 open + one query on the plain copy (the floor for any SQLite open)',
        limitedBy: (result) =>
          result.pass
            ? undefined
            : 'PRAGMA quick_check at open reads (and so decrypts and HMAC-checks) every page of the file',
      }),
    ];
  },
};

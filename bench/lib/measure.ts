/**
 * Timing helpers. Every figure the bench reports is a median over several repetitions, after
 * warm-ups, and every ratio compares two sets of samples taken in the same run, interleaved
 * (ours, baseline, baseline, ours, …) so that a noisy moment on the machine hits both sides.
 */

/** Milliseconds since an arbitrary start, with sub-millisecond resolution. */
export function now(): number {
  return performance.now();
}

/** How long `work` takes, in milliseconds. */
export async function timed(work: () => unknown): Promise<number> {
  const started = now();
  await work();
  return now() - started;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A set of measurements of one thing. */
export interface Samples {
  /** Median of the measured repetitions (warm-ups left out). */
  median: number;
  min: number;
  max: number;
  /** Number of measured repetitions. */
  n: number;
  warmups: number;
  values: number[];
}

export function summarise(values: readonly number[], warmups: number): Samples {
  return {
    median: median(values),
    min: Math.min(...values),
    max: Math.max(...values),
    n: values.length,
    warmups,
    values: [...values],
  };
}

/**
 * One repetition: does any setup it needs (not timed), times the part that is measured (use
 * `timed`) and returns that time in milliseconds.
 */
export type Trial = (repetition: number) => Promise<number>;

export interface CompareOptions {
  warmups: number;
  /** Measured repetitions (the least, when a time budget is given). */
  repetitions: number;
  /**
   * Optional time budget for the measured rounds: when the warm-ups show that more rounds fit in it,
   * up to `maxRepetitions` are run (more samples when the machine is quick, fewer when it is busy).
   */
  budgetMs?: number;
  maxRepetitions?: number;
  /** Called after each round, e.g. to print progress. */
  onRound?: (round: number, total: number) => void;
}

/** Runs `ours` and `baseline` alternately (ABBA order), warm-ups first, and returns both sample sets. */
export async function compare(
  ours: Trial,
  baseline: Trial,
  options: CompareOptions,
): Promise<{ ours: Samples; baseline: Samples }> {
  const [oursSamples, baselineSamples] = await interleave([ours, baseline], options);
  return { ours: oursSamples!, baseline: baselineSamples! };
}

/** Runs several trials in turn each round (the order rotates every round), warm-ups first; one sample set per trial. */
export async function interleave(trials: readonly Trial[], options: CompareOptions): Promise<Samples[]> {
  const values: number[][] = trials.map(() => []);
  let total = options.warmups + options.repetitions;
  const started = now();
  for (let round = 0; round < total; round += 1) {
    const order = trials.map((_, index) => index);
    if (round % 2 === 1) order.reverse();
    for (const index of order) {
      const ms = await trials[index]!(round);
      if (round >= options.warmups) values[index]!.push(ms);
    }
    if (round === options.warmups - 1 && options.budgetMs !== undefined) {
      const perRound = (now() - started) / options.warmups;
      const fits = Math.floor(options.budgetMs / perRound);
      total =
        options.warmups +
        Math.max(options.repetitions, Math.min(options.maxRepetitions ?? options.repetitions, fits));
    }
    options.onRound?.(round + 1, total);
  }
  return values.map((set) => summarise(set, options.warmups));
}

/** Runs one trial repeatedly (warm-ups first). */
export async function repeat(trial: Trial, options: CompareOptions): Promise<Samples> {
  const values: number[] = [];
  const total = options.warmups + options.repetitions;
  for (let round = 0; round < total; round += 1) {
    const ms = await trial(round);
    if (round >= options.warmups) values.push(ms);
    options.onRound?.(round + 1, total);
  }
  return summarise(values, options.warmups);
}

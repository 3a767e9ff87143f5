/**
 * Krippendorff's alpha, following Krippendorff's own definition through the coincidence matrix
 * (K. Krippendorff, "Computing Krippendorff's Alpha-Reliability", 2011):
 *
 *   alpha = 1 - D_o / D_e = 1 - (n - 1) * sum_ck o_ck delta2_ck / sum_ck n_c n_k delta2_ck
 *
 * where o_ck counts, within each unit u holding m_u >= 2 values, every ordered pair of values
 * (c, k) from different raters with weight 1 / (m_u - 1); n_c = sum_k o_ck; n = sum_c n_c.
 *
 * Missing values (null, or a row shorter than the others) are skipped. A unit with fewer than two
 * values cannot be paired and is dropped, as Krippendorff prescribes.
 *
 * When every pairable value is the same there is no variation (D_e = 0): alpha is then defined here
 * as 1 (perfect agreement), never NaN. When there are no pairable values at all (for example one
 * rater only) nothing can be measured: krippendorffAlpha throws a RangeError; use
 * measureAgreement for a result that says so instead.
 */

export type MeasurementLevel = 'nominal' | 'ordinal' | 'interval';

/** `matrix[rater][unit]`: each rater's value for each unit, null when missing. */
export type ReliabilityMatrix = readonly (readonly (number | null)[])[];

export function krippendorffAlpha(matrix: (number | null)[][], level: MeasurementLevel): number {
  const result = measureAgreement(matrix, level);
  if (result.alpha === null) throw new RangeError(result.explanation);
  return result.alpha;
}

export interface AgreementMeasure {
  level: MeasurementLevel;
  /** null only when no unit has two or more values to compare. */
  alpha: number | null;
  /** Units (criteria) with at least two values, the ones alpha is computed on. */
  pairableUnits: number;
  /** n: the number of values in those units. */
  pairableValues: number;
  observedDisagreement: number;
  expectedDisagreement: number;
  /** One plain-English sentence about what the number means or why there is none. */
  explanation: string;
}

export function measureAgreement(matrix: ReliabilityMatrix, level: MeasurementLevel): AgreementMeasure {
  const units = pairableUnits(matrix);
  const values = [...new Set(units.flat())].sort((a, b) => a - b);
  const index = new Map(values.map((value, i) => [value, i]));
  const coincidences = coincidenceMatrix(units, index, values.length);
  const marginals = coincidences.map((row) => row.reduce((sum, cell) => sum + cell, 0));
  const n = marginals.reduce((sum, count) => sum + count, 0);
  const base = { level, pairableUnits: units.length, pairableValues: n };
  if (n === 0) {
    return {
      ...base,
      alpha: null,
      observedDisagreement: 0,
      expectedDisagreement: 0,
      explanation:
        'Agreement cannot be measured: no criterion has scores from two or more people to compare.',
    };
  }
  const distance = distanceFunction(level, values, marginals);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < values.length; c += 1) {
    for (let k = 0; k < values.length; k += 1) {
      const d = distance(c, k);
      if (d === 0) continue;
      observed += (coincidences[c]?.[k] ?? 0) * d;
      expected += (marginals[c] ?? 0) * (marginals[k] ?? 0) * d;
    }
  }
  const observedDisagreement = observed / n;
  const expectedDisagreement = n > 1 ? expected / (n * (n - 1)) : 0;
  if (expectedDisagreement === 0) {
    return {
      ...base,
      alpha: 1,
      observedDisagreement,
      expectedDisagreement,
      explanation:
        'Everyone gave the same value wherever scores can be compared, so agreement is counted as perfect (1).',
    };
  }
  const alpha = 1 - observedDisagreement / expectedDisagreement;
  return { ...base, alpha, observedDisagreement, expectedDisagreement, explanation: describeAlpha(alpha) };
}

/**
 * Alpha as the panel reads it: cut (not rounded) to three decimals, so a value is never shown in a
 * band it is not in (0.7999 reads 0.799, moderate, never 0.80). The bands' edges, 0.800 and 0.667,
 * are themselves three-decimal numbers, so the cut value always falls in the same band.
 */
function formatAlpha(alpha: number): string {
  const thousandths = Math.floor(alpha * 1000 + 1e-9);
  return (thousandths / 1000).toFixed(3);
}

/**
 * Plain-English reading of an alpha value, using Krippendorff's suggested thresholds (0.800 and
 * 0.667), banded by the value shown. `allWithinOnePoint`: every pair of scores compared is at most
 * one point apart (so no criterion is divergent). A low or negative alpha then comes from the
 * narrow spread of scores, not from a panel that scored very differently, and is said so without alarm.
 */
export function describeAlpha(alpha: number, { allWithinOnePoint = false } = {}): string {
  const shown = formatAlpha(alpha);
  const value = Number(shown);
  if (value >= 0.8) return `Agreement is high (${shown}): the panel mostly scored alike.`;
  if (value >= 0.667)
    return `Agreement is moderate (${shown}): talk through the criteria where scores differ.`;
  if (allWithinOnePoint)
    return `Every criterion’s scores are within one point of each other. The agreement figure is low (${shown}) because nearly everyone gave the same few scores, so each one-point difference counts for a lot; it does not mean the panel scored very differently.`;
  if (value > 0)
    return `Agreement is low (${shown}): the panel often scored differently, so moderation matters here.`;
  return `There is no agreement beyond chance (${shown}): the panel scored very differently.`;
}

/** Pairs of scores two members gave the same criterion (0 to 3 only), and how many of them match. */
export interface AgreementShares {
  pairs: number;
  /** Pairs with the same score. */
  exact: number;
  /** Pairs at most one point apart. */
  withinOne: number;
}

/** The share of pairs that agree exactly and within one point; null when no criterion has two scores to pair. */
export function agreementShares(matrix: ReliabilityMatrix): AgreementShares | null {
  const shares = { pairs: 0, exact: 0, withinOne: 0 };
  for (const unit of pairableUnits(matrix)) {
    for (let i = 0; i < unit.length; i += 1) {
      for (let j = i + 1; j < unit.length; j += 1) {
        const apart = Math.abs((unit[i] ?? 0) - (unit[j] ?? 0));
        shares.pairs += 1;
        if (apart === 0) shares.exact += 1;
        if (apart <= 1) shares.withinOne += 1;
      }
    }
  }
  return shares.pairs === 0 ? null : shares;
}

/**
 * When alpha says little: the most common score makes up this share (or more) of the scores compared,
 * without being all of them. Alpha compares disagreement with what chance would give from the
 * scores' spread; with almost no spread, one different score turns alpha to 0 or below even though
 * the panel nearly always agreed.
 */
const LOW_VARIATION_SHARE = 0.9;

/** The agreement as the moderation screen and the report put it. */
export interface AgreementInWords {
  /** Alpha as shown (formatAlpha), or null when it cannot be measured. */
  alpha: string | null;
  /** What the agreement means, in plain words. */
  verdict: string;
  /** How many pairs of scores match exactly and within one point; null when nothing can be compared. */
  shares: string | null;
}

export function describeAgreement(matrix: ReliabilityMatrix, measure: AgreementMeasure): AgreementInWords {
  const shares = agreementShares(matrix);
  return {
    alpha: measure.alpha === null ? null : formatAlpha(measure.alpha),
    verdict: agreementVerdict(matrix, measure),
    shares: shares === null ? null : describeShares(shares),
  };
}

function agreementVerdict(matrix: ReliabilityMatrix, measure: AgreementMeasure): string {
  if (measure.alpha === null || measure.expectedDisagreement === 0) return measure.explanation;
  const values = pairableUnits(matrix).flat();
  const common = mostCommon(values);
  if (common.count < values.length && common.count >= LOW_VARIATION_SHARE * values.length) {
    return `Alpha says little here: ${common.count} of ${values.length} scores are ${common.value}, and when nearly every score is the same one different score moves alpha a long way. The shares of matching scores below are the better guide.`;
  }
  const shares = agreementShares(matrix);
  return describeAlpha(measure.alpha, {
    allWithinOnePoint: shares !== null && shares.withinOne === shares.pairs,
  });
}

function describeShares(shares: AgreementShares): string {
  return `${shares.exact} of ${shares.pairs} ${shares.pairs === 1 ? 'pair' : 'pairs'} of scores (${percentOf(shares.exact, shares.pairs)}) ${shares.exact === 1 ? 'is' : 'are'} exactly the same; ${shares.withinOne} (${percentOf(shares.withinOne, shares.pairs)}) ${shares.withinOne === 1 ? 'is' : 'are'} within one point of each other.`;
}

/** A whole percentage, cut down (never rounded up to 100% while one pair differs). */
function percentOf(part: number, whole: number): string {
  return `${Math.floor((part * 100) / whole)}%`;
}

function mostCommon(values: number[]): { value: number; count: number } {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best = { value: 0, count: 0 };
  for (const [value, count] of counts) if (count > best.count) best = { value, count };
  return best;
}

/** The units that hold two or more values, each as the list of its values. */
function pairableUnits(matrix: ReliabilityMatrix): number[][] {
  const unitCount = matrix.reduce((most, row) => Math.max(most, row.length), 0);
  const units: number[][] = [];
  for (let unit = 0; unit < unitCount; unit += 1) {
    const values: number[] = [];
    for (const row of matrix) {
      const value = row[unit];
      if (value === null || value === undefined) continue;
      if (!Number.isFinite(value))
        throw new RangeError(`Scores must be finite numbers; found ${String(value)}.`);
      values.push(value);
    }
    if (values.length >= 2) units.push(values);
  }
  return units;
}

/** o_ck: within each unit, every ordered pair of values from different raters, weighted 1 / (m_u - 1). */
function coincidenceMatrix(units: number[][], index: Map<number, number>, size: number): number[][] {
  const coincidences = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (const unit of units) {
    const counts = new Map<number, number>();
    for (const value of unit) {
      const i = index.get(value) ?? 0;
      counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    const weight = 1 / (unit.length - 1);
    for (const [c, countC] of counts) {
      const row = coincidences[c];
      if (!row) continue;
      for (const [k, countK] of counts) {
        const pairs = c === k ? countC * (countC - 1) : countC * countK;
        row[k] = (row[k] ?? 0) + pairs * weight;
      }
    }
  }
  return coincidences;
}

/** delta^2 between the c-th and k-th distinct values, per Krippendorff's metrics. */
function distanceFunction(
  level: MeasurementLevel,
  values: number[],
  marginals: number[],
): (c: number, k: number) => number {
  switch (level) {
    case 'nominal':
      return (c, k) => (c === k ? 0 : 1);
    case 'interval':
      return (c, k) => ((values[c] ?? 0) - (values[k] ?? 0)) ** 2;
    case 'ordinal': {
      // delta^2_ck = (sum_{g=c..k} n_g - (n_c + n_k) / 2)^2, with n_g the marginal frequencies.
      const cumulative = [0];
      for (const count of marginals) cumulative.push((cumulative[cumulative.length - 1] ?? 0) + count);
      return (c, k) => {
        if (c === k) return 0;
        const low = Math.min(c, k);
        const high = Math.max(c, k);
        const between = (cumulative[high + 1] ?? 0) - (cumulative[low] ?? 0);
        return (between - ((marginals[c] ?? 0) + (marginals[k] ?? 0)) / 2) ** 2;
      };
    }
  }
}

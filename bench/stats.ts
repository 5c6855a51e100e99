/**
 * The statistics every benchmark reports, in one place so a median means the same thing in every table:
 * percentiles by linear interpolation between closest ranks (the method spreadsheets call PERCENTILE.INC).
 */

/** A sample that cannot be summarised: no values, or a value that is not a finite number. */
export class InvalidSampleError extends Error {
  override readonly name = 'InvalidSampleError';
}

function sortedCopy(values: readonly number[]): number[] {
  if (values.length === 0) throw new InvalidSampleError('cannot summarise an empty sample');
  for (const value of values) {
    if (!Number.isFinite(value)) throw new InvalidSampleError(`sample holds a non-finite value: ${value}`);
  }
  return [...values].sort((a, b) => a - b);
}

function percentileOfSorted(sorted: readonly number[], p: number): number {
  const rank = (p / 100) * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  const low = sorted[lower]!;
  return low + (sorted[upper]! - low) * (rank - lower);
}

/**
 * The p-th percentile (0..100) of the values: p50 is the median, p99 the value 99 % of the sample stays at or
 * under. Interpolates between neighbours, so a sample of two has its mean as median.
 */
export function percentile(values: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new InvalidSampleError(`percentile must be within 0..100, got ${p}`);
  return percentileOfSorted(sortedCopy(values), p);
}

/** The middle value; robust to the odd slow sample a garbage collection or a busy neighbour causes. */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Several percentiles of one sample, sorting it once (latency samples run to tens of thousands). */
export function percentiles<P extends number>(values: readonly number[], ps: readonly P[]): Record<P, number> {
  const sorted = sortedCopy(values);
  const result = {} as Record<P, number>;
  for (const p of ps) {
    if (!(p >= 0 && p <= 100)) throw new InvalidSampleError(`percentile must be within 0..100, got ${p}`);
    result[p] = percentileOfSorted(sorted, p);
  }
  return result;
}

/** A measured figure over its baseline, rounded for reading; a zero baseline is a measurement fault. */
export function ratio(measured: number, baseline: number): number {
  if (!(baseline > 0) || !Number.isFinite(measured)) {
    throw new InvalidSampleError(`cannot divide ${measured} by baseline ${baseline}`);
  }
  return round(measured / baseline, 3);
}

/** Rounds to a number of decimals, so results.json stays readable and diffs between runs stay small. */
export function round(value: number, decimals = 2): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

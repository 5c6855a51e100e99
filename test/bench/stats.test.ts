import fc from 'fast-check';
import { InvalidSampleError, median, percentile, percentiles, ratio, round } from '../../bench/stats';

describe('median', () => {
  it('is the middle value of an odd sample, whatever its order', () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(median([3])).toBe(3);
  });

  it('is the mean of the two middle values of an even sample', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('leaves the sample as it was', () => {
    const sample = [3, 1, 2];
    median(sample);
    expect(sample).toEqual([3, 1, 2]);
  });

  it('is not moved by one extreme sample, as a mean would be', () => {
    expect(median([10, 11, 12, 10_000])).toBe(11.5);
  });
});

describe('percentile', () => {
  const hundred = Array.from({ length: 101 }, (_, index) => index);

  it('interpolates between closest ranks', () => {
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile([10, 20], 25)).toBe(12.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99)).toBeCloseTo(9.91, 10);
  });

  it('gives the minimum at 0 and the maximum at 100', () => {
    expect(percentile([7, 3, 9], 0)).toBe(3);
    expect(percentile([7, 3, 9], 100)).toBe(9);
  });

  it('never decreases as p grows, and stays within the sample', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (sample, p, q) => {
          const [low, high] = p <= q ? [p, q] : [q, p];
          const atLow = percentile(sample, low);
          expect(atLow).toBeLessThanOrEqual(percentile(sample, high));
          expect(atLow).toBeGreaterThanOrEqual(Math.min(...sample));
          expect(atLow).toBeLessThanOrEqual(Math.max(...sample));
        },
      ),
    );
  });

  it('agrees with percentiles, which sorts once for several', () => {
    const sample = [5, 1, 4, 2, 3, 8, 13];
    expect(percentiles(sample, [50, 99])).toEqual({ 50: median(sample), 99: percentile(sample, 99) });
  });

  it('refuses an empty sample, a non-finite value and a p outside 0..100', () => {
    expect(() => median([])).toThrow(new InvalidSampleError('cannot summarise an empty sample'));
    expect(() => percentile([1, Number.NaN], 50)).toThrow(/non-finite value: NaN/);
    expect(() => percentile([1, Infinity], 50)).toThrow(InvalidSampleError);
    expect(() => percentile([1], 101)).toThrow(/within 0..100, got 101/);
    expect(() => percentiles([1], [-1])).toThrow(/within 0..100, got -1/);
  });
});

describe('ratio and round', () => {
  it('divides a figure by its baseline to three decimals', () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(1, 3)).toBe(0.333);
  });

  it('refuses a baseline that is zero, negative or not a number', () => {
    expect(() => ratio(1, 0)).toThrow(/baseline 0/);
    expect(() => ratio(1, -2)).toThrow(InvalidSampleError);
    expect(() => ratio(Number.NaN, 1)).toThrow(InvalidSampleError);
  });

  it('rounds to the given decimals', () => {
    expect(round(1.23456)).toBe(1.23);
    expect(round(1.5, 0)).toBe(2);
  });
});

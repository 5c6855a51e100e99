import fc from 'fast-check';
import {
  backoffDelayMs,
  SQS_MAX_VISIBILITY_SECONDS,
  visibilityDelaySeconds,
} from '../../../../lambdas/shared/retry-policy/backoff';

const options = { baseMs: 100, capMs: 2_000 };
const always = (value: number) => () => value;

describe('backoffDelayMs', () => {
  test('the ceiling doubles with each retry until the cap', () => {
    const nearCeiling = [1, 2, 3, 4, 5, 6, 7].map((attempt) => backoffDelayMs(attempt, options, always(0.999_999)));

    expect(nearCeiling).toEqual([99, 199, 399, 799, 1_599, 1_999, 1_999]);
  });

  test('full jitter: the delay is the random share of the ceiling, down to zero', () => {
    expect(backoffDelayMs(3, options, always(0))).toBe(0);
    expect(backoffDelayMs(3, options, always(0.5))).toBe(200);
    expect(backoffDelayMs(3, options, always(1))).toBe(400);
  });

  test('a huge attempt number yields the cap, never Infinity or NaN', () => {
    expect(backoffDelayMs(1_000_000, options, always(1))).toBe(2_000);
    expect(backoffDelayMs(1_000_000, { baseMs: 0, capMs: 50 }, always(1))).toBe(0);
  });

  test.each([
    [0, options, 'attempt must be a whole number >= 1, got 0'],
    [1.5, options, 'attempt must be a whole number >= 1, got 1.5'],
    [Number.NaN, options, 'attempt must be a whole number >= 1, got NaN'],
    [1, { baseMs: -1, capMs: 10 }, 'baseMs must be a finite number >= 0, got -1'],
    [1, { baseMs: 1, capMs: Number.POSITIVE_INFINITY }, 'capMs must be a finite number >= 0, got Infinity'],
  ])('attempt %p with %p is refused', (attempt, badOptions, message) => {
    expect(() => backoffDelayMs(attempt, badOptions, always(0.5))).toThrow(new RangeError(message));
  });

  test.each([1.5, -0.1, Number.NaN])('a random source returning %p is refused', (value) => {
    expect(() => backoffDelayMs(1, options, always(value))).toThrow(RangeError);
  });

  test('property: every delay is a whole number within [0, cap] and within the attempt ceiling', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (attempt, baseMs, capMs, random) => {
          const delay = backoffDelayMs(attempt, { baseMs, capMs }, always(random));
          expect(Number.isInteger(delay)).toBe(true);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(Math.min(capMs, baseMs * 2 ** Math.min(attempt - 1, 1_000)));
        },
      ),
    );
  });
});

describe('visibilityDelaySeconds', () => {
  const schedule = { baseSeconds: 10, capSeconds: 600 };

  test('grows with every receive: at least half of a doubling ceiling, up to the cap', () => {
    const lowest = [1, 2, 3, 4, 5, 6, 7].map((count) => visibilityDelaySeconds(count, undefined, always(0), schedule));
    const highest = [1, 2, 3, 4, 5, 6, 7].map((count) => visibilityDelaySeconds(count, undefined, always(1), schedule));

    expect(lowest).toEqual([5, 10, 20, 40, 80, 160, 300]);
    expect(highest).toEqual([10, 20, 40, 80, 160, 320, 600]);
  });

  test('Retry-After is a floor, rounded up to whole seconds', () => {
    expect(visibilityDelaySeconds(1, 120, always(1), schedule)).toBe(120);
    expect(visibilityDelaySeconds(1, 2.1, always(0), schedule)).toBe(5);
    expect(visibilityDelaySeconds(1, 7.2, always(0), schedule)).toBe(8);
  });

  test('Retry-After may exceed the schedule cap but never SQS maximum of 12 hours', () => {
    expect(visibilityDelaySeconds(1, 3_600, always(0), schedule)).toBe(3_600);
    expect(visibilityDelaySeconds(1, 1_000_000, always(0), schedule)).toBe(SQS_MAX_VISIBILITY_SECONDS);
    expect(visibilityDelaySeconds(40, undefined, always(1))).toBe(SQS_MAX_VISIBILITY_SECONDS);
  });

  test.each([
    [0, undefined, 'receiveCount must be a whole number >= 1, got 0'],
    [2.5, undefined, 'receiveCount must be a whole number >= 1, got 2.5'],
    [1, -1, 'retryAfterSeconds must be a finite number >= 0, got -1'],
    [1, Number.NaN, 'retryAfterSeconds must be a finite number >= 0, got NaN'],
  ])('receive count %p with Retry-After %p is refused', (count, retryAfter, message) => {
    expect(() => visibilityDelaySeconds(count, retryAfter, always(0.5))).toThrow(new RangeError(message));
  });

  test('a schedule with a negative base is refused', () => {
    expect(() => visibilityDelaySeconds(1, undefined, always(0.5), { baseSeconds: -5, capSeconds: 60 })).toThrow(
      new RangeError('baseSeconds must be a finite number >= 0, got -5'),
    );
  });

  test('property: always whole seconds within [0, 43200], and never below Retry-After when that fits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.option(fc.double({ min: 0, max: 1e9, noNaN: true }), { nil: undefined }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        (count, retryAfter, random, baseSeconds, capSeconds) => {
          const delay = visibilityDelaySeconds(count, retryAfter, always(random), { baseSeconds, capSeconds });
          expect(Number.isInteger(delay)).toBe(true);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(SQS_MAX_VISIBILITY_SECONDS);
          if (retryAfter !== undefined && retryAfter <= SQS_MAX_VISIBILITY_SECONDS) {
            expect(delay).toBeGreaterThanOrEqual(retryAfter);
          }
        },
      ),
    );
  });
});

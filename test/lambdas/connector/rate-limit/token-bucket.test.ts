import {
  capacity,
  decrease,
  fullBucket,
  increase,
  refill,
  SHARD_CEILING_PER_SECOND,
  shardCount,
  shardLimits,
  take,
  withinLimits,
  type RateLimits,
  type TokenBucket,
} from '../../../../lambdas/connector/rate-limit/token-bucket';

const limits: RateLimits = {
  ceilingPerSecond: 10,
  floorPerSecond: 0.1,
  burstSeconds: 1,
  increaseStepPerSecond: 1,
  successesPerIncrease: 5,
  decreaseIntervalMs: 1_000,
};
const T = 1_700_000_000_000;
const bucket = (overrides: Partial<TokenBucket> = {}): TokenBucket => ({ ...fullBucket(limits, T), ...overrides });

describe('fullBucket and capacity', () => {
  test('a new destination starts at the ceiling with one burst of tokens', () => {
    expect(fullBucket(limits, T)).toEqual({
      tokens: 10,
      refilledAtMs: T,
      ratePerSecond: 10,
      pausedUntilMs: 0,
      successes: 0,
      decreasedAtMs: 0,
    });
  });

  test('capacity is a burst of the rate, but never less than one token', () => {
    expect(capacity(10, limits)).toBe(10);
    expect(capacity(10, { ...limits, burstSeconds: 0.5 })).toBe(5);
    expect(capacity(0.1, limits)).toBe(1);
  });
});

describe('refill', () => {
  test('adds the rate times the time elapsed, up to capacity', () => {
    expect(refill(bucket({ tokens: 0 }), limits, T + 250)).toMatchObject({ tokens: 2.5, refilledAtMs: T + 250 });
    expect(refill(bucket({ tokens: 8 }), limits, T + 5_000)).toMatchObject({ tokens: 10 });
  });

  test('nothing accrues during a pause, and only the time after it counts', () => {
    const paused = bucket({ tokens: 0, pausedUntilMs: T + 2_000 });

    expect(refill(paused, limits, T + 1_000)).toBe(paused);
    expect(refill(paused, limits, T + 2_300)).toMatchObject({ tokens: 3 });
  });

  test('a clock behind the last refill (another instance ahead) changes nothing', () => {
    const current = bucket({ tokens: 4 });

    expect(refill(current, limits, T - 500)).toBe(current);
  });
});

describe('take', () => {
  test('grants whole tokens up to what is wanted and leaves the rest', () => {
    const taken = take(bucket({ tokens: 7.5 }), 3, limits, T);

    expect(taken.granted).toBe(3);
    expect(taken.bucket.tokens).toBe(4.5);
    expect(taken.waitsMs).toEqual([]);
  });

  test('sends it cannot serve wait one token interval after another', () => {
    const taken = take(bucket({ tokens: 2.5 }), 5, limits, T);

    expect(taken.granted).toBe(2);
    expect(taken.waitsMs).toEqual([50, 150, 250]);
  });

  test('a refill rounding just short of a whole token still counts it', () => {
    expect(take(bucket({ tokens: 2.9999999999 }), 3, limits, T).granted).toBe(3);
  });

  test('during a pause nothing is granted and every wait starts when the pause ends', () => {
    const taken = take(bucket({ tokens: 0, pausedUntilMs: T + 3_000 }), 2, { ...limits }, T);

    expect(taken.granted).toBe(0);
    expect(taken.waitsMs).toEqual([3_100, 3_200]);
  });

  test('at a low rate the waits are long but never zero', () => {
    const slow = bucket({ tokens: 0, ratePerSecond: 0.1 });

    expect(take(slow, 2, limits, T).waitsMs).toEqual([10_000, 20_000]);
    expect(take(bucket({ tokens: 0.999_999_999_9 }), 1, limits, T).granted).toBe(1);
    expect(take(bucket({ tokens: 0.9999 }), 1, limits, T).waitsMs).toEqual([1]);
  });
});

describe('decrease', () => {
  test('a 429 halves the rate, drops the tokens and restarts the run of successes', () => {
    expect(decrease(bucket({ successes: 3 }), limits, T + 5_000)).toMatchObject({
      ratePerSecond: 5,
      tokens: 0,
      successes: 0,
      decreasedAtMs: T + 5_000,
      pausedUntilMs: 0,
    });
  });

  test('the rate never goes below the floor', () => {
    expect(decrease(bucket({ ratePerSecond: 0.15 }), limits, T + 5_000).ratePerSecond).toBe(0.1);
  });

  test('429s within one overload halve once, but each still pauses', () => {
    const first = decrease(bucket(), limits, T + 5_000);
    const second = decrease(first, limits, T + 5_400, 2_000);

    expect(second).toMatchObject({ ratePerSecond: 5, pausedUntilMs: T + 7_400, tokens: 0 });
    expect(decrease(second, limits, T + 6_000).ratePerSecond).toBe(2.5);
  });

  test('a Retry-After extends a pause but never shortens it', () => {
    const paused = decrease(bucket(), limits, T, 60_000);

    expect(paused.pausedUntilMs).toBe(T + 60_000);
    expect(decrease(paused, limits, T + 2_000, 1_000).pausedUntilMs).toBe(T + 60_000);
  });
});

describe('increase', () => {
  test('each full run of successes adds one step, the remainder carried to the next run', () => {
    const slowed = bucket({ ratePerSecond: 2, successes: 3 });

    expect(increase(slowed, limits, 1)).toMatchObject({ ratePerSecond: 2, successes: 4 });
    expect(increase(slowed, limits, 8)).toMatchObject({ ratePerSecond: 4, successes: 1 });
  });

  test('the rate stops at the ceiling, and at the ceiling successes change nothing', () => {
    const nearly = bucket({ ratePerSecond: 9.5 });
    const atCeiling = bucket();

    expect(increase(nearly, limits, 50)).toMatchObject({ ratePerSecond: 10, successes: 0 });
    expect(increase(atCeiling, limits, 50)).toBe(atCeiling);
    expect(increase(nearly, limits, 0)).toBe(nearly);
  });
});

describe('withinLimits', () => {
  test('a lowered ceiling caps a stored rate and its tokens; a valid bucket is kept as it is', () => {
    const stored = bucket({ ratePerSecond: 10, tokens: 10 });
    const valid = bucket({ ratePerSecond: 3, tokens: 2 });

    expect(withinLimits(stored, { ...limits, ceilingPerSecond: 4 })).toMatchObject({ ratePerSecond: 4, tokens: 4 });
    expect(withinLimits(bucket({ ratePerSecond: 0 }), limits).ratePerSecond).toBe(0.1);
    expect(withinLimits(valid, limits)).toBe(valid);
  });
});

describe('shardCount and shardLimits', () => {
  test('a ceiling one item sustains stays one bucket; above it, one shard per share of at most that rate', () => {
    expect(shardCount(10)).toBe(1);
    expect(shardCount(SHARD_CEILING_PER_SECOND)).toBe(1);
    expect(shardCount(SHARD_CEILING_PER_SECOND + 1)).toBe(2);
    expect(shardCount(10_000)).toBe(Math.ceil(10_000 / SHARD_CEILING_PER_SECOND));
  });

  test('shards split the rates and steps evenly, and together step up once per run of successes', () => {
    const whole: RateLimits = { ...limits, ceilingPerSecond: 2_000, floorPerSecond: 4, increaseStepPerSecond: 200 };

    expect(shardLimits(whole, 4)).toEqual({
      ceilingPerSecond: 500,
      floorPerSecond: 1,
      burstSeconds: 1,
      increaseStepPerSecond: 50,
      successesPerIncrease: 2,
      decreaseIntervalMs: 1_000,
    });
    expect(shardLimits(whole, 1)).toBe(whole);
    expect(shardLimits({ ...whole, successesPerIncrease: 1 }, 4).successesPerIncrease).toBe(1);
  });
});

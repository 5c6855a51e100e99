import {
  createSharedRateLimiter,
  type SharedRateLimiter,
  type SharedRateLimiterOptions,
} from '../../../../lambdas/connector/rate-limit';
import { manualClock, startLocalStateTable, type LocalStateTable } from '../helpers/local-state-table';

describe('shared rate limiter across Lambda instances', () => {
  let table: LocalStateTable;
  const clock = manualClock();
  let destination = '';
  let destinationCount = 0;

  beforeAll(async () => {
    table = await startLocalStateTable();
  });
  afterAll(() => table.close());
  beforeEach(() => {
    destinationCount += 1;
    destination = `crm-${destinationCount}`;
  });

  /** One limiter per simulated Lambda instance, all sharing this test's destination. */
  function instances(count: number, overrides: Partial<SharedRateLimiterOptions> = {}): SharedRateLimiter[] {
    return Array.from({ length: count }, () =>
      createSharedRateLimiter({
        client: table.client,
        tableName: table.tableName,
        destination,
        ceilingPerSecond: 5,
        now: clock.now,
        ...overrides,
      }),
    );
  }

  /** Every limiter asks for `perInstance` tokens at once on each tick; returns the grants per tick. */
  async function run(limiters: SharedRateLimiter[], ticks: number, tickMs: number, perInstance = 3) {
    const grantsPerTick: number[] = [];
    for (let tick = 0; tick < ticks; tick += 1) {
      const grants = await Promise.all(
        limiters.flatMap((limiter) =>
          Array.from({ length: perInstance }, async () => {
            const grant = await limiter.acquire();
            if (grant.granted) limiter.onSuccess();
            return grant;
          }),
        ),
      );
      grantsPerTick.push(grants.filter((grant) => grant.granted).length);
      clock.advance(tickMs);
    }
    return grantsPerTick;
  }

  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

  test('two instances sharing one bucket never exceed the rate, and together get close to it', async () => {
    const grantsPerTick = await run(instances(2), 100, 100);

    expect(sum(grantsPerTick)).toBeLessThanOrEqual(5 + 5 * 9.9);
    expect(sum(grantsPerTick)).toBeGreaterThanOrEqual(45);
    for (let start = 0; start + 10 <= grantsPerTick.length; start += 1) {
      expect(sum(grantsPerTick.slice(start, start + 10))).toBeLessThanOrEqual(5 + 5 * 0.9);
    }
  });

  test('a 429 seen by one instance halves the rate for both', async () => {
    const [first, second] = instances(2) as [SharedRateLimiter, SharedRateLimiter];
    await run([first, second], 10, 100);

    await first.onThrottled();
    const grantsPerTick = await run([first, second], 100, 100);

    expect(sum(grantsPerTick.slice(0, 20))).toBeLessThanOrEqual(2.5 + 2.5 * 1.9);
    expect(second.currentRate()).toBeLessThan(5);
  });

  test('a Retry-After pauses every instance until then, and sends resume after it', async () => {
    const [first, second] = instances(2) as [SharedRateLimiter, SharedRateLimiter];
    await run([first, second], 5, 100);

    await first.onThrottled(3);
    const during = await second.acquire();
    clock.advance(1_000);
    const later = await first.acquire();
    clock.advance(2_400);
    const after = await second.acquire();

    expect(during).toEqual({ granted: false, waitMs: 3_400 });
    expect(later).toEqual({ granted: false, waitMs: 2_400 });
    expect(after).toEqual({ granted: true });
  });

  test('runs of successes raise the rate step by step back to the ceiling, never above it', async () => {
    const limiters = instances(2, { successesPerIncrease: 5 });
    await (limiters[0] as SharedRateLimiter).onThrottled();
    const rates: number[] = [];

    for (let round = 0; round < 30; round += 1) {
      await run(limiters, 5, 100);
      rates.push((limiters[0] as SharedRateLimiter).currentRate());
    }

    expect(rates[0]).toBeLessThan(5);
    expect(rates.at(-1)).toBe(5);
    rates.forEach((rate, index) => {
      expect(rate).toBeLessThanOrEqual(5);
      if (index > 0) expect(rate).toBeGreaterThanOrEqual(rates[index - 1] ?? 0);
    });
  });

  test('a rate split over shards is halved and paused on every shard by one 429', async () => {
    const [first, second] = instances(2, { ceilingPerSecond: 2_000 }) as [SharedRateLimiter, SharedRateLimiter];
    await run([first, second], 2, 100);

    await first.onThrottled(3);
    const during = [];
    for (let shard = 0; shard < 4; shard += 1) during.push(await second.acquire());
    clock.advance(3_100);
    const after = await second.acquire();

    expect(during.every((grant) => !grant.granted)).toBe(true);
    expect(after).toEqual({ granted: true });
    expect(second.currentRate()).toBe(1_000);
  });
});

import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { MAX_REQUESTS_PER_SECOND, destinationSchema } from '../../../../config/schema';
import {
  createSharedRateLimiter,
  type SharedRateLimiter,
  type SharedRateLimiterOptions,
} from '../../../../lambdas/connector/rate-limit';
import { manualClock, startLocalStateTable, type LocalStateTable } from '../helpers/local-state-table';

/**
 * The highest rate the config accepts, held by 50 concurrent instances of one destination. Time is a manual clock,
 * so the figure is tokens per simulated second whatever the machine's load, while the instances' reads and
 * conditional writes race for real against dynalite: on each tick of the clock every instance asks once for a batch
 * of tokens, all at once, and all of them contend for the same destination's state.
 * One bucket item under this load falls far short (docs/PERFORMANCE.md, "A destination's ceiling"); that run takes
 * minutes here, so it is measured by bench/rate-ceiling rather than tested.
 */
describe('shared rate limiter at the highest rate the config accepts', () => {
  const INSTANCES = 50;
  const TICK_MS = 100;
  /** An SQS batch per instance per tick: together they ask for 2.5 times what the rate gives. */
  const BATCH = 50;
  /** The full bucket (one second of the rate) a destination starts with is spent in these ticks. */
  const WARM_UP_TICKS = 10;
  const MEASURED_TICKS = 10;

  let table: LocalStateTable;
  let destinationCount = 0;

  beforeAll(async () => {
    table = await startLocalStateTable();
  });
  afterAll(() => table.close());

  function instances(overrides: Partial<SharedRateLimiterOptions> = {}) {
    destinationCount += 1;
    const clock = manualClock();
    const destination = `ceiling-${destinationCount}`;
    const limiters = Array.from({ length: INSTANCES }, () =>
      createSharedRateLimiter({
        client: table.client,
        tableName: table.tableName,
        destination,
        ceilingPerSecond: MAX_REQUESTS_PER_SECOND,
        maxTokensPerCall: BATCH,
        now: clock.now,
        ...overrides,
      }),
    );
    return { clock, destination, limiters };
  }

  /** Every instance asks for a batch on each tick, all at once; returns the tokens granted per tick. */
  async function run(limiters: SharedRateLimiter[], clock: ReturnType<typeof manualClock>, ticks: number) {
    const grantsPerTick: number[] = [];
    for (let tick = 0; tick < ticks; tick += 1) {
      const grants = await Promise.all(
        limiters.flatMap((limiter) => Array.from({ length: BATCH }, () => limiter.acquire())),
      );
      grantsPerTick.push(grants.filter((grant) => grant.granted).length);
      clock.advance(TICK_MS);
    }
    return grantsPerTick;
  }

  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

  test('the schema accepts this rate and refuses one above it, naming the limit', () => {
    const destination = { name: 'crm', baseUrl: 'https://crm.example.com' };

    expect(destinationSchema.parse({ ...destination, requestsPerSecond: MAX_REQUESTS_PER_SECOND })).toMatchObject({
      requestsPerSecond: MAX_REQUESTS_PER_SECOND,
    });
    const refused = destinationSchema.safeParse({ ...destination, requestsPerSecond: MAX_REQUESTS_PER_SECOND + 1 });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues).toEqual([
      expect.objectContaining({
        path: ['requestsPerSecond'],
        message: `must be at most ${MAX_REQUESTS_PER_SECOND}, the highest rate the shared rate state is proved to hold`,
      }),
    ]);
  });

  test('50 contending instances are granted the configured rate within 10%, never more', async () => {
    const { clock, destination, limiters } = instances();

    const warmUp = await run(limiters, clock, WARM_UP_TICKS);
    const grantsPerTick = await run(limiters, clock, MEASURED_TICKS);

    const perSecond = sum(grantsPerTick) / ((MEASURED_TICKS * TICK_MS) / 1000);
    expect(perSecond).toBeGreaterThanOrEqual(0.9 * MAX_REQUESTS_PER_SECOND);
    expect(perSecond).toBeLessThanOrEqual(1.1 * MAX_REQUESTS_PER_SECOND);
    // A token bucket's own bound: the full bucket it starts with plus the rate for the time gone by.
    const elapsedSeconds = ((WARM_UP_TICKS + MEASURED_TICKS - 1) * TICK_MS) / 1000;
    expect(sum(warmUp) + sum(grantsPerTick)).toBeLessThanOrEqual(MAX_REQUESTS_PER_SECOND * (1 + elapsedSeconds));
    const { Items = [] } = await table.client.send(new ScanCommand({ TableName: table.tableName }));
    const buckets = Items.filter((item) => item.pk?.S?.startsWith(`rate#${destination}`));
    expect(buckets.length).toBeGreaterThan(1);
  }, 300_000);
});

import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  createSharedRateLimiter,
  MalformedBucketItemError,
  RateStateUnavailableError,
  type RateGrant,
  type SharedRateLimiter,
  type SharedRateLimiterOptions,
} from '../../../../lambdas/connector/rate-limit';
import { manualClock, startLocalStateTable, type LocalStateTable } from '../helpers/local-state-table';

describe('shared rate limiter: what it stores and what it costs', () => {
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
    destination = `erp-${destinationCount}`;
    table.commands.length = 0;
  });

  const limiterWith = (overrides: Partial<SharedRateLimiterOptions> = {}): SharedRateLimiter =>
    createSharedRateLimiter({
      client: table.client,
      tableName: table.tableName,
      destination,
      ceilingPerSecond: 5,
      now: clock.now,
      ...overrides,
    });
  const bucketKey = () => ({ pk: { S: `rate#${destination}` }, sk: { S: 'bucket' } });

  test('the sends of one batch share one read and one write', async () => {
    const limiter = limiterWith({ ceilingPerSecond: 20 });

    const ten = await Promise.all(Array.from({ length: 10 }, () => limiter.acquire()));
    const twelve = await Promise.all(Array.from({ length: 12 }, () => limiter.acquire()));

    expect(ten.every((grant) => grant.granted)).toBe(true);
    expect(twelve.filter((grant) => grant.granted)).toHaveLength(10);
    expect(table.commands).toEqual(['GetItemCommand', 'PutItemCommand', 'PutItemCommand', 'GetItemCommand']);
  });

  test('sends refused together come back one token interval apart', async () => {
    const limiter = limiterWith({ ceilingPerSecond: 2 });

    const grants: RateGrant[] = await Promise.all(Array.from({ length: 5 }, () => limiter.acquire()));

    expect(grants).toEqual([
      { granted: true },
      { granted: true },
      { granted: false, waitMs: 500 },
      { granted: false, waitMs: 1_000 },
      { granted: false, waitMs: 1_500 },
    ]);
  });

  test('while the destination is paused, refusals cost no call to the table', async () => {
    const limiter = limiterWith();
    await limiter.onThrottled(60);
    table.commands.length = 0;

    const grants = await Promise.all([limiter.acquire(), limiter.acquire()]);

    expect(grants).toEqual([
      { granted: false, waitMs: 60_400 },
      { granted: false, waitMs: 60_800 },
    ]);
    expect(table.commands).toEqual([]);
  });

  test('successes below the ceiling ride on the next acquire, at no extra write', async () => {
    const limiter = limiterWith({ successesPerIncrease: 2 });
    await limiter.onThrottled();
    clock.advance(2_000);
    limiter.onSuccess();
    limiter.onSuccess();
    const writesBefore = table.commands.filter((name) => name === 'PutItemCommand').length;

    await limiter.acquire();

    expect(table.commands.filter((name) => name === 'PutItemCommand')).toHaveLength(writesBefore + 1);
    expect(limiter.currentRate()).toBe(3);
  });

  test('the bucket lives under the documented key with a version and a TTL, and a lower ceiling caps it', async () => {
    const limiter = limiterWith();
    expect(limiter.currentRate()).toBe(5);
    await limiter.acquire();

    const { Item } = await table.client.send(new GetItemCommand({ TableName: table.tableName, Key: bucketKey() }));
    const redeployed = limiterWith({ ceilingPerSecond: 2 });
    await redeployed.acquire();

    expect(Item).toMatchObject({ rate: { N: '5' }, tokens: { N: '4' }, version: { N: '1' } });
    expect(Number(Item?.expiresAt?.N)).toBeGreaterThan(clock.now() / 1000);
    expect(redeployed.currentRate()).toBe(2);
  });

  test('a malformed item is reported, naming how to reset it', async () => {
    const limiter = limiterWith();
    await table.client.send(
      new PutItemCommand({
        TableName: table.tableName,
        Item: { ...bucketKey(), version: { N: '3' }, rate: { S: 'fast' } },
      }),
    );

    await expect(limiter.acquire()).rejects.toThrow(MalformedBucketItemError);
    await expect(limiter.acquire()).rejects.toThrow('delete it to restart at the ceiling');
  });

  test('a state table that cannot be reached fails the acquire with the cause kept', async () => {
    const limiter = limiterWith({ tableName: 'no-such-table' });

    const failure = await limiter.acquire().catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(RateStateUnavailableError);
    expect((failure as Error).cause).toMatchObject({ name: 'ResourceNotFoundException' });
  });

  test('a negative Retry-After is refused', async () => {
    await expect(limiterWith().onThrottled(-1)).rejects.toThrow(
      new RangeError('retryAfterSeconds must be a finite number >= 0, got -1'),
    );
  });

  test.each([
    [{ ceilingPerSecond: 0 }, 'ceilingPerSecond must be a finite number > 0, got 0'],
    [{ floorPerSecond: 10 }, 'floorPerSecond must be <= ceilingPerSecond (5), got 10'],
    [{ floorPerSecond: -1 }, 'floorPerSecond must be a finite number > 0, got -1'],
    [{ burstSeconds: 0 }, 'burstSeconds must be a finite number > 0, got 0'],
    [{ increaseStepPerSecond: Number.NaN }, 'increaseStepPerSecond must be a finite number > 0, got NaN'],
    [{ successesPerIncrease: 2.5 }, 'successesPerIncrease must be a whole number >= 1, got 2.5'],
    [{ decreaseIntervalMs: -1 }, 'decreaseIntervalMs must be a finite number >= 0, got -1'],
    [{ maxTokensPerCall: 0 }, 'maxTokensPerCall must be a whole number >= 1, got 0'],
    [{ destination: '' }, 'destination must name the destination'],
    [{ tableName: '' }, 'tableName must name the state table'],
  ])('options %p are refused when the limiter is built', (bad, message) => {
    expect(() => limiterWith(bad)).toThrow(new RangeError(message));
  });
});

import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  CircuitStateUnavailableError,
  createSharedCircuitBreaker,
  MalformedCircuitItemError,
  type SharedCircuitBreaker,
  type SharedCircuitBreakerOptions,
} from '../../../../lambdas/connector/circuit-breaker';
import { manualClock, startLocalStateTable, type LocalStateTable } from '../helpers/local-state-table';

describe('shared circuit breaker: what it stores and what it costs', () => {
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

  const breakerWith = (overrides: Partial<SharedCircuitBreakerOptions> = {}): SharedCircuitBreaker =>
    createSharedCircuitBreaker({
      client: table.client,
      tableName: table.tableName,
      destination,
      failureThreshold: 3,
      cooldownMs: 10_000,
      now: clock.now,
      ...overrides,
    });
  const circuitKey = () => ({ pk: { S: `circuit#${destination}` }, sk: { S: 'state' } });

  test('on the happy path it reads once per cacheMs and never writes', async () => {
    const breaker = breakerWith({ cacheMs: 1_000 });

    for (let send = 0; send < 50; send += 1) {
      const pass = await breaker.beforeSend();
      if (pass.allowed) await breaker.recordSuccess(pass);
      clock.advance(30);
    }

    expect(table.commands.filter((name) => name === 'PutItemCommand')).toHaveLength(0);
    expect(table.commands.filter((name) => name === 'GetItemCommand')).toHaveLength(2);
  });

  test('outcomes of parallel sends in one instance are recorded in turn, without conflicting writes', async () => {
    const breaker = breakerWith();
    const pass = await breaker.beforeSend();
    if (!pass.allowed) throw new Error('a new circuit refused a send');

    await Promise.all(Array.from({ length: 10 }, () => breaker.recordFailure(pass)));

    expect(breaker.state()).toBe('open');
    expect(table.commands).toEqual(['GetItemCommand', 'PutItemCommand', 'PutItemCommand', 'PutItemCommand']);
  });

  test('the shared item holds the state under the documented key, with a TTL', async () => {
    const breaker = breakerWith();
    for (let failure = 0; failure < 3; failure += 1) await breaker.recordFailure({ allowed: true, probe: false });

    const { Item } = await table.client.send(new GetItemCommand({ TableName: table.tableName, Key: circuitKey() }));

    expect(Item).toMatchObject({ state: { S: 'open' }, version: { N: '3' } });
    expect(Number(Item?.openUntil?.N)).toBe(clock.now() + 10_000);
    expect(Number(Item?.expiresAt?.N)).toBeGreaterThan(clock.now() / 1000);
  });

  test('a malformed item is reported, naming how to reset it', async () => {
    const breaker = breakerWith();
    await table.client.send(
      new PutItemCommand({
        TableName: table.tableName,
        Item: { ...circuitKey(), state: { S: 'ajar' }, version: { N: '1' } },
      }),
    );

    await expect(breaker.beforeSend()).rejects.toThrow(MalformedCircuitItemError);
    await expect(breaker.beforeSend()).rejects.toThrow(
      'circuit state item is malformed (state is "ajar"); delete it to reset the circuit',
    );
  });

  test('a half-open item without its probe id is reported', async () => {
    const breaker = breakerWith();
    await table.client.send(
      new PutItemCommand({
        TableName: table.tableName,
        Item: { ...circuitKey(), state: { S: 'half-open' }, version: { N: '2' }, probeUntil: { N: '1' } },
      }),
    );

    await expect(breaker.beforeSend()).rejects.toThrow('circuit state item is malformed (probeId is missing)');
  });

  test('a state table that cannot be reached fails the send with the cause kept', async () => {
    const breaker = breakerWith({ tableName: 'no-such-table' });

    const failure = await breaker.beforeSend().catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(CircuitStateUnavailableError);
    expect((failure as Error).cause).toMatchObject({ name: 'ResourceNotFoundException' });
  });

  test.each([
    [{ failureThreshold: 0 }, 'failureThreshold must be a whole number >= 1, got 0'],
    [{ cooldownMs: 0 }, 'cooldownMs must be a finite number > 0, got 0'],
    [{ maxCooldownMs: 5_000 }, 'maxCooldownMs must be >= cooldownMs (10000), got 5000'],
    [{ probeLeaseMs: Number.NaN }, 'probeLeaseMs must be a finite number > 0, got NaN'],
    [{ cacheMs: -1 }, 'cacheMs must be a finite number >= 0, got -1'],
    [{ destination: '' }, 'destination must name the destination'],
    [{ tableName: '' }, 'tableName must name the state table'],
  ])('options %p are refused when the breaker is built', (bad, message) => {
    expect(() => breakerWith(bad)).toThrow(new RangeError(message));
  });
});

import {
  createSharedCircuitBreaker,
  type SharedCircuitBreaker,
  type SharedCircuitBreakerOptions,
} from '../../../../lambdas/connector/circuit-breaker';
import { manualClock, startLocalStateTable, type LocalStateTable } from '../helpers/local-state-table';

describe('shared circuit breaker across Lambda instances', () => {
  let table: LocalStateTable;
  const clock = manualClock();
  let destinationCount = 0;

  beforeAll(async () => {
    table = await startLocalStateTable();
  });
  afterAll(() => table.close());

  /** A fresh destination per call, and one breaker per simulated Lambda instance sharing its state. */
  function instances(count: number, overrides: Partial<SharedCircuitBreakerOptions> = {}): SharedCircuitBreaker[] {
    destinationCount += 1;
    const destination = `crm-${destinationCount}`;
    return Array.from({ length: count }, () =>
      createSharedCircuitBreaker({
        client: table.client,
        tableName: table.tableName,
        destination,
        failureThreshold: 3,
        cooldownMs: 10_000,
        probeLeaseMs: 5_000,
        cacheMs: 1_000,
        now: clock.now,
        ...overrides,
      }),
    );
  }

  async function failUntilOpen(breaker: SharedCircuitBreaker, failures = 3): Promise<void> {
    for (let index = 0; index < failures; index += 1) {
      const pass = await breaker.beforeSend();
      if (!pass.allowed) throw new Error('refused before the threshold');
      await breaker.recordFailure(pass);
    }
  }

  test('opens after the threshold of consecutive failures and refuses sends for the cooldown', async () => {
    const [breaker] = instances(1) as [SharedCircuitBreaker];

    await failUntilOpen(breaker, 2);
    expect(await breaker.beforeSend()).toEqual({ allowed: true, probe: false });
    await failUntilOpen(breaker, 1);

    expect(breaker.state()).toBe('open');
    expect(await breaker.beforeSend()).toEqual({ allowed: false, retryAfterMs: 10_000 });
    clock.advance(4_000);
    expect(await breaker.beforeSend()).toEqual({ allowed: false, retryAfterMs: 6_000 });
  });

  test('a success in between resets the run, so scattered failures never open the circuit', async () => {
    const [breaker] = instances(1) as [SharedCircuitBreaker];

    await failUntilOpen(breaker, 2);
    const pass = await breaker.beforeSend();
    if (pass.allowed) await breaker.recordSuccess(pass);
    await failUntilOpen(breaker, 2);

    expect(breaker.state()).toBe('closed');
    expect(await breaker.beforeSend()).toEqual({ allowed: true, probe: false });
  });

  test('another instance sees the circuit open once its cached closed state is older than cacheMs', async () => {
    const [first, second] = instances(2) as [SharedCircuitBreaker, SharedCircuitBreaker];
    expect(await second.beforeSend()).toEqual({ allowed: true, probe: false });

    await failUntilOpen(first);
    clock.advance(1_000);

    expect(await second.beforeSend()).toEqual({ allowed: false, retryAfterMs: 9_000 });
    expect(second.state()).toBe('open');
  });

  test('after the cooldown exactly one of several instances asking at once gets the probe', async () => {
    const breakers = instances(5);
    await failUntilOpen(breakers[0] as SharedCircuitBreaker);
    clock.advance(10_000);

    const admissions = await Promise.all(breakers.map((breaker) => breaker.beforeSend()));

    expect(admissions.filter((admission) => admission.allowed && admission.probe)).toHaveLength(1);
    expect(admissions.filter((admission) => !admission.allowed)).toHaveLength(4);
    expect(admissions.filter((admission) => admission.allowed && !admission.probe)).toHaveLength(0);
  });

  test('a successful probe closes the circuit for every instance', async () => {
    const [first, second] = instances(2) as [SharedCircuitBreaker, SharedCircuitBreaker];
    await failUntilOpen(first);
    clock.advance(10_000);
    const probe = await second.beforeSend();
    expect(probe).toEqual({ allowed: true, probe: true });
    expect(await first.beforeSend()).toEqual({ allowed: false, retryAfterMs: 5_000 });

    if (probe.allowed) await second.recordSuccess(probe);
    clock.advance(1_000);

    expect(second.state()).toBe('closed');
    expect(await first.beforeSend()).toEqual({ allowed: true, probe: false });
  });

  test('a failed probe re-opens the circuit with a doubled cooldown', async () => {
    const [breaker] = instances(1) as [SharedCircuitBreaker];
    await failUntilOpen(breaker);
    clock.advance(10_000);
    const probe = await breaker.beforeSend();

    if (probe.allowed) await breaker.recordFailure(probe);

    expect(breaker.state()).toBe('open');
    expect(await breaker.beforeSend()).toEqual({ allowed: false, retryAfterMs: 20_000 });
  });

  test('an outcome of an ordinary send during a probe neither closes nor re-opens the circuit', async () => {
    const [first, second] = instances(2) as [SharedCircuitBreaker, SharedCircuitBreaker];
    const failed = await second.beforeSend();
    const stillInFlight = await second.beforeSend();
    if (failed.allowed) await second.recordFailure(failed);
    await failUntilOpen(first, 2);
    clock.advance(10_000);
    expect(await first.beforeSend()).toMatchObject({ probe: true });

    if (stillInFlight.allowed) await second.recordSuccess(stillInFlight);
    if (stillInFlight.allowed) await second.recordFailure(stillInFlight);

    expect(second.state()).toBe('half-open');
    expect(await second.beforeSend()).toEqual({ allowed: false, retryAfterMs: 5_000 });
  });

  test('a probe abandoned before sending lets another instance probe without waiting for its claim to lapse', async () => {
    const [first, second] = instances(2) as [SharedCircuitBreaker, SharedCircuitBreaker];
    await failUntilOpen(first);
    clock.advance(10_000);
    const probe = await first.beforeSend();
    expect(await second.beforeSend()).toMatchObject({ allowed: false });

    if (probe.allowed) await first.abandon(probe);
    clock.advance(1_000);

    expect(await second.beforeSend()).toEqual({ allowed: true, probe: true });
  });

  test('abandoning an ordinary send changes nothing', async () => {
    const [breaker] = instances(1) as [SharedCircuitBreaker];
    const pass = await breaker.beforeSend();
    table.commands.length = 0;

    if (pass.allowed) await breaker.abandon(pass);

    expect(table.commands).toEqual([]);
    expect(breaker.state()).toBe('closed');
  });

  test('a probe whose sender never reports lets another instance probe once its claim lapses', async () => {
    const [first, second] = instances(2) as [SharedCircuitBreaker, SharedCircuitBreaker];
    await failUntilOpen(first);
    clock.advance(10_000);
    expect(await first.beforeSend()).toMatchObject({ probe: true });

    clock.advance(5_000);

    expect(await second.beforeSend()).toEqual({ allowed: true, probe: true });
  });
});

import fc from 'fast-check';
import {
  admit,
  afterFailure,
  afterSuccess,
  CLOSED_CIRCUIT,
  releaseProbe,
  type CircuitPolicy,
  type CircuitState,
} from '../../../../lambdas/connector/circuit-breaker/circuit-state';

const policy: CircuitPolicy = { failureThreshold: 3, cooldownMs: 1_000, maxCooldownMs: 5_000, probeLeaseMs: 400 };
const T = 50_000;

describe('admit', () => {
  test('a closed circuit lets every send through, none as a probe', () => {
    expect(admit({ kind: 'closed', failures: 2 }, policy, T, 'p1')).toEqual({ allowed: true, probe: false });
  });

  test('an open circuit refuses until its cooldown ends, naming the time left', () => {
    const open: CircuitState = { kind: 'open', openUntilMs: T + 700, cooldownMs: 1_000 };

    expect(admit(open, policy, T, 'p1')).toEqual({ allowed: false, retryAfterMs: 700 });
  });

  test('once the cooldown is over, one send goes through as the probe and the circuit turns half-open', () => {
    const open: CircuitState = { kind: 'open', openUntilMs: T, cooldownMs: 2_000 };

    expect(admit(open, policy, T, 'p1')).toEqual({
      allowed: true,
      probe: true,
      next: { kind: 'half-open', probeId: 'p1', probeUntilMs: T + 400, cooldownMs: 2_000 },
    });
  });

  test('half-open refuses everyone but the probe until its claim lapses, then another may probe', () => {
    const halfOpen: CircuitState = { kind: 'half-open', probeId: 'p1', probeUntilMs: T + 100, cooldownMs: 1_000 };

    expect(admit(halfOpen, policy, T, 'p2')).toEqual({ allowed: false, retryAfterMs: 100 });
    expect(admit(halfOpen, policy, T + 100, 'p2')).toMatchObject({
      allowed: true,
      probe: true,
      next: { kind: 'half-open', probeId: 'p2', probeUntilMs: T + 500 },
    });
  });
});

describe('afterFailure', () => {
  test('consecutive failures open the circuit at the threshold, for one cooldown', () => {
    const once = afterFailure(CLOSED_CIRCUIT, policy, T);
    const twice = afterFailure(once, policy, T);

    expect([once, twice]).toEqual([
      { kind: 'closed', failures: 1 },
      { kind: 'closed', failures: 2 },
    ]);
    expect(afterFailure(twice, policy, T)).toEqual({ kind: 'open', openUntilMs: T + 1_000, cooldownMs: 1_000 });
  });

  test('a failed probe re-opens the circuit with twice the cooldown, up to the maximum', () => {
    const probing = (cooldownMs: number): CircuitState => ({
      kind: 'half-open',
      probeId: 'p1',
      probeUntilMs: T + 400,
      cooldownMs,
    });

    expect(afterFailure(probing(1_000), policy, T, 'p1')).toEqual({
      kind: 'open',
      openUntilMs: T + 2_000,
      cooldownMs: 2_000,
    });
    expect(afterFailure(probing(4_000), policy, T, 'p1')).toEqual({
      kind: 'open',
      openUntilMs: T + 5_000,
      cooldownMs: 5_000,
    });
  });

  test('failures of sends that are not the current probe change nothing', () => {
    const open: CircuitState = { kind: 'open', openUntilMs: T + 10, cooldownMs: 1_000 };
    const halfOpen: CircuitState = { kind: 'half-open', probeId: 'p1', probeUntilMs: T + 400, cooldownMs: 1_000 };

    expect(afterFailure(open, policy, T)).toBe(open);
    expect(afterFailure(halfOpen, policy, T)).toBe(halfOpen);
    expect(afterFailure(halfOpen, policy, T, 'stale-probe')).toBe(halfOpen);
  });
});

describe('afterSuccess', () => {
  test('a success ends a run of failures; with none, the state is kept as it is', () => {
    const closed: CircuitState = { kind: 'closed', failures: 0 };

    expect(afterSuccess({ kind: 'closed', failures: 2 })).toEqual(CLOSED_CIRCUIT);
    expect(afterSuccess(closed)).toBe(closed);
  });

  test('only the probe closes a half-open circuit; open stays open', () => {
    const halfOpen: CircuitState = { kind: 'half-open', probeId: 'p1', probeUntilMs: T + 400, cooldownMs: 1_000 };
    const open: CircuitState = { kind: 'open', openUntilMs: T + 10, cooldownMs: 1_000 };

    expect(afterSuccess(halfOpen, 'p1')).toEqual(CLOSED_CIRCUIT);
    expect(afterSuccess(halfOpen, 'p2')).toBe(halfOpen);
    expect(afterSuccess(halfOpen)).toBe(halfOpen);
    expect(afterSuccess(open)).toBe(open);
  });
});

describe('releaseProbe', () => {
  test('a probe never sent hands its claim back: open again, due at once, with the same cooldown', () => {
    const halfOpen: CircuitState = { kind: 'half-open', probeId: 'p1', probeUntilMs: T + 400, cooldownMs: 2_000 };

    expect(releaseProbe(halfOpen, T, 'p1')).toEqual({ kind: 'open', openUntilMs: T, cooldownMs: 2_000 });
    expect(releaseProbe(halfOpen, T, 'p2')).toBe(halfOpen);
    expect(releaseProbe(CLOSED_CIRCUIT, T, 'p1')).toBe(CLOSED_CIRCUIT);
  });
});

describe('invariants over any sequence of sends', () => {
  const step = fc.record({
    elapsedMs: fc.integer({ min: 0, max: 3_000 }),
    failed: fc.boolean(),
  });

  test('property: failures stay below the threshold, cooldowns within bounds, and a probe is only claimed when due', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        let state: CircuitState = CLOSED_CIRCUIT;
        let now = T;
        steps.forEach(({ elapsedMs, failed }, index) => {
          now += elapsedMs;
          const probeId = `p${index}`;
          const decision = admit(state, policy, now, probeId);
          if (!decision.allowed) expect(decision.retryAfterMs).toBeGreaterThan(0);
          if (decision.allowed && decision.probe) {
            const dueMs =
              state.kind === 'open' ? state.openUntilMs : state.kind === 'half-open' ? state.probeUntilMs : Infinity;
            expect(dueMs).toBeLessThanOrEqual(now);
            state = decision.next;
          }
          if (decision.allowed) {
            const ownProbe = decision.probe ? probeId : undefined;
            state = failed ? afterFailure(state, policy, now, ownProbe) : afterSuccess(state, ownProbe);
          }
          if (state.kind === 'closed') expect(state.failures).toBeLessThan(policy.failureThreshold);
          else expect(state.cooldownMs).toBeGreaterThanOrEqual(policy.cooldownMs);
          if (state.kind !== 'closed') expect(state.cooldownMs).toBeLessThanOrEqual(policy.maxCooldownMs);
        });
      }),
    );
  });
});

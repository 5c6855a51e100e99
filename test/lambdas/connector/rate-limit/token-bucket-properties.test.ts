import fc from 'fast-check';
import {
  capacity,
  decrease,
  fullBucket,
  increase,
  take,
  type RateLimits,
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

describe('properties', () => {
  const event = fc.oneof(
    fc.record({ kind: fc.constant('take' as const), wanted: fc.integer({ min: 1, max: 10 }) }),
    fc.record({ kind: fc.constant('throttle' as const), retryAfterMs: fc.option(fc.integer({ min: 0, max: 5_000 })) }),
    fc.record({ kind: fc.constant('succeed' as const), count: fc.integer({ min: 1, max: 20 }) }),
  );
  const timed = fc.array(fc.tuple(fc.integer({ min: 0, max: 2_000 }), event), { maxLength: 80 });

  test('the rate stays within [floor, ceiling] and the tokens within [0, capacity]', () => {
    fc.assert(
      fc.property(timed, (events) => {
        let state = fullBucket(limits, T);
        let now = T;
        for (const [elapsed, happening] of events) {
          now += elapsed;
          if (happening.kind === 'take') state = take(state, happening.wanted, limits, now).bucket;
          if (happening.kind === 'throttle') state = decrease(state, limits, now, happening.retryAfterMs ?? undefined);
          if (happening.kind === 'succeed') state = increase(state, limits, happening.count);
          expect(state.ratePerSecond).toBeGreaterThanOrEqual(limits.floorPerSecond);
          expect(state.ratePerSecond).toBeLessThanOrEqual(limits.ceilingPerSecond);
          expect(state.tokens).toBeGreaterThanOrEqual(0);
          expect(state.tokens).toBeLessThanOrEqual(capacity(state.ratePerSecond, limits));
        }
      }),
    );
  });

  test('at a steady rate, grants over any span never exceed one burst plus the rate times the span', () => {
    const takes = fc.array(fc.tuple(fc.integer({ min: 0, max: 700 }), fc.integer({ min: 1, max: 10 })), {
      maxLength: 100,
    });
    fc.assert(
      fc.property(takes, fc.double({ min: 0.1, max: 50, noNaN: true }), (steps, ratePerSecond) => {
        let state = { ...fullBucket(limits, T), ratePerSecond, tokens: capacity(ratePerSecond, limits) };
        let now = T;
        let granted = 0;
        for (const [elapsed, wanted] of steps) {
          now += elapsed;
          const taken = take(state, wanted, limits, now);
          state = taken.bucket;
          granted += taken.granted;
        }
        expect(granted).toBeLessThanOrEqual(
          capacity(ratePerSecond, limits) + (ratePerSecond * (now - T)) / 1000 + 1e-6,
        );
      }),
    );
  });
});

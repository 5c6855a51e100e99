import fc from 'fast-check';
import { decideRetry, pastKeeping, type RetryPolicy } from '../../../lambdas/connector/retry-decision';
import type { DeferralReason } from '../../../lambdas/connector/delivery-errors';

const POLICY: RetryPolicy = {
  maxAttempts: 5,
  horizonSeconds: 3600,
  keepSeconds: 90_000,
  baseSeconds: 10,
  capSeconds: 900,
};
const half = () => 0.5;

describe('retry decision', () => {
  test('a failed attempt comes back after a delay growing with attempts, until the budget is spent', () => {
    const delays = [1, 2, 3, 4].map((attempts) =>
      decideRetry('failed', { attempts, receiveCount: 1, elapsedSeconds: 0 }, POLICY, half),
    );

    expect(delays.map((decision) => decision.kind === 'defer' && decision.delaySeconds)).toEqual([8, 15, 30, 60]);
    expect(decideRetry('failed', { attempts: 5, receiveCount: 40, elapsedSeconds: 0 }, POLICY, half)).toMatchObject({
      kind: 'dead-letter',
      reason: 'attempts-exhausted',
    });
  });

  test('receives do not spend the budget: the 40th receive after one failed attempt waits like the first', () => {
    expect(decideRetry('failed', { attempts: 1, receiveCount: 40, elapsedSeconds: 0 }, POLICY, half)).toEqual(
      decideRetry('failed', { attempts: 1, receiveCount: 1, elapsedSeconds: 0 }, POLICY, half),
    );
  });

  test.each<[DeferralReason, number | undefined, number]>([
    ['circuit-open', 30, 35],
    ['rate-limited', 2, 7],
    ['throttled', 60, 65],
    ['throttled', undefined, 15],
    ['version-busy', 120, 15],
    ['in-progress-elsewhere', 3, 8],
  ])(
    'a wait (%s, %s s) spends no attempt and comes back when it is over, spread by up to one base delay',
    (reason, wait, delay) => {
      expect(
        decideRetry(
          reason,
          {
            attempts: 0,
            receiveCount: 900,
            elapsedSeconds: reason === 'circuit-open' ? 100 : 86_000,
            retryAfterSeconds: wait,
          },
          POLICY,
          half,
        ),
      ).toEqual({
        kind: 'defer',
        delaySeconds: delay,
      });
    },
  );

  test('an unexpected error is retried on the failure schedule by receive count, within five minutes', () => {
    expect(decideRetry(undefined, { attempts: 0, receiveCount: 1, elapsedSeconds: 0 }, POLICY, half)).toEqual({
      kind: 'defer',
      delaySeconds: 8,
    });
    expect(decideRetry(undefined, { attempts: 0, receiveCount: 50, elapsedSeconds: 0 }, POLICY, () => 1)).toEqual({
      kind: 'defer',
      delaySeconds: 300,
    });
  });

  test.each(['failed', 'circuit-open', undefined] as const)(
    'a failure (%s) whose next attempt would pass the horizon is dead-lettered with horizon-exceeded; before, deferred',
    (reason) => {
      const facts = { attempts: 1, receiveCount: 3, elapsedSeconds: 3000 };
      expect(decideRetry(reason, facts, POLICY, half)).toMatchObject({ kind: 'defer' });
      expect(decideRetry(reason, { ...facts, elapsedSeconds: 3595 }, POLICY, half)).toMatchObject({
        kind: 'dead-letter',
        reason: 'horizon-exceeded',
      });
    },
  );

  test('a failing destination asking to wait past the horizon (Retry-After) dead-letters the event now', () => {
    const facts = { attempts: 1, receiveCount: 1, elapsedSeconds: 5, retryAfterSeconds: 3600 };
    expect(decideRetry('failed', facts, POLICY, half)).toMatchObject({
      kind: 'dead-letter',
      reason: 'horizon-exceeded',
    });
    expect(decideRetry('throttled', facts, POLICY, half)).toMatchObject({ kind: 'defer' });
  });

  test('a record waiting behind the rate or its subject is dead-lettered only before the queue would drop it', () => {
    expect(pastKeeping(0, 3_601_000, POLICY)).toBeUndefined();
    expect(pastKeeping(0, 86_400_000, POLICY)).toBeUndefined();
    expect(pastKeeping(0, 86_401_000, POLICY)).toMatchObject({ kind: 'dead-letter', reason: 'horizon-exceeded' });
    expect(pastKeeping(0, 3_601_000, { horizonSeconds: 3600, keepSeconds: 3600 })).toMatchObject({
      kind: 'dead-letter',
    });
  });

  test('every deferral is between 1 s and the SQS limit, and a wait never dead-letters within what the queue keeps', () => {
    const reasons = fc.constantFrom<DeferralReason | undefined>(
      'circuit-open',
      'rate-limited',
      'throttled',
      'version-busy',
      'in-progress-elsewhere',
      'failed',
      undefined,
    );
    fc.assert(
      fc.property(
        reasons,
        fc.nat(10),
        fc.integer({ min: 1, max: 1000 }),
        fc.option(fc.nat(100_000), { nil: undefined }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (reason, attempts, receiveCount, retryAfterSeconds, random) => {
          const decision = decideRetry(
            reason,
            { attempts, receiveCount, elapsedSeconds: 10, retryAfterSeconds },
            POLICY,
            () => random,
          );
          if (decision.kind === 'dead-letter') expect([undefined, 'failed', 'circuit-open']).toContain(reason);
          else {
            expect(decision.delaySeconds).toBeGreaterThanOrEqual(reason === undefined ? 0 : 1);
            expect(decision.delaySeconds).toBeLessThanOrEqual(43_200);
          }
        },
      ),
    );
  });
});
